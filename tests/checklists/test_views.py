"""The checklist form and result through the test client: tailoring, errors, privacy."""

import datetime
import logging
import re

import pytest
from django.apps import apps
from django.utils import timezone

from regenknee.checklists.builder import ASK_FIRST_LIMIT
from regenknee.checklists.forms import OWN_QUESTIONS_MAX_LENGTH

pytestmark = pytest.mark.django_db

# An appointment still to come, whenever the tests run.
APPOINTMENT = datetime.date(datetime.date.today().year + 1, 3, 27)

VALID = {
    "diagnosis": "kl2",
    "cell_source": "fat",
    "delivery": "injection",
    "setting": "private",
    "concerns": ["cost", "safety"],
    "clinic_name": "Example Knee Clinic",
    "appointment_date": APPOINTMENT.strftime("%d/%m/%Y"),
    "own_questions": "How many knees have you treated?\nCan I talk to my GP first?",
}


@pytest.fixture
def bank(db):
    """Only the question bank from content/: the checklist needs no articles to work."""
    from regenknee.checklists.content import CHECKLIST_SOURCE
    from regenknee.sync.engine import SyncReport
    from tests.conftest import REPO

    CHECKLIST_SOURCE.sync(CHECKLIST_SOURCE.read(REPO / "content"), SyncReport(), False)


def post(client, path="/checklist/", **changes):
    data = {**VALID, **changes}
    return client.post(path, {k: v for k, v in data.items() if v is not None})


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
    day = f"{APPOINTMENT:%A} 27 March {APPOINTMENT.year}"
    assert f'<time datetime="{APPOINTMENT.isoformat()}">{day}</time>' in html
    assert "Ask these first" in html and "If there is time" in html
    assert "How many knees have you treated?" in html
    assert "Warning signs" in html
    assert html.count('class="tick-box"') >= 20
    assert html.count('class="answer-lines"') == html.count('class="tick-box"')
    assert "We have not stored your answers." in html
    assert "Your answers were not stored." in html


def ask_first(html):
    start = html.index('class="ask-first"')
    return html[start : html.index("</section>", start)]


def question_keys(html):
    return re.findall(r'id="question-([a-z0-9-]+)"', html)


def test_own_questions_come_first_then_the_most_important_up_to_ten(client, bank):
    html = post(client).content.decode()
    first = ask_first(html)
    assert first.index("How many knees have you treated?") < first.index("Can I talk to my GP")
    assert first.count('<li class="question') == ASK_FIRST_LIMIT
    assert len(question_keys(first)) == ASK_FIRST_LIMIT - 2
    # the essential questions are asked first; the safety concern raises its question
    assert "question-safety-approval" in first and "question-safety-serious-harms" in first
    assert "question-evidence-scores" not in first


def test_the_result_carries_every_answer_to_post_back(client, bank):
    html = post(client).content.decode()
    assert '<base target="_blank">' in html
    assert re.search(
        r'<form class="checklist" method="post" action="/checklist/" target="_self"', html
    )
    for name, value in [
        ("diagnosis", "kl2"),
        ("cell_source", "fat"),
        ("delivery", "injection"),
        ("setting", "private"),
        ("concerns", "cost"),
        ("concerns", "safety"),
        ("clinic_name", "Example Knee Clinic"),
        ("appointment_date", APPOINTMENT.strftime("%d/%m/%Y")),
    ]:
        assert f'type="hidden" name="{name}" value="{value}"' in html
    assert (
        'type="hidden" name="own_questions" value="How many knees have you treated?\n'
        "Can I talk to my GP first?" in html
    )


def test_change_my_answers_shows_the_form_with_every_answer_filled_in(client, bank):
    before = row_counts()
    response = post(client, action="change")
    html = response.content.decode()
    assert "<h1>Make your consultation checklist</h1>" in html
    assert "error-summary" not in html
    for name, value in [
        ("diagnosis", "kl2"),
        ("cell_source", "fat"),
        ("delivery", "injection"),
        ("setting", "private"),
        ("concerns", "cost"),
        ("concerns", "safety"),
    ]:
        assert re.search(rf'name="{name}" value="{value}"[^>]*checked', html), (name, value)
    assert not re.search(r'name="concerns" value="evidence"[^>]*checked', html)
    assert 'value="Example Knee Clinic"' in html
    assert f'value="{APPOINTMENT:%d/%m/%Y}"' in html
    assert "How many knees have you treated?\nCan I talk to my GP first?</textarea>" in html
    assert "no-store" in response["Cache-Control"] and response.cookies == {}
    assert row_counts() == before


