"""The review trail's rules, called directly as the admin, commands and sync call them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regenknee.articles.models import Article, GlossaryTerm
from regenknee.checklists.models import Question, QuestionGroup
from regenknee.editorial import revisions
from regenknee.editorial.models import EditConflict, Revision
from regenknee.editorial.registry import editable_field_names

from .conftest import REVIEW

pytestmark = pytest.mark.django_db


def edited(revision, **changes):
    return {**revision.data, **changes}


def test_a_revision_stores_the_proposed_state_and_the_version_it_was_based_on(live, editor):
    revision = revisions.start_revision(live, editor)
    assert revision.base_version == live.version
    assert revision.data["body"] == live.body
    assert revision.data["references"][0]["key"] == "ref1"
    assert "status" not in revision.data and "reviewed_by" not in revision.data


def test_every_editable_field_of_a_question_is_in_its_revision(editor):
    group = QuestionGroup.objects.create(slug="g", title="G")
    question = Question.objects.create(
        group=group, key="q", text="Q?", why="W", clear_answer="C", vague_answer="V",
        applies_when={"cell_source": ["fat"]}, source="S",
    )  # fmt: skip
    revision = revisions.start_revision(question, editor)
    assert set(revision.data) == set(editable_field_names(Question))
    assert revision.data["applies_when"] == {"cell_source": ["fat"]}
    assert revision.data["group"] == group.pk


def test_starting_twice_gives_the_one_open_revision(live, editor, reviewer):
    first = revisions.start_revision(live, editor)
    assert revisions.start_revision(live, reviewer).pk == first.pk
    assert Revision.objects.count() == 1


def test_saving_from_an_old_version_of_the_revision_is_refused_and_changes_nothing(live, editor):
    revision = revisions.start_revision(live, editor)
    shown = revision.version
    revisions.save_revision(
        revision, edited(revision, body="First [@ref1].\n"), editor, expected_version=shown
    )
    stale = Revision.objects.get(pk=revision.pk)
    with pytest.raises(EditConflict):
        revisions.save_revision(
            stale, edited(stale, body="Second [@ref1].\n"), editor, expected_version=shown
        )
    revision.refresh_from_db()
    assert revision.data["body"] == "First [@ref1].\n"


def test_a_state_that_could_never_go_live_is_refused_with_readable_messages(live, editor):
    revision = revisions.start_revision(live, editor)
    with pytest.raises(ValidationError) as error:
        revisions.save_revision(
            revision,
            edited(revision, title="", body="Claim [@missing]."),
            editor,
            expected_version=revision.version,
        )
    messages = error.value.messages
    assert "Title: This field cannot be blank." in messages
    assert any(m.startswith("The text cites [@missing] but the reference list") for m in messages)


def test_approval_publishes_exactly_what_the_reviewer_saw(live, editor, reviewer):
    revision = revisions.start_revision(live, editor)
    revisions.save_revision(
        revision, edited(revision, body="Seen text [@ref1].\n"), editor, expected_version=1
    )
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    shown = revision.version
    revisions.save_revision(
        revision, edited(revision, body="Unseen text [@ref1].\n"), editor, expected_version=shown
    )
    with pytest.raises(revisions.RevisionChanged):
        revisions.approve(revision, reviewer, shown_version=shown, review=REVIEW)
    live.refresh_from_db()
    assert "Cells may help" in live.body
    revision.refresh_from_db()
    assert revision.state == Revision.State.IN_REVIEW
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    live.refresh_from_db()
    assert live.body == "Unseen text [@ref1].\n"
    assert live.reviewed_by == "Dr Rita Reviewer" and live.review_due == datetime.date(2027, 11, 21)


def test_an_editor_cannot_approve(live, editor):
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    with pytest.raises(PermissionDenied):
        revisions.approve(revision, editor, shown_version=2, review=REVIEW)


def test_a_second_glossary_proposal_continues_the_first_instead_of_the_live_text(editor, reviewer):
    term = GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Old.")
    first = revisions.start_revision(term, editor)
    revisions.save_revision(
        first, edited(first, definition="First fix."), editor, expected_version=1
    )
    second = revisions.start_revision(term, reviewer)
    assert second.pk == first.pk and second.data["definition"] == "First fix."
    revisions.save_revision(
        second, edited(second, aliases=["cartilages"]), reviewer, expected_version=second.version
    )
    revisions.submit(second, editor)
    second.refresh_from_db()
    revisions.approve(second, reviewer, shown_version=second.version)
    term.refresh_from_db()
    assert (term.definition, term.aliases) == ("First fix.", ["cartilages"])


def test_a_revision_based_on_an_old_live_version_is_flagged_and_not_approved(
    live, editor, reviewer
):
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    live.refresh_from_db()
    live.body = "Changed by a forced sync [@ref1]."
    live.save()
    revision.refresh_from_db()
    assert revisions.is_conflicting(revision)
    with pytest.raises(ValidationError, match="The live version changed"):
        revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    live.refresh_from_db()
    assert live.body == "Changed by a forced sync [@ref1].\n"
    revisions.save_revision(
        revision, revision.data, editor, expected_version=revision.version, rebase=True
    )
    assert not revisions.is_conflicting(revision)


def test_send_back_needs_a_note_and_the_editor_can_resend(live, editor, reviewer):
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    with pytest.raises(ValidationError, match="Say what needs to change"):
        revisions.send_back(revision, reviewer, "  ")
    revisions.send_back(revision, reviewer, "Cite the 2024 trial.")
    revision.refresh_from_db()
    assert revision.state == Revision.State.SENT_BACK
    assert revision.review_note == "Cite the 2024 trial."
    revisions.save_revision(
        revision,
        edited(revision, body="Now citing [@ref1].\n"),
        editor,
        expected_version=revision.version,
    )
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    assert revision.state == Revision.State.IN_REVIEW


def test_discarding_keeps_the_editors_work_and_others_must_say_why(live, editor, reviewer):
    revision = revisions.start_revision(live, editor)
    revisions.save_revision(
        revision, edited(revision, body="Work [@ref1].\n"), editor, expected_version=1
    )
    with pytest.raises(ValidationError, match="Say why"):
        revisions.discard(revision, reviewer)
    revisions.discard(revision, reviewer, "Superseded by the new guideline.")
    revision.refresh_from_db()
    assert revision.state == Revision.State.DISCARDED
    assert revision.data["body"] == "Work [@ref1].\n"
    assert revisions.open_revision(live) is None


def test_a_scheduled_change_keeps_the_old_text_live_until_it_is_due(
    client, live, editor, reviewer, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 21, 9, tzinfo=datetime.UTC), tick=False)
    revision = revisions.start_revision(live, editor)
    revisions.save_revision(
        revision, edited(revision, body="New text [@ref1].\n"), editor, expected_version=1
    )
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    due = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    revisions.approve(
        revision, reviewer, shown_version=revision.version, review=REVIEW, publish_at=due
    )
    revision.refresh_from_db()
    assert revision.state == Revision.State.SCHEDULED
    page = client.get("/articles/live/")
    assert page.status_code == 200 and "Cells may help a little" in page.content.decode()
    time_machine.move_to(due + datetime.timedelta(minutes=1), tick=False)
    page = client.get("/articles/live/")
    assert page.status_code == 200 and "New text" in page.content.decode()
    revision.refresh_from_db()
    assert revision.state == Revision.State.APPROVED


def test_reverting_a_live_article_makes_a_revision_with_its_old_references(live, editor, reviewer):
    original = live.history.earliest()
    revision = revisions.start_revision(live, editor)
    data = edited(revision, body="Changed [@new].\n")
    data["references"] = [{**data["references"][0], "key": "new"}]
    revisions.save_revision(revision, data, editor, expected_version=1)
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    live.refresh_from_db()
    assert [r.key for r in live.references.all()] == ["new"]
    reverted = revisions.revert(live, original.history_id, editor)
    assert reverted.data["body"] == live.history.earliest().body
    assert [r["key"] for r in reverted.data["references"]] == ["ref1"]
    live.refresh_from_db()
    assert live.body == "Changed [@new].\n"


def test_approving_a_glossary_change_relinks_articles_once_it_commits(
    editor, reviewer, live, django_capture_on_commit_callbacks
):
    live.body = "Bone marrow matters [@ref1]."
    live.save()
    revision = revisions.start_revision(
        None, editor, model=GlossaryTerm,
        data={"term": "Bone marrow", "slug": "bone-marrow", "definition": "Soft.", "aliases": []},
    )  # fmt: skip
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revisions.approve(revision, reviewer, shown_version=revision.version)
    live.refresh_from_db()
    assert 'href="/glossary/#bone-marrow"' in live.body_html
    names = [callback.__name__ for callback in callbacks]
    assert names.count("rerender_articles") == 1 and "bump_cache_generation" in names


def test_a_save_from_a_stale_copy_is_refused_for_every_caller(live):
    stale = Article.objects.get(pk=live.pk)
    live.title = "Saved first"
    live.save()
    stale.title = "Saved second"
    with pytest.raises(EditConflict):
        stale.save()
    live.refresh_from_db()
    assert live.title == "Saved first"
