"""Public article and glossary pages."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regenknee.articles.models import Article, GlossaryTerm, Reference

pytestmark = pytest.mark.django_db


def make_article(slug, position, status=Article.Status.PUBLISHED, **fields):
    return Article.objects.create(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        summary=fields.pop("summary", f"Summary of {slug}."),
        body=fields.pop("body", "## Section\n\nSome words here [@ref1]."),
        position=position,
        status=status,
        **fields,
    )


def test_article_page_shows_title_summary_toc_body_references_and_pager(client, synced):
    response = client.get("/articles/first-article/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h1>First article</h1>" in html
    assert "A short summary." in html
    assert "1 minute read" in html
    assert '<a href="#what-an-msc-is">What an MSC is</a>' in html
    assert '<h2 id="what-an-msc-is">What an MSC is</h2>' in html
    assert '<li id="ref-dominici2006">' in html
    assert 'href="https://doi.org/10.1080/14653240600855905"' in html
    assert 'rel="next"' in html and "Second article" in html
    assert 'rel="prev"' not in html


def test_unreviewed_article_says_so_honestly(client, synced):
    html = client.get("/articles/first-article/").content.decode()
    assert "Not yet clinically reviewed" in html
    assert 'Next review due <time datetime="2027-05-21">21 May 2027</time>' in html
    data = json_ld(html)
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_reviewed_article_shows_reviewer_and_json_ld(client, db):
    article = make_article(
        "reviewed",
        1,
        body="Text.",
        reviewed_by="Dr A Example, FRCS",
        reviewed_on=datetime.date(2026, 10, 1),
        review_due=datetime.date(2027, 10, 1),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        'Reviewed by Dr A Example, FRCS on <time datetime="2026-10-01">1 October 2026</time>'
        ' · Next review due <time datetime="2027-10-01">1 October 2027</time>'
    ) in html
    data = json_ld(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-10-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A Example, FRCS"}


def test_json_ld_cannot_be_broken_out_of(client, db):
    article = make_article("tricky", 1, title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_unpublished_articles_are_not_public(client, status):
    make_article("hidden", 1, status=status)
    assert client.get("/articles/hidden/").status_code == 404
    assert "/articles/hidden/" not in client.get("/").content.decode()
    assert "/articles/hidden/" not in client.get("/sitemap.xml").content.decode()


def test_scheduled_article_appears_when_its_time_comes(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 4, 12, 0, tzinfo=datetime.UTC), tick=False)
    make_article(
        "scheduled", 1, publish_at=datetime.datetime(2027, 1, 5, 9, 0, tzinfo=datetime.UTC)
    )
    assert client.get("/articles/scheduled/").status_code == 404
    assert "/articles/scheduled/" not in client.get("/").content.decode()
    time_machine.move_to(datetime.datetime(2027, 1, 5, 9, 1, tzinfo=datetime.UTC), tick=False)
    assert client.get("/articles/scheduled/").status_code == 200
    assert "/articles/scheduled/" in client.get("/").content.decode()


def test_pager_skips_unpublished_articles(client):
    make_article("one", 1)
    make_article("two", 2, status=Article.Status.DRAFT)
    make_article("three", 3)
    html = client.get("/articles/one/").content.decode()
    assert 'href="/articles/three/" rel="next"' in html
    assert "/articles/two/" not in html


def test_references_are_listed_in_citation_order(client):
    article = make_article("cites", 1, body="First [@b]. Then [@a].")
    Reference.objects.create(
        article=article, key="a", position=0, title="Alpha", source="S", url="https://a.example"
    )
    Reference.objects.create(
        article=article, key="b", position=1, title="Beta", source="S", pmid="123"
    )
    html = client.get("/articles/cites/").content.decode()
    assert html.index('id="ref-b"') < html.index('id="ref-a"')
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/123/"' in html


def test_article_page_query_count_does_not_grow_with_articles(
    client, django_assert_max_num_queries
):
    for position in range(1, 4):
        make_article(f"article-{position}", position)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/articles/article-2/").status_code == 200
    for position in range(4, 60):
        article = make_article(f"article-{position}", position)
        Reference.objects.create(article=article, key="ref1", title="T", source="S", pmid="1")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/articles/article-2/").status_code == 200
    assert len(many) == len(few)
    # Four for the page, one for the clinic profile in the footer, one by the page cache for
    # the content generation kept in the database (read again after content changes, then at
    # most once a second).
    assert len(many) <= 6, [query["sql"] for query in many.captured_queries]


def test_body_html_is_rendered_on_save_not_per_request(client, monkeypatch):
    article = make_article("stored", 1, body="Stored **text**.")
    from regenknee.articles import models

    def fail(*args, **kwargs):
        raise AssertionError("rendered during a request")

    monkeypatch.setattr(models, "render_markdown", fail)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Stored <strong>text</strong>." in html


def test_admin_text_with_windows_line_endings_is_normalised(db):
    article = make_article("crlf", 1, body="Line one\r\n\r\nLine two\r\n\r\n")
    assert article.body == "Line one\n\nLine two\n"


def test_glossary_page_lists_terms_with_anchors(client, synced):
    response = client.get("/glossary/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<dl class="glossary">' in html
    assert '<dt id="cartilage"><a class="term-link" href="#cartilage">Cartilage</a></dt>' in html
    assert "<dd>The smooth, firm tissue that covers the ends of bones in a joint.</dd>" in html


def test_glossary_escapes_what_staff_type(client, db):
    GlossaryTerm.objects.create(term="<b>Bold</b>", slug="bold", definition="<script>x</script>")
    html = client.get("/glossary/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_changing_the_glossary_in_the_admin_relinks_articles(
    admin_client, content_dir, django_capture_on_commit_callbacks
):
    from regenknee.sync.engine import sync_content

    with django_capture_on_commit_callbacks(execute=True):  # as if sync committed first
        sync_content(content_dir)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/articles/glossaryterm/add/",
            {
                "term": "Bone marrow",
                "slug": "bone-marrow",
                "definition": "Soft tissue inside bones.",
                "aliases": "",
            },
        )
    assert response.status_code == 302
    html = Article.objects.get(slug="first-article").body_html
    assert '<a class="glossary-term" href="/glossary/#bone-marrow">bone marrow</a>' in html


def test_unknown_article_is_a_friendly_404(client, db):
    response = client.get("/articles/no-such-thing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/"' in html


def test_article_page_has_breadcrumbs_with_the_current_page_marked(client, synced):
    html = client.get("/articles/first-article/").content.decode()
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<li><a href="/">Home</a></li>' in html
    assert '<li><a href="/#learning-path">Learn</a></li>' in html
    assert '<a href="/articles/first-article/" aria-current="page">First article</a>' in html
    trail = json_ld(html)["breadcrumb"]
    assert trail["@type"] == "BreadcrumbList"
    assert [(item["position"], item["name"]) for item in trail["itemListElement"]] == [
        (1, "Home"),
        (2, "Learn"),
        (3, "First article"),
    ]
    assert trail["itemListElement"][2]["item"] == "http://testserver/articles/first-article/"


def test_korean_article_breadcrumbs_are_in_korean(client, synced):
    html = client.get("/ko/articles/first-article/").content.decode()
    assert '<nav class="breadcrumbs" aria-label="현재 위치">' in html
    assert '<li><a href="/ko/">홈</a></li>' in html
    assert '<li><a href="/ko/#learning-path">알아보기</a></li>' in html


def test_contents_are_folded_in_details_and_repeated_as_a_side_column(client, synced):
    html = client.get("/articles/first-article/").content.decode()
    fold = html.index('<nav class="toc-box toc-fold" aria-label="On this page">')
    assert html.index("<details>", fold) < html.index("<summary>On this page</summary>", fold)
    assert "<details open" not in html
    side = html.index('<nav class="toc-box toc-side" aria-labelledby="toc-heading">')
    assert fold < side < html.index('<div class="article-body">')


def test_printed_article_names_the_site_and_its_address(client, synced):
    html = client.get("/articles/first-article/").content.decode()
    assert (
        '<p class="print-source">RegenKnee · <a href="http://testserver/articles/first-article/">'
        "http://testserver/articles/first-article/</a></p>" in html
    )
