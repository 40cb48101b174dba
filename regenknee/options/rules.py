"""The rules of an option's answers and references, as plain functions of plain data.

The model's ``clean()`` (which every admin form and revision runs) and the content file loader
both call these, so there is one place for each rule. A problem carries where it is (a path of
keys, like ``("answers", "benefit", "frequencies", 0, "with_option")``) so the loader can point
at the file's line, and a message an editor can act on.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The questions every option answers, in the order the page shows them.
QUESTIONS = (
    ("involves", _("What it involves")),
    ("benefit", _("How many people benefit, and by how much")),
    ("common_harms", _("Common harms")),
    ("serious_harms", _("Serious harms")),
    ("duration", _("How long the effect lasts")),
    ("recovery", _("Time off and recovery")),
    ("certainty", _("How certain the evidence is")),
    ("guidelines", _("What the guidelines say")),
    ("korea_status", _("Status and insurance in Korea")),
    ("korea_cost", _("Typical cost in Korea")),
)
QUESTION_KEYS = tuple(key for key, _label in QUESTIONS)
QUESTION_LABELS = dict(QUESTIONS)
# Answers that may carry frequencies (drawn as icon arrays).
WITH_FREQUENCIES = frozenset({"benefit", "common_harms", "serious_harms"})
GRADES = ("high", "moderate", "low", "very-low", "not-known")
KINDS = ("self-care", "medicine", "injection", "cell-treatment", "surgery")
MAX_ANSWER_TEXT = 600
# The at-a-glance answer printed in the grid (Option Grid style): 12 options must print on 3 A4
# pages, four to a page, so each brief is one short sentence or phrase.
MAX_BRIEF = 110
MAX_LABEL = 200

ANSWER_FIELDS = ("brief", "text", "grade", "frequencies", "sources")
FREQUENCY_FIELDS = ("label", "with_option", "without_option", "comparison", "sources")
REFERENCE_FIELDS = ("key", "authors", "title", "source", "year", "doi", "pmid", "url")

CITATION = re.compile(r"\[@([^\]\s]+)\]")
REFERENCE_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What a plain answer never holds: HTML tags, Markdown emphasis, links, headings, code, lists.
MARKUP = re.compile(
    r"<[a-zA-Z/!]|\*\*|__|`|\]\(|(^|\n)\s*(#{1,6}\s|[-*+]\s|\d+\.\s)|\[(?!@)[^\]]*\]"
)
# An answer may go without sources only when it says the figure is not known or not published.
NOT_KNOWN = re.compile(
    r"not\s+known|unknown|not\s+published|no\s+published|could\s+not\s+(confirm|find)|"
    r"not\s+confirmed|알\s*수\s*없|알려지지\s*않|발표되지\s*않|공개되지\s*않|공개된\s*\S*\s*없|"
    r"확인하지\s*못|확인할\s*수\s*없",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    where: tuple
    message: str


def says_not_known(text: str) -> bool:
    return bool(NOT_KNOWN.search(text or ""))


def is_whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_problems(text, where: tuple, name: str, limit: int) -> list[Problem]:
    """Plain words only: no Markdown, no HTML; citations as [@key] are allowed."""
    if not isinstance(text, str) or not text.strip():
        return [Problem(where, f"{name} needs its text.")]
    found = []
    if len(text) > limit:
        found.append(Problem(where, f"{name} is {len(text)} characters long; keep it to {limit}."))
    if MARKUP.search(text):
        found.append(
            Problem(
                where,
                f"{name} must be plain text: no Markdown or HTML (citations as [@key] are "
                "allowed).",
            )
        )
    return found


def summary_problems(summary) -> list[Problem]:
    """An option's or a translation's summary: plain words, at most 500 characters."""
    return text_problems(summary, ("summary",), "The summary", 500)


def one_line(text) -> str:
    """A summary as one line: the file's folded lines and an editor's line breaks alike."""
    return " ".join((text or "").split())


def brief_problems(brief, where: tuple, name: str) -> list[Problem]:
    """The short answer the printed grid shows: required, plain, at most MAX_BRIEF characters,
    and without citations (the grid has no reference list; the full answer carries them)."""
    if not isinstance(brief, str) or not brief.strip():
        return [
            Problem(
                where,
                f"{name} needs a 'brief': one short sentence or phrase (at most {MAX_BRIEF} "
                "characters) that keeps the numbers and says when something is not known.",
            )
        ]
    found = text_problems(brief, where, f"{name}'s brief", MAX_BRIEF)
    if CITATION.search(brief):
        found.append(
            Problem(
                where,
                f"{name}'s brief has no citations: the full answer's text carries the [@key].",
            )
        )
    return found


def source_problems(sources, where: tuple, name: str, keys: set[str]) -> list[Problem]:
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        return [Problem(where, f"{name}: 'sources' must be a list of reference keys.")]
    unknown = [key for key in sources if key not in keys]
    if unknown:
        return [
            Problem(
                where,
                f"{name} cites {', '.join(unknown)}, which is not in this option's references.",
            )
        ]
    return []


def cited_problems(text: str, where: tuple, name: str, keys: set[str]) -> list[Problem]:
    unknown = [key for key in dict.fromkeys(CITATION.findall(text or "")) if key not in keys]
    if unknown:
        return [
            Problem(
                where,
                f"{name} cites {', '.join(f'[@{k}]' for k in unknown)}, which is not in this "
                "option's references.",
            )
        ]
    return []


def frequency_problems(item, where: tuple, name: str, keys: set[str]) -> list[Problem]:
    if not isinstance(item, dict):
        return [Problem(where, f"{name} must be a set of fields (label, with_option, …).")]
    found = []
    for field in sorted(set(item) - set(FREQUENCY_FIELDS)):
        found.append(Problem((*where, field), f"{name}: unknown field '{field}'."))
    label = item.get("label")
    if not isinstance(label, str) or not label.strip():
        found.append(Problem((*where, "label"), f"{name} needs a label: what the number counts."))
    else:
        found += text_problems(label, (*where, "label"), f"{name}'s label", MAX_LABEL)
    with_option = item.get("with_option")
    if not is_whole_number(with_option) or not 0 <= with_option <= 100:
        found.append(
            Problem(
                (*where, "with_option"),
                f"{name}: 'with_option' must be a whole number from 0 to 100 (out of 100 people).",
            )
        )
    without = item.get("without_option")
    if without is not None and (not is_whole_number(without) or not 0 <= without <= 100):
        found.append(
            Problem(
                (*where, "without_option"),
                f"{name}: 'without_option' must be a whole number from 0 to 100, or empty "
                "when no comparison gives it.",
            )
        )
    comparison = item.get("comparison")
    if without is not None and (not isinstance(comparison, str) or not comparison.strip()):
        found.append(
            Problem(
                (*where, "comparison"),
                f"{name}: say what 'without' means in 'comparison' (for example "
                "“a dummy (placebo) injection”).",
            )
        )
    elif isinstance(comparison, str) and comparison.strip():
        found += text_problems(comparison, (*where, "comparison"), f"{name}'s comparison", 200)
    sources = item.get("sources")
    if not sources:
        found.append(Problem((*where, "sources"), f"{name} needs at least one source."))
    else:
        found += source_problems(sources, (*where, "sources"), name, keys)
    return found


def answer_problems(answers, reference_keys) -> list[Problem]:
    """Every rule of an option's answers (see content/README.md, "Options comparison")."""
    keys = set(reference_keys)
    if not isinstance(answers, dict):
        return [Problem(("answers",), "The answers must be a set of questions and answers.")]
    found = []
    for key in sorted(set(answers) - set(QUESTION_KEYS)):
        found.append(
            Problem(
                ("answers", key),
                f"'{key}' is not one of the questions ({', '.join(QUESTION_KEYS)}).",
            )
        )
    for key in QUESTION_KEYS:
        where = ("answers", key)
        name = f"The answer to '{key}'"
        answer = answers.get(key)
        if not isinstance(answer, dict):
            message = f"The question '{key}' has no answer; every option answers every question"
            found.append(Problem(where, message + ' ("Not known" is an answer).'))
            continue
        for field in sorted(set(answer) - set(ANSWER_FIELDS)):
            found.append(Problem((*where, field), f"{name}: unknown field '{field}'."))
        text = answer.get("text")
        found += brief_problems(answer.get("brief"), (*where, "brief"), name)
        found += text_problems(text, (*where, "text"), name, MAX_ANSWER_TEXT)
        found += cited_problems(text, (*where, "text"), name, keys)
        sources = answer.get("sources") or []
        if not sources and not says_not_known(text):
            found.append(
                Problem(
                    (*where, "sources"),
                    f"{name} needs at least one source, unless its text says the figure is "
                    "not known or not published.",
                )
            )
        elif sources:
            found += source_problems(sources, (*where, "sources"), name, keys)
        if key == "certainty" and answer.get("grade") not in GRADES:
            found.append(
                Problem(
                    (*where, "grade"),
                    f"The certainty needs a 'grade': one of {', '.join(GRADES)}.",
                )
            )
        elif key != "certainty" and "grade" in answer:
            found.append(Problem((*where, "grade"), "Only the certainty answer has a grade."))
        frequencies = answer.get("frequencies")
        if frequencies in (None, []):
            continue
        if key not in WITH_FREQUENCIES:
            found.append(
                Problem(
                    (*where, "frequencies"),
                    f"Only {', '.join(sorted(WITH_FREQUENCIES))} may give frequencies.",
                )
            )
        elif not isinstance(frequencies, list):
            found.append(Problem((*where, "frequencies"), f"{name}: 'frequencies' must be a list."))
        else:
            for index, item in enumerate(frequencies):
                found += frequency_problems(
                    item, (*where, "frequencies", index), f"{name}, frequency {index + 1}", keys
                )
    return found


