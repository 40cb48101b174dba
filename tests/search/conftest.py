import datetime

import pytest
from django.utils import timezone

from regenknee.articles.models import (
    Article,
    ArticleTranslation,
    GlossaryTerm,
    GlossaryTermTranslation,
)
from regenknee.checklists.models import Question, QuestionGroup, QuestionTranslation
from regenknee.search.index import rebuild_all


def article(slug, title, body, position, status=Article.Status.PUBLISHED, summary="A summary."):
    return Article.objects.create(
        slug=slug,
        title=title,
        summary=summary,
        body=body,
        position=position,
        status=status,
        review_due=datetime.date(2027, 1, 1),
    )


@pytest.fixture
def content(db):
    """A little of each kind of content, in English and partly in Korean, indexed."""
    body_match = article(
        "living-with-arthritis",
        "Living with arthritis",
        "## Exercise\n\nWalking keeps the cartilage of the knee moving.\n",
        1,
    )
    title_match = article(
        "cartilage-explained", "Cartilage explained", "## What it is\n\nA smooth tissue.\n", 2
    )
    article("draft-cartilage", "Draft about cartilage", "Unfinished cartilage notes.\n", 3,
            status=Article.Status.DRAFT)  # fmt: skip
    scheduled = article("future-cartilage", "Future cartilage news", "Coming soon.\n", 4)
    Article.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    untranslated = article("untranslated", "Knee braces", "A brace supports the knee.\n", 5)
    ArticleTranslation.objects.create(
        source=body_match,
        language="ko",
        title="관절염과 함께 살기",
        summary="요약입니다.",
        body="## 운동\n\n걷기는 무릎의 연골이 움직이도록 돕습니다.\n",
        status=ArticleTranslation.Status.PUBLISHED,
    )
    ArticleTranslation.objects.create(
        source=title_match,
        language="ko",
        title="연골 알아보기",
        summary="요약입니다.",
        body="## 무엇인가\n\n매끄러운 조직입니다.\n",
        status=ArticleTranslation.Status.DRAFT,  # not published: the English is shown
    )
    msc = GlossaryTerm.objects.create(
        slug="mesenchymal-stem-cells",
        term="Mesenchymal stem cells",
        definition="Cells that can become bone, cartilage or fat.",
        aliases=["MSC", "MSCs"],
    )
    GlossaryTermTranslation.objects.create(
        source=msc,
        language="ko",
        term="중간엽줄기세포",
        definition="뼈, 연골, 지방으로 자랄 수 있는 세포입니다.",
        aliases=["간엽줄기세포"],
    )
    group = QuestionGroup.objects.create(slug="costs", title="Costs", position=1)
    question = Question.objects.create(
        group=group,
        key="total-price",
        text="What is the total price, including follow-up?",
        why="Prices often leave out imaging and review visits.",
        clear_answer="An itemised price.",
        vague_answer="It depends.",
        source="Example source",
    )
    QuestionTranslation.objects.create(
        source=question,
        language="ko",
        text="추적 관찰을 포함한 총비용은 얼마입니까?",
        why="비용에는 영상 검사와 재진이 빠져 있는 경우가 많습니다.",
        clear_answer="항목별 가격.",
        vague_answer="경우에 따라 다릅니다.",
    )
    rebuild_all()
    return {"untranslated": untranslated, "scheduled": scheduled}
