"""Standards every translation in content/<lang>/ must meet, checked on the files (no database).

Run with -s to see each Korean article's reading figures beside the English article's:
Flesch-Kincaid does not apply to Korean, so the Korean columns are what can be measured
honestly: sentence length in 어절, the share of 어절 in Hanja or Latin letters, and how many
glossary terms are linked compared with the English article.
"""

import re
from pathlib import Path

import pytest

from regenknee.articles.content import parse_article, parse_glossary
from regenknee.articles.readability import korean_stats, prose_stats
from regenknee.articles.rendering import GlossaryEntry, render_markdown
from regenknee.articles.translations import (
    english_article_fingerprint,
    parse_article_translation,
    parse_glossary_translation,
)
from regenknee.checklists.translations import parse_translation_file
from regenknee.editorial.translation_files import source_hash_of

CONTENT = Path(__file__).resolve().parents[2] / "content"
KO = CONTENT / "ko"
KO_ARTICLES = sorted((KO / "articles").glob("*.md"))
ENGLISH = {
    record["slug"]: record
    for record in (
        parse_article(p.read_text(), p.name) for p in (CONTENT / "articles").glob("*.md")
    )
}
ENGLISH_GLOSSARY = parse_glossary((CONTENT / "glossary.yaml").read_text(), "glossary.yaml")
KO_GLOSSARY = parse_glossary_translation((KO / "glossary.yaml").read_text(), "ko/glossary.yaml")
# Plain Korean health writing keeps sentences short. The translations today average 9 to 10
# 어절 a sentence; these limits catch a translation drifting into long, dense sentences.
MAX_MEAN_SENTENCE = 12
MAX_SENTENCE = 35
MAX_HANJA_SHARE = 1.0  # per cent of 어절: Hanja is not used for patients
MAX_LATIN_SHARE = 8.0  # English terms in brackets at first use, abbreviations such as MRI
GLOSSARY_LINK = re.compile(r'class="glossary-term" href="[^"#]*#([^"]+)"')


def load(path):
    return parse_article_translation(path.read_text(encoding="utf-8"), path.name)


def linked_terms(html: str) -> set[str]:
    return set(GLOSSARY_LINK.findall(html))


@pytest.fixture(scope="module")
def report():
    rows = []
    yield rows
    print(
        "\n\n| article | EN words | EN grade | EN glossary links | KO 어절 | KO 어절/sentence "
        "| KO longest | KO Hanja % | KO Latin % | KO glossary links |\n|---|---|---|---|---|---|"
        "---|---|---|---|"
    )
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    total = sum(row[4] for row in rows)
    print(f"\nKorean: {len(rows)} articles, {total} 어절; glossary {len(KO_GLOSSARY)} terms")


def test_every_english_article_has_a_korean_translation():
    assert sorted(load(path)["translation_of"] for path in KO_ARTICLES) == sorted(ENGLISH)


@pytest.mark.parametrize("path", KO_ARTICLES, ids=[p.name for p in KO_ARTICLES])
def test_korean_article_meets_the_standards(path, report):
    record = load(path)
    english = ENGLISH[record["translation_of"]]
    # Made from the current English text.
    assert record["source_hash"] == english_article_fingerprint(english)
    # Every citation of the original is present, and nothing the original does not cite.
    cited = {key for _, key in record["citations"]}
    english_cited = set(
        re.findall(r"@([\w.-]+)", " ".join(re.findall(r"\[@[^\]]+\]", english["body"])))
    )
    assert cited == english_cited
    # Reading figures.
    stats = korean_stats(record["body"])
    assert stats.mean_sentence <= MAX_MEAN_SENTENCE
    assert stats.longest_sentence <= MAX_SENTENCE
    assert stats.hanja_share <= MAX_HANJA_SHARE
    assert stats.latin_share <= MAX_LATIN_SHARE
    english_links = linked_terms(
        render_markdown(
            english["body"],
            tuple(GlossaryEntry(t["slug"], (t["term"], *t["aliases"])) for t in ENGLISH_GLOSSARY),
        ).html
    )
    korean_links = linked_terms(
        render_markdown(
            record["body"],
            tuple(GlossaryEntry(t["slug"], (t["term"], *t["aliases"])) for t in KO_GLOSSARY),
            "ko",
        ).html
    )
    english_stats = prose_stats(english["body"])
    report.append(
        (
            record["translation_of"], english_stats.words, english_stats.grade,
            len(english_links), stats.eojeol, stats.mean_sentence, stats.longest_sentence,
            stats.hanja_share, stats.latin_share, len(korean_links),
        )
    )  # fmt: skip


@pytest.mark.parametrize("path", KO_ARTICLES, ids=[p.name for p in KO_ARTICLES])
def test_korean_in_site_links_point_at_real_pages(path):
    record = load(path)
    terms = {t["slug"] for t in ENGLISH_GLOSSARY}
    for target in re.findall(r"\]\((/[^)\s]*)", record["body"]):
        if target.startswith("/articles/"):
            assert target.split("/")[2] in ENGLISH, target
        elif target.startswith("/glossary/"):
            assert target.partition("#")[2] in terms, target
        else:
            assert target in {"/checklist/", "/glossary/", "/options/", "/"}, target


def test_korean_glossary_translates_every_term_of_the_current_glossary():
    english = {t["slug"]: t for t in ENGLISH_GLOSSARY}
    assert sorted(t["slug"] for t in KO_GLOSSARY) == sorted(english)
    for term in KO_GLOSSARY:
        fields = ("term", "aliases", "definition")
        assert term["source_hash"] == source_hash_of(english[term["slug"]], fields), term["slug"]


def test_korean_glossary_names_are_unique():
    names = [name.casefold() for t in KO_GLOSSARY for name in (t["term"], *t["aliases"])]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})


def test_korean_checklist_files_parse_and_translate_every_question_and_red_flag():
    records = [
        record
        for path in sorted((KO / "checklist").glob("*.yaml"))
        for record in parse_translation_file(path.read_text(), f"ko/checklist/{path.name}")
    ]
    counts = {
        kind: sum(r["kind"] == kind for r in records) for kind in ("group", "question", "red_flag")
    }
    print(f"\nKorean checklist: {counts['group']} groups, {counts['question']} questions, "
          f"{counts['red_flag']} red flags")  # fmt: skip
    assert counts == {"group": 7, "question": 61, "red_flag": 17}
