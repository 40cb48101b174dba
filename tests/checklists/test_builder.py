"""The checklist builder, without a database: one test per rule, then properties that hold for
every valid set of answers (hypothesis)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regenknee.checklists.builder import (
    ANSWER_FIELDS,
    MAX_OWN_QUESTIONS,
    Answers,
    BankGroup,
    BankQuestion,
    BankRedFlag,
    QuestionBank,
    applies,
    build_checklist,
)

TODAY = datetime.date(2026, 11, 21)


def q(key, **applies_when):
    return BankQuestion(
        key=key,
        text=f"Question {key}?",
        why="Because.",
        applies_when={k: tuple(v) for k, v in applies_when.items()},
    )


BANK = QuestionBank(
    groups=(
        BankGroup(
            "diagnosis",
            "My diagnosis",
            "Intro.",
            (
                q("grade"),
                q("injury-size", diagnosis=["injury"]),
                q("severe", diagnosis=["kl3", "kl4"]),
            ),
        ),
        BankGroup(
            "cells",
            "The cells",
            "",
            (
                q("harvest", cell_source=["bone_marrow", "fat"]),
                q("donor-screening", cell_source=["donor"]),
                q("dose"),
            ),
        ),
        BankGroup(
            "cost",
            "Cost",
            "",
            (
                q("total-cost", concerns=["cost"]),
                q("private-cost", setting=["private"], concerns=["cost"]),
            ),
        ),
        BankGroup("surgery", "Surgery", "", (q("anaesthesia", delivery=["surgery"]),)),
    ),
    red_flags=(
        BankRedFlag("testimonials", "Stories, not studies.", "Why."),
        BankRedFlag("pressure", "Pay today.", "Why."),
    ),
)


def answers(**overrides):
    values = {
        "diagnosis": "kl2",
        "cell_source": "fat",
        "delivery": "injection",
        "setting": "trial",
    } | overrides
    return Answers(**values)


def keys(checklist):
    return [item.question.key for group in checklist.groups for item in group.questions]


def test_always_asked_questions_are_always_there():
    assert {"grade", "dose"} <= set(keys(build_checklist(answers(), BANK, TODAY)))


def test_a_question_appears_when_its_answer_matches():
    assert "harvest" in keys(build_checklist(answers(cell_source="bone_marrow"), BANK, TODAY))
    assert "donor-screening" in keys(build_checklist(answers(cell_source="donor"), BANK, TODAY))


def test_a_question_is_left_out_when_its_answer_does_not_match():
    checklist = build_checklist(answers(cell_source="donor"), BANK, TODAY)
    assert "harvest" not in keys(checklist)


def test_concerns_match_when_any_chosen_concern_is_listed():
    chosen = answers(concerns=frozenset({"pain", "cost"}))
    assert "total-cost" in keys(build_checklist(chosen, BANK, TODAY))
    assert "total-cost" not in keys(build_checklist(answers(), BANK, TODAY))


def test_every_condition_must_match():
    cost_in_trial = answers(setting="trial", concerns=frozenset({"cost"}))
    cost_in_private = answers(setting="private", concerns=frozenset({"cost"}))
    assert "private-cost" not in keys(build_checklist(cost_in_trial, BANK, TODAY))
    assert "private-cost" in keys(build_checklist(cost_in_private, BANK, TODAY))


def test_groups_and_questions_keep_the_bank_order_and_are_numbered_from_one():
    checklist = build_checklist(answers(diagnosis="kl4", delivery="surgery"), BANK, TODAY)
    assert [g.slug for g in checklist.groups] == ["diagnosis", "cells", "surgery"]
    assert keys(checklist) == ["grade", "severe", "harvest", "dose", "anaesthesia"]
    numbers = [item.number for g in checklist.groups for item in g.questions]
    assert numbers == [1, 2, 3, 4, 5]


def test_a_group_with_no_matching_questions_is_left_out():
    checklist = build_checklist(answers(), BANK, TODAY)
    assert "cost" not in [g.slug for g in checklist.groups]


def test_own_questions_follow_in_order_numbered_on():
    checklist = build_checklist(answers(own_questions=("First?", "Second?")), BANK, TODAY)
    last = max(item.number for g in checklist.groups for item in g.questions)
    assert [(o.number, o.text) for o in checklist.own_questions] == [
        (last + 1, "First?"),
        (last + 2, "Second?"),
    ]
    assert checklist.question_count == last + 2


def test_every_red_flag_is_included_in_bank_order():
    checklist = build_checklist(answers(), BANK, TODAY)
    assert [f.key for f in checklist.red_flags] == ["testimonials", "pressure"]


def test_reasons_say_which_answers_called_for_a_question():
    checklist = build_checklist(answers(diagnosis="kl3"), BANK, TODAY)
    by_key = {i.question.key: i for g in checklist.groups for i in g.questions}
    assert by_key["severe"].reasons == ("Osteoarthritis, Kellgren-Lawrence grade 3 (moderate)",)
    assert by_key["grade"].reasons == ()


def test_the_date_made_and_the_answers_are_carried_through():
    chosen = answers(clinic_name="Knee Clinic", appointment_date=datetime.date(2027, 3, 27))
    checklist = build_checklist(chosen, BANK, TODAY)
    assert checklist.made_on == TODAY and checklist.answers is chosen


@pytest.mark.parametrize(
    "bad",
    [
        {"diagnosis": "kl5"},
        {"cell_source": "stem"},
        {"concerns": frozenset({"price"})},
        {"own_questions": ("?",) * (MAX_OWN_QUESTIONS + 1)},
    ],
)
def test_answers_outside_the_allowed_values_are_refused(bad):
    with pytest.raises(ValueError):
        answers(**bad)


def test_applies_with_no_conditions_is_always_true():
    assert applies(q("x"), answers())


# --- properties -----------------------------------------------------------------------------

valid_answers = st.builds(
    Answers,
    diagnosis=st.sampled_from(ANSWER_FIELDS["diagnosis"]),
    cell_source=st.sampled_from(ANSWER_FIELDS["cell_source"]),
    delivery=st.sampled_from(ANSWER_FIELDS["delivery"]),
    setting=st.sampled_from(ANSWER_FIELDS["setting"]),
    concerns=st.frozensets(st.sampled_from(ANSWER_FIELDS["concerns"])),
    clinic_name=st.text(max_size=100),
    appointment_date=st.none() | st.dates(),
    own_questions=st.lists(st.text(min_size=1, max_size=300), max_size=MAX_OWN_QUESTIONS).map(
        tuple
    ),
)


@st.composite
def question_banks(draw):
    groups = []
    counter = 0
    for group_index in range(draw(st.integers(1, 5))):
        questions = []
        for _ in range(draw(st.integers(1, 6))):
            counter += 1
            fields = draw(st.lists(st.sampled_from(list(ANSWER_FIELDS)), unique=True, max_size=2))
            applies_when = {
                name: tuple(
                    draw(st.lists(st.sampled_from(ANSWER_FIELDS[name]), min_size=1, unique=True))
                )
                for name in fields
            }
            questions.append(
                BankQuestion(f"q{counter}", f"Q{counter}?", "Why.", "", "", applies_when)
            )
        groups.append(BankGroup(f"g{group_index}", f"Group {group_index}", "", tuple(questions)))
    flags = tuple(BankRedFlag(f"f{i}", "Sign.", "Why.") for i in range(draw(st.integers(1, 4))))
    return QuestionBank(tuple(groups), flags)


@given(valid_answers, question_banks())
def test_any_valid_answers_give_a_well_formed_checklist(chosen, bank):
    checklist = build_checklist(chosen, bank, TODAY)
    picked = [item for group in checklist.groups for item in group.questions]
    # always-asked questions and every red flag are always there
    always = [q.key for g in bank.groups for q in g.questions if q.always_asked]
    assert set(always) <= {item.question.key for item in picked}
    assert checklist.red_flags == bank.red_flags
    # nothing is there that does not apply, and nothing is repeated
    assert all(applies(item.question, chosen) for item in picked)
    assert len({item.question.key for item in picked}) == len(picked)
    # numbering runs 1..n through the bank's questions then the patient's own
    numbers = [item.number for item in picked] + [o.number for o in checklist.own_questions]
    assert numbers == list(range(1, len(numbers) + 1))
    # no empty group, and groups keep the bank's order
    assert all(group.questions for group in checklist.groups)
    order = [g.slug for g in bank.groups]
    assert [g.slug for g in checklist.groups] == sorted(
        (g.slug for g in checklist.groups), key=order.index
    )


@given(valid_answers)
def test_the_real_question_bank_always_gives_a_usable_checklist(chosen):
    from .bank_from_files import REAL_BANK

    checklist = build_checklist(chosen, REAL_BANK, TODAY)
    assert 14 <= checklist.question_count <= 45
    assert len(checklist.red_flags) >= 8
