"""The editorial workflow in Chromium: an editor edits a live article and previews it while
the public page stays the same; a reviewer approves it and it goes live with the new review
date. The admin pages this project adds or overrides have no axe-core violations."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from regenknee.articles.models import Article
from regenknee.editorial import revisions, roles
from regenknee.editorial.models import Revision

from .conftest import axe_violations

PASSWORD = "a-Long-enough-pass-1"
SLUG = "why-cartilage-heals-poorly"


@pytest.fixture
def staff(site):
    from django.apps import apps

    roles.create_roles(apps)  # the groups come from a migration; live-server tests flush it
    for username, group, first, last in [
        ("eddie", roles.EDITOR, "Eddie", "Editor"),
        ("rita", roles.MEDICAL_REVIEWER, "Rita", "Reviewer"),
    ]:
        user = User.objects.create_user(
            username, password=PASSWORD, is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=group))
    return site


def log_in(page, site, username):
    page.goto(site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_editor_drafts_and_previews_then_reviewer_approves(staff, new_page):
    article = Article.objects.get(slug=SLUG)
    editor = new_page()
    log_in(editor, staff, "eddie")
    editor.goto(f"{staff.url}/admin/articles/article/{article.pk}/change/")
    editor.click("text=Edit this article (start a draft)")
    editor.fill("#id_body", article.body + "\nA sentence added in the browser.\n")
    editor.click("input[name=_preview]")
    assert "A sentence added in the browser." in editor.locator(".article-body").inner_text()
    assert editor.locator(".preview-banner").is_visible()
    editor.click("text=Back to editing")  # the preview leads back to the draft
    # The public page is unchanged.
    public = new_page()
    public.goto(f"{staff.url}/articles/{SLUG}/")
    assert "A sentence added in the browser." not in public.locator(".article-body").inner_text()
    revision = Revision.objects.open().for_object(article).get()
    assert editor.url.endswith(f"/admin/editorial/revision/{revision.pk}/change/")
    editor.click("input[name=_submit]")
    assert "Awaiting review" in editor.locator(".workflow-panel").inner_text()
    # An editor has no way to approve.
    assert editor.locator("text=Review and approve").count() == 0

    reviewer = new_page()
    log_in(reviewer, staff, "rita")
    reviewer.goto(f"{staff.url}/admin/editorial/revision/{revision.pk}/change/")
    reviewer.click("text=Review and approve")
    assert "A sentence added in the browser." in reviewer.locator(".diff-body").inner_text()
    reviewer.fill("#id_reviewed_by", "Dr Rita Reviewer, FRCS (Orth)")
    reviewer.click("input[value='Approve and publish']")
    assert "Approved: the change is now live" in reviewer.locator(".messagelist").inner_text()

    public.reload()
    assert "A sentence added in the browser." in public.locator(".article-body").inner_text()
    today = datetime.date.today()
    review_line = public.locator(".review-line").first.inner_text()
    assert f"Reviewed by Dr Rita Reviewer, FRCS (Orth) on {today:%-d %B %Y}" in review_line
    due = today.replace(year=today.year + 1)
    assert f"Next review due {due:%-d %B %Y}" in review_line


def admin_pages(site, article, revision):
    return {
        "index": "/admin/",
        "article change form": f"/admin/articles/article/{article.pk}/change/",
        "article list": "/admin/articles/article/?review=awaiting",
        "draft page": f"/admin/editorial/revision/{revision.pk}/change/",
        "approve page": f"/admin/editorial/revision/{revision.pk}/approve/",
        "send back page": f"/admin/editorial/revision/{revision.pk}/send-back/",
        "compare page": f"/admin/articles/article/{article.pk}/compare/",
        "revision list": "/admin/editorial/revision/",
    }


def test_admin_pages_this_project_adds_have_no_accessibility_violations(staff, new_page):
    article = Article.objects.get(slug=SLUG)
    eddie = User.objects.get(username="eddie")
    revision = revisions.start_revision(article, eddie)
    data = {**revision.data, "body": revision.data["body"] + "\nNew line.\n"}
    revisions.save_revision(revision, data, eddie, expected_version=revision.version)
    revisions.submit(revision, eddie)
    page = new_page()
    log_in(page, staff, "rita")
    failures = []
    for name, path in admin_pages(staff, article, revision).items():
        page.goto(staff.url + path)
        violations = axe_violations(page)
        failures.extend(f"{name}: {v}" for v in violations)
    assert not failures, "\n".join(failures)
