from django.db import migrations

REFERENCE_FIELDS = ("key", "position", "authors", "title", "source", "year", "doi", "pmid", "url")
ARTICLE_STATES = {
    "draft": "draft",
    "in_review": "in_review",
    "approved": "approved",
    "discarded": "discarded",
}
CHANGE_STATES = {"in_review": "in_review", "approved": "approved", "rejected": "discarded"}


def copy_old_revisions(apps, schema_editor):
    """Article drafts (ArticleRevision) and glossary/checklist proposals (ContentChange) become
    revisions, with their authors, dates, notes and states; nothing is dropped."""
    content_type = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("editorial", "Revision")
    article_revision = apps.get_model("articles", "ArticleRevision")
    content_change = apps.get_model("articles", "ContentChange")
    article_type, _ = content_type.objects.get_or_create(app_label="articles", model="article")
    for old in article_revision.objects.select_related("article").order_by("pk"):
        is_open = old.state in ("draft", "in_review")
        data = {
            "title": old.title,
            "summary": old.summary,
            "body": old.body,
            "references": [
                {name: getattr(ref, name) for name in REFERENCE_FIELDS}
                for ref in old.references.order_by("position", "pk")
            ],
        }
        new = revision_model.objects.create(
            content_type=article_type,
            object_id=old.article_id,
            label=f"Article: {old.article.title}"[:300],
            data=data,
            base_version=old.article.version if is_open else None,
            state=ARTICLE_STATES[old.state],
            note=old.note,
            created_by_id=old.created_by_id,
            updated_by_id=old.updated_by_id,
            submitted_at=old.submitted_at,
            decided_by_id=old.decided_by_id,
            decided_at=old.decided_at,
        )
        revision_model.objects.filter(pk=new.pk).update(
            created_at=old.created_at, updated_at=old.updated_at
        )
    for old in content_change.objects.order_by("pk"):
        new = revision_model.objects.create(
            content_type_id=old.content_type_id,
            object_id=old.object_id,
            label=old.label,
            data=old.data,
            base_version=1 if old.state == "in_review" and old.object_id else None,
            state=CHANGE_STATES[old.state],
            review_note=(
                "Rejected before reasons were recorded." if old.state == "rejected" else ""
            ),
            created_by_id=old.created_by_id,
            updated_by_id=old.created_by_id,
            submitted_at=old.created_at,
            decided_by_id=old.decided_by_id,
            decided_at=old.decided_at,
        )
        revision_model.objects.filter(pk=new.pk).update(
            created_at=old.created_at, updated_at=old.decided_at or old.created_at
        )


class Migration(migrations.Migration):
    """Data only: copies the old drafts and proposals into revisions before their tables go."""

    dependencies = [
        ("editorial", "0001_revisions"),
        ("articles", "0006_version_for_conditional_saves"),
        ("checklists", "0003_version_for_conditional_saves"),
    ]

    operations = [migrations.RunPython(copy_old_revisions, migrations.RunPython.noop)]
