"""The search form and results in a real browser: axe finds nothing at phone and desktop
widths in either language, and a search works from the header with JavaScript off."""

import pytest

from .conftest import axe_violations

QUERIES = {"en": ["cartilage", "zzyzx", ""], "ko": ["연골은", "없는낱말", ""]}
PREFIX = {"en": "", "ko": "/ko"}


@pytest.fixture
def indexed_site(site):
    from regenknee.search.index import rebuild_all

    rebuild_all()
    return site


@pytest.mark.parametrize("language", list(QUERIES))
@pytest.mark.parametrize("which", ["results", "nothing found", "empty"])
def test_search_page_has_no_accessibility_violations(indexed_site, page, language, which):
    query = QUERIES[language][["results", "nothing found", "empty"].index(which)]
    response = page.goto(f"{indexed_site.url}{PREFIX[language]}/search/?q={query}")
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    if which == "results":
        assert page.locator(".search-results li").count() > 0
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("language", list(QUERIES))
def test_searching_from_the_header_works_without_javascript(indexed_site, new_page, language):
    page = new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page.goto(f"{indexed_site.url}{PREFIX[language]}/")
    page.get_by_role("search").get_by_role("searchbox").fill(QUERIES[language][0])
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{PREFIX[language]}/search/?q=*")
    first = page.locator(".search-results li h2 a").first
    assert first.get_attribute("href").startswith(f"{PREFIX[language]}/")
    assert page.locator(".search-results mark").count() > 0
    first.click()
    assert page.locator("h1").count() == 1
