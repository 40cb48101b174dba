"""Adding key points keeps up-to-date translations up to date (the fingerprint now covers them)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from regenknee.editorial.translation import fields_hash

BEFORE = [("articles", "0008_translations")]
AFTER = [("articles", "0009_key_points")]


@pytest.mark.django_db(transaction=True)
def test_a_translation_of_the_current_text_stays_up_to_date_and_a_stale_one_stays_stale():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    article = old.get_model("articles", "Article").objects.create(
        slug="a", title="A", summary="S", body="Text.\n", status="published"
    )
    translation = old.get_model("articles", "ArticleTranslation")
    current = {"title": "A", "summary": "S", "body": "Text.\n"}
    translation.objects.create(
        source=article, language="ko", title="가", summary="요약", body="글.\n",
        source_hash=fields_hash(current), source_snapshot=current,
    )  # fmt: skip
    stale_hash = fields_hash({**current, "body": "Older text.\n"})
    other = old.get_model("articles", "Article").objects.create(
        slug="b", title="B", summary="S", body="Text.\n", status="published", position=2
    )
    translation.objects.create(
        source=other, language="ko", title="나", summary="요약", body="글.\n",
        source_hash=stale_hash, source_snapshot={},
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    from regenknee.articles.models import ArticleTranslation

    kept = ArticleTranslation.objects.get(source__slug="a")
    assert not kept.is_stale
    assert kept.source_snapshot == {**current, "key_points": []}
    assert ArticleTranslation.objects.get(source__slug="b").source_hash == stale_hash
    assert ArticleTranslation.objects.get(source__slug="b").is_stale
