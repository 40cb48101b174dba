"""Every page type in a real browser: no axe-core violations at phone and desktop widths,
keyboard access, and the article print layout."""

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


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(site, page, path):
    response = page.goto(site.url + path)
    assert response.status == (404 if "no-such" in path else 200)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, browser):
    page = browser.new_page()
    page.goto(site.url + "/articles/why-cartilage-heals-poorly/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
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


def test_article_print_layout_hides_navigation(site, browser, tmp_path):
    page = browser.new_page()
    page.goto(site.url + "/articles/why-cartilage-heals-poorly/")
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-footer", ".pager", ".toc-box"]:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".references").is_visible()
    pdf = page.pdf(path=str(tmp_path / "article.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
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
