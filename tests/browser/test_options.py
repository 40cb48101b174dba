"""The options comparison in Chromium: one option at a time on a phone, a grid on a desktop,
a chosen pair side by side, the "what matters" marks and the summary, with and without
JavaScript; no page-wide horizontal scrolling; no axe-core violations; printed page counts."""

import re
import shutil

import pytest

from tests.options.conftest import FIXTURES

from .conftest import WIDTHS, axe_violations

# Twelve options (the list), every answer 275 characters long: the average length of
# the evidence writers' answers when this was written: the desktop grid is checked at that size.
FULL_SIZE = 12
TYPICAL_ANSWER = (
    "Plain words of about the length an evidence writer uses for one answer: what the trials "
    "found, for whom, compared with what, and how sure we can be, in two or three short "
    "sentences, with the reference at the end so a reader can check it themselves, as every "
    "answer does [@fixture-trial]."
)


@pytest.fixture
def options_site(live_site, tmp_path):
    from regenknee.sync.engine import sync_content

    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    sync_content(root)
    return live_site


@pytest.fixture
def full_size_site(live_site, tmp_path):
    """Twelve options with answers of a typical real length (made from the fixture)."""
    import yaml

    from regenknee.sync.engine import sync_content

    root = tmp_path / "content"
    (root / "options").mkdir(parents=True)
    data = yaml.safe_load((FIXTURES / "options" / "01-exercise.yaml").read_text())
    for answer in data["answers"].values():
        answer["text"] = TYPICAL_ANSWER
        answer["sources"] = ["fixture-trial"]
    for n in range(1, FULL_SIZE + 1):
        data.update(slug=f"option-{n}", title=f"Option number {n}", position=n)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (root / "options" / f"{n:02d}-option-{n}.yaml").write_text(text)
    sync_content(root)
    return live_site


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_page(width="desktop", javascript=True):
        context = browser.new_context(
            viewport={"width": WIDTHS.get(width, width), "height": 900},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def page_scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def pdf_pages(page, tmp_path, name, paper="A4"):
    page.emulate_media(media="print")
    path = tmp_path / f"{name}-{paper}.pdf"
    page.pdf(path=str(path), format=paper)
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_on_a_phone_each_option_reads_top_to_bottom_without_sideways_scrolling(
    options_site, open_page, javascript
):
    page = open_page("phone", javascript)
    page.goto(options_site.url + "/options/")
    assert not page_scrolls_sideways(page)
    first = page.locator("#exercise").bounding_box()
    second = page.locator("#knee-replacement").bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one after the other
    page.click("a[href='#knee-replacement']")
    assert page.evaluate("location.hash") == "#knee-replacement"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_chosen_pair_sits_side_by_side_on_a_phone(options_site, open_page, javascript):
    page = open_page("phone", javascript)
    page.goto(options_site.url + "/options/")
    page.select_option("#pair-a", "knee-replacement")
    page.select_option("#pair-b", "exercise")
    page.click("text=Compare these two")
    page.wait_for_selector(".comparison-pair")
    left = page.locator("#knee-replacement").bounding_box()
    right = page.locator("#exercise").bounding_box()
    assert abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"]
    assert not page_scrolls_sideways(page)
    # The same question starts at the same height in both columns (rows aligned).
    a = page.locator("#knee-replacement .cell-recovery").bounding_box()
    b = page.locator("#exercise .cell-recovery").bounding_box()
    assert abs(a["y"] - b["y"]) < 2


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_on_a_desktop_the_options_form_a_grid_with_aligned_rows(
    full_size_site, open_page, javascript
):
    page = open_page("desktop", javascript)
    page.goto(full_size_site.url + "/options/")
    assert not page_scrolls_sideways(page)
    one = page.locator("#option-1").bounding_box()
    two = page.locator("#option-2").bounding_box()
    assert abs(one["y"] - two["y"]) < 2 and two["x"] > one["x"]
    a = page.locator("#option-1 .cell-certainty").bounding_box()
    b = page.locator("#option-2 .cell-certainty").bounding_box()
    assert abs(a["y"] - b["y"]) < 2
    # The grid scrolls inside its own region, which a keyboard can reach.
    region = page.locator(".comparison-region")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_what_matters_marks_rows_and_prints_a_summary(options_site, open_page, javascript):
    page = open_page("phone", javascript)
    page.goto(options_site.url + "/options/")
    page.check("input[name=concerns][value=time_off]")
    page.check("input[name=concerns][value=avoid_surgery]")
    page.click("text=Mark the rows that matter to me")
    page.wait_for_selector(".matters-result")
    marks = page.locator(".cell-highlighted .matters-mark")
    assert marks.count() == 4  # involves and recovery, for each option
    assert page.is_checked("input[name=concerns][value=time_off]")
    page.check("#summary-knee-replacement")
    page.click("text=Make a one-page summary to print")
    page.wait_for_selector("h1:has-text('summary for my consultation')")
    assert "Several weeks off work." in page.content()
    assert page.locator(".summary-option").count() == 1  # only the option chosen


@pytest.mark.parametrize(
    "path",
    [
        "/options/",
        "/ko/options/",
        "/options/?a=exercise&b=knee-replacement",
        "/ko/options/exercise/",
    ],
)
def test_no_accessibility_violations(options_site, page, path):
    page.goto(options_site.url + path)
    assert axe_violations(page) == []


def test_no_accessibility_violations_with_marks_and_in_the_summary(options_site, page):
    page.goto(options_site.url + "/options/")
    page.check("input[name=concerns][value=cost]")
    page.click("text=Mark the rows that matter to me")
    page.wait_for_selector(".matters-result")
    assert axe_violations(page) == []
    page.click("text=Make a one-page summary to print")
    page.wait_for_selector(".summary-option")
    assert axe_violations(page) == []


# One of the longest pairs of the real content (long answers, the most references).
LONG_PAIR = ("bone-marrow-concentrate", "fat-derived-cells")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_real_comparison_prints_as_a_grid_of_briefs_on_3_pages(
    site, open_page, tmp_path, capsys, language
):
    prefix = "" if language == "en" else "/ko"
    page = open_page("desktop")
    page.goto(site.url + prefix + "/options/")
    page.emulate_media(media="print")
    tables = page.locator("table.brief-grid")
    assert tables.count() == 3  # 12 options, 4 to a page
    assert page.locator("table.brief-grid tbody tr").count() == 30
    assert page.locator(".comparison-region").is_hidden()
    assert page.locator(".references").is_hidden()
    # No row is split across two pages.
    assert page.locator("table.brief-grid tr").evaluate_all(
        "rows => rows.every(r => getComputedStyle(r).breakInside === 'avoid')"
    )
    full = {paper: pdf_pages(page, tmp_path, "full", paper) for paper in ("A4", "Letter")}

    page.emulate_media(media="screen")
    page.goto(site.url + prefix + f"/options/?a={LONG_PAIR[0]}&b={LONG_PAIR[1]}")
    assert page.locator("table.brief-grid").count() == 0
    pair = {paper: pdf_pages(page, tmp_path, "pair", paper) for paper in ("A4", "Letter")}

    page.emulate_media(media="screen")
    page.goto(site.url + prefix + "/options/")
    for concern in ("avoid_surgery", "time_off", "cost", "certainty", "serious_harm"):
        page.check(f"input[name=concerns][value={concern}]")
    page.locator(".matters-form button").click()
    page.wait_for_selector(".matters-result")
    # With every concern ticked, the marks print too.
    page.emulate_media(media="print")
    assert page.locator("table.brief-grid tr.row-highlighted .matters-mark").count() == 18
    page.emulate_media(media="screen")
    for slug in ("bone-marrow-concentrate", "fat-derived-cells", "knee-osteotomy", "prp-injection"):
        page.check(f"#summary-{slug}")
    page.locator(".matters-result button").click()
    page.wait_for_selector(".summary-option")
    summary = {paper: pdf_pages(page, tmp_path, "summary", paper) for paper in ("A4", "Letter")}
    with capsys.disabled():
        print(
            f"\nPrinted pages ({language}), A4/Letter: full comparison {full['A4']}/"
            f"{full['Letter']}, pair {pair['A4']}/{pair['Letter']}, summary {summary['A4']}/"
            f"{summary['Letter']}"
        )
    assert full["A4"] <= 3 and full["Letter"] <= 3
    assert summary["A4"] == 1 and summary["Letter"] == 1


def test_language_link_leads_to_the_korean_comparison_and_back_without_javascript(
    options_site, open_page
):
    page = open_page("phone", javascript=False)
    page.goto(options_site.url + "/options/")
    page.get_by_role("link", name="한국어").click()
    page.wait_for_load_state()
    assert page.url == options_site.url + "/ko/options/"
    assert page.locator("#exercise h3").inner_text() == "운동과 물리치료"
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == options_site.url + "/options/"


def test_the_empty_comparison_has_no_accessibility_violations(live_site, page):
    page.goto(live_site.url + "/ko/options/")
    assert "치료 방법 비교는 아직 게시되지 않았습니다." in page.content()
    assert axe_violations(page) == []
