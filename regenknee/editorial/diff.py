"""Readable differences between two states of an item, for reviewers: fields by the names
staff know, long text line by line with unchanged runs folded, related rows by their titles."""

import difflib
import json
from dataclasses import dataclass

from django.db import models

from .registry import ReviewedType


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed" or "skipped"
    text: str


@dataclass(frozen=True)
class TextChange:
    name: str
    lines: list[DiffLine]


@dataclass(frozen=True)
class Changes:
    fields: list[FieldChange]
    texts: list[TextChange]

    def __bool__(self):
        return bool(self.fields or self.texts)


DIFF_CONTEXT = 2  # unchanged lines kept either side of a change


def text_diff(before: str, after: str) -> list[DiffLine]:
    """A line-by-line difference, for the template to show with <ins> and <del>. Long runs of
    unchanged lines are folded into one "skipped" line, so the changes stand out."""
    kinds = {" ": "same", "+": "added", "-": "removed"}
    lines = [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[0] in kinds
    ]
    changed = [i for i, line in enumerate(lines) if line.kind != "same"]
    keep = {j for i in changed for j in range(i - DIFF_CONTEXT, i + DIFF_CONTEXT + 1)}
    folded, skipped = [], 0
    for index, line in enumerate(lines):
        if index in keep or line.kind != "same":
            if skipped:
                folded.append(DiffLine("skipped", f"{skipped} unchanged lines"))
                skipped = 0
            folded.append(line)
        else:
            skipped += 1
    if skipped and folded:
        folded.append(DiffLine("skipped", f"{skipped} unchanged lines"))
    return folded


def label(field) -> str:
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def shown(field, value) -> str:
    """A stored value as a person reads it: choice labels, names of linked rows, lists as
    phrases, never JSON or Python reprs."""
    if value in (None, "", [], {}):
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else "(deleted)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{key.replace('_', ' ')}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for key, v in value.items()
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def is_long_text(field) -> bool:
    """Text long enough to compare line by line (an article's body), not in a table cell."""
    return isinstance(field, models.TextField) and (field.max_length or 10_000) > 1000


def row_lines(spec_follow, rows: list[dict]) -> list[str]:
    lines = []
    for row in rows:
        text = " · ".join(
            shown(spec_follow.model._meta.get_field(name), row.get(name))
            for name in spec_follow.field_names()
            if row.get(name) not in (None, "")
        )
        lines.append(text)
    return lines


def compare_states(spec: ReviewedType, before: dict | None, after: dict) -> Changes:
    """What differs between two states (``before`` None for a new item)."""
    before = before or {}
    fields, texts = [], []
    for name in spec.field_names():
        field = spec.model._meta.get_field(name)
        old, new = before.get(name), after.get(name)
        if json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True):
            continue
        if is_long_text(field):
            texts.append(TextChange(label(field), text_diff(old or "", new or "")))
        else:
            fields.append(FieldChange(label(field), shown(field, old), shown(field, new)))
    for follow in spec.follow:
        old_rows = row_lines(follow, before.get(follow.name, []))
        new_rows = row_lines(follow, after.get(follow.name, []))
        if old_rows != new_rows:
            name = follow.label or str(follow.model._meta.verbose_name_plural)
            texts.append(
                TextChange(
                    name[:1].upper() + name[1:], text_diff("\n".join(old_rows), "\n".join(new_rows))
                )
            )
    return Changes(fields, texts)
