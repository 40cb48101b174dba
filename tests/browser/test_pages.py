"""Every page type in a real browser, in every language: no axe-core violations at phone and
desktop widths, no sideways scrolling on small phones, keyboard access, the language links
without JavaScript, Hangul in the system's fonts, and the article print layout."""

import os
import shutil
import subprocess
from urllib.parse import unquote

import pytest

from .conftest import axe_violations
from .test_checklist import (
    APPOINTMENT,
    KO_APPOINTMENT,
    KO_CLINIC,
    KO_TYPICAL_OWN,
    SUBMIT,
    TYPICAL,
    TYPICAL_OWN,
    fill,
)

# The URL prefix of each language (English has none).
LANGUAGES = {"en": "", "ko": "/ko"}
# A search that finds something, in each language (Korean with a particle attached).
FOUND = {"en": "cartilage", "ko": "연골은"}


def checklist_result(page, language):
    if language == "ko":
        fill(page, TYPICAL, clinic=KO_CLINIC, date=KO_APPOINTMENT, own=KO_TYPICAL_OWN)
    else:
        fill(page, TYPICAL, date=APPOINTMENT, own=TYPICAL_OWN)
    page.click(SUBMIT)
    page.wait_for_selector(".checklist")


def checklist_errors(page, language):
    page.fill("#id_appointment_date", "2027.02.31" if language == "ko" else "31/02/2027")
    page.click(SUBMIT)
    page.wait_for_selector(".error-summary")


def options_summary(page, language):
    page.check("input[name=concerns][value=cost]")
    page.click(".matters-form button[type=submit]")
    page.wait_for_selector(".matters-result")
    page.check("#summary-exercise-physiotherapy")
    page.check("#summary-total-knee-replacement")
    page.click(".matters-result button[type=submit]")
    page.wait_for_selector(".summary-option")


# Every public page type: its path without the language prefix ("{q}" is the search that finds
# something), the status it answers with, and the form to send for pages that answer a POST.
PAGE_TYPES = {
    "home": ("/", 200, None),
    "article": ("/articles/what-stem-cells-are/", 200, None),
    "article with tables": ("/articles/outcome-measures-explained/", 200, None),
    "article with a table and a diagram": ("/articles/treatment-journey/", 200, None),
    "article with diagrams": ("/articles/why-cartilage-heals-poorly/", 200, None),
    "glossary": ("/glossary/", 200, None),
    "checklist form": ("/checklist/", 200, None),
    "checklist result": ("/checklist/", 200, checklist_result),
    "checklist errors": ("/checklist/", 200, checklist_errors),
    "options comparison": ("/options/", 200, None),
    "options pair": ("/options/?a=exercise-physiotherapy&b=total-knee-replacement", 200, None),
    "one option": ("/options/steroid-injection/", 200, None),
    "options summary": ("/options/", 200, options_summary),
    "search results": ("/search/?q={q}", 200, None),
    "search nothing found": ("/search/?q=zzyzxqv", 200, None),
    "about (clinic unpublished)": ("/about/", 200, None),
    "clinic programme": ("/clinic/programme/", 200, None),
    "disclaimer": ("/disclaimer/", 200, None),
    "privacy": ("/privacy/", 200, None),
    "editorial policy": ("/editorial-policy/", 200, None),
    "not found (404)": ("/articles/no-such-article/", 404, None),
}


@pytest.fixture
def indexed_site(site):
    """The real content, with the search index built as the sync command builds it."""
    from regenknee.search.index import rebuild_all

    rebuild_all()
    return site


