"""Key points go through the review trail like the rest of an article, typed one per line."""

import pytest

from regenknee.articles.models import Article
from regenknee.editorial import revisions, roles

from .conftest import REVIEW, make_user

pytestmark = pytest.mark.django_db


def test_key_points_of_a_live_article_change_only_when_a_reviewer_approves(live):
    editor = make_user("eddie", roles.EDITOR)
    reviewer = make_user("rita", roles.MEDICAL_REVIEWER)
    revision = revisions.start_revision(live, editor)
    data = {**revision.data, "key_points": ["Cells may help a little.", "Ask what you get."]}
    revisions.save_revision(revision, data, editor, expected_version=revision.version)
    revisions.submit(revision, editor)
    assert Article.objects.get(pk=live.pk).key_points == []
    revision.refresh_from_db()
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    assert Article.objects.get(pk=live.pk).key_points == [
        "Cells may help a little.",
        "Ask what you get.",
    ]


def test_the_draft_form_shows_key_points_one_per_line(client, live):
    editor = make_user("eddie", roles.EDITOR)
    live.key_points = ["First point.", "Second point."]
    live.save()
    revision = revisions.start_revision(live, editor)
    client.force_login(editor)
    html = client.get(f"/admin/editorial/revision/{revision.pk}/change/").content.decode()
    assert "First point.\nSecond point.</textarea>" in html
    assert '["First point."' not in html
