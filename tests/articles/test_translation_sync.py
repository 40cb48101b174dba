"""Translations in content/<lang>/: synced and exported with the English sources under the same
rules, each recording the English text it was made from."""

from io import StringIO

import pytest
from django.core.management import call_command

from regenknee.articles.models import Article, ArticleTranslation, GlossaryTermTranslation
from regenknee.sync.engine import ContentErrors, export_content, sync_content

from ..conftest import KO_ARTICLE, KO_GLOSSARY, article_text

pytestmark = pytest.mark.django_db


def test_sync_loads_translations_with_their_english_sources_in_one_run(ko_content):
    report = sync_content(ko_content)
    assert "translation ko article first-article" in report.created
    translation = ArticleTranslation.objects.get(language="ko")
    assert translation.source == Article.objects.get(slug="first-article")
    assert translation.source_path == "ko/articles/01-first-article.md"
    assert not translation.is_stale
    assert translation.source_snapshot["title"] == "First article"
    assert GlossaryTermTranslation.objects.get(language="ko").term == "연골"
    # The Korean body is rendered with the Korean glossary, links in Korean.
    assert (
        '<a class="glossary-term" href="/ko/glossary/#cartilage">연골</a>은'
        in translation.body_html
    )


def test_sync_twice_changes_nothing_and_export_rewrites_nothing(ko_content):
    sync_content(ko_content)
    report = sync_content(ko_content)
    assert not report.created and not report.updated and not report.conflicts
    before = {p: p.read_bytes() for p in (ko_content / "ko").rglob("*") if p.is_file()}
    results = export_content(ko_content)
    assert results["article translations"] == (0, 1)
    assert results["glossary translations"] == (0, 1)
    assert {p: p.read_bytes() for p in (ko_content / "ko").rglob("*") if p.is_file()} == before


def test_a_translation_of_an_unknown_article_is_a_named_error_and_changes_nothing(ko_content):
    path = ko_content / "ko" / "articles" / "02-missing.md"
    path.write_text(KO_ARTICLE.format(slug="no-such-article", source_hash="0" * 16))
    with pytest.raises(ContentErrors) as caught:
        sync_content(ko_content)
    message = str(caught.value)
    assert "ko/articles/02-missing.md:2: this translates the article 'no-such-article'" in message
    assert not Article.objects.exists()  # all or nothing, English included
    assert not ArticleTranslation.objects.exists()


def test_a_glossary_translation_of_an_unknown_term_names_file_and_line(ko_content):
    path = ko_content / "ko" / "glossary.yaml"
    extra = KO_GLOSSARY.format(source_hash="0" * 16).replace("cartilage", "kneecap")
    path.write_text(path.read_text() + extra)
    with pytest.raises(ContentErrors) as caught:
        sync_content(ko_content)
    assert "ko/glossary.yaml:6: this translates the glossary term 'kneecap'" in str(caught.value)


def test_a_translation_citing_a_key_the_english_article_lacks_fails(ko_content):
    path = ko_content / "ko" / "articles" / "01-first-article.md"
    path.write_text(path.read_text().replace("[@dominici2006]", "[@made-up2020]"))
    with pytest.raises(ContentErrors) as caught:
        sync_content(ko_content)
    assert "ko/articles/01-first-article.md:14: the text cites [@made-up2020]" in str(caught.value)


def test_a_translation_without_source_hash_is_refused_with_the_command_to_run(ko_content):
    path = ko_content / "ko" / "articles" / "01-first-article.md"
    path.write_text("\n".join(line for line in path.read_text().split("\n")
                              if not line.startswith("source_hash")))  # fmt: skip
    with pytest.raises(ContentErrors) as caught:
        sync_content(ko_content)
    assert "stamp_translations" in str(caught.value)


def test_stamp_translations_fills_only_missing_fingerprints(ko_content):
    path = ko_content / "ko" / "articles" / "01-first-article.md"
    stamped = path.read_text()
    path.write_text(stamped.replace(stamped.split("\n")[2] + "\n", ""))
    glossary = ko_content / "ko" / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("source_hash", "# was"))
    call_command("stamp_translations", str(ko_content), stdout=StringIO())
    assert path.read_text() == stamped
    assert glossary.read_text().count("source_hash:") == 1
    # An existing fingerprint is never replaced, even when the English text moved on.
    old = path.read_text()
    source = ko_content / "articles" / "01-first-article.md"
    source.write_text(article_text(title="First article, revised"))
    call_command("stamp_translations", str(ko_content), stdout=StringIO())
    assert path.read_text() == old


def test_staff_edit_of_a_translation_is_kept_as_a_conflict(ko_content):
    sync_content(ko_content)
    translation = ArticleTranslation.objects.get()
    translation.title = "직원이 고친 제목"
    translation.save()
    path = ko_content / "ko" / "articles" / "01-first-article.md"
    path.write_text(path.read_text().replace("첫 번째 글", "파일에서 고친 제목"))
    report = sync_content(ko_content)
    assert report.conflicts == ["translation ko article first-article"]
    assert ArticleTranslation.objects.get().title == "직원이 고친 제목"


def test_a_file_made_from_an_older_english_text_is_stale_with_that_text_as_snapshot(ko_content):
    sync_content(ko_content)
    source = ko_content / "articles" / "01-first-article.md"
    source.write_text(article_text(title="First article, revised"))
    sync_content(ko_content)
    translation = ArticleTranslation.objects.get()
    assert translation.is_stale
    changes = dict(translation.source_changes())
    assert [(line.kind, line.text) for line in changes["Title"]] == [
        ("removed", "First article"),
        ("added", "First article, revised"),
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"---\ntranslation_of: &a first-article\nsource_hash: *a\n---\n", "anchors and aliases"),
        (b"\xff\xfe not text", "not UTF-8"),
        (b"no front matter", "front matter"),
        (b"---\ntranslation_of: first-article\nsource_hash: x\ntitle: [1]\n---\n", "title"),
    ],
)
def test_a_hostile_translation_file_is_a_named_error_and_changes_nothing(
    ko_content, content, message
):
    (ko_content / "ko" / "articles" / "09-hostile.md").write_bytes(content)
    with pytest.raises(ContentErrors) as caught:
        sync_content(ko_content)
    assert "ko/articles/09-hostile.md" in str(caught.value)
    assert message in str(caught.value)
    assert not Article.objects.exists()