def open_page_type(page, site, language, name):
    """Opens one page type in the language; returns its HTTP status."""
    path, _, submit = PAGE_TYPES[name]
    response = page.goto(site.url + LANGUAGES[language] + path.format(q=FOUND[language]))
    if name.startswith("search"):  # each search page is the one it claims to be
        results = page.locator(".search-results li").count()
        assert (results > 0) == (name == "search results"), (name, results)
    if submit is None:
        return response.status
    with page.expect_navigation() as navigation:
        submit(page, language)
    return navigation.value.status


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_page_type_has_no_accessibility_violations(indexed_site, page, language, capsys):
    """One page view per page type, at the width the ``page`` fixture gives (375 and 1280)."""
    found = {}
    for name, (_, status, _) in PAGE_TYPES.items():
        assert open_page_type(page, indexed_site, language, name) == status, name
        assert page.locator("html").get_attribute("lang") == language, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    with capsys.disabled():
        width = page.viewport_size["width"]
        count = sum(len(v) for v in found.values())
        print(f"\naxe {language} {width}px: {len(PAGE_TYPES)} page views, {count} violations")
    assert not found, "\n".join(
        f"{name}: {line}" for name, lines in found.items() for line in lines
    )


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("width", [320, 375])
def test_no_page_type_scrolls_sideways_on_a_small_phone(indexed_site, new_page, width, language):
    page = new_page(viewport={"width": width, "height": 800})
    wide = {}
    for name, (_, status, _) in PAGE_TYPES.items():
        assert open_page_type(page, indexed_site, language, name) == status, name
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[name] = scroll_width
    assert not wide, f"document wider than {width}px: {wide}"


@pytest.mark.parametrize(
    "path", ["/", "/articles/why-cartilage-heals-poorly/", "/glossary/", "/checklist/"]
)
def test_language_link_leads_to_the_same_page_and_back_without_javascript(site, new_page, path):
    page = new_page(java_script_enabled=False)
    page.goto(site.url + path)
    page.get_by_role("link", name="한국어").click()
    page.wait_for_load_state()
    assert page.url == site.url + "/ko" + path
    assert page.locator("html").get_attribute("lang") == "ko"
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == site.url + path
    assert page.locator("html").get_attribute("lang") == "en"


