"""The checklist journey in Chromium: with and without JavaScript, by keyboard alone, with no
axe-core violations, and printed to PDF within the page budget."""

import re

import pytest

from .conftest import WIDTHS, axe_violations

TYPICAL = {
    "diagnosis": "kl2",
    "cell_source": "fat",
    "delivery": "injection",
    "setting": "private",
    "concerns": ["safety"],
}


@pytest.fixture
def bank_site(live_site):
    from regenknee.sync.engine import sync_content
    from tests.conftest import REPO

    sync_content(REPO / "content")
    return live_site


def fill(page, answers, clinic="Example Knee Clinic", date="2027-03-27", own=()):
    for name in ("diagnosis", "cell_source", "delivery", "setting"):
        page.check(f"input[name={name}][value={answers[name]}]")
    for concern in answers.get("concerns", []):
        page.check(f"input[name=concerns][value={concern}]")
    page.fill("#id_clinic_name", clinic)
    page.fill("#id_appointment_date", date)
    page.fill("#id_own_questions", "\n".join(own))


def pdf_pages(page, tmp_path, paper):
    page.emulate_media(media="print")
    path = tmp_path / f"{paper}.pdf"
    page.pdf(path=str(path), format=paper)
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_home_to_printed_checklist(bank_site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(bank_site.url + "/")
    page.click("text=Make your checklist")
    assert page.locator("h1").text_content() == "Make your consultation checklist"
    fill(page, TYPICAL)
    page.click("text=Make my checklist")
    assert "Questions to ask at Example Knee Clinic" in page.locator("h1").text_content()
    assert page.locator(".question").count() >= 15
    # The Print button needs JavaScript, so it only appears when JavaScript runs.
    assert page.locator("[data-print]").is_visible() is javascript
    context.close()


def test_keyboard_only_journey(bank_site, browser):
    page = browser.new_page()
    page.goto(bank_site.url + "/checklist/")
    # Tab to the first radio group, choose with the arrow keys, and so on through the form.
    page.locator("#id_diagnosis_0").focus()
    page.keyboard.press("ArrowDown")  # moves to, and selects, grade 1
    for name in ("cell_source", "delivery", "setting"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == name
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "concerns"
    page.keyboard.press("Space")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector(".checklist")
    assert page.locator(".question").count() >= 15
    page.close()


def test_errors_are_announced_and_focused(bank_site, browser):
    page = browser.new_page()
    page.goto(bank_site.url + "/checklist/")
    page.click("text=Make my checklist")
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    page.click(".error-summary a >> nth=0")
    assert page.evaluate("document.activeElement.id") == "id_diagnosis_0"
    page.close()


@pytest.mark.parametrize("state", ["form", "errors", "checklist"])
def test_no_accessibility_violations(bank_site, page, state):
    page.goto(bank_site.url + "/checklist/")
    if state == "errors":
        page.fill("#id_appointment_date", "2027-02-31")
        page.click("text=Make my checklist")
    if state == "checklist":
        fill(page, TYPICAL, own=["How many knees have you treated?"])
        page.click("text=Make my checklist")
        page.wait_for_selector(".checklist")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(
    ("name", "answers", "own", "paper", "most_pages"),
    [
        ("typical", TYPICAL, ["How many knees have you treated?"], "A4", 4),
        ("typical", TYPICAL, ["How many knees have you treated?"], "Letter", 4),
        (
            "maximal",
            {
                "diagnosis": "not_sure",
                "cell_source": "not_told",
                "delivery": "not_told",
                "setting": "not_sure",
                "concerns": ["cost", "safety", "evidence", "recovery", "pain"],
            },
            ["x" * 300] * 5,
            "A4",
            6,
        ),
    ],
)
def test_printed_checklist_page_count(
    bank_site, browser, tmp_path, name, answers, own, paper, most_pages
):
    page = browser.new_page(viewport={"width": WIDTHS["desktop"], "height": 900})
    page.goto(bank_site.url + "/checklist/")
    fill(page, answers, own=own)
    page.click("text=Make my checklist")
    page.wait_for_selector(".checklist")
    questions = page.locator(".question").count()
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-footer", ".checklist-actions", ".privacy-note"]:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".checklist-footer").is_visible()
    pages = pdf_pages(page, tmp_path, paper)
    print(f"\n{name} checklist, {questions} questions: {pages} {paper} pages")
    assert pages <= most_pages
    page.close()


def test_no_question_is_split_across_printed_pages(bank_site, browser):
    page = browser.new_page()
    page.goto(bank_site.url + "/checklist/")
    fill(page, TYPICAL)
    page.click("text=Make my checklist")
    page.emulate_media(media="print")
    styles = page.eval_on_selector_all(
        ".question", "els => els.map(e => getComputedStyle(e).breakInside)"
    )
    assert styles and set(styles) == {"avoid"}
    page.close()
