"""The strict Content-Security-Policy in Chromium: public pages and the Django admin run with
no violation, and the admin's JavaScript widgets still work under it."""

import pytest
from django.contrib.auth.models import User

from regenknee.articles.models import GlossaryTerm

PASSWORD = "a-Long-enough-pass-1"

# Playwright adds this before any page script, outside the page's CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`
  );
});
"""


@pytest.fixture
def watched_page(browser):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def violations():
        return page.evaluate("window.__cspViolations") + console

    page.violations = violations
    yield page
    context.close()


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status == 200, url
    assert "content-security-policy" in response.headers
    assert page.violations() == [], url


def test_public_pages_run_without_violations(site, watched_page):
    for path in ["/", "/articles/why-cartilage-heals-poorly/", "/glossary/", "/checklist/"]:
        visit(watched_page, site.url + path)


def test_admin_works_under_the_policy(site, watched_page):
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    page = watched_page
    page.goto(site.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert page.violations() == []

    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/glossaryterm/",
        "/admin/checklists/question/",
        "/admin/checklists/question/add/",
    ]:
        visit(page, site.url + path)

    # Widgets that only exist when the admin's scripts run: the two-box permission picker,
    # the date shortcuts and the select-all checkbox of the list actions.
    user = User.objects.get(username="admin")
    visit(page, f"{site.url}/admin/auth/user/{user.pk}/change/")
    assert page.locator("#id_user_permissions_filter").is_visible()
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    assert page.input_value("#id_last_login_0") != ""
    visit(page, site.url + "/admin/auth/user/")
    page.check("#action-toggle")
    assert page.locator("input.action-select").first.is_checked()

    # An edit through the admin is on the public page at once, cache or not.
    term = GlossaryTerm.objects.order_by("term").first()
    visit(page, site.url + "/glossary/")
    visit(page, f"{site.url}/admin/articles/glossaryterm/{term.pk}/change/")
    page.fill("#id_definition", "A definition changed in the admin under the policy.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert page.violations() == []
    context = page.context.browser.new_context()
    public = context.new_page()
    public.goto(site.url + "/glossary/")
    assert "A definition changed in the admin under the policy." in public.content()
    context.close()
