"""The clinic's programme page, the checklist's "the clinic says", and "Report a problem"."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core.exceptions import ValidationError

from regenknee.clinic.models import ProgrammeEntry
from regenknee.clinic.public import QUESTION_ANSWERS

from .conftest import ENTRY

pytestmark = pytest.mark.django_db

EMPTY = "The clinic has not yet published its programme"


def test_programme_page_says_plainly_when_nothing_is_published(client):
    html = client.get("/clinic/programme/").content.decode()
    assert EMPTY in html
    ProgrammeEntry.objects.create(**ENTRY)  # a draft is not published
    assert EMPTY in client.get("/clinic/programme/").content.decode()


def test_korean_programme_page_exists_and_is_korean(client):
    response = client.get("/ko/clinic/programme/")
    assert response.status_code == 200
    assert "병원이 아직 치료 프로그램을 공개하지 않았습니다" in response.content.decode()


def test_programme_page_shows_each_entry_itemised_with_its_review_line(client, entry):
    html = client.get("/clinic/programme/").content.decode()
    assert 'id="test-injection"' in html
    for text in ("TestCell", "Test Bio Ltd", "TEST-APPROVAL-42", "Check-ups at 1, 3 and 6 months."):
        assert text in html
    assert "Admission, 1 night" in html and "150,000" in html
    assert "3,150,000" in html  # the total
    assert "Kellgren-Lawrence grade 2" in html and "Kellgren-Lawrence grade 4" not in html
    assert "Reviewed by Dr Test Reviewer" in html
    assert EMPTY not in html


def test_korean_programme_uses_the_translated_words_and_the_english_amounts(client, entry):
    entry.translations.create(
        language="ko",
        treatment="시험용 세포 주사",
        follow_up="1, 3, 6개월에 진료",
        complaints="한국소비자원(시험용 문구)",
        price_labels=["주사", "입원 1박"],
    )
    html = client.get("/ko/clinic/programme/").content.decode()
    assert "시험용 세포 주사" in html and "입원 1박" in html and "3,150,000" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("patient_groups", [], "one or more"),
        ("patient_groups", ["kl5"], "Unknown patient group"),
        ("price_items", [{"item": "Injection", "won": "3,000,000"}], "whole number of won"),
        ("price_items", [{"item": "", "won": 1}], "1 to 200 characters"),
        ("price_items", [], "at least one price line"),
        ("approval_number", "", "Give the approval"),
    ],
)
def test_programme_entries_refuse_bad_values_with_a_clear_message(field, value, message):
    with pytest.raises(ValidationError) as refused:
        ProgrammeEntry(**{**ENTRY, field: value}).full_clean()
    assert message in " ".join(refused.value.messages)


def test_an_entry_with_no_number_is_allowed_only_when_the_status_is_other():
    ProgrammeEntry(**{**ENTRY, "regulation": "other", "approval_number": ""}).full_clean()


# --- the checklist asks the clinic ---------------------------------------------------------

ANSWERS = {"diagnosis": "kl2", "cell_source": "fat", "delivery": "injection", "setting": "private"}


@pytest.fixture
def bank(db):
    from regenknee.checklists.content import CHECKLIST_SOURCE
    from regenknee.sync.engine import SyncReport
    from tests.conftest import REPO

    CHECKLIST_SOURCE.sync(CHECKLIST_SOURCE.read(REPO / "content"), SyncReport(), False)


def question_block(html, key):
    match = re.search(rf'<li class="question[^"]*"[^>]*id="question-{key}">(.*?)</li>', html, re.S)
    return match.group(1) if match else None


def test_the_mapping_names_real_checklist_questions(bank):
    from regenknee.checklists.models import Question

    keys = {key for keys in QUESTION_ANSWERS.values() for key in keys}
    assert keys <= set(Question.objects.values_list("key", flat=True))


def test_the_checklist_says_nothing_of_the_clinic_when_it_has_published_nothing(client, bank):
    html = client.post("/checklist/", ANSWERS).content.decode()
    assert question_block(html, "cost-total") is not None
    assert "The clinic that runs this site says" not in html


def test_the_checklist_shows_what_the_clinic_says_under_its_questions(client, bank, entry):
    html = client.post("/checklist/", ANSWERS).content.decode()
    cost = question_block(html, "cost-total")
    assert "The clinic that runs this site says, for Test cell injection" in cost
    assert "Admission, 1 night 150,000 won" in cost and "total 3,150,000 won" in cost
    assert "Ask them to confirm" in cost
    assert 'href="/clinic/programme/#test-injection"' in cost
    approval = question_block(html, "safety-approval")
    assert "TEST-APPROVAL-42" in approval
    assert "The clinic that runs this site says" not in question_block(html, "safety-side-effects")


def test_the_korean_checklist_shows_it_in_korean(client, bank, entry):
    html = client.post("/ko/checklist/", ANSWERS).content.decode()
    cost = question_block(html, "cost-total")
    assert "이 사이트를 운영하는 병원은" in cost and "150,000원" in cost
    assert 'href="/ko/clinic/programme/#test-injection"' in cost


# --- report a problem --------------------------------------------------------------------


def test_report_a_problem_is_a_mailto_with_the_page_address(client, profile):
    html = client.get("/glossary/?q=my+knee").content.decode()
    (href,) = re.findall(r'<a href="(mailto:[^"]+)">Report a problem with this page</a>', html)
    parts = urlsplit(href.replace("&amp;", "&"))
    assert parts.path == "info@clinic.example"
    query = parse_qs(parts.query)
    assert "http://testserver/glossary/" in query["body"][0]
    assert "my knee" not in unquote(href)  # the query a patient typed is left out
    assert " " not in href  # encoded


def test_report_a_problem_without_an_address_says_so_and_links_nowhere(client):
    html = client.get("/articles/what-stem-cells-are/").content.decode()
    html = client.get("/glossary/").content.decode() if "Report a problem" not in html else html
    assert "the clinic has not yet published an address to write to" in html
    assert "mailto:" not in html


def test_hostile_programme_text_is_escaped_on_the_page_and_in_the_checklist(client, bank, entry):
    hostile = '<img src=x onerror="alert(1)">'
    ProgrammeEntry.objects.filter(pk=entry.pk).update(
        treatment=hostile, price_items=[{"item": hostile, "won": 1}]
    )
    for html in (
        client.get("/clinic/programme/").content.decode(),
        client.post("/checklist/", ANSWERS).content.decode(),
    ):
        assert "<img src=x" not in html
        assert "&lt;img src=x" in html
