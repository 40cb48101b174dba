"""The checklist builder: a pure function from a patient's validated answers, the question bank
and the questions they starred or dropped on the result page, to an ordered checklist. No
database, no request, no clock: everything comes in as arguments, so every rule is tested
directly.

The order: "Ask these first" holds at most ASK_FIRST_LIMIT questions, the patient's own first,
then their starred questions, then the bank's most important for them. Everything else that
applies follows, by topic, under "If there is time".
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The form's vocabulary lives in answers.py; imported here for the builder and re-exported for
# code that still imports it from here.
from .answers import ANSWER_CHOICES, ANSWER_FIELDS, MULTIPLE_CHOICE_FIELDS, answer_label

__all__ = ["ANSWER_CHOICES", "ANSWER_FIELDS", "Answers", "build_checklist"]

MAX_OWN_QUESTIONS = 5
MAX_OWN_QUESTION_LENGTH = 300
ASK_FIRST_LIMIT = 10

# How important a bank question is, set by the clinic and approved by a medical reviewer:
# 1 is asked first by every patient it applies to, 5 only if there is time. A question that
# answers one of the patient's concerns counts one step more important (never above 1).
PRIORITY_CHOICES = (
    (1, _("1: essential, every patient it applies to should ask it")),
    (2, _("2: very important")),
    (3, _("3: important")),
    (4, _("4: useful")),
    (5, _("5: only if there is time")),
)
HIGHEST_PRIORITY, LOWEST_PRIORITY = 1, 5
DEFAULT_PRIORITY = 3


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
    priority: int = DEFAULT_PRIORITY
    # The question in the clinic staff's language, printed under it when the patient asks for
    # that; empty when not asked for or not yet translated.
    clinic_text: str = ""

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
    clinic_sign: str = ""  # the sign in the clinic staff's language, as clinic_text above


@dataclass(frozen=True)
class QuestionBank:
    groups: tuple[BankGroup, ...]
    red_flags: tuple[BankRedFlag, ...]


@dataclass(frozen=True)
class Selection:
    """What the patient chose on the result page: bank question keys to star (they most want an
    answer) and to drop (they do not want to ask). Dropping wins over starring."""

    starred: frozenset[str] = frozenset()
    dropped: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ChecklistQuestion:
    number: int
    question: BankQuestion
    reasons: tuple[str, ...]  # why it was picked for this patient; empty when always asked
    starred: bool = False


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
    own_questions: tuple[OwnQuestion, ...]  # always at the top of "Ask these first"
    first: tuple[ChecklistQuestion, ...]  # the bank's part of "Ask these first", by rank
    later: tuple[ChecklistGroup, ...]  # "If there is time", by topic in the bank's order
    dropped: tuple[BankQuestion, ...]  # applies, but the patient took it off; kept to put back
    red_flags: tuple[BankRedFlag, ...]
    made_on: datetime.date

    @property
    def questions(self) -> tuple[ChecklistQuestion, ...]:
        """Every bank question on the checklist, in printed order."""
        return self.first + tuple(item for group in self.later for item in group.questions)

    @property
    def ask_first_count(self) -> int:
        return len(self.own_questions) + len(self.first)

    @property
    def question_count(self) -> int:
        return len(self.own_questions) + len(self.questions)


def applies(question: BankQuestion, answers: Answers) -> bool:
    """A question applies when every field it names matches the patient's answer."""
    return all(answers.matches(name, values) for name, values in question.applies_when.items())


def answers_a_concern(question: BankQuestion, answers: Answers) -> bool:
    return bool(set(question.applies_when.get("concerns", ())) & answers.concerns)


def reasons_for(question: BankQuestion, answers: Answers) -> tuple[str, ...]:
    reasons = []
    for name, values in question.applies_when.items():
        chosen = getattr(answers, name)
        picked = sorted(set(chosen) & set(values)) if name in MULTIPLE_CHOICE_FIELDS else [chosen]
        reasons.extend(answer_label(name, value) for value in picked)
    return tuple(reasons)


def rank(question: BankQuestion, answers: Answers, starred: bool, bank_order: int) -> tuple:
    """Sort key, most important first: starred; then priority, one step higher for a question
    that answers one of the patient's concerns; at equal priority, concern questions, then
    questions picked for this patient's answers, then the bank's order."""
    concern = answers_a_concern(question, answers)
    priority = max(HIGHEST_PRIORITY, question.priority - 1) if concern else question.priority
    return (not starred, priority, not concern, question.always_asked, bank_order)


def build_checklist(
    answers: Answers,
    bank: QuestionBank,
    made_on: datetime.date,
    selection: Selection = Selection(),
) -> Checklist:
    own = tuple(
        OwnQuestion(number, text)
        for number, text in enumerate((t for t in answers.own_questions if t.strip()), start=1)
    )
    applying = [
        (group, question)
        for group in bank.groups
        for question in group.questions
        if applies(question, answers)
    ]
    dropped = tuple(q for _group, q in applying if q.key in selection.dropped)
    kept = [(g, q) for g, q in applying if q.key not in selection.dropped]
    order = {q.key: index for index, (_, q) in enumerate(kept)}
    ranked = sorted(
        (q for _group, q in kept),
        key=lambda q: rank(q, answers, q.key in selection.starred, order[q.key]),
    )
    first_keys = {q.key for q in ranked[: max(0, ASK_FIRST_LIMIT - len(own))]}

    number = len(own)

    def item(question):
        nonlocal number
        number += 1
        starred = question.key in selection.starred
        return ChecklistQuestion(number, question, reasons_for(question, answers), starred)

    first = tuple(item(q) for q in ranked if q.key in first_keys)
    later = []
    for group in bank.groups:
        questions = tuple(item(q) for g, q in kept if g is group and q.key not in first_keys)
        if questions:
            later.append(ChecklistGroup(group.slug, group.title, group.intro, questions))
    return Checklist(answers, own, first, tuple(later), dropped, bank.red_flags, made_on)