def reference_problems(references) -> list[Problem]:
    """Each reference is findable: a key, title, source and a DOI, PubMed ID or URL."""
    if not isinstance(references, list):
        return [Problem(("references",), "The references must be a list.")]
    found, seen = [], set()
    for index, ref in enumerate(references):
        where = ("references", index)
        if not isinstance(ref, dict):
            found.append(Problem(where, f"Reference {index + 1} must be a set of fields."))
            continue
        key = ref.get("key")
        name = f"Reference '{key}'" if isinstance(key, str) and key else f"Reference {index + 1}"
        for field in sorted(set(ref) - set(REFERENCE_FIELDS)):
            found.append(Problem((*where, field), f"{name}: unknown field '{field}'."))
        if not isinstance(key, str) or not REFERENCE_KEY.match(key):
            found.append(
                Problem(
                    (*where, "key"),
                    f"{name}: the key uses only lower-case letters, digits and hyphens "
                    "(like juni2015).",
                )
            )
        elif key in seen:
            found.append(Problem((*where, "key"), f"The reference key '{key}' is used twice."))
        seen.add(key)
        for field in ("title", "source"):
            if not isinstance(ref.get(field), str) or not ref[field].strip():
                found.append(Problem((*where, field), f"{name} needs a {field}."))
        if not any(isinstance(ref.get(f), str) and ref[f].strip() for f in ("doi", "pmid", "url")):
            found.append(
                Problem(
                    where,
                    f"{name} needs a DOI, a PubMed ID or a URL, so readers can find it.",
                )
            )
        pmid = ref.get("pmid")
        if pmid and not (isinstance(pmid, str) and pmid.isdigit()):
            found.append(Problem((*where, "pmid"), f"{name}: a PubMed ID is digits only."))
        url = ref.get("url")
        if url and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            found.append(
                Problem((*where, "url"), f"{name}: the URL must start with https:// or http://.")
            )
        year = ref.get("year")
        if year is not None and (not is_whole_number(year) or not 1800 <= year <= 2100):
            found.append(Problem((*where, "year"), f"{name}: enter a year from 1800 to 2100."))
    return found