def test_starring_moves_a_question_into_ask_these_first_without_javascript(client, bank):
    assert "question-cells-dose" not in ask_first(post(client).content.decode())
    response = post(client, starred=["cells-dose"], action="update")
    first = ask_first(response.content.decode())
    assert "question-cells-dose" in first
    assert re.search(r'id="star-cells-dose" checked', first)
    assert "no-store" in response["Cache-Control"]


def test_removing_a_question_takes_it_off_and_offers_it_back(client, bank):
    html = post(client, dropped=["safety-approval"], action="update").content.decode()
    assert "safety-approval" not in question_keys(html)
    removed = html[html.index('class="dropped') :]
    assert re.search(
        r'name="dropped" value="safety-approval" id="drop-safety-approval" checked', removed
    )
    # unticking it (posting without it) puts it back
    assert "safety-approval" in question_keys(post(client, action="update").content.decode())


def test_choosing_stars_and_removals_stores_nothing(client, bank):
    before = row_counts()
    response = post(client, starred=["cells-dose"], dropped=["alt-options"], print_key="1")
    assert row_counts() == before
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


def test_the_after_the_visit_key_is_printed_only_when_chosen(client, bank):
    plain = post(client).content.decode()
    chosen = post(client, print_key="1").content.decode()
    assert 'class="answer-key"' in plain and 'class="answer-key is-chosen"' in chosen
    assert "Clear:" in chosen and "Vague:" in chosen


def test_the_after_the_visit_key_covers_every_printed_bank_question_by_number(client, bank):
    html = post(client, print_key="1", dropped=["alt-options"]).content.decode()
    checklist, key = html.split('class="answer-key is-chosen"')
    printed = re.findall(r'<li class="question[^"]*" value="(\d+)" id="question-', checklist)
    keyed = re.findall(r'<tr class="key-entry"><th scope="row">(\d+)</th>', key)
    assert len(printed) > ASK_FIRST_LIMIT  # "If there is time" is covered, not only the first
    assert keyed == printed
    # the patient's own questions have no key entry, and the key says so
    assert "Questions 1 to 2 are your own" in key


def test_the_printout_never_sends_a_family_member_to_a_blank_form(client, bank):
    html = post(client).content.decode()
    printed = [
        html[html.index('class="checklist-footer print-only"') :],
        *re.findall(r'<p class="print-only">(.*?)</p>', html, re.S),
    ]
    assert "http://testserver/" in printed[0]
    assert all("/checklist/" not in text for text in printed)


def test_the_date_box_matches_its_hint(client, bank):
    html = client.get("/checklist/").content.decode()
    assert re.search(r'<input type="text" name="appointment_date"[^>]*inputmode="numeric"', html)
    assert "Day, month and year, for example 27/03/2027." in html
    assert 'type="date"' not in html


def test_an_appointment_today_is_accepted_and_one_yesterday_is_a_clear_error(client, bank):
    today = timezone.localdate()
    html = post(client, appointment_date=today.strftime("%d/%m/%Y")).content.decode()
    assert "Ask these first" in html
    yesterday = (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    html = post(client, appointment_date=yesterday).content.decode()
    assert f"The appointment date {yesterday} has already passed" in html
    assert "Ask these first" not in html


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
    assert harvest[0].key in question_keys(own_fat) and harvest[0].key not in question_keys(donor)
    assert donor_only[0].key in question_keys(donor)
    assert donor_only[0].key not in question_keys(own_fat)


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
        ({"appointment_date": "01/01/1900"}, "appointment_date", "01/01/1900 has already passed"),
        ({"appointment_date": "01/01/2900"}, "appointment_date", "within the next 5 years"),
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


def test_checklist_dates_are_written_in_the_page_language(client, bank):
    from regenknee.checklists.translations import CHECKLIST_TRANSLATIONS_SOURCE
    from regenknee.sync.engine import SyncReport
    from tests.conftest import REPO

    source = CHECKLIST_TRANSLATIONS_SOURCE
    source.sync(source.read(REPO / "content"), SyncReport(), False)
    today = timezone.localdate()
    weekday_ko = "월화수목금토일"[APPOINTMENT.weekday()] + "요일"

    english = post(client).content.decode()
    assert f"{APPOINTMENT:%A} 27 March {APPOINTMENT.year}</time>" in english
    made_on = f"{today.day} {today:%B} {today.year}"
    assert f"{made_on}</time>" in english and f"/ on {made_on}." in english

    korean = post(
        client, "/ko/checklist/", appointment_date=APPOINTMENT.strftime("%Y.%m.%d")
    ).content.decode()
    assert f"{APPOINTMENT.year}년 3월 27일 {weekday_ko}</time>" in korean
    made_on = f"{today.year}년 {today.month}월 {today.day}일"
    assert f"{made_on}</time>" in korean and f"{made_on}에 http://testserver/" in korean
    assert "월 " + str(today.year) not in korean  # never "29 11월 2026"
