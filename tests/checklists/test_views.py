"""The checklist form and result through the test client: tailoring, errors, privacy."""

import logging

import pytest
from django.apps import apps

from regenknee.checklists.forms import OWN_QUESTIONS_MAX_LENGTH

pytestmark = pytest.mark.django_db

VALID = {
    "diagnosis": "kl2",
    "cell_source": "fat",
    "delivery": "injection",
    "setting": "private",
    "concerns": ["cost", "safety"],
    "clinic_name": "Example Knee Clinic",
    "appointment_date": "27/03/2027",
    "own_questions": "How many knees have you treated?\nCan I talk to my GP first?",
}


@pytest.fixture
def bank(db):
    """Only the question bank from content/: the checklist needs no articles to work."""
    from regenknee.checklists.content import CHECKLIST_SOURCE
    from regenknee.sync.engine import SyncReport
    from tests.conftest import REPO

    CHECKLIST_SOURCE.sync(CHECKLIST_SOURCE.read(REPO / "content"), SyncReport(), False)


def post(client, **changes):
    data = {**VALID, **changes}
    return client.post("/checklist/", {k: v for k, v in data.items() if v is not None})


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_form_page_asks_only_what_changes_the_checklist(client, bank):
    response = client.get("/checklist/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in [
        "diagnosis",
        "cell_source",
        "delivery",
        "setting",
        "concerns",
        "clinic_name",
        "appointment_date",
        "own_questions",
    ]:
        assert f'name="{name}"' in html
    assert html.count("<fieldset") == 5 and html.count("<legend") == 5
    assert "Your answers are not stored." in html


def test_form_page_sets_no_cookie(client, bank):
    assert client.get("/checklist/").cookies == {}
    assert post(client).cookies == {}


def test_valid_answers_give_a_tailored_checklist(client, bank):
    response = post(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questions to ask at Example Knee Clinic" in html
    assert '<time datetime="2027-03-27">Saturday 27 March 2027</time>' in html
    assert "What matters most to me" in html
    assert "How many knees have you treated?" in html
    assert "Warning signs" in html
    assert html.count('type="checkbox"') >= 20
    assert 'class="answer-lines"' in html
    assert "We have not stored your answers." in html


def test_answers_change_which_questions_appear(client, bank):
    from regenknee.checklists.models import Question

    harvest = [
        q
        for q in Question.objects.all()
        if q.applies_when.get("cell_source") == ["bone_marrow", "fat"]
    ]
    donor_only = [q for q in Question.objects.all() if q.applies_when == {"cell_source": ["donor"]}]
    assert harvest and donor_only
    own_fat = post(client, cell_source="fat").content.decode()
    donor = post(client, cell_source="donor").content.decode()
    assert f'id="q-{harvest[0].key}"' in own_fat and f'id="q-{harvest[0].key}"' not in donor
    assert f'id="q-{donor_only[0].key}"' in donor and f'id="q-{donor_only[0].key}"' not in own_fat


def test_result_is_never_cached_or_stored(client, bank):
    before = row_counts()
    response = post(client)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert row_counts() == before


def test_nothing_typed_reaches_the_logs(client, bank, caplog):
    secret = "My-private-note-7f3a"
    with caplog.at_level(logging.DEBUG):
        post(client, clinic_name=secret, own_questions=secret)
        post(client, clinic_name=secret, appointment_date="not a date")
    assert secret not in caplog.text


def test_hostile_text_is_escaped_everywhere(client, bank):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    html = post(client, clinic_name=hostile[:100], own_questions=hostile).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_is_escaped_when_the_form_has_errors(client, bank):
    hostile = '"><script>alert(1)</script>'
    html = post(client, clinic_name=hostile, diagnosis=None).content.decode()
    assert "<script>alert(1)" not in html


def test_patient_text_is_not_rendered_as_markdown(client, bank):
    html = post(client, own_questions="**bold** [link](javascript:alert(1))").content.decode()
    assert "**bold** [link](javascript:alert(1))" in html
    assert "<strong>bold</strong>" not in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"diagnosis": None}, "diagnosis", "Select what you have been told about your knee"),
        (
            {"diagnosis": "kl9"},
            "diagnosis",
            "Select what you have been told about your knee from the list",
        ),
        (
            {"cell_source": "stem"},
            "cell_source",
            "Select where the cells would come from from the list",
        ),
        ({"delivery": ""}, "delivery", "Select how the cells would be put into your knee"),
        ({"setting": "moon"}, "setting", "Select where you would be treated from the list"),
        ({"concerns": ["price"]}, "concerns", "Select what matters most to you from the list"),
        (
            {"appointment_date": "31/02/2027"},
            "appointment_date",
            "Enter the appointment date as a real date",
        ),
        (
            {"appointment_date": "next Tuesday"},
            "appointment_date",
            "Enter the appointment date as a real date",
        ),
        ({"appointment_date": "01/01/1900"}, "appointment_date", "between the years 2000 and 2100"),
        ({"clinic_name": "x" * 101}, "clinic_name", "Clinic name must be 100 characters or fewer"),
        (
            {"own_questions": "\n".join(f"Q{i}?" for i in range(6))},
            "own_questions",
            "You wrote 6 questions. Write up to 5",
        ),
        ({"own_questions": "a" * 301}, "own_questions", "Question 1 is 301 characters long"),
        (
            {"own_questions": "a" * (OWN_QUESTIONS_MAX_LENGTH + 1)},
            "own_questions",
            "Your own questions are too long",
        ),
    ],
)
def test_invalid_input_gets_a_clear_error_in_the_summary_and_by_the_field(
    client, bank, changes, field, message
):
    before = row_counts()
    response = post(client, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert message in summary
    suffix = (
        "_0" if field in {"diagnosis", "cell_source", "delivery", "setting", "concerns"} else ""
    )
    assert f'href="#id_{field}{suffix}"' in summary
    assert html.count(message) >= 2  # in the summary and next to the field
    assert f'id="id_{field}_error"' in html
    assert "no-store" in response["Cache-Control"]
    assert row_counts() == before


def test_a_form_with_errors_keeps_what_was_typed(client, bank):
    html = post(client, diagnosis=None).content.decode()
    assert 'value="Example Knee Clinic"' in html
    assert "How many knees have you treated?" in html


def test_other_methods_are_refused_without_a_server_error(client, bank):
    assert client.put("/checklist/").status_code == 405
    assert client.delete("/checklist/").status_code == 405


def test_a_huge_post_is_refused_without_a_server_error(client, bank):
    response = post(client, own_questions="x" * 3_000_000)
    assert response.status_code in {200, 400, 413}


def test_garbage_in_every_field_never_causes_a_server_error(client, bank):
    for value in ["", "\x00", "🦵" * 50, "' OR 1=1 --", "../../etc/passwd", "%00", "\u202e"]:
        data = {name: value for name in VALID}
        assert client.post("/checklist/", data).status_code == 200
