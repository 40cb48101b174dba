"""Editing an option's answers and references (and a translation's words) as ordinary fields.

Clinic staff are not programmers, so the admin and the review trail never show them JSON: each
question is a group of fields (brief, text, sources, grade, a few frequency rows) and each
reference is a row. The form builds the same JSON the content files hold (``content.py``'s
normal form) and the model's ``clean()`` judges it with ``rules.py``; each ``rules.Problem`` is
then shown on the field its path names (``("answers", "benefit", "frequencies", 0,
"with_option")`` is the field ``answers__benefit__frequencies__0__with_option``).

A field's name is its path joined with ``__``. Rows are numbered as shown; empty frequency rows
are left out of the JSON and a reference whose key is cleared is removed, so a problem's index
in the JSON is mapped back to the row it came from.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from . import rules
from .content import plain
from .models import Option

FREQUENCY_ROWS = 4  # rows shown per question; one more than the option has if it has 4 or more
NEW_REFERENCE_ROWS = 3
SEPARATOR = "__"
FREQUENCY_PARTS = ("label", "with_option", "without_option", "comparison", "sources")
REFERENCE_PARTS = rules.REFERENCE_FIELDS
SOURCES_HELP = "Reference keys from this option's references, separated by commas."
FREQUENCY_LABELS = {
    "label": "what it counts",
    "with_option": "with it (out of 100)",
    "without_option": "without it",
    "comparison": "compared with",
    "sources": "sources",
}
FREQUENCY_HELP = {
    "label": "For example “have less pain after 3 months”. Leave a whole row empty to leave it "
    "out.",
    "with_option": "",
    "without_option": "Leave empty when no comparison gives it.",
    "comparison": "What “without” means, for example “a dummy (placebo) injection”.",
    "sources": SOURCES_HELP,
}


def name_of(*path) -> str:
    return SEPARATOR.join(str(part) for part in path)


def answer_of(answers, key) -> dict:
    answer = answers.get(key) if isinstance(answers, dict) else None
    return answer if isinstance(answer, dict) else {}


def listed(value) -> list:
    return value if isinstance(value, list) else []


def frequency_rows(answer: dict) -> int:
    count = len(listed(answer.get("frequencies")))
    return FREQUENCY_ROWS if count < FREQUENCY_ROWS else count + 1


def keys_text(sources) -> str:
    return ", ".join(str(s) for s in listed(sources))


def keys_list(text: str) -> list[str]:
    return [key for key in re.split(r"[,\s]+", text or "") if key]


def text_value(value) -> str:
    return "" if value is None else str(value)


# --- the layout, shared by the form and the admin's fieldsets -------------------------------


def option_layout(answers, references) -> list[tuple[str, list]]:
    """(legend, lines of field names) per question and for the references. The admin needs the
    names before it has a form, so the form and the admin both take them from here."""
    groups = []
    for key, label in rules.QUESTIONS:
        answer = answer_of(answers, key)
        lines = [name_of("answers", key, "brief"), name_of("answers", key, "text")]
        if key == "certainty":
            lines.append(name_of("answers", key, "grade"))
        lines.append(name_of("answers", key, "sources"))
        if key in rules.WITH_FREQUENCIES:
            for index in range(frequency_rows(answer)):
                row = [name_of("answers", key, "frequencies", index, p) for p in FREQUENCY_PARTS]
                lines += [row[0], tuple(row[1:3]), tuple(row[3:])]
        groups.append((label, lines))
    lines = []
    for index in range(len(listed(references)) + NEW_REFERENCE_ROWS):
        row = {p: name_of("references", index, p) for p in REFERENCE_PARTS}
        lines += [
            (row["key"], row["year"], row["pmid"]),
            row["authors"],
            row["title"],
            row["source"],
            (row["doi"], row["url"]),
        ]
    groups.append(("References", lines))
    return groups


def translation_layout(english_answers) -> list[tuple[str, list]]:
    groups = []
    for key, label in rules.QUESTIONS:
        if not isinstance(english_answers, dict) or key not in english_answers:
            continue
        answer = answer_of(english_answers, key)
        lines = [name_of("answers", key, "brief"), name_of("answers", key, "text")]
        for index, item in enumerate(listed(answer.get("frequencies"))):
            lines.append(name_of("answers", key, "frequencies", index, "label"))
            if isinstance(item, dict) and item.get("comparison"):
                lines.append(name_of("answers", key, "frequencies", index, "comparison"))
        groups.append((label, lines))
    return groups


def flat(lines) -> list[str]:
    names = []
    for line in lines:
        names += list(line) if isinstance(line, tuple) else [line]
    return names


# --- the forms ------------------------------------------------------------------------------


class StructuredForm(forms.ModelForm):
    """What the option and translation forms share: the JSON fields are replaced by the fields
    of ``layout()``, the JSON is built before the model's own validation, and the model's
    problems are placed on their fields."""

    replaced = ("answers",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups_layout = self.layout()
        if self.groups_layout is None:
            return  # nothing to build from yet (a new translation before its option is chosen)
        for name in self.replaced:
            self.fields.pop(name, None)
        for _legend, lines in self.groups_layout:
            for name in flat(lines):
                self.fields[name] = self.make_field(name)

    def layout(self):
        raise NotImplementedError

    def make_field(self, name: str) -> forms.Field:
        raise NotImplementedError

    def build(self) -> dict:
        """The JSON values (by model field name) from the cleaned fields."""
        raise NotImplementedError

    def groups(self):
        """Bound fields by group, for templates that lay out a form themselves (the review
        trail's draft editor): the ordinary fields first, then one group per question."""
        if self.groups_layout is None:
            return []
        grouped = {name for _legend, lines in self.groups_layout for name in flat(lines)}
        groups = [("", [self[name] for name in self.fields if name not in grouped])]
        for legend, lines in self.groups_layout:
            groups.append((legend, [self[name] for name in flat(lines)]))
        return groups

    def _post_clean(self):
        self.row_of, self.json_errors = {}, []
        if self.groups_layout is None:
            super()._post_clean()
            return
        if hasattr(self, "cleaned_data"):
            for name, value in self.build().items():
                setattr(self.instance, name, value)
        super()._post_clean()
        if hasattr(self, "cleaned_data") and not self.place_problems() and self.json_errors:
            self.add_error(None, self.json_errors)  # a model error that is not a rule's

    def _update_errors(self, errors):
        # The model's messages about the JSON fields are placed field by field instead.
        if self.groups_layout is not None and hasattr(errors, "error_dict"):
            kept = {k: v for k, v in errors.error_dict.items() if k not in self.replaced}
            for name in self.replaced:
                self.json_errors += ValidationError(errors.error_dict.get(name, [])).messages
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)

    def place_problems(self) -> int:
        placed, own = 0, set(self.errors)
        for problem in self.instance.problems():
            if problem.where[0] not in self.replaced:
                continue
            placed += 1
            field = self.field_for(problem.where)
            if field is None:
                self.add_error(None, problem.message)
            elif field not in own:  # a field's own error ("Enter a whole number") says it
                self.add_error(field, problem.message)
        return placed

    def field_for(self, where: tuple) -> str | None:
        """The field a problem's path names, with JSON row numbers mapped back to form rows; a
        path that stops at a row or a question points at that row's or question's first field."""
        path = list(where)
        for index in range(len(path) - 1):
            rows = self.row_of.get(tuple(path[: index + 1]))
            if rows is not None and isinstance(path[index + 1], int):
                if path[index + 1] >= len(rows):
                    return None
                path[index + 1] = rows[path[index + 1]]
        name = name_of(*path)
        if name in self.fields:
            return name
        for candidate in self.fields:
            if candidate.startswith(name + SEPARATOR) and not candidate.endswith("brief"):
                return candidate
        return None


