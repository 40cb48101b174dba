"""A bad content file is a listed problem with file and line, never a traceback, and changes
nothing: hostile YAML, impossible dates, odd keys, values the database cannot hold."""

import textwrap
import tracemalloc

import pytest

from regenknee.articles.models import Article, GlossaryTerm
from regenknee.checklists.models import Question
from regenknee.sync.engine import ContentErrors, sync_content

from ..conftest import article_text

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = textwrap.dedent(
    """\
    - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """
)


def snapshot():
    return (
        sorted(Article.objects.values_list("slug", "title", "position", "reviewed_on")),
        sorted(GlossaryTerm.objects.values_list("slug", "term", "aliases")),
        Article.history.count(),
    )


def rejected(root) -> str:
    before = snapshot()
    with pytest.raises(ContentErrors) as failure:
        sync_content(root)
    assert snapshot() == before
    return str(failure.value)


def write_second(root, text):
    (root / "articles" / "02-second-article.md").write_text(text)


def second(**changes):
    text = article_text(slug="second-article", title="Second article", position=2)
    for old, new in changes.items():
        text = text.replace(old.replace("__", ": "), new)
    return text


def test_billion_laughs_glossary_is_refused_without_building_it(synced):
    (synced / "glossary.yaml").write_text(BILLION_LAUGHS)
    tracemalloc.start()
    message = rejected(synced)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "glossary.yaml:1: YAML anchors and aliases (& and *) are not allowed" in message
    assert peak < 50_000_000


def test_an_alias_in_front_matter_is_refused_with_its_line(synced):
    write_second(
        synced,
        second().replace("title: Second article", "title: &t Second article\nreviewed_by: *t"),
    )
    assert "articles/02-second-article.md:2: YAML anchors and aliases" in rejected(synced)


def test_a_date_that_does_not_exist_is_a_listed_problem(synced):
    write_second(synced, second().replace("reviewed_on:\n", "reviewed_on: 2025-02-30\n"))
    message = rejected(synced)
    assert (
        "articles/02-second-article.md:8: this is not valid YAML: '2025-02-30' is not a real date"
        in message
    )


def test_a_quoted_impossible_date_is_a_listed_problem(synced):
    write_second(synced, second().replace("review_due: 2027-05-21", 'review_due: "2027-13-01"'))
    assert "articles/02-second-article.md:9: 'review_due' must be a date" in rejected(synced)


def test_keys_that_are_not_text_are_a_listed_problem(synced):
    write_second(synced, second().replace("position: 2\n", "position: 2\n1: one\nauthor: x\n"))
    assert (
        "articles/02-second-article.md:6: this is not valid YAML: field names must be text, not 1"
        in rejected(synced)
    )


def test_a_number_too_large_for_the_database_is_a_listed_problem(synced):
    write_second(synced, second().replace("position: 2", "position: 99999999999999999999999"))
    assert "articles/02-second-article.md:5: 'position': Use a number from 0 to 9999." in rejected(
        synced
    )


def test_a_nul_character_is_a_listed_problem(synced):
    write_second(synced, second().replace("title: Second article", 'title: "Second\\0 article"'))
    assert (
        "articles/02-second-article.md:2: 'title': Remove the invisible NUL character"
        in rejected(synced)
    )


def test_a_nul_character_in_a_glossary_alias_is_a_listed_problem(synced):
    (synced / "glossary.yaml").write_text(
        '- term: Cartilage\n  slug: cartilage\n  aliases: ["gristle\\0"]\n  definition: Tissue.\n'
    )
    assert "glossary.yaml:3: 'aliases': Remove the invisible NUL character" in rejected(synced)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("title: Second article", "title: [a, b]", ":2: 'title' must be text"),
        ("title: Second article", "title: true", ":2: 'title' must be text"),
        ("position: 2", "position: 2.5", ":5: 'position' must be a whole number"),
        ("status: published", "status: [published]", ":6: 'status' must be one of"),
        ("year: 2006", "year: 1200", ":16: 'year': Enter a year from 1800 to 2100."),
        ("year: 2006", "year: true", ":16: 'year' must be a four-digit year"),
        (
            "    doi: 10.1080/14653240600855905",
            "    pmid: PMC123",
            ":17: 'pmid': A PubMed ID is digits only",
        ),
        (
            "    doi: 10.1080/14653240600855905",
            "    url: ftp://example.org/x",
            ":17: 'url': Enter a web address",
        ),
        ("references:\n", "references: {a: b}\nx:\n", ":11: 'references' must be a list"),
    ],
)
def test_wrong_types_and_values_are_listed_with_their_line(synced, old, new, message):
    write_second(synced, second().replace(old, new))
    assert f"articles/02-second-article.md{message}" in rejected(synced)


def test_a_checklist_rule_that_is_a_list_is_a_listed_problem(db, copy_of_real_content):
    path = sorted((copy_of_real_content / "checklist").glob("0*.yaml"))[0]
    text = path.read_text()
    assert "applies_when: {}" in text
    path.write_text(text.replace("applies_when: {}", "applies_when: [diagnosis]", 1))
    with pytest.raises(ContentErrors) as failure:
        sync_content(copy_of_real_content)
    assert f"{path.relative_to(copy_of_real_content)}:" in str(failure.value)
    assert "'applies_when': Give {} to always ask the question" in str(failure.value)
    assert not Question.objects.exists()
