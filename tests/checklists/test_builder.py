"""The checklist builder, without a database: one test per rule, then properties that hold for
every valid set of answers, question bank and choice of starred and dropped questions
(hypothesis)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regenknee.checklists.builder import (
    ANSWER_FIELDS,
    ASK_FIRST_LIMIT,
    HIGHEST_PRIORITY,
    LOWEST_PRIORITY,
    MAX_OWN_QUESTIONS,
    Answers,
    BankGroup,
    BankQuestion,
    BankRedFlag,
    QuestionBank,
    Selection,
    applies,
    build_checklist,
    rank,
)

TODAY = datetime.date(2026, 11, 21)


def q(key, priority=3, **applies_when):
    return BankQuestion(
        key=key,
        text=f"Question {key}?",
        why="Because.",
        applies_when={k: tuple(v) for k, v in applies_when.items()},
        priority=priority,
    )


BANK = QuestionBank(
    groups=(
        BankGroup(
            "diagnosis",
            "My diagnosis",
            "Intro.",
            (
                q("grade", 2),
                q("injury-size", 2, diagnosis=["injury"]),
                q("severe", 1, diagnosis=["kl3", "kl4"]),
            ),
        ),
        BankGroup(
            "cells",
            "The cells",
            "",
            (
                q("harvest", 3, cell_source=["bone_marrow", "fat"]),
                q("donor-screening", 2, cell_source=["donor"]),
                q("dose", 4),
            ),
        ),
        BankGroup(
            "cost",
            "Cost",
            "",
            (
                q("total-cost", 2, concerns=["cost"]),
                q("private-cost", 3, setting=["private"], concerns=["cost"]),
            ),
        ),
        BankGroup("surgery", "Surgery", "", (q("anaesthesia", 3, delivery=["surgery"]),)),
    ),
    red_flags=(
        BankRedFlag("testimonials", "Stories, not studies.", "Why."),
        BankRedFlag("pressure", "Pay today.", "Why."),
    ),
)


def bank_of(*questions):
    """A one-group bank, for rules about order."""
    return QuestionBank((BankGroup("all", "All", "", tuple(questions)),), ())


def answers(**overrides):
    values = {
        "diagnosis": "kl2",
        "cell_source": "fat",
        "delivery": "injection",
        "setting": "trial",
    } | overrides
    return Answers(**values)


def keys(checklist):
    return [item.question.key for item in checklist.questions]


def first_keys(checklist):
    return [item.question.key for item in checklist.first]


def later_keys(checklist):
    return [item.question.key for group in checklist.later for item in group.questions]


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


def test_ask_first_puts_the_most_important_first_and_numbers_from_one():
    checklist = build_checklist(answers(diagnosis="kl4", delivery="surgery"), BANK, TODAY)
    # priority 1, then 2, then 3 (bank order at equal priority, answer-specific first), then 4
    assert first_keys(checklist) == ["severe", "grade", "harvest", "anaesthesia", "dose"]
    assert [item.number for item in checklist.questions] == [1, 2, 3, 4, 5]
    assert checklist.later == ()


def test_ask_first_holds_at_most_ten_and_the_rest_follow_by_topic():
    bank = QuestionBank(
        (
            BankGroup("a", "A", "", tuple(q(f"a{i}", 5 - i % 5) for i in range(8))),
            BankGroup("b", "B", "", tuple(q(f"b{i}", 1 + i % 5) for i in range(8))),
        ),
        (),
    )
    checklist = build_checklist(answers(), bank, TODAY)
    assert len(checklist.first) == ASK_FIRST_LIMIT
    assert [g.slug for g in checklist.later] == ["a", "b"]
    # within a topic, the bank's order
    assert [i.question.key for i in checklist.later[0].questions] == sorted(
        (i.question.key for i in checklist.later[0].questions), key=lambda k: int(k[1:])
    )
    worst_first = max(i.question.priority for i in checklist.first)
    best_later = min(i.question.priority for g in checklist.later for i in g.questions)
    assert worst_first <= best_later
    assert [i.number for i in checklist.questions] == list(range(1, 17))


def test_own_questions_come_first_and_count_towards_the_ten():
    bank = bank_of(*(q(f"q{i}", 1) for i in range(12)))
    own = ("First?", "Second?", "Third?")
    checklist = build_checklist(answers(own_questions=own), bank, TODAY)
    assert [(o.number, o.text) for o in checklist.own_questions] == [
        (1, "First?"),
        (2, "Second?"),
        (3, "Third?"),
    ]
    assert len(checklist.first) == ASK_FIRST_LIMIT - 3
    assert checklist.first[0].number == 4
    assert checklist.ask_first_count == ASK_FIRST_LIMIT
    assert checklist.question_count == 15


def test_a_concern_raises_the_questions_that_answer_it_one_step():
    bank = bank_of(q("plain-2", 2), q("cost-3", 3, concerns=["cost"]), q("plain-3", 3))
    with_cost = answers(concerns=frozenset({"cost"}))
    # priority 3 raised to 2 and, at equal priority, ahead of a question no concern asked for
    assert first_keys(build_checklist(with_cost, bank, TODAY)) == ["cost-3", "plain-2", "plain-3"]


def test_a_concern_never_raises_a_question_above_the_highest_priority():
    bank = bank_of(q("starred-1", 1), q("cost-1", 1, concerns=["cost"]))
    question = bank.groups[0].questions[1]
    assert rank(question, answers(concerns=frozenset({"cost"})), False, 0)[1] == HIGHEST_PRIORITY


def test_at_equal_priority_a_question_picked_for_the_patient_comes_before_an_always_asked_one():
    bank = bank_of(q("always", 2), q("for-fat", 2, cell_source=["fat"]))
    assert first_keys(build_checklist(answers(), bank, TODAY)) == ["for-fat", "always"]


def test_a_starred_question_moves_into_ask_first_whatever_its_priority():
    bank = bank_of(*(q(f"q{i}", 1) for i in range(10)), q("minor", LOWEST_PRIORITY))
    plain = build_checklist(answers(), bank, TODAY)
    assert "minor" in later_keys(plain)
    starred = build_checklist(answers(), bank, TODAY, Selection(starred=frozenset({"minor"})))
    assert first_keys(starred)[0] == "minor"
    assert starred.first[0].starred and not starred.first[1].starred
    assert len(starred.first) == ASK_FIRST_LIMIT and later_keys(starred) == ["q9"]


def test_a_dropped_question_leaves_the_checklist_and_can_be_put_back():
    selection = Selection(dropped=frozenset({"grade"}))
    checklist = build_checklist(answers(), BANK, TODAY, selection)
    assert "grade" not in keys(checklist)
    assert [question.key for question in checklist.dropped] == ["grade"]
    assert "grade" in keys(build_checklist(answers(), BANK, TODAY, Selection()))


def test_dropping_wins_over_starring():
    both = Selection(starred=frozenset({"dose"}), dropped=frozenset({"dose"}))
    checklist = build_checklist(answers(), BANK, TODAY, both)
    assert "dose" not in keys(checklist) and [q.key for q in checklist.dropped] == ["dose"]


def test_unknown_or_not_applying_keys_in_a_selection_change_nothing():
    odd = Selection(
        starred=frozenset({"nope", "severe"}), dropped=frozenset({"<x>", "injury-size"})
    )
    assert build_checklist(answers(), BANK, TODAY, odd) == build_checklist(answers(), BANK, TODAY)


def test_every_red_flag_is_included_in_bank_order():
    checklist = build_checklist(answers(), BANK, TODAY)
    assert [f.key for f in checklist.red_flags] == ["testimonials", "pressure"]


def test_reasons_say_which_answers_called_for_a_question():
    checklist = build_checklist(answers(diagnosis="kl3"), BANK, TODAY)
    by_key = {i.question.key: i for i in checklist.questions}
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
    own_questions=st.lists(
        st.text(min_size=1, max_size=300).filter(str.strip), max_size=MAX_OWN_QUESTIONS
    ).map(tuple),
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
            priority = draw(st.integers(HIGHEST_PRIORITY, LOWEST_PRIORITY))
            questions.append(
                BankQuestion(
                    f"q{counter}", f"Q{counter}?", "Why.", "", "", applies_when, priority=priority
                )
            )
        groups.append(BankGroup(f"g{group_index}", f"Group {group_index}", "", tuple(questions)))
    flags = tuple(BankRedFlag(f"f{i}", "Sign.", "Why.") for i in range(draw(st.integers(1, 4))))
    return QuestionBank(tuple(groups), flags)


@st.composite
def banks_and_selections(draw):
    bank = draw(question_banks())
    all_keys = [q.key for g in bank.groups for q in g.questions] + ["not-in-the-bank"]
    starred = draw(st.frozensets(st.sampled_from(all_keys)))
    dropped = draw(st.frozensets(st.sampled_from(all_keys)))
    return bank, Selection(starred, dropped)


@given(valid_answers, banks_and_selections())
def test_any_valid_answers_give_a_well_formed_checklist(chosen, bank_and_selection):
    bank, selection = bank_and_selection
    checklist = build_checklist(chosen, bank, TODAY, selection)
    picked = list(checklist.questions)
    applying = [q for g in bank.groups for q in g.questions if applies(q, chosen)]
    # every question that applies is either on the list exactly once or among the dropped
    assert sorted(i.question.key for i in picked) == sorted(
        q.key for q in applying if q.key not in selection.dropped
    )
    assert [q.key for q in checklist.dropped] == [
        q.key for q in applying if q.key in selection.dropped
    ]
    assert all(applies(item.question, chosen) for item in picked)
    assert checklist.red_flags == bank.red_flags
    # "Ask these first": own questions, then bank questions up to ten in all, as full as it can be
    assert len(checklist.own_questions) == len(chosen.own_questions)
    assert checklist.ask_first_count <= max(ASK_FIRST_LIMIT, len(checklist.own_questions))
    assert len(checklist.first) == min(
        len(picked), max(0, ASK_FIRST_LIMIT - len(checklist.own_questions))
    )
    # numbering runs 1..n: own questions, then ask-first, then the rest
    numbers = [o.number for o in checklist.own_questions] + [i.number for i in picked]
    assert numbers == list(range(1, len(numbers) + 1))

    # ask-first is in rank order, and nothing left for later outranks anything asked first
    order = {q.key: n for n, q in enumerate(q for q in applying if q.key not in selection.dropped)}

    def key(item):
        return rank(item.question, chosen, item.starred, order[item.question.key])

    assert [key(i) for i in checklist.first] == sorted(key(i) for i in checklist.first)
    later = [i for g in checklist.later for i in g.questions]
    if checklist.first and later:
        assert max(key(i) for i in checklist.first) < min(key(i) for i in later)
    # a starred question is only left for later when ask-first is full of starred ones
    if any(i.starred for i in later):
        assert all(i.starred for i in checklist.first)
    assert all(i.starred == (i.question.key in selection.starred) for i in picked)
    # the rest: no empty topic, topics and questions in the bank's order
    assert all(group.questions for group in checklist.later)
    bank_order = [q.key for g in bank.groups for q in g.questions]
    assert [i.question.key for i in later] == sorted(
        (i.question.key for i in later), key=bank_order.index
    )


@given(valid_answers, banks_and_selections())
def test_a_higher_priority_is_never_asked_after_a_lower_one_without_a_star_or_a_concern(
    chosen, bank_and_selection
):
    bank, selection = bank_and_selection
    checklist = build_checklist(chosen, bank, TODAY, Selection(dropped=selection.dropped))
    plain = [
        i
        for i in checklist.questions
        if not set(i.question.applies_when.get("concerns", ())) & chosen.concerns
    ]
    first = [i.question.priority for i in plain if i in checklist.first]
    later = [i.question.priority for i in plain if i not in checklist.first]
    if first and later:
        assert max(first) <= min(later)


@given(valid_answers)
def test_the_real_question_bank_always_gives_a_usable_checklist(chosen):
    from .bank_from_files import REAL_BANK

    checklist = build_checklist(chosen, REAL_BANK, TODAY)
    assert 14 <= checklist.question_count <= 50
    assert checklist.ask_first_count == ASK_FIRST_LIMIT
    assert len(checklist.red_flags) >= 8
    # the first bank question is always an essential one (priority 1, or raised to it)
    assert rank(checklist.first[0].question, chosen, False, 0)[1] == HIGHEST_PRIORITY
