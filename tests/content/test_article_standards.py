"""Standards every article in content/ must meet, so a future edit that breaks one fails CI.

Run with -s to see the table of every article's words, reading grade and references.
"""

import re
import statistics
from pathlib import Path

import pytest
import yaml

from regenknee.articles.content import parse_article, parse_glossary
from regenknee.articles.readability import CITATION, prose_blocks, prose_stats

CONTENT = Path(__file__).resolve().parents[2] / "content"
ARTICLE_FILES = sorted((CONTENT / "articles").glob("*.md"))
LEARNING_PATH = [
    "why-cartilage-heals-poorly",
    "what-stem-cells-are",
    "how-stem-cells-may-help",
    "what-the-evidence-shows",
    "treatment-journey",
    "expectations-and-alternatives",
    "safety-regulation-red-flags",
    "outcome-measures-explained",
    "treatment-in-korea",
]
MIN_WORDS, MAX_WORDS = 700, 1800
# Readers are often older and reading on a phone: no article above grade 8, and the set as a
# whole around grade 5.
MAX_GRADE = 8
MAX_MEDIAN_GRADE = 6
# Marketing words that have no place in balanced health information.
PROMOTIONAL = ["miracle", "breakthrough", "cure ", "guaranteed", "revolutionary", "regrow your"]


def load(path):
    return parse_article(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module")
def report():
    rows = []
    yield rows
    print("\n\n| article | words | grade | references |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} | {row[3]} |")


def test_the_learning_path_has_the_nine_articles_in_order():
    published = [load(path) for path in ARTICLE_FILES]
    ordered = [r["slug"] for r in sorted(published, key=lambda r: r["position"])]
    assert ordered[: len(LEARNING_PATH)] == LEARNING_PATH


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_article_meets_the_standards(path, report):
    record = load(path)
    stats = prose_stats(record["body"])
    report.append((record["slug"], stats.words, stats.grade, len(record["references"])))
    assert MIN_WORDS <= stats.words <= MAX_WORDS, f"{stats.words} words"
    assert stats.grade <= MAX_GRADE, f"Flesch-Kincaid grade {stats.grade}"
    assert len(record["references"]) >= 3
    for reference in record["references"]:
        assert reference["doi"] or reference["pmid"] or reference["url"], reference["key"]
        assert not reference["title"].startswith("["), reference["key"]


def test_the_articles_together_read_at_about_grade_five():
    grades = [prose_stats(load(path)["body"]).grade for path in ARTICLE_FILES]
    print(f"\nmedian reading grade {statistics.median(grades)}, highest {max(grades)}")
    assert statistics.median(grades) <= MAX_MEDIAN_GRADE


# A number about benefit or harm: "about 1 in 4 people", "12%", "2.7 times as likely",
# "no better than", "480 people". Each needs a citation in its paragraph, or, for a list item,
# in the paragraph that introduces the list.
NUMERIC_CLAIM = re.compile(
    r"\b\d+ in (?:every )?\d+\b|\d+(?:\.\d+)? ?(?:%|per ?cent)|times as (?:likely|many|often)"
    r"|no better than|did no better|\b\d[\d,]* (?:people|patients|knees)\b",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def uncited_claims(body):
    """Paragraphs and list items that state a number about benefit or harm with no citation."""
    blocks, current, lead_cited, in_list = [], [], False, False

    def flush():
        nonlocal lead_cited
        if current:
            text = " ".join(current)
            cited = bool(CITATION.search(text))
            blocks.append((text, cited or (in_list and lead_cited)))
            if not in_list:
                lead_cited = cited
            current.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "|")):
            flush()
            in_list = in_list and bool(stripped == "")
            continue
        if LIST_ITEM.match(line):
            flush()
            in_list = True
        elif not current and not line.startswith(" "):
            in_list = False
        current.append(stripped)
    flush()
    return [text for text, cited in blocks if NUMERIC_CLAIM.search(text) and not cited]


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_every_number_about_benefit_or_harm_is_cited(path):
    assert uncited_claims(load(path)["body"]) == []


