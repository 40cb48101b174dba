"""One validation per kind of content: the models' rules, run by the admin's forms, by
proposals and by sync_content alike. What the admin accepts, export-then-sync accepts."""

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from regenknee.articles.models import Article, GlossaryTerm, Reference
from regenknee.checklists.models import Question, QuestionGroup, RedFlag
from regenknee.sync.engine import export_content, sync_content

pytestmark = pytest.mark.django_db


def errors_of(instance, **exclude) -> dict:
    with pytest.raises(ValidationError) as failure:
        instance.full_clean(**exclude)
    return failure.value.message_dict


ARTICLE = {"title": "A", "summary": "S.", "body": "Text.", "position": 1, "status": "draft"}


def test_admin_form_refuses_a_slug_sync_would_refuse():
    form = modelform_factory(Article, fields=["slug", *ARTICLE])(
        {**ARTICLE, "slug": "Draft_Article"}
    )
    assert not form.is_valid()
    assert form.errors["slug"] == [
        "Use only lower-case letters, digits and single hyphens (like knee-cartilage)."
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year", 1200, "Enter a year from 1800 to 2100."),
        ("pmid", "PMC123", "A PubMed ID is digits only (like 16923606)."),
        (
            "url",
            "ftp://example.org/paper",
            "Enter a web address that starts with https:// or http://.",
        ),
        ("key", "two words", "Use only letters, digits, '.', '-' and '_'"),
    ],
)
def test_reference_values_sync_refuses_are_refused_everywhere(field, value, message):
    article = Article.objects.create(slug="a", **ARTICLE)
    values = {"key": "k1", "title": "T", "source": "S", "doi": "10.1/x"} | {field: value}
    reference = Reference(article=article, **values)
    assert errors_of(reference)[field][0].startswith(message)


def test_a_reference_needs_a_way_to_find_it():
    article = Article.objects.create(slug="a", **ARTICLE)
    errors = errors_of(Reference(article=article, key="k1", title="T", source="S"))
    assert errors["__all__"] == [
        "Reference 'k1' needs a DOI, a PubMed ID or a URL, so readers can find it."
    ]


@pytest.mark.parametrize(
    "aliases", [[1], "MSC", [["MSC"]], [""], ["x" * 101], [f"a{n}" for n in range(21)]]
)
def test_glossary_aliases_must_be_a_short_list_of_short_phrases(aliases):
    term = GlossaryTerm(term="Cartilage", slug="cartilage", definition="D.", aliases=aliases)
    assert "aliases" in errors_of(term)


def test_admin_refuses_an_alias_too_long_to_be_a_phrase(admin_client):
    response = admin_client.post(
        "/admin/articles/glossaryterm/add/",
        {"term": "Cartilage", "slug": "cartilage", "definition": "D.", "aliases": "x" * 101},
    )
    assert response.status_code == 200
    assert not GlossaryTerm.objects.exists()


def test_admin_refuses_a_nul_character_in_an_alias_instead_of_failing_on_save(admin_client):
    response = admin_client.post(
        "/admin/articles/glossaryterm/add/",
        {"term": "Cartilage", "slug": "cartilage", "definition": "D.", "aliases": "a\x00b"},
    )
    assert response.status_code == 200
    assert "Remove the invisible NUL character" in response.content.decode()
    assert not GlossaryTerm.objects.exists()


def test_a_stored_alias_that_is_not_text_does_not_break_articles():
    GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="D.", aliases=[1])
    article = Article.objects.create(slug="a", **{**ARTICLE, "body": "Cartilage wears."})
    assert 'href="/glossary/#cartilage"' in article.body_html


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (["diagnosis"], "Give {} to always ask the question"),
        ({"diagnosis": "kl1"}, "Give diagnosis a list of one or more of"),
        ({"diagnosis": []}, "Give diagnosis a list of one or more of"),
        ({"mood": ["happy"]}, "'mood' is not one of the form's answers"),
        ({"diagnosis": ["kl9"]}, "diagnosis has no answer 'kl9'"),
    ],
)
def test_checklist_rules_must_name_the_forms_real_answers(rule, message):
    group = QuestionGroup.objects.create(slug="g", title="G", position=1)
    question = Question(
        group=group, key="q", text="Q?", why="W.", clear_answer="C.", vague_answer="V.",
        source="S", applies_when=rule,
    )  # fmt: skip
    assert errors_of(question)["applies_when"][0].startswith(message)


@pytest.mark.parametrize(
    ("instance", "field"),
    [
        (GlossaryTerm(term="C", slug="c", definition="D.", aliases=["a\x00b"]), "aliases"),
        (GlossaryTerm(term="C\x00", slug="c", definition="D."), "term"),
        (RedFlag(key="r", sign="S", why="W\x00", source="S"), "why"),
    ],
)
def test_a_nul_character_is_a_validation_error_not_a_database_error(instance, field):
    assert errors_of(instance)[field] == [
        "Remove the invisible NUL character (\\0); it cannot be stored."
    ]


def test_what_the_admin_accepts_export_then_sync_accepts(tmp_path):
    article_form = modelform_factory(Article, fields=["slug", *ARTICLE])(
        {**ARTICLE, "slug": "knee-2", "body": "See [@old1800]."}
    )
    article = article_form.save()
    reference_form = modelform_factory(Reference, exclude=["article"])(
        {"key": "old1800", "position": 0, "title": "Old", "source": "Journal", "year": 1800,
         "pmid": "123", "url": "http://example.org/a?b=1"}
    )  # fmt: skip
    reference_form.instance.article = article
    reference_form.save()
    term_form = modelform_factory(GlossaryTerm, fields=["term", "slug", "definition", "aliases"])(
        {"term": "MSC", "slug": "msc", "definition": "A cell.", "aliases": '["  stem   cell "]'}
    )
    term_form.save()
    group = QuestionGroup.objects.create(slug="g", title="G", position=9999)
    question_form = modelform_factory(Question, exclude=["group"])(
        {"key": "q-1", "position": 0, "priority": 2, "text": "Q?", "why": "W.",
         "clear_answer": "C.", "vague_answer": "V.", "source": "S",
         "applies_when": '{"concerns": ["pain", "cost"]}'}
    )  # fmt: skip
    question_form.instance.group = group
    question_form.save()
    for form in (article_form, reference_form, term_form, question_form):
        assert form.errors == {}

    export_content(tmp_path)
    report = sync_content(tmp_path)
    assert report.conflicts == report.created == []
