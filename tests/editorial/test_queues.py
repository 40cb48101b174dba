"""The review queues find published articles that were never reviewed, and every revision
waiting for someone, in the report as on the admin home."""

from io import StringIO

import pytest
from django.core.management import call_command

from regenknee.articles.models import Article
from regenknee.editorial import revisions

pytestmark = pytest.mark.django_db


def test_the_report_lists_published_articles_never_reviewed_and_fails(live, editor, reviewer):
    Article.objects.create(
        slug="never", title="Never reviewed", summary="S", body="B", position=2,
        status=Article.Status.PUBLISHED,
    )  # fmt: skip
    revision = revisions.start_revision(live, editor)
    revisions.submit(revision, editor)
    revisions.send_back(revision, reviewer, "Needs a source.")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("review_report", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    report = out.getvalue()
    assert "Published but never clinically reviewed: 1\n  - Article: Never reviewed" in report
    assert "Sent back to the editor: 1\n  - Article: Live article (by eddie)" in report
    assert "Awaiting review: 0" in report