def test_the_claim_check_finds_an_uncited_number_and_accepts_a_cited_list():
    body = (
        "In one trial, 3 in 10 people improved.\n\n"
        "Side effects in the trials [@key]:\n\n- about 1 in 4 had pain\n- 12% had swelling\n"
    )
    assert uncited_claims(body) == ["In one trial, 3 in 10 people improved."]


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_article_passes_the_content_checks_staff_see_on_approval(path):
    from regenknee.articles.checks import check_article_text

    record = load(path)
    slugs = {load(p)["slug"] for p in ARTICLE_FILES}
    terms = {t["slug"] for t in parse_glossary((CONTENT / "glossary.yaml").read_text(), "g")}
    keys = {reference["key"] for reference in record["references"]}
    assert check_article_text(record["body"], keys, slugs, terms) == []


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_front_matter_is_complete_and_honest(path):
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    for field in (
        "title",
        "slug",
        "summary",
        "position",
        "status",
        "reviewed_on",
        "review_due",
        "reviewed_by",
        "references",
    ):
        assert field in front, field
    # No invented reviewers: a reviewer and a review date come together, from a real sign-off.
    assert bool(front["reviewed_by"]) == bool(front["reviewed_on"])
    assert front["review_due"], "every article needs a date for its next review"


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_every_reference_is_cited_and_every_citation_resolves(path):
    from regenknee.articles.rendering import render_markdown

    record = load(path)  # parse_article already fails on unknown citation keys
    cited = set(render_markdown(record["body"]).cited_keys)
    listed = {reference["key"] for reference in record["references"]}
    assert listed - cited == set(), "references listed but never cited"


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_no_marketing_language(path):
    text = " ".join(prose_blocks(load(path)["body"])).lower()
    assert [word for word in PROMOTIONAL if word in text] == []


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=[p.name for p in ARTICLE_FILES])
def test_in_site_links_point_at_real_pages(path):
    record = load(path)
    slugs = {load(p)["slug"] for p in ARTICLE_FILES}
    terms = {t["slug"] for t in parse_glossary((CONTENT / "glossary.yaml").read_text(), "g")}
    for target in re.findall(r"\]\((/[^)\s]*)", record["body"]):
        if target.startswith("/articles/"):
            assert target.split("/")[2] in slugs, target
        elif target.startswith("/glossary/"):
            assert target.partition("#")[2] in terms, target
        else:
            assert target in {"/checklist/", "/glossary/", "/options/", "/"}, target


def test_glossary_has_at_least_40_terms_with_short_plain_definitions():
    terms = parse_glossary((CONTENT / "glossary.yaml").read_text(), "glossary.yaml")
    assert len(terms) >= 40
    for term in terms:
        assert prose_stats(term["definition"]).words <= 60, term["slug"]


def test_glossary_aliases_are_unique():
    terms = parse_glossary((CONTENT / "glossary.yaml").read_text(), "glossary.yaml")
    names = [name.casefold() for t in terms for name in (t["term"], *t["aliases"])]
    assert len(names) == len(set(names))


def test_every_article_links_some_glossary_terms():
    from regenknee.articles.rendering import GlossaryEntry, render_markdown

    terms = parse_glossary((CONTENT / "glossary.yaml").read_text(), "glossary.yaml")
    glossary = tuple(GlossaryEntry(t["slug"], (t["term"], *t["aliases"])) for t in terms)
    for path in ARTICLE_FILES:
        assert render_markdown(load(path)["body"], glossary).html.count("glossary-term") >= 5


def test_a_reference_key_names_the_same_source_in_every_article():
    """Articles share references by key; one key with two sets of details would print two
    different citations for the same paper, and two keys for one DOI would list it twice."""
    by_key, keys_by_identifier = {}, {}
    for path in ARTICLE_FILES:
        for reference in load(path)["references"]:
            details = {name: value for name, value in reference.items() if name != "key"}
            first = by_key.setdefault(reference["key"], (path.name, details))
            assert details == first[1], f"{reference['key']}: {path.name} differs from {first[0]}"
            for name in ("doi", "pmid", "url"):
                if reference.get(name):
                    keys = keys_by_identifier.setdefault((name, reference[name]), set())
                    keys.add(reference["key"])
    shared = {ident: keys for ident, keys in keys_by_identifier.items() if len(keys) > 1}
    assert shared == {}
