"""The comparison as a page shows it: each published option in the page's language (English
where it has no translation, with a note), its answers in the question order, the numbered
references of the whole page, and the rows a patient's answers highlight."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from regenknee.editorial.translation import translation_language

from . import rules
from .matters import Highlights, highlights_for
from .models import Option, OptionTranslation


@dataclass
class Frequency:
    label: str
    with_option: int
    without_option: int | None
    comparison: str
    sentence: str  # the numbers in words, the icon array's accessible name
    numbers: list[int]


@dataclass
class Cell:
    key: str
    question: str
    parts: list[tuple[str, int | None]]  # text pieces, each with a reference number or None
    numbers: list[int]
    frequencies: list[Frequency]
    grade: str = ""
    brief: str = ""  # the at-a-glance answer: the lead-in on screen, the printed grid's cell
    highlighted: bool = False

    @property
    def grade_label(self) -> str:
        """The certainty grade in the page's language (the same words as the page's)."""
        labels = {
            "high": _("high"),
            "moderate": _("moderate"),
            "low": _("low"),
            "very-low": _("very low"),
            "not-known": _("not known"),
        }
        return labels.get(self.grade, "")

    @property
    def plain_text(self) -> str:
        """The text without its citation marks (the summary lists no references)."""
        text = "".join(part for part, number in self.parts if not number)
        return re.sub(r"\s+([.,;:])", r"\1", text).strip()


@dataclass
class ShownOption:
    slug: str
    title: str
    summary: str
    kind: str
    surgery: bool
    text_language: str
    untranslated: bool
    stale: bool
    reviewed_by: str
    reviewed_on: object
    review_due: object
    cells: list[Cell] = field(default_factory=list)
    marked_surgery: bool = False


@dataclass
class ShownReference:
    number: int
    authors: str
    title: str
    source: str
    year: int | None
    doi: str
    pmid: str
    url: str


class Numbering:
    """One number per distinct reference on the page, in order of first citation."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.references: list[ShownReference] = []

    def number(self, ref: dict) -> int:
        identity = ref.get("doi") or ref.get("pmid") or ref.get("url") or ref.get("title", "")
        identity = str(identity).strip().lower()
        if identity not in self.numbers:
            self.numbers[identity] = len(self.references) + 1
            self.references.append(
                ShownReference(
                    self.numbers[identity],
                    ref.get("authors") or "",
                    ref.get("title") or "",
                    ref.get("source") or "",
                    ref.get("year"),
                    ref.get("doi") or "",
                    ref.get("pmid") or "",
                    ref.get("url") or "",
                )  # fmt: skip
            )
        return self.numbers[identity]


def split_citations(text: str, refs: dict, numbering: Numbering):
    parts, last = [], 0
    for match in rules.CITATION.finditer(text or ""):
        parts.append((text[last : match.start()], None))
        ref = refs.get(match.group(1))
        parts.append(("", numbering.number(ref)) if ref else (match.group(0), None))
        last = match.end()
    parts.append(((text or "")[last:], None))
    return [part for part in parts if part[0] or part[1]]


def frequency_sentence(title: str, item: dict) -> str:
    values = {
        "label": item["label"],
        "with": item["with_option"],
        "option": title,
        "without": item.get("without_option"),
        "comparison": item.get("comparison") or "",
    }
    if item.get("without_option") is None:
        return _("%(label)s: %(with)s out of 100 people who had %(option)s.") % values
    return (
        _(
            "%(label)s: %(with)s out of 100 people who had %(option)s, compared with "
            "%(without)s out of 100 who had %(comparison)s."
        )
        % values
    )


def shown_option(option: Option, item, highlights: Highlights, numbering: Numbering):
    """One option in the words of ``item`` (the option or its translation)."""
    refs = {ref["key"]: ref for ref in option.references if isinstance(ref, dict)}
    translated = item is not option
    shown = ShownOption(
        slug=option.slug,
        title=item.title,
        summary=item.summary,
        kind=option.kind,
        surgery=option.surgery,
        text_language=getattr(item, "language", settings.LANGUAGE_CODE),
        untranslated=False,
        stale=translated and item.is_stale,
        reviewed_by=item.reviewed_by,
        reviewed_on=item.reviewed_on,
        review_due=item.review_due,
        marked_surgery=highlights.marks_surgery and option.surgery,
    )
    for key in rules.QUESTION_KEYS:
        answer = option.answers.get(key) or {}
        words = (item.answers.get(key) or {}) if translated else answer
        frequencies = []
        word_list = words.get("frequencies") or []
        for index, freq in enumerate(answer.get("frequencies") or []):
            local = {**freq, **(word_list[index] if index < len(word_list) else {})}
            frequencies.append(
                Frequency(
                    label=local["label"],
                    with_option=freq["with_option"],
                    without_option=freq.get("without_option"),
                    comparison=local.get("comparison") or "",
                    sentence=frequency_sentence(item.title, local),
                    numbers=[numbering.number(refs[k]) for k in freq["sources"] if k in refs],
                )
            )
        shown.cells.append(
            Cell(
                key=key,
                question=str(rules.QUESTION_LABELS[key]),
                parts=split_citations(words.get("text") or "", refs, numbering),
                numbers=[numbering.number(refs[k]) for k in answer.get("sources", []) if k in refs],
                frequencies=frequencies,
                grade=answer.get("grade", ""),
                brief=words.get("brief") or "",
                highlighted=key in highlights.rows,
            )
        )
    return shown


def comparison(concerns=(), slugs=None, language=None):
    """(options, references, highlights) for the page; ``slugs`` limits it to a chosen pair."""
    highlights = highlights_for(concerns)
    options = list(Option.objects.filter(status=Option.Status.PUBLISHED))
    if slugs:
        by_slug = {option.slug: option for option in options}
        options = [by_slug[slug] for slug in slugs if slug in by_slug]
    language = translation_language(language)
    translated = {}
    if language:
        translated = {
            t.source_id: t
            for t in OptionTranslation.objects.filter(
                language=language, status=OptionTranslation.Status.PUBLISHED
            )
        }
    numbering = Numbering()
    shown = []
    for option in options:
        item = translated.get(option.pk)
        if item is not None:
            item.source = option
        entry = shown_option(option, item or option, highlights, numbering)
        entry.untranslated = bool(language) and item is None
        shown.append(entry)
    return shown, numbering.references, highlights


# Four options side by side is as many as fit an A4 or Letter page at readable type, so 12
# options print on 3 pages.
GRID_COLUMNS = 4


@dataclass
class GridRow:
    key: str
    question: str
    highlighted: bool
    cells: list[tuple[Cell, str]]  # each option's cell, with its language when untranslated


@dataclass
class GridPage:
    options: list[ShownOption]
    rows: list[GridRow]


def brief_grid(options: list[ShownOption], columns: int = GRID_COLUMNS) -> list[GridPage]:
    """The printed at-a-glance grid: questions as rows, up to ``columns`` options as columns,
    each cell the answer's brief (the full answers and sources stay on the web page)."""
    pages = []
    for start in range(0, len(options), columns):
        group = options[start : start + columns]
        rows = [
            GridRow(
                key=cell.key,
                question=cell.question,
                highlighted=cell.highlighted,
                cells=[
                    (option.cells[index], option.text_language if option.untranslated else "")
                    for option in group
                ],
            )
            for index, cell in enumerate(group[0].cells)
        ]
        pages.append(GridPage(group, rows))
    return pages
