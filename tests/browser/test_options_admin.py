"""An editor changes an option's answer in Chromium through ordinary fields and it becomes a draft
for review; the option, translation and draft forms have no axe-core violations."""

import os

import pytest
from django.contrib.auth.models import Group, User

from regenknee.editorial import roles
from regenknee.editorial.models import Revision
from regenknee.options.models import Option, OptionTranslation

from .conftest import axe_violations

PASSWORD = "a-Long-enough-pass-1"
SHOTS = os.environ.get("ADMIN_SCREENSHOTS")  # a folder, to look at the forms by eye


@pytest.fixture
def staff(site):
    from django.apps import apps

    roles.create_roles(apps)  # the groups come from a migration; live-server tests flush it
    for username, group in [("eddie", roles.EDITOR), ("rita", roles.MEDICAL_REVIEWER)]:
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    # Translations are edited by an administrator: the roles have no translation permissions.
    User.objects.create_superuser("sam", password=PASSWORD)
    return site


def log_in(page, site, username):
    page.goto(site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def look(page, name):
    if SHOTS:
        height = page.evaluate("document.documentElement.scrollHeight")
        tops = {0, max(0, height - 1800)}  # the top and the end (the references)
        for part, top in enumerate(sorted(tops)):
            clip = {"x": 0, "y": top, "width": 1280, "height": min(1800, height - top)}
            page.screenshot(
                path=os.path.join(SHOTS, f"{name}-{part}.png"), clip=clip, full_page=True
            )


def test_an_editor_changes_an_answer_by_its_field_and_it_waits_for_review(staff, new_page):
    option = Option.objects.get(slug="steroid-injection")
    before = option.answers
    page = new_page(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    log_in(page, staff, "eddie")
    page.goto(f"{staff.url}/admin/options/option/{option.pk}/change/")
    look(page, "option-form")
    recovery = page.get_by_role("group", name="Time off and recovery")
    recovery.get_by_label("Answer").fill("Most people go back to their usual day the next day.")
    page.click("input[name=_save]")
    # A figure without a source: the message is on the recovery's sources, nothing is saved.
    look(page, "refused")
    assert (
        "needs at least one source"
        in recovery.locator(".field-answers__recovery__sources").inner_text()
    )
    assert not Revision.objects.exists()
    recovery.get_by_label("Sources").fill("nice2022")
    page.click("input[name=_save]")
    revision = Revision.objects.get()
    assert page.url.endswith(f"/admin/editorial/revision/{revision.pk}/change/")
    assert revision.data["answers"]["recovery"] == {
        **before["recovery"],
        "text": "Most people go back to their usual day the next day.",
        "sources": ["nice2022"],
    }
    option.refresh_from_db()
    assert option.answers == before


def test_the_option_forms_have_no_accessibility_violations(staff, new_page):
    option = Option.objects.get(slug="steroid-injection")
    item = OptionTranslation.objects.filter(source=option).first()
    editor = new_page(viewport={"width": 1280, "height": 900})
    log_in(editor, staff, "eddie")
    editor.goto(f"{staff.url}/admin/options/option/{option.pk}/change/")
    editor.click("input[name=_save]")
    draft = editor.url
    page = new_page(viewport={"width": 1280, "height": 900})
    log_in(page, staff, "sam")
    failures = []
    for name, url in [
        ("option form", f"{staff.url}/admin/options/option/{option.pk}/change/"),
        ("translation form", f"{staff.url}/admin/options/optiontranslation/{item.pk}/change/"),
        ("draft", draft),
    ]:
        page.goto(url)
        look(page, name.replace(" ", "-"))
        failures.extend(f"{name}: {v}" for v in axe_violations(page))
    assert not failures, "\n".join(failures)
