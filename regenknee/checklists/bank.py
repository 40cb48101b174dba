"""Loads the question bank from the database into the builder's plain data, in a language.

The builder stays pure: it is given texts already in the patient's language. Each group,
question and red flag is in that language where it has a translation, and in English where it
does not yet (keys, order, priorities, rules and sources are always the English bank's).
"""

from regenknee.editorial.translation import translation_language

from .answers import usable_rule
from .builder import BankGroup, BankQuestion, BankRedFlag, QuestionBank
from .models import (
    QuestionGroup,
    QuestionGroupTranslation,
    QuestionTranslation,
    RedFlag,
    RedFlagTranslation,
)


def translations(model, language: str) -> dict[int, object]:
    """Source id -> translation, for one language ("" for none)."""
    if not language:
        return {}
    return {item.source_id: item for item in model.objects.filter(language=language)}


def load_question_bank(language: str | None = None, clinic_language: str = "") -> QuestionBank:
    """The bank in ``language`` (by default the active language), English per item where a
    translation is missing.

    With ``clinic_language`` (the language the clinic's staff read), each question and warning
    sign also carries its text in that language where it has one (``clinic_text``,
    ``clinic_sign``); nothing where it has not, so English is never printed as if it were the
    clinic's language."""
    language = translation_language(language)
    group_texts = translations(QuestionGroupTranslation, language)
    question_texts = translations(QuestionTranslation, language)
    flag_texts = translations(RedFlagTranslation, language)
    # A clinic that reads the source language (English) gets the bank's own texts.
    clinic_reads_source = bool(clinic_language) and not translation_language(clinic_language)
    clinic_language = translation_language(clinic_language) if clinic_language else ""
    clinic_questions = translations(QuestionTranslation, clinic_language)
    clinic_flags = translations(RedFlagTranslation, clinic_language)
    groups = tuple(
        BankGroup(
            slug=group.slug,
            title=group_texts.get(group.pk, group).title,
            intro=group_texts.get(group.pk, group).intro,
            questions=tuple(
                BankQuestion(
                    key=q.key,
                    text=question_texts.get(q.pk, q).text,
                    why=question_texts.get(q.pk, q).why,
                    clear_answer=question_texts.get(q.pk, q).clear_answer,
                    vague_answer=question_texts.get(q.pk, q).vague_answer,
                    applies_when=usable_rule(q.applies_when),
                    source=q.source,
                    source_url=q.source_url,
                    priority=q.priority,
                    clinic_text=q.text
                    if clinic_reads_source
                    else getattr(clinic_questions.get(q.pk), "text", ""),
                )
                for q in group.questions.all()
            ),
        )
        for group in QuestionGroup.objects.prefetch_related("questions")
    )
    red_flags = tuple(
        BankRedFlag(
            f.key,
            flag_texts.get(f.pk, f).sign,
            flag_texts.get(f.pk, f).why,
            f.source,
            f.source_url,
            clinic_sign=f.sign
            if clinic_reads_source
            else getattr(clinic_flags.get(f.pk), "sign", ""),
        )
        for f in RedFlag.objects.all()
    )
    return QuestionBank(groups, red_flags)


# The name the checklist views of other branches were written against.
load_bank = load_question_bank