def test_korean_text_is_drawn_in_a_korean_system_font(site, browser):
    """CI installs fonts-noto-cjk: the heading's Hangul must come from a Korean font in the
    stack, not from a last-resort fallback (or be missing, drawn as boxes)."""
    page = browser.new_page()
    page.goto(site.url + "/ko/about/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    names = " ".join(font["familyName"] for font in fonts)
    assert "CJK KR" in names or "Noto Sans KR" in names, names
    page.close()


@pytest.mark.parametrize(
    ("prefix", "skip_link"), [("", "Skip to main content"), ("/ko", "본문으로 바로 가기")]
)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, browser, prefix, skip_link):
    page = browser.new_page()
    page.goto(site.url + prefix + "/articles/why-cartilage-heals-poorly/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == skip_link
    assert page.evaluate("getComputedStyle(document.activeElement).clipPath") == "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.close()


# The header's focus stops in the order a keyboard reaches them, in each language.
HEADER_STOPS = {
    "en": [
        "Skip to main content",
        "RegenKnee",
        "한국어",
        "q",
        "Search",
        "Learn",
        "Glossary",
        "Your checklist",
        "About",
    ],
    "ko": [
        "본문으로 바로 가기",
        "RegenKnee",
        "English",
        "q",
        "검색",
        "알아보기",
        "용어 사전",
        "나의 체크리스트",
        "소개",
    ],
}
# What a focused element looks like, and where it is, read in the page.
FOCUS_LOOK = """
element => {
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    name: element.name || element.textContent.trim(),
    look: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
           style.backgroundColor, style.color].join(" | "),
    box: [box.left, box.top, box.right, box.bottom],
  };
}
"""


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("width", [320, 375])
def test_header_by_keyboard_on_a_phone_without_javascript(site, new_page, width, language):
    """Tab reaches the skip link, the site name, the language link, the search form and the
    menu, in the order they are seen (row by row, left to right); each stop is on screen and
    looks different when focused."""
    page = new_page(viewport={"width": width, "height": 800}, java_script_enabled=False)
    page.goto(site.url + LANGUAGES[language] + "/articles/treatment-journey/")
    header = ".skip-link, .site-header a, .site-header input, .site-header button"
    unfocused = [e.evaluate(FOCUS_LOOK)["look"] for e in page.locator(header).all()]
    stops = []
    for _ in HEADER_STOPS[language]:
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        index = page.locator(header).evaluate_all(
            "(els, f) => els.indexOf(f)", focused.element_handle()
        )
        assert index >= 0, "focus left the header early"
        stop = focused.evaluate(FOCUS_LOOK)
        left, top, right, bottom = stop["box"]
        assert left >= 0 and top >= 0 and right <= width and bottom <= 800, stop
        assert stop["look"] != unfocused[index], f"no visible focus on {stop['name']}"
        stops.append(stop)
    assert [stop["name"] for stop in stops] == HEADER_STOPS[language]
    header_stops = stops[1:]  # the skip link sits over the page's top left corner
    for before, after in zip(header_stops, header_stops[1:], strict=False):
        same_row = before["box"][1] < after["box"][3] and after["box"][1] < before["box"][3]
        if same_row:
            assert after["box"][0] > before["box"][0], (before["name"], after["name"])
        else:
            assert after["box"][1] >= before["box"][3] - 1, (before["name"], after["name"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_home_to_article_by_keyboard(site, browser):
    page = browser.new_page()
    page.goto(site.url + "/")
    link = page.locator(".learning-path a").first
    title = link.text_content()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").text_content() == title
    page.close()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_article_print_layout_hides_navigation(site, browser, tmp_path, language):
    page = browser.new_page()
    page.goto(site.url + LANGUAGES[language] + "/articles/why-cartilage-heals-poorly/")
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-footer", ".pager", ".toc-box", ".breadcrumbs"]:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".references").is_visible()
    # The printout names the site and the page's address, and carries the review line.
    source = page.locator(".print-source")
    assert source.is_visible()
    assert source.text_content() == f"RegenKnee · {page.url}"
    assert page.locator(".article-header .review-line").is_visible()
    pdf = page.pdf(path=str(tmp_path / "article.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    # The printed address is a link, so the PDF carries it as a link annotation too.
    assert b"/URI (" + page.url.encode() + b")" in pdf
    page.close()


def test_a_korean_printout_embeds_a_korean_font(site, browser, tmp_path):
    """The printed page's Hangul comes from the system's Korean font, not missing-glyph boxes."""
    page = browser.new_page()
    page.goto(site.url + "/ko/about/")
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(tmp_path / "about.pdf"), format="A4")
    assert b"NotoSansCJK" in pdf or b"NotoSansKR" in pdf
    page.close()


def test_reference_urls_are_printed(site, browser):
    page = browser.new_page()
    page.goto(site.url + "/articles/why-cartilage-heals-poorly/")
    page.emulate_media(media="print")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.references a[href^=\"http\"]:not(.ref-url)'),"
        " '::after').content"
    )
    assert "http" in after
    page.close()


JOURNEYS = ["learn", "compare", "prepare"]


def save_screenshot(page, name):
    """Screenshots to look at, when REGENKNEE_SCREENSHOTS names a folder for them."""
    folder = os.environ.get("REGENKNEE_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, name))


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("width", [375, 1280])
def test_home_shows_the_three_journeys_in_the_first_screen(site, new_page, width, language):
    """What a patient sees before scrolling, without JavaScript: the three journeys, each a
    link, all within the first 800 px. Prints the positions (and saves a screenshot)."""
    page = new_page(viewport={"width": width, "height": 800}, java_script_enabled=False)
    page.goto(site.url + LANGUAGES[language] + "/")
    bottoms = {}
    for journey in JOURNEYS:
        box = page.locator(f'a[data-journey="{journey}"]').bounding_box()
        bottoms[journey] = (round(box["y"]), round(box["y"] + box["height"]))
        assert box["y"] + box["height"] <= 800, (journey, box)
    prefix = LANGUAGES[language]
    assert page.locator('a[data-journey="learn"]').get_attribute("href") == "#learning-path"
    assert page.locator('a[data-journey="compare"]').get_attribute("href") == prefix + "/options/"
    assert page.locator('a[data-journey="prepare"]').get_attribute("href") == prefix + "/checklist/"
    # The checklist is one tap away from the header of every page.
    assert page.locator(f'.site-nav a[href="{prefix}/checklist/"]').is_visible()
    save_screenshot(page, f"home-{language}-{width}.png")
    print(f"\nhome {language} {width}x800: journey link top/bottom y = {bottoms}")


@pytest.mark.parametrize("width", [375, 1280])
def test_article_contents_fold_on_a_phone_and_stand_beside_the_text_on_a_wide_screen(
    site, new_page, width
):
    page = new_page(viewport={"width": width, "height": 800}, java_script_enabled=False)
    page.goto(site.url + "/ko/articles/what-stem-cells-are/")
    save_screenshot(page, f"article-ko-{width}-first-screen.png")
    assert page.locator(".key-points li").count() >= 3
    current = page.locator('.breadcrumbs [aria-current="page"]')
    assert current.text_content() == page.locator("h1").text_content()
    fold, side = page.locator(".toc-fold"), page.locator(".toc-side")
    if width < 1100:
        assert fold.is_visible() and side.is_hidden()
        assert page.locator(".toc-fold details").get_attribute("open") is None
        assert page.locator(".toc-fold .toc a").first.is_hidden()
        page.locator(".toc-fold summary").click()
        assert page.locator(".toc-fold .toc a").first.is_visible()
    else:
        assert side.is_visible() and fold.is_hidden()
        body = page.locator(".article-body").bounding_box()
        contents = side.bounding_box()
        assert contents["x"] >= body["x"] + body["width"]
    save_screenshot(page, f"article-ko-{width}.png")


def test_a_wide_table_scrolls_in_a_region_a_keyboard_can_reach(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site.url + "/articles/outcome-measures-explained/")
    region = page.locator(".table-scroll").first
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "Quick guide"
    assert page.locator(".table-hint").first.is_visible()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: the keys start an animation, so wait (at most 5 s) for it to move
    # rather than reading scrollLeft at once. A region the keys cannot scroll never moves.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5000)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_glossary_index_letter_jumps_to_its_terms(site, new_page, language):
    page = new_page(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page.goto(site.url + LANGUAGES[language] + "/glossary/")
    letter = "C" if language == "en" else "ㅇ"
    page.locator(".glossary-index").get_by_role("link", name=letter, exact=True).click()
    assert unquote(page.url).endswith("#letter-" + letter.lower())
    heading = page.locator(f"#letter-{letter.lower()}").bounding_box()
    assert 0 <= heading["y"] < 100
    # Letters without terms are shown but not links.
    assert page.locator(".glossary-index .no-terms").count() >= 1


PDFTOTEXT = shutil.which("pdftotext")
# Like the browser itself: without pdftotext these tests skip with the reason, except under CI,
# where they run and fail plainly (printed_text says what is missing).
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None and os.environ.get("CI", "").lower() != "true",
    reason="pdftotext not installed (Debian: poppler-utils)",
)


def printed_text(page, tmp_path, name):
    """The text of the page as Chromium prints it to an A4 PDF, read back by poppler's
    pdftotext, with all whitespace removed (the PDF breaks lines and long addresses anywhere)."""
    assert PDFTOTEXT, "pdftotext is not installed (Debian: poppler-utils); .ci/run installs it"
    page.emulate_media(media="print")
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), format="A4")
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return "".join(text.split())


def squeezed(text):
    return "".join(text.split())


@needs_pdftotext
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_printed_article_names_the_site_its_address_and_its_review(
    indexed_site, new_page, tmp_path, language
):
    page = new_page()
    page.goto(indexed_site.url + LANGUAGES[language] + "/articles/treatment-journey/")
    review = page.locator(".article-header .review-line").text_content()
    text = printed_text(page, tmp_path, "article")
    assert squeezed(f"RegenKnee · {page.url}") in text
    assert squeezed(review) in text
    assert squeezed(page.locator("h1").text_content()) in text


CHROME = {  # text only the header (skip link, menu, search form) and the footer menu carry
    "en": ["Skip to main content", "Search this site", "Medical disclaimer"],
    "ko": ["본문으로 바로 가기", "사이트 검색", "의료 면책 고지"],
}


@needs_pdftotext
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(
    "name", ["checklist form", "checklist result", "about (clinic unpublished)", "clinic programme"]
)
def test_pages_print_without_navigation_or_the_search_form(
    indexed_site, new_page, tmp_path, name, language
):
    page = new_page()
    open_page_type(page, indexed_site, language, name)
    assert page.locator(".site-search").is_visible()  # on screen it is there
    heading = page.locator("h1").text_content()
    text = printed_text(page, tmp_path, "page")
    assert squeezed(heading) in text
    for chrome in CHROME[language]:
        assert squeezed(chrome) not in text, chrome
