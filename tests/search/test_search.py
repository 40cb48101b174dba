"""Site search in English and Korean, on whichever database the suite runs on (SQLite by
default, PostgreSQL with DATABASE_URL): what is found, in what order, and what is never kept."""

import json
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from regenknee.articles.models import Article, GlossaryTerm
from regenknee.search import backends
from regenknee.search.models import SearchEntry
from regenknee.search.query import marked, search, word_pattern
from regenknee.search.text import MAX_QUERY_LENGTH, query_terms, tokens
from tests.core.test_pagecache import cached_values

pytestmark = pytest.mark.django_db


def unmarked(html):
    return str(html).replace("<mark>", "").replace("</mark>", "")


def titles(query, language="en"):
    return [(result.kind, unmarked(result.title)) for result in search(query, language).results]


def plain_titles(query, language="en"):
    return [title for _, title in titles(query, language)]


@pytest.fixture(params=["database", "like"])
def each_backend(request, monkeypatch):
    """The database's own full-text search, and the LIKE fallback for SQLite without FTS5."""
    if request.param == "like":
        monkeypatch.setattr(backends, "backend_name", lambda: "like")
    return request.param


# --- tokens ---------------------------------------------------------------------------------


def test_hangul_is_indexed_as_bigrams_and_latin_words_whole():
    assert tokens("관절연골은 Cartilage") == ["관절", "절연", "연골", "골은", "cartilage"]


def test_a_korean_query_word_drops_its_particle():
    assert [term.token for term in query_terms("연골은")] == ["연골"]
    assert [term.token for term in query_terms("무릎이")] == ["무릎"]


# --- what is found and in what order ------------------------------------------------------


def test_title_and_term_matches_come_before_body_matches(content, each_backend):
    found = plain_titles("cartilage")
    assert found.index("Cartilage explained") < found.index("Living with arthritis")
    assert "Mesenchymal stem cells" in found  # its definition mentions cartilage


def test_korean_word_with_a_particle_finds_it_with_another_particle(content, each_backend):
    # The query says 연골은; the article says 연골이, the term definition 연골,.
    found = plain_titles("연골은", "ko")
    assert "관절염과 함께 살기" in found
    assert "중간엽줄기세포" in found


def test_a_glossary_alias_finds_its_term_in_both_languages(content, each_backend):
    assert ("term", "Mesenchymal stem cells") in titles("MSC")
    assert ("term", "중간엽줄기세포") in titles("간엽줄기세포", "ko")
    assert ("term", "중간엽줄기세포") in titles("MSC", "ko")  # the English names find it too


def test_checklist_questions_are_found_in_both_languages(content, each_backend):
    (result,) = search("itemised price", "en").results
    assert result.kind == "question" and result.url == "/checklist/"
    (result,) = search("총비용", "ko").results
    assert result.url == "/ko/checklist/"


def test_drafts_never_appear(content, each_backend):
    assert "Draft about cartilage" not in plain_titles("cartilage")
    assert not search("unfinished", "en").results


def test_a_scheduled_article_appears_once_it_is_live(content, each_backend, time_machine):
    assert "Future cartilage news" not in plain_titles("cartilage")
    time_machine.move_to(timezone.now() + timezone.timedelta(days=4))
    assert "Future cartilage news" in plain_titles("cartilage")


def test_korean_results_fall_back_to_english_marked_as_english(content, client):
    page = client.get("/ko/search/", {"q": "brace"}).content.decode()
    assert '<li lang="en">' in page
    assert "/ko/articles/untranslated/" in page
    # A translation that is not published is not used: its English article is shown.
    assert "연골 알아보기" not in client.get("/ko/search/", {"q": "연골"}).content.decode()


def test_glossary_results_link_to_the_term_on_the_glossary_page(content):
    (result,) = search("MSCs", "ko").results[:1]
    assert result.url == "/ko/glossary/#mesenchymal-stem-cells"


# --- the index follows the content ---------------------------------------------------------


