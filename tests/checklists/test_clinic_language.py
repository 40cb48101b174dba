"""Printing each question in the clinic staff's language (settings.CLINIC_LANGUAGE, Korean):
offered on the form in every other language, never on the form already in that language, and
under the same privacy rules as the rest of the checklist."""

import re

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils import translation
from django.utils.html import escape

from regenknee.checklists.models import Question, QuestionTranslation, RedFlagTranslation

from .test_views import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(db):
    """The question bank and its Korean translations from content/."""
    from regenknee.checklists.content import CHECKLIST_SOURCE
    from regenknee.checklists.translations import CHECKLIST_TRANSLATIONS_SOURCE
    from regenknee.sync.engine import SyncReport
    from tests.conftest import REPO

    for source in (CHECKLIST_SOURCE, CHECKLIST_TRANSLATIONS_SOURCE):
        source.sync(source.read(REPO / "content"), SyncReport(), False)


def post(client, path="/checklist/", **changes):
    data = {**VALID, **changes}
    return client.post(path, {k: v for k, v in data.items() if v is not None})


def printed_keys(html):
    return re.findall(r'id="question-([\w-]+)"', html)


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_english_form_offers_to_print_the_questions_in_korean(client, bank):
    html = client.get("/checklist/").content.decode()
    assert 'name="clinic_copy"' in html
    assert "Also print each question in Korean for the clinic staff" in html
    assert "Questions you write yourself are not translated." in html


def test_the_korean_form_does_not_offer_it(client, bank):
    assert 'name="clinic_copy"' not in client.get("/ko/checklist/").content.decode()


def test_korean_is_printed_under_every_question_and_warning_sign_when_ticked(client, bank):
    response = post(client, clinic_copy="on")
    html = response.content.decode()
    assert response.status_code == 200
    keys = printed_keys(html)
    korean = {t.source.key: t.text for t in QuestionTranslation.objects.filter(language="ko")}
    assert len(keys) > 10  # "Ask these first" and "If there is time"
    for key in keys:
        question = html[html.index(f'id="question-{key}"') :].split("</li>", 1)[0]
        assert f'<p class="clinic-copy" lang="ko">{escape(korean[key])}</p>' in question, key
    for flag in RedFlagTranslation.objects.filter(language="ko"):
        assert f'<span class="clinic-copy" lang="ko">{escape(flag.sign)}</span>' in html
    # the section headings too, beside the page's own
    assert (
        'Ask these first <span class="clinic-heading" lang="ko">먼저 물어볼 질문</span></h2>'
        in html
    )
    assert (
        'Warning signs <span class="clinic-heading" lang="ko">주의해야 할 신호</span></h2>' in html
    )
    # the patient's own questions are printed as typed, with a note in both languages
    assert html.count('lang="ko">환자가 직접 쓴 질문으로, 번역하지 않았습니다.</p>') == 2
    assert "Your own questions are not translated." in html
    # carried to "Update my checklist" and "Change my answers" like every other answer
    assert '<input type="hidden" name="clinic_copy" value="True"' in html


def test_nothing_in_korean_is_printed_when_not_ticked(client, bank):
    html = post(client).content.decode()
    assert "clinic-copy" not in html and "clinic-heading" not in html
    assert 'lang="ko">' not in html.split("<main", 1)[1]


def test_the_korean_form_ignores_the_option_if_it_is_posted(client, bank):
    # (no appointment date: the Korean form takes it in Korean order)
    html = post(client, "/ko/checklist/", clinic_copy="on", appointment_date=None).content.decode()
    assert '<html lang="ko">' in html and 'id="ask-first-heading"' in html
    assert "clinic-copy" not in html and "clinic-heading" not in html


def test_a_question_not_yet_translated_prints_no_english_as_if_it_were_korean(client, bank):
    key = printed_keys(post(client).content.decode())[0]
    QuestionTranslation.objects.filter(source__key=key).delete()
    html = post(client, clinic_copy="on").content.decode()
    question = html[html.index(f'id="question-{key}"') :].split("</li>", 1)[0]
    assert "clinic-copy" not in question
    assert Question.objects.get(key=key).text in question


def test_printing_in_korean_stores_nothing_and_is_never_cached(client, bank):
    before = row_counts()
    response = post(client, clinic_copy="on")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.cookies == {}
    assert row_counts() == before


def test_hostile_text_is_still_escaped_with_korean_printed(client, bank):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    html = post(
        client, clinic_copy="on", clinic_name=hostile[:100], own_questions=hostile
    ).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="clinic-copy" lang="ko"' in html


def test_a_garbage_value_for_the_option_is_no_server_error(client, bank):
    response = post(client, clinic_copy="<script>" * 50)
    assert response.status_code == 200
    assert "Ask these first" in response.content.decode()


@override_settings(LANGUAGES=[("en", "English"), ("ko", "한국어"), ("ja", "日本語")])
def test_a_third_language_form_offers_korean_too(client, bank):
    html = client.get("/ja/checklist/").content.decode()
    assert '<html lang="ja">' in html and 'name="clinic_copy"' in html
    # the clinic's language named in the page's language (Django's own Japanese name for it)
    with translation.override("ja"):
        name = str(translation.get_language_info("ko")["name_translated"])
    assert name != "Korean" and name in html


@override_settings(CLINIC_LANGUAGE="en")
def test_the_clinic_language_is_one_setting(client, bank):
    assert 'name="clinic_copy"' not in client.get("/checklist/").content.decode()
    assert 'name="clinic_copy"' in client.get("/ko/checklist/").content.decode()
    html = post(client, "/ko/checklist/", clinic_copy="on", appointment_date=None).content
    question = Question.objects.order_by("pk").first()
    assert f'class="clinic-copy" lang="en">{escape(question.text)}</p>' in html.decode()
