"""The old article drafts and glossary/checklist proposals become revisions, nothing dropped."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("articles", "0006_version_for_conditional_saves"),
    ("checklists", "0003_version_for_conditional_saves"),
    ("editorial", "0001_revisions"),
]
AFTER = [("editorial", "0002_copy_old_drafts_and_proposals")]


@pytest.mark.django_db(transaction=True)
def test_old_drafts_and_proposals_are_copied_into_revisions():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="eddie")
    article = old.get_model("articles", "Article").objects.create(
        slug="a", title="A", summary="S", body="Text [@r].", status="published", version=3
    )
    draft = old.get_model("articles", "ArticleRevision").objects.create(
        article=article, title="A2", summary="S2", body="New [@r].", state="in_review",
        note="Why", created_by=user,
    )  # fmt: skip
    old.get_model("articles", "RevisionReference").objects.create(
        revision=draft, key="r", title="T", source="J", pmid="1"
    )
    term_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="articles", model="glossaryterm"
    )[0]
    change = old.get_model("articles", "ContentChange")
    change.objects.create(
        content_type=term_type, label="Glossary term: new", data={"term": "New"}, state="rejected"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    revisions = new.get_model("editorial", "Revision").objects.order_by("pk")
    copied_draft, copied_change = list(revisions)
    assert copied_draft.state == "in_review" and copied_draft.base_version == 3
    assert copied_draft.data["body"] == "New [@r]." and copied_draft.note == "Why"
    assert copied_draft.data["references"][0]["key"] == "r"
    assert copied_draft.created_by_id == user.pk and copied_draft.object_id == article.pk
    assert copied_change.state == "discarded" and copied_change.data == {"term": "New"}
    assert copied_change.review_note == "Rejected before reasons were recorded."
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
