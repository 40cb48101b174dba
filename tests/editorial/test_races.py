"""Two people at the same moment, for real: threads with their own database connections, on
whichever database the suite runs on (SQLite or PostgreSQL). Each thread reads first, waits
for the other at a barrier, then writes, which is the interleaving that lost edits before."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from regenknee.articles.models import Article
from regenknee.editorial import revisions, roles
from regenknee.editorial.models import EditConflict, Revision

from .conftest import REVIEW

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def staff_roles():
    """Tests that commit are followed by an emptied database: make the groups again."""
    from django.apps import apps

    roles.create_roles(apps)


def run_together(*jobs):
    """Runs each job in its own thread and connection; returns what each returned or raised."""
    barrier = threading.Barrier(len(jobs), timeout=30)
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            outcomes[index] = job(barrier)
        except Exception as error:  # reported to the test, which says what it expects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def test_two_simultaneous_saves_of_one_article_one_wins_and_the_other_is_told(live):
    def save(text):
        def job(barrier):
            copy = Article.objects.get(pk=live.pk)  # both read the same version
            barrier.wait()
            copy.body = text
            copy.save()
            return "saved"

        return job

    outcomes = run_together(save("Alice's text [@ref1]."), save("Bob's text [@ref1]."))
    assert sorted(map(type, outcomes), key=str) == sorted([str, EditConflict], key=str), outcomes
    live.refresh_from_db()
    assert live.version == 2
    winner = "Alice" if outcomes[0] == "saved" else "Bob"
    assert live.body.startswith(winner)


def test_an_edit_racing_an_approval_never_publishes_unseen_text(live, editor, reviewer):
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    shown = revision.version  # the version on the reviewer's screen

    def edit(barrier):
        copy = Revision.objects.get(pk=revision.pk)
        barrier.wait()
        data = {**copy.data, "body": "Unseen text [@ref1].\n"}
        revisions.save_revision(copy, data, editor, expected_version=copy.version)
        return "edited"

    def approve(barrier):
        barrier.wait()
        revisions.approve(revision, reviewer, shown_version=shown, review=REVIEW)
        return "approved"

    outcomes = run_together(edit, approve)
    live.refresh_from_db()
    assert "Unseen text" not in live.body
    if outcomes[1] == "approved":  # the approval went first: the late edit was refused
        assert isinstance(outcomes[0], ValidationError | EditConflict), outcomes
        assert live.body == revision.data["body"]
    else:  # the edit went first: the approval was refused, nothing went live
        assert outcomes[0] == "edited" and isinstance(outcomes[1], revisions.RevisionChanged)
        assert "Cells may help a little" in live.body