def test_a_published_change_reaches_the_index_when_it_commits(
    content, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.get(slug="untranslated")
        article.title = "Knee supports and braces"
        article.save()
        GlossaryTerm.objects.filter(slug="mesenchymal-stem-cells").get().delete()
    assert "Knee supports and braces" in plain_titles("supports")
    assert not search("MSC", "en").results


def test_rebuild_command_rebuilds_the_whole_index(content, capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "entries" in capsys.readouterr().out
    assert "Cartilage explained" in plain_titles("cartilage")


def test_rebuilding_the_whole_index_drops_entries_deleted_behind_its_back(content):
    """Entries deleted without the index being told (as a database flush does) must not stay
    in the full-text table, where they would take the places of real matches."""
    from regenknee.search.index import rebuild_all

    before = [result.url for result in search("cartilage", "en").results]
    SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
    rebuild_all()
    rebuild_all()
    assert [result.url for result in search("cartilage", "en").results] == before
    if backends.backend_name() == "fts5":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts")
            assert cursor.fetchone()[0] == SearchEntry.objects.count()


# --- bad input ------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "cartilage\x00<b>",
    "' OR 1=1 --",
    'cartilage" OR title:*',
    "NEAR(a b) AND * ^ -",
    "연골 & | ! : * ( )",
    "",
    "   ",
    "%%%",
    "x" * 5000,
    "연골 " * 2500,
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("prefix", ["", "/ko"])
def test_hostile_empty_and_long_queries_get_a_clear_page(content, query, prefix):
    response = Client(raise_request_exception=True).get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<b>" not in page


def test_a_query_in_the_address_with_raw_nul_and_bad_utf8_is_a_clear_page(content):
    for raw in ["q=%00%00", "q=%ED%A0%80", "q=%FF%FE", "q=a&q=%3Cscript%3E"]:
        assert Client().get(f"/search/?{raw}").status_code == 200


def test_unpaired_surrogates_and_control_characters_are_dropped_from_the_query(content):
    found = search("\ud800cartilage\x00\u200b", "en")
    assert found.query == "cartilage"
    assert "Cartilage explained" in [unmarked(result.title) for result in found.results]


def test_a_long_query_is_cut_and_the_page_says_so(content, client):
    page = client.get("/search/", {"q": "cartilage " + "x" * 5000}).content.decode()
    assert f"only its first {MAX_QUERY_LENGTH} characters were used" in page
    assert "x" * (MAX_QUERY_LENGTH + 1) not in page


def test_extracts_are_escaped_before_the_matches_are_marked():
    text = 'Use <b>plain</b> & "quoted" text, not <script>b()</script>'
    html = marked(text, word_pattern(["b", "script"]))
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;<mark>b</mark>&gt;plain" in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "&amp;" in html and "&quot;quoted&quot;" in html


def test_results_mark_the_matched_words(content, client):
    page = client.get("/search/", {"q": "cartilage"}).content.decode()
    assert "<mark>Cartilage</mark> explained" in page
    assert "the <mark>cartilage</mark> of the knee" in page


def test_no_results_page_offers_spelling_hints_and_the_glossary_and_learning_path(client, db):
    page = client.get("/ko/search/", {"q": "zzzxxyq"}).content.decode()
    assert 'href="/ko/glossary/"' in page
    assert 'href="/ko/#learning-path"' in page
    english = client.get("/search/", {"q": "zzzxxyq"}).content.decode()
    assert "Check the spelling" in english


# --- the search form ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/ko/", "/glossary/", "/ko/checklist/", "/about/"])
def test_every_page_has_the_search_form_in_its_header(content, client, path):
    page = client.get(path).content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert 'role="search"' in header and 'method="get"' in header
    assert 'type="search"' in header and 'name="q"' in header
    assert '<label for="site-search-q">' in header
    action = "/ko/search/" if path.startswith("/ko/") else "/search/"
    assert f'action="{action}"' in header


# --- privacy --------------------------------------------------------------------------------

SECRET = "bartholomewsknee"


def test_results_are_never_cached(content, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for response in (client.get("/search/"), client.get("/search/", {"q": SECRET})):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    # Nothing was put in the page cache (the empty search page has no query string, so only
    # its no-store keeps it out) ...
    assert not [value for value in cached_values() if "doctype" in value]
    # ... where an ordinary page is kept.
    client.get("/about/")
    assert [value for value in cached_values() if "doctype" in value]


def test_the_query_is_not_logged_or_stored(content, client, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get("/search/", {"q": SECRET})
        client.get("/ko/search/", {"q": SECRET})
    assert SECRET not in caplog.text
    assert SECRET not in json.dumps([vars(record) for record in caplog.records], default=str)
    assert not SearchEntry.objects.filter(text__contains=SECRET).exists()


def test_the_page_says_nothing_is_kept(client, db):
    assert "not stored, logged or cached" in client.get("/search/", {"q": "x"}).content.decode()


def test_the_gunicorn_access_line_leaves_out_the_query_string(capsys):
    from types import SimpleNamespace

    from gunicorn.config import Config

    from regenknee.core.gunicorn_log import JsonLogger

    config = Config()
    config.set("accesslog", "-")
    logger = JsonLogger(config)
    request = SimpleNamespace(method="GET", path="/search/", query=f"q={SECRET}")
    response = SimpleNamespace(status_code=200, sent=100)
    logger.access(response, request, {"QUERY_STRING": f"q={SECRET}"}, timezone.timedelta(0))
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["path"] == "/search/"
    assert SECRET not in line


def test_nginx_logs_no_query_string_and_never_caches_search():
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
    site = (deploy / "regenknee.conf").read_text()
    log_format = site.split("log_format", 1)[1].split(";", 1)[0]
    for variable in ("$request ", "$request_uri", "$args", "$query_string", "$arg_"):
        assert variable not in log_format
    assert "$uri" in log_format
    locations = (deploy / "regenknee-locations.conf").read_text()
    search = locations.split("location ~ ^(/[a-z-]+)?/search/", 1)[1].split("}", 1)[0]
    assert "proxy_no_cache 1" in search and "proxy_cache_bypass 1" in search


def test_many_matches_show_the_best_twenty_and_ask_for_another_word(db, client):
    from regenknee.search.index import rebuild_all
    from regenknee.search.query import MAX_RESULTS
    from tests.search.conftest import article

    for number in range(MAX_RESULTS + 5):
        article(f"meniscus-{number}", f"Meniscus tears, part {number}", "About the meniscus.\n",
                number + 1)  # fmt: skip
    rebuild_all()
    found = search("meniscus", "en")
    assert len(found.results) == MAX_RESULTS and found.more
    page = client.get("/ko/search/", {"q": "meniscus"}).content.decode()
    assert f"가장 잘 맞는 결과 {MAX_RESULTS}건" in page