class OptionContentForm(StructuredForm):
    """An option's answers and references as fields. Used by the option's admin form and by
    the review trail's draft editor."""

    replaced = ("answers", "references")

    def layout(self):
        return option_layout(self.instance.answers, self.instance.references)

    def make_field(self, name):
        parts = name.split(SEPARATOR)
        if parts[0] == "references":
            return self.reference_field(int(parts[1]), parts[2])
        key, part = parts[1], parts[-1]
        answer = answer_of(self.instance.answers, key)
        if len(parts) == 5:
            return self.frequency_field(answer, int(parts[3]), part)
        if part == "brief":
            return forms.CharField(
                label="Brief",
                required=False,
                initial=text_value(answer.get("brief")),
                widget=forms.TextInput(attrs={"class": "vTextField"}),
                help_text=f"One short sentence or phrase for the printed grid (at most "
                f"{rules.MAX_BRIEF} characters); keep its numbers.",
            )
        if part == "text":
            return forms.CharField(
                label="Answer",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
                initial=text_value(answer.get("text")),
                help_text="Plain sentences. Cite a reference in the text as [@key] if needed. "
                "Write “Not known” when it is not known.",
            )
        if part == "grade":
            return forms.ChoiceField(
                label="Certainty grade (GRADE)",
                required=False,
                choices=[("", "---------"), *((g, g.replace("-", " ")) for g in rules.GRADES)],
                initial=answer.get("grade") or "",
            )
        return forms.CharField(
            label="Sources",
            required=False,
            initial=keys_text(answer.get("sources")),
            help_text=SOURCES_HELP,
        )

    def frequency_field(self, answer, index, part):
        items = listed(answer.get("frequencies"))
        item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
        label = f"Frequency {index + 1}: {FREQUENCY_LABELS[part]}"
        help_text = FREQUENCY_HELP[part] if index == 0 else ""  # said once per question
        if part in ("with_option", "without_option"):
            return forms.IntegerField(
                label=label, required=False, initial=item.get(part), help_text=help_text
            )
        initial = keys_text(item.get(part)) if part == "sources" else text_value(item.get(part))
        return forms.CharField(
            label=label,
            required=False,
            initial=initial,
            help_text=help_text,
            widget=forms.TextInput(attrs={"class": "vTextField" if part != "sources" else ""}),
        )

    def reference_field(self, index, part):
        refs = listed(self.instance.references)
        ref = refs[index] if index < len(refs) and isinstance(refs[index], dict) else {}
        names = {"doi": "DOI", "pmid": "PubMed ID", "url": "URL"}
        label = f"Reference {index + 1}: {names.get(part, part)}"
        if part == "year":
            return forms.IntegerField(label=label, required=False, initial=ref.get("year"))
        help_text = ""
        if part == "key" and index in (0, len(refs)):  # once for the rows kept, once for new
            help_text = (
                "Lower-case letters, digits and hyphens, like juni2015. Clear the key to remove "
                "the reference."
                if index < len(refs)
                else "Fill in to add a reference."
            )
        return forms.CharField(
            label=label,
            required=False,
            initial=text_value(ref.get(part)),
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
            if part == "title"
            else forms.TextInput(attrs={"class": "" if part in ("key", "pmid") else "vTextField"}),
        )

    def value(self, *path):
        return self.cleaned_data.get(name_of(*path))

    def build(self) -> dict:
        answers = {}
        for key in rules.QUESTION_KEYS:
            entry = {}
            if self.value("answers", key, "brief"):
                entry["brief"] = plain(self.value("answers", key, "brief"))
            entry["text"] = plain(self.value("answers", key, "text") or "")
            if key == "certainty" and self.value("answers", key, "grade"):
                entry["grade"] = self.value("answers", key, "grade")
            if key in rules.WITH_FREQUENCIES:
                items, rows = [], []
                answer = answer_of(self.instance.answers, key)
                for index in range(frequency_rows(answer)):
                    item = self.frequency(key, index)
                    if item is not None:
                        items.append(item)
                        rows.append(index)
                if items:
                    entry["frequencies"] = items
                self.row_of[("answers", key, "frequencies")] = rows
            entry["sources"] = keys_list(self.value("answers", key, "sources"))
            answers[key] = entry
        references, rows = [], []
        for index in range(len(listed(self.instance.references)) + NEW_REFERENCE_ROWS):
            ref = self.reference(index)
            if ref is not None:
                references.append(ref)
                rows.append(index)
        self.row_of[("references",)] = rows
        return {"answers": answers, "references": references}

    def frequency(self, key, index):
        values = {p: self.value("answers", key, "frequencies", index, p) for p in FREQUENCY_PARTS}
        if all(v in (None, "") for v in values.values()):
            return None  # an empty row
        return {
            "label": plain(values["label"] or ""),
            "with_option": values["with_option"],
            "without_option": values["without_option"],
            "comparison": plain(values["comparison"] or ""),
            "sources": keys_list(values["sources"]),
        }

    def reference(self, index):
        values = {p: self.value("references", index, p) for p in REFERENCE_PARTS}
        if not values["key"]:
            if index >= len(listed(self.instance.references)) and any(values.values()):
                name = name_of("references", index, "key")
                self.add_error(name, "Give the new reference a key, or clear the row.")
            return None  # cleared: removed
        ref = {p: plain(values[p] or "") for p in REFERENCE_PARTS if p != "year"}
        ref["year"] = values["year"]
        return {p: ref[p] for p in REFERENCE_PARTS}


