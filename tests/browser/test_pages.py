"""Every page type in a real browser, in every language: no axe-core violations at phone and
desktop widths, keyboard access, the language links without JavaScript, Hangul in the system's
fonts, and the article print layout."""

import pytest

from .conftest import axe_violations

PAGES = [
    "/",
    "/articles/why-cartilage-heals-poorly/",
    "/glossary/",
    "/about/",
    "/disclaimer/",
    "/privacy/",
    "/editorial-policy/",
    "/articles/no-such-article/",
]


# The URL prefix of each language (English has none).
LANGUAGES = {"en": "", "ko": "/ko"}


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(site, page, path, language):
    response = page.goto(site.url + LANGUAGES[language] + path)
    assert response.status == (404 if "no-such" in path else 200)
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


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
    for selector in [".site-header", ".site-footer", ".pager", ".toc-box"]:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".references").is_visible()
    pdf = page.pdf(path=str(tmp_path / "article.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
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
