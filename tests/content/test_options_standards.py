"""Content standards of the options comparison in content/options/ (and its translations).

Every rule of the format is checked by loading the real files through the same loader sync
uses (every answer sourced or saying it is not known, every frequency 0–100 with its
comparison, every source in the references, plain text, a brief of at most 110 characters);
every number in a brief is one its full answer gives; then the figures the issue asks for:
each option's reading grade, answers, frequencies, references and longest brief.
Run with -s to see the table. With no content/options/ folder there is nothing to check.
"""

import re
import statistics
from pathlib import Path

import pytest

from regenknee.articles.readability import prose_stats
from regenknee.options import rules
from regenknee.options.content import parse_option, parse_option_translation

CONTENT = Path(__file__).resolve().parents[2] / "content"
OPTION_FILES = sorted((CONTENT / "options").glob("*.yaml"))
TRANSLATION_FILES = sorted(CONTENT.glob("*/options/*.yaml"))
# Cells are short answers read side by side: as plain as the articles, or plainer.
MAX_GRADE = 10
MAX_MEDIAN_GRADE = 8


def load(path):
    return parse_option(path.read_text(encoding="utf-8"), f"options/{path.name}")


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    """The numbers a text gives, written without thousands commas: "6,000" and "6000" match."""
    return {number.replace(",", "") for number in NUMBER.findall(text)}


def brief_problems(answers) -> list[str]:
    """Briefs that give a number their own full answer does not give (never a new claim)."""
    found = []
    for key, answer in answers.items():
        extra = numbers_in(answer["brief"]) - numbers_in(rules.CITATION.sub("", answer["text"]))
        if extra:
            found.append(f"{key}: {', '.join(sorted(extra))} not in the full answer")
    return found


def answer_prose(record) -> str:
    """The answers as paragraphs, citations left out, for the reading-grade formula."""
    texts = [record["summary"], *(a["text"] for a in record["answers"].values())]
    return "\n\n".join(rules.CITATION.sub("", text) for text in texts)


@pytest.fixture(scope="module")
def report():
    rows = []
    yield rows
    print(
        "\n\n| option | answers | frequencies | references | grade | longest brief |"
        "\n|---|---|---|---|---|---|"
    )
    for row in rows:
        print("| " + " | ".join(str(value) for value in row) + " |")


def test_the_options_folder_is_either_absent_or_holds_options():
    assert not (CONTENT / "options").exists() or OPTION_FILES


@pytest.mark.parametrize("path", OPTION_FILES, ids=lambda p: p.name)
def test_option_file_follows_every_rule_and_reads_plainly(path, report):
    # The loader raises ContentErrors, with file and line, on any broken rule.
    record = load(path)
    assert path.name == f"{record['position']:02d}-{record['slug']}.yaml"
    answers = record["answers"]
    assert list(answers) == list(rules.QUESTION_KEYS)
    for key, answer in answers.items():
        assert answer["sources"] or rules.says_not_known(answer["text"]), key
        for frequency in answer.get("frequencies", []):
            assert 0 <= frequency["with_option"] <= 100
            if frequency["without_option"] is not None:
                assert 0 <= frequency["without_option"] <= 100 and frequency["comparison"]
            assert frequency["sources"]
    assert not record["reviewed_by"], "never invent a clinical reviewer"
    grade = prose_stats(answer_prose(record)).grade
    report.append(
        (
            record["slug"],
            len(answers),
            sum(len(a.get("frequencies", [])) for a in answers.values()),
            len(record["references"]),
            grade,
            max(len(a["brief"]) for a in answers.values()),
        )
    )
    assert grade <= MAX_GRADE, f"Flesch-Kincaid grade {grade}"
    assert all(len(a["brief"]) <= rules.MAX_BRIEF for a in answers.values())
    assert brief_problems(answers) == []


def test_the_options_together_read_at_about_grade_eight():
    if not OPTION_FILES:
        return
    grades = [prose_stats(answer_prose(load(path))).grade for path in OPTION_FILES]
    print(f"\nmedian reading grade {statistics.median(grades)}, highest {max(grades)}")
    assert statistics.median(grades) <= MAX_MEDIAN_GRADE


@pytest.mark.parametrize("path", TRANSLATION_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_translation_names_its_english_option_and_gives_every_answer(path):
    record, _ = parse_option_translation(path.read_text(encoding="utf-8"), path.name)
    english = CONTENT / "options" / path.name
    assert english.exists(), "a translation has the same file name as its English option"
    source = load(english)
    assert record["translation_of"] == source["slug"]
    keys = {ref["key"] for ref in source["references"]}
    problems = rules.translation_problems(record["answers"], source["answers"], keys)
    assert problems == []
    assert all(answer.get("brief") for answer in record["answers"].values())
    assert brief_problems(record["answers"]) == []
