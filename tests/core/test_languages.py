"""The Korean edition's plumbing: language from the URL, links between languages, the page
cache kept apart per language, the sitemap, and a third language added by settings alone."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/articles/first-article/",
    "/glossary/",
    "/checklist/",
    "/about/",
    "/disclaimer/",
    "/privacy/",
    "/editorial-policy/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_is_served_in_korean_under_ko(client, synced, path):
    response = client.get(f"/ko{path}")
    assert response.status_code == 200
    assert response["Content-Language"] == "ko"
    assert '<html lang="ko">' in response.content.decode()


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_links_to_itself_in_every_language(client, synced, path):
    english = client.get(path).content.decode()
    assert f'<a href="/ko{path}" hreflang="ko" lang="ko">한국어</a>' in english
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{path}">' in english
    assert f'<link rel="alternate" hreflang="ko" href="http://testserver/ko{path}">' in english
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in english

    korean = client.get(f"/ko{path}").content.decode()
    assert f'<a href="{path}" hreflang="en" lang="en">English</a>' in korean
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{path}">' in korean
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in korean


def test_an_english_page_does_not_link_to_itself_as_another_language(client):
    html = client.get("/about/").content.decode()
    assert 'hreflang="en" lang="en"' not in html


def test_an_unprefixed_url_is_english_whatever_the_browser_or_cookie_asks(client):
    client.cookies["django_language"] = "ko"
    response = client.get("/about/", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_the_page_cache_never_serves_korean_for_english_or_english_for_korean(client):
    korean = client.get("/ko/about/")
    english = client.get("/about/")
    # The second request for each is a cache hit; each keeps its own language.
    assert client.get("/about/").content == english.content
    assert client.get("/ko/about/").content == korean.content
    assert '<html lang="en">' in client.get("/about/").content.decode()
    assert '<html lang="ko">' in client.get("/ko/about/").content.decode()


def test_the_page_cache_key_names_the_language(rf):
    from regenknee.core.pagecache import cache_key

    english = cache_key(rf.get("/about/"), "testserver", (1, 1))
    korean = cache_key(rf.get("/ko/about/"), "testserver", (1, 1))
    assert ":en:" in english and ":ko:" in korean


def test_a_cached_english_page_is_not_served_to_a_korean_browser(client):
    client.get("/about/")  # stored
    korean_browser = Client(headers={"accept-language": "ko"})
    response = korean_browser.get("/about/")
    assert '<html lang="en">' in response.content.decode()


def test_the_sitemap_lists_every_page_in_both_languages(client, synced):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/", "/glossary/", "/about/", "/articles/first-article/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
        assert f"<loc>http://testserver/ko{path}</loc>" in xml
        assert f'hreflang="ko" href="http://testserver/ko{path}"' in xml
        assert f'hreflang="x-default" href="http://testserver{path}"' in xml


@pytest.mark.parametrize("path", ["/ko/admin/", "/ko/robots.txt", "/ko/sitemap.xml"])
def test_site_wide_addresses_have_no_language_prefix(client, path):
    assert client.get(path).status_code == 404


def test_a_missing_korean_page_gets_the_korean_not_found_page(client):
    response = client.get("/ko/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ko">' in response.content.decode()


THIRD_LANGUAGE = [("en", "English"), ("ko", "한국어"), ("ja", "日本語")]


@override_settings(LANGUAGES=THIRD_LANGUAGE)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_a_language_added_in_settings_is_served_with_english_fallbacks(client, synced, path):
    response = client.get(f"/ja{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    # No catalogue and no content for it yet: the interface falls back to English.
    assert "Your checklist" in html and "How we write and review" in html
    assert f'<a href="{path}" hreflang="en" lang="en">English</a>' in html
    assert f'<a href="/ko{path}" hreflang="ko" lang="ko">한국어</a>' in html
    assert f'<link rel="alternate" hreflang="ja" href="http://testserver/ja{path}">' in html
    assert (
        f'<a href="/ja{path}" hreflang="ja" lang="ja">日本語</a>'
        in client.get(path).content.decode()
    )


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/ko/about/", "RegenKnee 소개"),
        ("/ko/disclaimer/", "의료 면책 고지"),
        ("/ko/privacy/", "개인정보 보호"),
        ("/ko/editorial-policy/", "글을 쓰고 검토하는 방식"),
    ],
)
def test_static_pages_are_in_korean(client, path, heading):
    html = client.get(path).content.decode()
    assert html.count("<h1") == 1 and f"<h1>{heading}</h1>" in html
    assert '<a class="skip-link" href="#main-content" target="_self">본문으로 바로 가기</a>' in html
    assert '<nav class="site-nav" aria-label="주 메뉴">' in html


def test_korean_links_stay_in_korean(client):
    html = client.get("/ko/about/").content.decode()
    assert 'href="/ko/glossary/"' in html and 'href="/ko/checklist/"' in html
    assert 'href="/ko/privacy/"' in html and 'href="/glossary/"' not in html


def test_not_found_page_in_both_languages(client):
    english = client.get("/no-such-page/")
    korean = client.get("/ko/no-such-page/")
    assert english.status_code == korean.status_code == 404
    assert "<h1>Page not found</h1>" in english.content.decode()
    html = korean.content.decode()
    assert "<h1>페이지를 찾을 수 없습니다</h1>" in html
    assert 'href="/ko/checklist/"' in html
    # An error page is not a page to index in any language.
    assert 'rel="alternate"' not in html


def test_server_error_page_in_korean(db, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/ko/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ko">' in html and "죄송합니다. 문제가 생겼습니다" in html


def test_review_line_dates_are_in_the_page_language(client, db):
    import datetime

    from tests.articles.test_views import make_article

    article = make_article(
        "reviewed",
        1,
        body="Text.",
        reviewed_by="Dr A Example, FRCS",
        reviewed_on=datetime.date(2026, 11, 29),
        review_due=datetime.date(2027, 11, 29),
    )
    assert article.get_absolute_url() == "/articles/reviewed/"
    english = client.get("/articles/reviewed/").content.decode()
    assert '<time datetime="2026-11-29">29 November 2026</time>' in english
    korean = client.get("/ko/articles/reviewed/").content.decode()
    assert (
        '검토: Dr A Example, FRCS, <time datetime="2026-11-29">2026년 11월 29일</time>'
        ' · 다음 검토 예정일: <time datetime="2027-11-29">2027년 11월 29일</time>'
    ) in korean


def test_home_reading_time_is_in_korean(client, synced):
    html = client.get("/ko/").content.decode()
    assert "읽는 시간 1분" in html and "minute read" not in html


def write_catalogue(path, header="Content-Type: text/plain; charset=UTF-8\n"):
    """A compiled gettext catalogue holding only its header: a language with no translated
    interface string yet."""
    import struct

    original, translated = b"", header.encode()
    # magic, revision, count, table of originals, table of translations, hash size and offset
    offsets = 7 * 4
    data_start = offsets + 2 * 8
    table = struct.pack("<2I", len(original), data_start)
    table += struct.pack("<2I", len(translated), data_start + len(original) + 1)
    head = struct.pack("<7I", 0x950412DE, 0, 1, offsets, offsets + 8, 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(head + table + original + b"\0" + translated + b"\0")


def test_a_made_up_language_with_only_an_empty_catalogue_is_served_in_english(
    client, synced, settings, tmp_path
):
    """A language Django knows nothing about: an entry in LANGUAGES and an (empty) catalogue
    of its own are all it takes."""
    write_catalogue(tmp_path / "xx" / "LC_MESSAGES" / "django.mo")
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
    settings.LANGUAGES = [*settings.LANGUAGES, ("xx", "Xxish")]
    for path in PUBLIC_PATHS:
        response = client.get(f"/xx{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="xx">' in html
        assert "Skip to main content" in html and "Your checklist" in html
        assert f'<a href="/ko{path}" hreflang="ko" lang="ko">한국어</a>' in html
    assert client.get("/xx/no-such-page/").status_code == 404
    assert '<a href="/xx/about/" hreflang="xx" lang="xx">Xxish</a>' in (
        client.get("/about/").content.decode()
    )


def test_the_admin_is_in_english_whatever_the_browser_asks(admin_client):
    """The admin has no language prefix, and an address without one is English (Django's rule
    with prefix_default_language=False): staff pages do not change with the browser."""
    response = admin_client.get("/admin/", headers={"accept-language": "ko"})
    assert "RegenKnee content" in response.content.decode()
    assert response["Content-Language"] == "en"
