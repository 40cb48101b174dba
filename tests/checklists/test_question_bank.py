"""Standards the real question bank in content/checklist/ meets, so a future edit that
breaks them fails CI. Run with -s to see the counts."""

import itertools

from regenknee.checklists.builder import ANSWER_FIELDS, Answers, build_checklist

from .bank_from_files import REAL_BANK

TODAY = __import__("datetime").date(2026, 11, 21)


def all_questions():
    return [q for group in REAL_BANK.groups for q in group.questions]


def test_the_bank_has_at_least_35_questions_and_8_red_flags():
    questions = all_questions()
    always = [q for q in questions if q.always_asked]
    print(
        f"\n{len(questions)} questions ({len(always)} always asked) in {len(REAL_BANK.groups)}"
        f" groups; {len(REAL_BANK.red_flags)} red flags"
    )
    assert len(questions) >= 35
    assert len(REAL_BANK.red_flags) >= 8
    assert len(always) >= 8


def test_every_question_and_red_flag_cites_a_source():
    for item in [*all_questions(), *REAL_BANK.red_flags]:
        assert item.source and item.source_url.startswith(("https://", "http://")), item.key


def test_every_question_explains_itself():
    for question in all_questions():
        assert question.why and question.clear_answer and question.vague_answer, question.key
        assert question.text.endswith("?"), question.key


def test_the_bank_covers_the_groups_a_patient_needs():
    titles = " ".join(group.title.lower() for group in REAL_BANK.groups)
    for topic in ["diagnosis", "cells", "procedure", "evidence", "safety", "cost", "alternatives"]:
        assert topic in titles, topic


def test_every_answer_value_changes_something_or_is_a_catch_all():
    """Each answer the form offers is named by at least one question (so asking it matters)."""
    named = {
        (name, value)
        for q in all_questions()
        for name, values in q.applies_when.items()
        for value in values
    }
    unused = {
        (name, value)
        for name, values in ANSWER_FIELDS.items()
        for value in values
        if (name, value) not in named
    }
    print(f"\nanswer values no question depends on: {sorted(unused)}")
    assert len(unused) <= 6


def test_typical_checklists_have_a_workable_number_of_questions():
    counts = []
    for diagnosis, source, delivery, setting in itertools.product(
        *(ANSWER_FIELDS[name] for name in ("diagnosis", "cell_source", "delivery", "setting"))
    ):
        answers = Answers(diagnosis, source, delivery, setting, frozenset({"safety"}))
        counts.append(build_checklist(answers, REAL_BANK, TODAY).question_count)
    average = sum(counts) / len(counts)
    print(f"\nwith one concern: {min(counts)}-{max(counts)} questions, average {average:.1f}")
    assert 15 <= average <= 30


def test_every_patient_has_essential_questions_to_ask_first():
    """At least five priority-1 questions are asked of everyone, so "Ask these first" always
    starts with what matters most, whatever the answers."""
    essential = [q for q in all_questions() if q.always_asked and q.priority == 1]
    print(f"\nalways asked with priority 1: {[q.key for q in essential]}")
    assert len(essential) >= 5
    assert {q.priority for q in all_questions()} == {1, 2, 3, 4, 5}