class OptionTranslationContentForm(StructuredForm):
    """A translation's words as fields, each with the English it translates shown beside it.
    Numbers, sources and references come from the English option and are not edited here."""

    def english(self) -> Option | None:
        if self.instance.source_id:
            return self.instance.source
        chosen = (self.data or {}).get("source") or self.initial.get("source")
        chosen = str(getattr(chosen, "pk", chosen) or "")
        return Option.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None

    def layout(self):
        self.option = self.english()
        if self.option is None:
            if "source" in self.fields:
                self.fields["source"].help_text = (
                    "Choose the option and save: the form then shows its English words to "
                    "translate, question by question."
                )
            return None
        return translation_layout(self.option.answers)

    def make_field(self, name):
        parts = name.split(SEPARATOR)
        key, part = parts[1], parts[-1]
        ours = answer_of(self.instance.answers, key)
        theirs = answer_of(self.option.answers, key)
        if len(parts) == 5:
            index = int(parts[3])
            ours = listed(ours.get("frequencies"))
            ours = ours[index] if index < len(ours) and isinstance(ours[index], dict) else {}
            theirs = listed(theirs.get("frequencies"))[index]
            label = f"Frequency {index + 1}: " + (
                "what it counts" if part == "label" else "compared with"
            )
        else:
            label = {"brief": "Brief", "text": "Answer"}[part]
        english = text_value(theirs.get(part)) if isinstance(theirs, dict) else ""
        # Escaped here: the admin templates show help text as HTML.
        if english:
            help_text = format_html("English: {}", english)
        else:
            help_text = f"The English has no {'brief' if part == 'brief' else 'words here'} yet."
        if part == "text":
            widget = forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"})
        else:
            widget = forms.TextInput(attrs={"class": "vTextField"})
        return forms.CharField(
            label=label,
            required=False,
            initial=text_value(ours.get(part)),
            widget=widget,
            help_text=help_text,
        )

    def build(self) -> dict:
        answers = {}
        for key in rules.QUESTION_KEYS:
            if key not in self.option.answers:
                continue
            entry = {}
            brief = self.cleaned_data.get(name_of("answers", key, "brief"))
            if brief:
                entry["brief"] = plain(brief)
            entry["text"] = plain(self.cleaned_data.get(name_of("answers", key, "text")) or "")
            items = []
            english = listed(answer_of(self.option.answers, key).get("frequencies"))
            for index, _item in enumerate(english):
                words = {}
                for part in ("label", "comparison"):
                    value = self.cleaned_data.get(
                        name_of("answers", key, "frequencies", index, part)
                    )
                    if value:
                        words[part] = plain(value)
                items.append(words)
            if items:
                entry["frequencies"] = items
            answers[key] = entry
        return {"answers": answers}
