"""Loads the question bank from the database into the builder's plain data."""

from .answers import usable_rule
from .builder import BankGroup, BankQuestion, BankRedFlag, QuestionBank
from .models import QuestionGroup, RedFlag


def load_question_bank() -> QuestionBank:
    groups = tuple(
        BankGroup(
            slug=group.slug,
            title=group.title,
            intro=group.intro,
            questions=tuple(
                BankQuestion(
                    key=q.key,
                    text=q.text,
                    why=q.why,
                    clear_answer=q.clear_answer,
                    vague_answer=q.vague_answer,
                    applies_when=usable_rule(q.applies_when),
                    source=q.source,
                    source_url=q.source_url,
                    priority=q.priority,
                )
                for q in group.questions.all()
            ),
        )
        for group in QuestionGroup.objects.prefetch_related("questions")
    )
    red_flags = tuple(
        BankRedFlag(f.key, f.sign, f.why, f.source, f.source_url) for f in RedFlag.objects.all()
    )
    return QuestionBank(groups, red_flags)
