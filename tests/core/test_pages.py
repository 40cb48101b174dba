"""Site chrome: home, static pages, sitemap, robots, error pages, settings."""

import pytest
from django.test import Client

from regenknee.articles.models import Article

pytestmark = pytest.mark.django_db


def test_home_lists_the_learning_path_in_order_with_a_checklist_entry(client, synced):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    first, second = html.index("/articles/first-article/"), html.index("/articles/second-article/")
    assert first < second
    assert "A short summary." in html
    assert 'href="/checklist/"' in html
    assert "not medical advice" in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/about/", "About RegenKnee"),
        ("/disclaimer/", "Medical disclaimer"),
        ("/privacy/", "Privacy"),
        ("/editorial-policy/", "How we write and review"),
    ],
)
def test_static_pages(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and f"<h1>{heading}</h1>" in html


def test_every_page_has_landmarks_and_a_skip_link(client, synced):
    for path in ["/", "/articles/first-article/", "/glossary/", "/about/"]:
        html = client.get(path).content.decode()
        assert '<a class="skip-link" href="#main-content"' in html
        assert '<main id="main-content"' in html
        assert '<nav class="site-nav" aria-label="Main">' in html
        assert "<footer" in html and '<html lang="en">' in html


def test_sitemap_lists_every_public_page(client, synced):
    Article.objects.create(slug="draft", title="Draft", summary="s", body="b", position=5)
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/",
        "/glossary/",
        "/about/",
        "/disclaimer/",
        "/privacy/",
        "/editorial-policy/",
        "/articles/first-article/",
        "/articles/second-article/",
    ]:
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert "/articles/draft/" not in xml


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_server_error_page_is_friendly(db, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "Traceback" not in html


def test_static_files_have_hashed_names(client):
    html = client.get("/about/").content.decode()
    assert "/static/css/site." in html and ".css" in html
    assert 'href="/static/css/site.css"' not in html


def test_no_third_party_assets(client, synced):
    for path in ["/", "/articles/first-article/", "/glossary/"]:
        html = client.get(path).content.decode()
        for tag in ("<script src=", '<link rel="stylesheet" href="http', '<img src="http'):
            assert tag not in html


def test_favicon_ico_points_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/img/favicon.")
    assert response["Location"].endswith(".svg")


def test_head_is_answered_with_the_get_headers_and_no_body(rf):
    from django.http import HttpResponse

    from regenknee.core.headers import HeadResponseMiddleware

    def view(request):
        response = HttpResponse("the page")
        response["Content-Length"] = "8"
        return response

    response = HeadResponseMiddleware(view)(rf.head("/"))
    assert response.content == b""
    assert response["Content-Length"] == "8"
    assert HeadResponseMiddleware(view)(rf.get("/")).content == b"the page"
