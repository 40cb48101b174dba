"""The checklist form's questions and their answers: one vocabulary for the form, the builder,
the question bank's ``applies_when`` rules and their validation.

Question files and the admin name these values in ``applies_when``; the form offers exactly
these choices. Rename a value only together with every rule that uses it.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ANSWER_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "diagnosis": (
        ("injury", _("A cartilage injury, not arthritis")),
        ("kl1", _("Osteoarthritis, Kellgren-Lawrence grade 1 (doubtful)")),
        ("kl2", _("Osteoarthritis, Kellgren-Lawrence grade 2 (mild)")),
        ("kl3", _("Osteoarthritis, Kellgren-Lawrence grade 3 (moderate)")),
        ("kl4", _("Osteoarthritis, Kellgren-Lawrence grade 4 (severe)")),
        ("not_sure", _("I'm not sure, or I haven't been told a grade")),
    ),
    "cell_source": (
        ("bone_marrow", _("My own bone marrow")),
        ("fat", _("My own fat")),
        ("donor", _("Cells from a donor, such as umbilical cord")),
        ("not_told", _("I haven't been told yet")),
    ),
    "delivery": (
        ("injection", _("An injection into the knee")),
        ("surgery", _("An operation")),
        ("not_told", _("I haven't been told yet")),
    ),
    "setting": (
        ("trial", _("A registered clinical trial")),
        ("hospital", _("A hospital treatment programme")),
        ("private", _("A private clinic")),
        ("not_sure", _("I'm not sure")),
    ),
    "concerns": (
        ("cost", _("Cost")),
        ("safety", _("Safety and side effects")),
        ("evidence", _("Whether it works")),
        ("recovery", _("Recovery time")),
        ("pain", _("Pain during and after")),
    ),
}
ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(value for value, _label in choices) for name, choices in ANSWER_CHOICES.items()
}
MULTIPLE_CHOICE_FIELDS = frozenset({"concerns"})


def answer_label(field_name: str, value: str) -> str:
    return dict(ANSWER_CHOICES[field_name])[value]


def validate_applies_when(rule) -> None:
    """A rule is {} (always ask) or maps answer names to a non-empty list of their values."""
    if not isinstance(rule, dict):
        raise ValidationError(
            "Give {} to always ask the question, or answers and their values, like "
            '{"cell_source": ["fat"]}.',
            code="invalid_rule",
        )
    problems = []
    for name, values in rule.items():
        if name not in ANSWER_FIELDS:
            problems.append(
                f"'{name}' is not one of the form's answers ({', '.join(ANSWER_FIELDS)})."
            )
            continue
        allowed = ANSWER_FIELDS[name]
        if not isinstance(values, list) or not values:
            problems.append(f"Give {name} a list of one or more of: {', '.join(allowed)}.")
            continue
        unknown = [repr(value) for value in values if value not in allowed]
        if unknown:
            problems.append(
                f"{name} has no answer {', '.join(unknown)} (its answers: {', '.join(allowed)})."
            )
    if problems:
        raise ValidationError(problems, code="invalid_rule")


def usable_rule(rule) -> dict[str, tuple[str, ...]]:
    """The part of a stored rule the builder can use. Rules are validated on every way in, so
    this only guards against a row written some other way: a patient then gets the question
    (asking too much is safer than hiding it) and the log says which rule to fix."""
    try:
        validate_applies_when(rule)
    except ValidationError as error:
        logger.warning("ignoring a checklist rule that is not valid: %s", " ".join(error.messages))
        if not isinstance(rule, dict):
            return {}
        return {
            name: tuple(value for value in values if value in ANSWER_FIELDS[name])
            for name, values in rule.items()
            if name in ANSWER_FIELDS
            and isinstance(values, list)
            and any(value in ANSWER_FIELDS[name] for value in values)
        }
    return {name: tuple(values) for name, values in rule.items()}
