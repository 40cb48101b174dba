"""Options go through the shared review trail: an editor's change to a published option is a
revision until a reviewer approves it, approval records the review line, a broken rule cannot
be approved, the admin previews a draft on the public template, and history keeps every
version."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from regenknee.editorial import revisions, roles
from regenknee.editorial.models import Revision
from regenknee.options.models import Option, OptionTranslation
from tests.editorial.conftest import make_user

pytestmark = pytest.mark.django_db

REVIEW = {
    "reviewed_by": "Dr Rita Reviewer",
    "reviewed_on": "2026-12-01",
    "review_due": "2027-12-01",
}


@pytest.fixture
def people(db):
    return make_user("eddie", roles.EDITOR), make_user("rita", roles.MEDICAL_REVIEWER)


def propose(item, editor, **changes):
    revision = revisions.start_revision(item, editor)
    revision.data.update(changes)
    revision.save()
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    return revision


def changed_answers(option, text):
    answers = option.answers
    answers["recovery"]["text"] = text
    return answers


def test_an_editor_change_waits_for_review_and_approval_records_the_review(synced, people):
    editor, reviewer = people
    option = Option.objects.get(slug="exercise")
    revision = propose(option, editor, answers=changed_answers(option, "One day off."))
    option.refresh_from_db()
    assert option.answers["recovery"]["text"] == "No time off work."
    assert revision.state == Revision.State.IN_REVIEW
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    option.refresh_from_db()
    assert option.answers["recovery"]["text"] == "One day off."
    assert (option.reviewed_by, option.reviewed_on) == (
        "Dr Rita Reviewer",
        datetime.date(2026, 12, 1),
    )
    assert option.history.count() >= 2


def test_a_change_breaking_a_rule_cannot_be_approved(synced, people):
    editor, reviewer = people
    option = Option.objects.get(slug="exercise")
    answers = option.answers
    answers["benefit"]["frequencies"][0]["with_option"] = 400
    revision = propose(option, editor, answers=answers)
    with pytest.raises(ValidationError) as caught:
        revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    assert "'with_option' must be a whole number from 0 to 100" in str(caught.value)
    option.refresh_from_db()
    assert option.answers["benefit"]["frequencies"][0]["with_option"] == 40


def test_a_draft_is_previewed_on_the_public_template(synced, people, admin_client):
    editor, _ = people
    option = Option.objects.get(slug="exercise")
    revision = propose(option, editor, title="Exercise, previewed")
    html = admin_client.get(f"/admin/editorial/revision/{revision.pk}/preview/").content.decode()
    assert "Exercise, previewed" in html and "a draft that is not live" in html
    assert 'role="img"' in html


def test_a_translation_draft_is_previewed_in_korean(synced, people, admin_client):
    editor, _ = people
    item = OptionTranslation.objects.get()
    revision = propose(item, editor, title="미리 보는 운동")
    html = admin_client.get(f"/admin/editorial/revision/{revision.pk}/preview/").content.decode()
    assert "미리 보는 운동" in html and "쉬는 기간과 회복" in html


def test_the_admin_lists_and_opens_options_and_translations(synced, admin_client):
    assert (
        "Exercise and physiotherapy" in admin_client.get("/admin/options/option/").content.decode()
    )
    option = Option.objects.get(slug="exercise")
    assert admin_client.get(f"/admin/options/option/{option.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/options/option/{option.pk}/history/").status_code == 200
    item = OptionTranslation.objects.get()
    assert (
        admin_client.get(f"/admin/options/optiontranslation/{item.pk}/change/").status_code == 200
    )


def test_the_review_line_is_recorded_by_approval_not_typed_in_the_admin(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    html = admin_client.get(f"/admin/options/option/{option.pk}/change/").content.decode()
    assert 'name="title"' in html and 'name="reviewed_by"' not in html
    item = OptionTranslation.objects.get()
    html = admin_client.get(f"/admin/options/optiontranslation/{item.pk}/change/").content.decode()
    assert 'name="title"' in html and 'name="reviewed_by"' not in html


def test_a_stale_translation_is_queued_on_the_admin_home(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    option.summary = "A changed English summary."
    option.save()
    assert (
        "Option translation: 운동과 물리치료 (ko)" in admin_client.get("/admin/").content.decode()
    )
