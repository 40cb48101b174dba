"""What a clinic staffer met in the user test: no bare 403 page, no field names, no raw values,
no buttons that do nothing, and the editor credited for their own work."""

import pytest

from regenknee.articles.models import GlossaryTerm
from regenknee.editorial import revisions, roles

from .conftest import REVIEW, make_user

pytestmark = pytest.mark.django_db


def test_the_history_page_names_people_without_linking_to_their_accounts(client, live):
    editor = make_user("eddie", roles.EDITOR, first_name="Eddie", last_name="Editor")
    term = GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Old.")
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER, first_name="Rita"))
    client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/",
        {"term": "Cartilage", "slug": "cartilage", "definition": "A much longer definition.",
         "aliases": "", "expected_version": term.version},
    )  # fmt: skip
    client.force_login(editor)
    html = client.get(f"/admin/articles/glossaryterm/{term.pk}/history/").content.decode()
    assert "<td>Rita</td>" in html
    assert "/admin/auth/user/" not in html
    assert "None" not in html and "chars]" not in html
    assert "<td>Definition</td>" in html


def test_an_articles_history_is_the_readable_versions_page(client, live):
    client.force_login(make_user("eddie", roles.EDITOR))
    response = client.get(f"/admin/articles/article/{live.pk}/history/")
    assert response["Location"] == f"/admin/articles/article/{live.pk}/compare/"


def test_the_versions_page_credits_the_editor_and_names_fields_as_staff_know_them(client, live):
    editor = make_user("eddie", roles.EDITOR, first_name="Eddie", last_name="Editor")
    reviewer = make_user("rita", roles.MEDICAL_REVIEWER, first_name="Rita", last_name="Reviewer")
    revision = revisions.start_revision(live, editor)
    data = {**revision.data, "title": "Clearer title", "body": "New words [@ref1].\n"}
    revisions.save_revision(revision, data, editor, expected_version=revision.version)
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{live.pk}/compare/").content.decode()
    assert "Approved change by Eddie Editor, reviewed by Rita Reviewer" in html
    assert '<th scope="row">Title</th><td><del>Live article</del></td>' in html
    assert '<th scope="row">Reviewed by</th>' in html
    assert "reviewed_by" not in html and "review_due" not in html


def test_a_live_article_shows_an_editor_no_save_button(client, live):
    client.force_login(make_user("eddie", roles.EDITOR))
    html = client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert 'name="_save"' not in html and 'name="_continue"' not in html
    assert 'name="_addanother"' not in html
    assert "Edit this article (start a draft)" in html


def test_a_reviewer_sees_one_save_button_on_a_live_article(client, live):
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    html = client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert html.count('name="_save"') == 1
    assert 'name="_continue"' not in html and 'name="_addanother"' not in html


def test_the_draft_preview_leads_back_to_editing(client, live):
    editor = make_user("eddie", roles.EDITOR)
    revision = revisions.start_revision(live, editor)
    client.force_login(editor)
    html = client.get(f"/admin/editorial/revision/{revision.pk}/preview/").content.decode()
    assert f'<a href="/admin/editorial/revision/{revision.pk}/change/">Back to editing</a>' in html


def test_a_step_someone_may_not_take_is_explained_not_forbidden(client, live):
    editor = make_user("eddie", roles.EDITOR)
    other = make_user("emma", roles.EDITOR)
    revision = revisions.start_revision(live, editor)
    client.force_login(other)
    response = client.post(f"/admin/editorial/revision/{revision.pk}/discard/", follow=True)
    assert response.status_code == 200
    assert "Only its author or a medical reviewer can discard this." in response.content.decode()
    response = client.get(f"/admin/editorial/revision/{revision.pk}/send-back/", follow=True)
    assert "Only a medical reviewer can send a draft back." in response.content.decode()


def test_the_admin_home_lists_every_queue_with_the_never_reviewed_articles(client, live):
    live.reviewed_on = None
    live.reviewed_by = ""
    live.save()
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    html = client.get("/admin/").content.decode()
    assert "Published but never clinically reviewed: 1" in html
    assert f'<a href="/admin/articles/article/{live.pk}/change/">Article: Live article</a>' in html
    for heading in ("Review overdue", "Due in the next 30 days", "Awaiting review", "Sent back"):
        assert heading in html


def test_an_editors_button_on_a_glossary_term_says_what_it_does(client):
    term = GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Old.")
    client.force_login(make_user("eddie", roles.EDITOR))
    html = client.get(f"/admin/articles/glossaryterm/{term.pk}/change/").content.decode()
    assert '<input type="submit" value="Send for review" class="default" name="_save">' in html
    assert 'value="Save"' not in html


def test_approving_a_draft_changed_since_the_page_was_shown_is_refused_with_the_new_diff(
    client, live
):
    editor = make_user("eddie", roles.EDITOR)
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    page = client.get(f"/admin/editorial/revision/{revision.pk}/approve/")
    shown = page.context["form"].initial["shown_version"]
    revision.refresh_from_db()
    data = {**revision.data, "body": "Slipped in later [@ref1].\n"}
    revisions.save_revision(revision, data, editor, expected_version=revision.version)
    response = client.post(
        f"/admin/editorial/revision/{revision.pk}/approve/",
        {"shown_version": shown, "reviewed_by": "Dr R", "review_due": "2099-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This draft was changed after you opened this page, so it was not approved." in html
    assert "Slipped in later" in html  # the differences as they are now
    assert f'name="shown_version" value="{revision.version}"' in html
    live.refresh_from_db()
    assert "Slipped in later" not in live.body


def test_publishing_a_new_article_changed_since_the_page_was_shown_is_refused(client, db):
    from regenknee.articles.models import Article

    article = Article.objects.create(
        slug="new", title="New", summary="S", body="Seen.", position=2, status="review"
    )
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    shown = client.get(f"/admin/articles/article/{article.pk}/approve/").context["form"]
    article.body = "Unseen."
    article.save()
    response = client.post(
        f"/admin/articles/article/{article.pk}/approve/",
        {"shown_version": shown.initial["shown_version"], "reviewed_by": "Dr R",
         "review_due": "2099-01-01"},
    )  # fmt: skip
    assert "This article was changed after you opened this page" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_reviewer_schedules_a_change_to_a_live_article_and_the_page_stays(client, live):
    editor = make_user("eddie", roles.EDITOR)
    revision = revisions.start_revision(live, editor)
    data = {**revision.data, "body": "Tomorrow's text [@ref1].\n"}
    revisions.save_revision(revision, data, editor, expected_version=revision.version)
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    response = client.post(
        f"/admin/editorial/revision/{revision.pk}/approve/",
        {"shown_version": revision.version, "reviewed_by": "Dr R", "review_due": "2099-01-01",
         "publish_at": "2098-01-01T09:00"},
        follow=True,
    )  # fmt: skip
    assert "It goes live on 01 January 2098" in response.content.decode()
    client.logout()
    page = client.get("/articles/live/")
    assert page.status_code == 200 and "Cells may help a little" in page.content.decode()
