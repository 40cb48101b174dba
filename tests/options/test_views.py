"""The comparison page in English and Korean, the pair view, the "what matters" marks, the
printable summary, and the privacy of what a patient ticks."""

import logging

import pytest

from regenknee.options.models import Option, OptionTranslation

pytestmark = pytest.mark.django_db


def test_the_page_says_when_nothing_is_published_yet(client):
    response = client.get("/options/")
    assert response.status_code == 200
    assert "The comparison has not been published yet." in response.content.decode()


def test_the_page_compares_every_published_option_with_sources(client, synced):
    Option.objects.filter(slug="knee-replacement").update(status="draft")
    html = client.get("/options/").content.decode()
    assert 'id="exercise"' in html and 'id="knee-replacement"' not in html
    assert (
        "have less pain at 3 months: 40 out of 100 people who had Exercise and physiotherapy, "
        "compared with 30 out of 100 who had no exercise programme." in html
    )
    assert 'role="img"' in html and html.count('<symbol id="ia-on"') == 1
    assert '<li id="ref-1" lang="en">' in html and "A fixture trial of exercise" in html
    assert '<a href="#ref-1">[1]</a>' in html
    assert 'role="region" aria-labelledby="comparison-heading" tabindex="0"' in html


def test_the_questions_come_in_the_same_order_for_every_option(client, synced):
    html = client.get("/options/").content.decode()
    first, second = html.split('id="knee-replacement"')
    order = ["What it involves", "Serious harms", "Time off and recovery", "Typical cost in Korea"]
    for part in (first.split('id="exercise"')[1], second):
        positions = [part.index(question) for question in order]
        assert positions == sorted(positions)


def test_the_korean_page_uses_the_translation_and_falls_back_to_english_with_a_note(client, synced):
    html = client.get("/ko/options/").content.decode()
    assert '<html lang="ko">' in html
    assert "운동과 물리치료" in html and "3개월에 통증이 줄어듦" in html
    # The knee replacement has no Korean translation: English, marked and explained.
    assert 'id="knee-replacement" aria-labelledby="knee-replacement-title" lang="en"' in html
    assert "Total knee replacement" in html
    assert "Some options have not been translated" not in html  # the note is in Korean
    assert 'class="translation-note"' in html


def test_numbers_are_said_in_words_in_korean_too(client, synced):
    html = client.get("/ko/options/").content.decode()
    words = "운동과 물리치료의 경우 100명 중 40명이었고, 운동 프로그램 없음의 경우 100명 중 30명"
    assert words in html


def test_a_translation_whose_english_changed_says_so_and_links_the_english(client, synced):
    option = Option.objects.get(slug="exercise")
    option.summary = "A changed English summary."
    option.save()
    html = client.get("/ko/options/").content.decode()
    assert "translation-stale" in html and 'href="/options/#exercise" hreflang="en"' in html
    assert "translation-stale" not in client.get("/options/").content.decode()


def test_a_draft_translation_is_not_shown(client, synced):
    OptionTranslation.objects.update(status="draft")
    html = client.get("/ko/options/").content.decode()
    assert "운동과 물리치료" not in html and "Exercise and physiotherapy" in html


def test_a_chosen_pair_is_shown_side_by_side_alone(client, synced):
    html = client.get("/options/?a=knee-replacement&b=exercise").content.decode()
    assert "comparison-pair" in html
    assert html.index('id="knee-replacement"') < html.index('id="exercise"')


