"""The checklist builder: a pure function from a patient's validated answers and the question
bank to an ordered checklist. No database, no request, no clock: everything comes in as
arguments, so every rule is tested directly.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

# The form's vocabulary lives in answers.py; imported here for the builder and re-exported for
# code that still imports it from here.
from .answers import ANSWER_CHOICES, ANSWER_FIELDS, MULTIPLE_CHOICE_FIELDS, answer_label

__all__ = ["ANSWER_CHOICES", "ANSWER_FIELDS", "Answers", "build_checklist"]

MAX_OWN_QUESTIONS = 5
MAX_OWN_QUESTION_LENGTH = 300


@dataclass(frozen=True)
class Answers:
    diagnosis: str
    cell_source: str
    delivery: str
    setting: str
    concerns: frozenset[str] = frozenset()
    clinic_name: str = ""
    appointment_date: datetime.date | None = None
    own_questions: tuple[str, ...] = ()

    def __post_init__(self):
        for name, allowed in ANSWER_FIELDS.items():
            chosen = getattr(self, name)
            values = chosen if name in MULTIPLE_CHOICE_FIELDS else {chosen}
            if not set(values) <= set(allowed):
                raise ValueError(f"{name}: {sorted(set(values) - set(allowed))} not allowed")
        if len(self.own_questions) > MAX_OWN_QUESTIONS:
            raise ValueError("too many own questions")

    def matches(self, field_name: str, values) -> bool:
        chosen = getattr(self, field_name)
        if field_name in MULTIPLE_CHOICE_FIELDS:
            return bool(set(chosen) & set(values))
        return chosen in values


@dataclass(frozen=True)
class BankQuestion:
    key: str
    text: str
    why: str
    clear_answer: str = ""
    vague_answer: str = ""
    applies_when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""
    source_url: str = ""

    @property
    def always_asked(self) -> bool:
        return not self.applies_when


@dataclass(frozen=True)
class BankGroup:
    slug: str
    title: str
    intro: str
    questions: tuple[BankQuestion, ...]


@dataclass(frozen=True)
class BankRedFlag:
    key: str
    sign: str
    why: str
    source: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class QuestionBank:
    groups: tuple[BankGroup, ...]
    red_flags: tuple[BankRedFlag, ...]


@dataclass(frozen=True)
class ChecklistQuestion:
    number: int
    question: BankQuestion
    reasons: tuple[str, ...]  # why it was picked for this patient; empty when always asked


@dataclass(frozen=True)
class ChecklistGroup:
    slug: str
    title: str
    intro: str
    questions: tuple[ChecklistQuestion, ...]


@dataclass(frozen=True)
class OwnQuestion:
    number: int
    text: str


@dataclass(frozen=True)
class Checklist:
    answers: Answers
    groups: tuple[ChecklistGroup, ...]
    own_questions: tuple[OwnQuestion, ...]
    red_flags: tuple[BankRedFlag, ...]
    made_on: datetime.date

    @property
    def question_count(self) -> int:
        return sum(len(group.questions) for group in self.groups) + len(self.own_questions)


def applies(question: BankQuestion, answers: Answers) -> bool:
    """A question applies when every field it names matches the patient's answer."""
    return all(answers.matches(name, values) for name, values in question.applies_when.items())


def reasons_for(question: BankQuestion, answers: Answers) -> tuple[str, ...]:
    reasons = []
    for name, values in question.applies_when.items():
        chosen = getattr(answers, name)
        picked = sorted(set(chosen) & set(values)) if name in MULTIPLE_CHOICE_FIELDS else [chosen]
        reasons.extend(answer_label(name, value) for value in picked)
    return tuple(reasons)


def build_checklist(answers: Answers, bank: QuestionBank, made_on: datetime.date) -> Checklist:
    """Every question that applies, in the bank's order, numbered from 1; then the patient's
    own questions; then every red flag."""
    number = 0
    groups = []
    for group in bank.groups:
        picked = []
        for question in group.questions:
            if applies(question, answers):
                number += 1
                picked.append(ChecklistQuestion(number, question, reasons_for(question, answers)))
        if picked:
            groups.append(ChecklistGroup(group.slug, group.title, group.intro, tuple(picked)))
    own = tuple(
        OwnQuestion(number + index, text)
        for index, text in enumerate((t for t in answers.own_questions if t.strip()), start=1)
    )
    return Checklist(answers, tuple(groups), own, bank.red_flags, made_on)