def translation_problems(words, english_answers, reference_keys) -> list[Problem]:
    """A translation's answers: every English question, its text, and the words of each of
    its frequencies (the same count and order; numbers and sources come from English)."""
    keys = set(reference_keys)
    if not isinstance(words, dict):
        return [Problem(("answers",), "The answers must be a set of questions and answers.")]
    english = english_answers if isinstance(english_answers, dict) else {}
    found = []
    for key in sorted(set(words) - set(english)):
        found.append(Problem(("answers", key), f"'{key}' is not one of the English answers."))
    for key in QUESTION_KEYS:
        if key not in english:
            continue
        where = ("answers", key)
        name = f"The answer to '{key}'"
        answer = words.get(key)
        if not isinstance(answer, dict):
            found.append(Problem(where, f"The question '{key}' is not translated."))
            continue
        for field in sorted(set(answer) - {"brief", "text", "frequencies"}):
            found.append(
                Problem(
                    (*where, field),
                    f"{name}: '{field}' comes from the English file; a translation has only "
                    "'brief', 'text' and the frequencies' words.",
                )
            )
        if english[key].get("brief") or answer.get("brief") is not None:
            found += brief_problems(answer.get("brief"), (*where, "brief"), name)
        found += text_problems(answer.get("text"), (*where, "text"), name, MAX_ANSWER_TEXT)
        found += cited_problems(answer.get("text"), (*where, "text"), name, keys)
        theirs = english[key].get("frequencies") or []
        ours = answer.get("frequencies") or []
        if not isinstance(ours, list) or len(ours) != len(theirs):
            found.append(
                Problem(
                    (*where, "frequencies"),
                    f"{name}: give the words of all {len(theirs)} English frequencies, in the "
                    "same order.",
                )
            )
            continue
        for index, (item, source) in enumerate(zip(ours, theirs, strict=True)):
            fwhere = (*where, "frequencies", index)
            fname = f"{name}, frequency {index + 1}"
            if not isinstance(item, dict) or set(item) - {"label", "comparison"}:
                found.append(Problem(fwhere, f"{fname}: give only 'label' and 'comparison'."))
                continue
            found += text_problems(item.get("label"), (*fwhere, "label"), fname, MAX_LABEL)
            if source.get("comparison"):
                found += text_problems(
                    item.get("comparison"), (*fwhere, "comparison"), f"{fname}'s comparison", 200
                )
    return found


def answer_words(answers) -> dict:
    """The words of English answers a translation translates (brief, text, frequency words)."""
    words = {}
    for key in QUESTION_KEYS:
        answer = (answers or {}).get(key)
        if not isinstance(answer, dict):
            continue
        entry = {"text": answer.get("text", "")}
        if answer.get("brief"):
            entry["brief"] = answer["brief"]
        frequencies = [
            {name: item.get(name) for name in ("label", "comparison") if item.get(name)}
            for item in answer.get("frequencies") or []
            if isinstance(item, dict)
        ]
        if frequencies:
            entry["frequencies"] = frequencies
        words[key] = entry
    return words