@pytest.mark.parametrize("query", ["?a=exercise&b=exercise", "?a=nope&b=exercise", "?a=%00&b=<x>"])
def test_a_bad_pair_gets_a_message_and_every_option(client, synced, query):
    response = client.get("/options/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose two different options" in html and "comparison-pair" not in html
    assert 'id="knee-replacement"' in html


def test_what_matters_marks_rows_in_words_and_is_not_stored(client, synced, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post("/options/", {"concerns": ["avoid_surgery", "cost"]})
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    html = response.content.decode()
    # 3 rows × 2 options on screen, and the same 3 rows once in the printed grid.
    assert html.count('<strong class="matters-mark">Matters to you</strong>') == 9
    assert html.count('<tr class="grid-row-korea_cost row-highlighted">') == 1
    assert "This is an operation." in html
    assert 'value="avoid_surgery"' in html
    assert "avoid_surgery" not in caplog.text
    from django.contrib.sessions.models import Session

    assert not Session.objects.exists()


def test_each_answer_leads_with_its_brief_and_the_print_grid_holds_only_briefs(client, synced):
    html = client.get("/options/").content.decode()
    brief = '<p class="cell-brief"><strong>Several weeks off work.</strong></p>'
    assert brief in html
    grid = html[html.index('<div class="print-grid">') : html.index('id="comparison-heading"')]
    assert grid.count('<table class="brief-grid">') == 1  # 2 options: one page
    assert '<th scope="col">Exercise and physiotherapy</th>' in grid
    assert '<th scope="row">Time off and recovery</th>' in grid
    assert "<td>Several weeks off work.</td>" in grid
    assert "<strong>Certainty: moderate.</strong> Many trials agree." in grid
    assert "This is an operation." in grid
    assert "http://testserver/options/" in grid  # where the full answers and sources are
    assert "ref-" not in grid and "icon" not in grid


def test_the_print_grid_puts_four_options_on_each_page(client, synced):
    from regenknee.options.shown import brief_grid, comparison

    options = comparison()[0] * 5  # ten options
    pages = brief_grid(options)
    assert [len(page.options) for page in pages] == [4, 4, 2]
    assert [row.key for row in pages[0].rows][:2] == ["involves", "benefit"]
    assert all(len(row.cells) == 4 for row in pages[0].rows)
    assert pages[0].rows[5].cells[0][0].key == "recovery"


def test_the_summary_gives_the_brief_of_each_marked_row(client, synced):
    option = Option.objects.get(slug="knee-replacement")
    option.answers["recovery"]["brief"] = "About six weeks off work."
    option.save()
    html = client.post("/options/summary/", {"concerns": ["time_off"]}).content.decode()
    assert "About six weeks off work." in html
    assert "Several weeks off work." not in html


def test_a_chosen_pair_prints_in_full_without_the_grid(client, synced):
    html = client.get("/options/?a=exercise&b=knee-replacement").content.decode()
    assert "comparison-pair" in html and "brief-grid" not in html and "prints-grid" not in html
    assert 'id="ref-1"' in html


def test_the_korean_page_leads_with_korean_briefs(client, synced):
    html = client.get("/ko/options/").content.decode()
    assert '<p class="cell-brief"><strong>일을 쉬지 않아도 됩니다.</strong></p>' in html
    assert "<td>일을 쉬지 않아도 됩니다.</td>" in html


def test_an_unknown_concern_is_a_clear_message_free_page_not_an_error(client, synced):
    response = client.post("/options/", {"concerns": ["<script>"]})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_get_page_is_cacheable_and_the_post_page_is_not(client, synced):
    assert "no-store" not in client.get("/options/").get("Cache-Control", "")
    assert "no-store" in client.post("/options/", {})["Cache-Control"]


def test_the_summary_lists_what_was_said_and_only_the_marked_rows(client, synced):
    response = client.post("/options/summary/", {"concerns": ["time_off"]})
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "How much time off I need" in html
    assert "Time off and recovery" in html and "Several weeks off work." in html
    assert "Typical cost in Korea" not in html


def test_the_summary_in_korean(client, synced):
    html = client.post("/ko/options/summary/", {"concerns": ["time_off"]}).content.decode()
    assert '<html lang="ko">' in html and "일을 쉬지 않아도 됩니다." in html


def test_the_summary_address_without_answers_goes_back_to_the_page(client):
    response = client.get("/options/summary/")
    assert response.status_code == 302 and response["Location"].endswith("/options/")


def test_each_option_has_its_own_address_in_both_languages(client, synced):
    html = client.get("/options/knee-replacement/").content.decode()
    assert 'id="knee-replacement"' in html and 'id="exercise"' not in html
    assert "운동과 물리치료" in client.get("/ko/options/exercise/").content.decode()
    assert client.get("/options/no-such-option/").status_code == 404
    Option.objects.filter(slug="exercise").update(status="draft")
    assert client.get("/options/exercise/").status_code == 404


def test_the_options_page_is_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/options/</loc>" in xml and "/ko/options/</loc>" in xml


def test_the_home_page_links_to_the_comparison(client):
    assert 'href="/options/"' in client.get("/").content.decode()
    assert 'href="/ko/options/"' in client.get("/ko/").content.decode()


def test_an_untranslated_option_keeps_its_language_in_the_printed_grid(client, synced):
    OptionTranslation.objects.update(status="draft")
    html = client.get("/ko/options/").content.decode()
    grid = html[html.index('<div class="print-grid">') : html.index('id="comparison-heading"')]
    assert '<th scope="col" lang="en">Exercise and physiotherapy</th>' in grid
    assert '<td lang="en">No time off work.</td>' in grid
