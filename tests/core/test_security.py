"""Security headers, HTTPS redirect, cookies and Django's deployment checks, under the
production settings the suite runs with."""

import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from tests.conftest import REPO
from tests.servers.site import production_env

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/articles/first-article/",
    "/glossary/",
    "/about/",
    "/disclaimer/",
    "/privacy/",
    "/editorial-policy/",
    "/checklist/",
    "/robots.txt",
    "/sitemap.xml",
]


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize("path", ["/", "/articles/first-article/", "/admin/login/"])
def test_strict_content_security_policy(client, synced, path):
    csp = directives(client.get(path))
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    for sources in csp.values():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources


def test_security_headers_on_pages_and_static_files(client, synced):
    html = client.get("/").content.decode()
    stylesheet = html.split('<link rel="stylesheet" href="')[1].split('"')[0]
    for path in ["/", "/articles/first-article/", stylesheet]:
        response = client.get(path, headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 200, path
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    page = client.get("/")
    assert page["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in page["Content-Security-Policy"]


def test_plain_http_redirects_to_https_behind_the_proxy(client, synced, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/articles/first-article/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/articles/first-article/"
    proxied = client.get("/articles/first-article/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_set_no_cookie(client, synced, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies and "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")


def test_checklist_post_sets_no_cookie(client, synced):
    from tests.checklists.test_views import VALID

    response = client.post("/checklist/", VALID)
    assert response.status_code == 200
    assert not response.cookies and "Set-Cookie" not in response


def test_admin_cookies_are_secure_httponly_and_samesite(client):
    User.objects.create_superuser("editor", "editor@example.org", "a long pass phrase 42")
    login_page = client.get("/admin/login/")
    csrf = login_page.cookies["csrftoken"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long pass phrase 42"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


def test_deploy_check_reports_nothing_with_debug_off():
    # A production environment: no DJANGO_* variable but a real-looking key and host name.
    env = production_env(DJANGO_ALLOWED_HOSTS="regenknee.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
