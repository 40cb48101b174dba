"""sync_content and export_content: create, update, keep staff edits, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regenknee.articles.models import Article, GlossaryTerm, Reference
from regenknee.sync.engine import ContentErrors, export_content, sync_content

from ..conftest import article_text

pytestmark = pytest.mark.django_db


def run_sync(path, *args):
    out = StringIO()
    call_command("sync_content", str(path), *args, stdout=out)
    return out.getvalue()


def database_snapshot():
    return (
        sorted(Article.objects.values_list("slug", "title", "body", "synced_hash")),
        sorted(Reference.objects.values_list("article__slug", "key", "title")),
        sorted(GlossaryTerm.objects.values_list("slug", "definition")),
        Article.history.count(),
    )


def test_sync_creates_articles_references_and_glossary(content_dir):
    output = run_sync(content_dir)
    assert "4 created, 0 updated, 0 unchanged, 0 conflicts" in output
    article = Article.objects.get(slug="first-article")
    assert article.title == "First article"
    assert article.status == Article.Status.PUBLISHED
    assert article.source_path == "articles/01-first-article.md"
    assert [ref.key for ref in article.references.all()] == ["dominici2006"]
    assert article.references.get().doi == "10.1080/14653240600855905"
    assert GlossaryTerm.objects.get(slug="mesenchymal-stromal-cell").aliases == ["MSC", "MSCs"]


def test_sync_renders_with_the_glossary_it_just_loaded(content_dir):
    run_sync(content_dir)
    html = Article.objects.get(slug="first-article").body_html
    assert '<a class="glossary-term" href="/glossary/#mesenchymal-stromal-cell">MSC</a>' in html
    assert '<a aria-label="Reference 1" href="#ref-dominici2006">[1]</a>' in html


def test_sync_twice_changes_nothing(content_dir):
    run_sync(content_dir)
    before = database_snapshot()
    output = run_sync(content_dir)
    assert "0 created, 0 updated, 4 unchanged, 0 conflicts" in output
    assert database_snapshot() == before


def test_sync_updates_an_article_staff_have_not_touched(synced):
    path = synced / "articles" / "01-first-article.md"
    path.write_text(article_text(title="First article, revised"))
    output = run_sync(synced)
    assert "Updated: article first-article" in output
    assert "0 created, 1 updated, 3 unchanged, 0 conflicts" in output
    assert Article.objects.get(slug="first-article").title == "First article, revised"


def test_sync_keeps_admin_edit_and_reports_a_conflict(synced):
    article = Article.objects.get(slug="first-article")
    article.body += "\nA sentence an editor added in the admin.\n"
    article.save()
    (synced / "articles" / "01-first-article.md").write_text(article_text(title="From the file"))
    output = run_sync(synced)
    assert "Conflict: article first-article was edited in the admin" in output
    assert "1 conflicts" in output
    article.refresh_from_db()
    assert "A sentence an editor added in the admin." in article.body
    assert article.title == "First article"


def test_sync_keeps_admin_edit_even_when_the_file_has_not_changed(synced):
    article = Article.objects.get(slug="first-article")
    article.title = "Retitled by an editor"
    article.save()
    output = run_sync(synced)
    assert "1 conflicts" in output
    assert Article.objects.get(slug="first-article").title == "Retitled by an editor"


def test_sync_keeps_admin_edit_to_a_reference(synced):
    reference = Reference.objects.get(article__slug="first-article")
    reference.title = "Corrected title"
    reference.save()
    assert "1 conflicts" in run_sync(synced)
    assert Reference.objects.get(article__slug="first-article").title == "Corrected title"


def test_sync_keeps_admin_edit_to_a_glossary_term(synced):
    term = GlossaryTerm.objects.get(slug="cartilage")
    term.definition = "Edited in the admin."
    term.save()
    output = run_sync(synced)
    assert "Conflict: glossary term cartilage" in output
    assert GlossaryTerm.objects.get(slug="cartilage").definition == "Edited in the admin."


def test_force_overwrites_an_admin_edit_and_history_keeps_the_old_version(synced):
    article = Article.objects.get(slug="first-article")
    article.title = "Retitled by an editor"
    article.save()
    output = run_sync(synced, "--force")
    assert "Updated: article first-article" in output
    article.refresh_from_db()
    assert article.title == "First article"
    assert "Retitled by an editor" in article.history.values_list("title", flat=True)


def test_sync_after_export_is_a_no_op_and_keeps_the_edit(synced):
    article = Article.objects.get(slug="first-article")
    article.body += "\nAn admin edit worth keeping.\n"
    article.save()
    export_content(synced)
    assert "An admin edit worth keeping." in (synced / "articles/01-first-article.md").read_text()
    output = run_sync(synced)
    assert "0 created, 0 updated, 4 unchanged, 0 conflicts" in output
    # The edit is now the synced version, so a later file change updates normally.
    assert Article.objects.get(slug="first-article").synced_hash


def test_export_writes_a_new_admin_article_in_the_same_format(synced, tmp_path):
    article = Article.objects.create(
        slug="made-in-admin",
        title="Made in the admin",
        summary="Summary.",
        body="Text.",
        position=9,
        status=Article.Status.DRAFT,
    )
    Reference.objects.create(article=article, key="x1", title="T", source="S", url="https://x.org")
    out = StringIO()
    call_command("export_content", str(synced), stdout=out)
    assert "articles: 1 written, 2 unchanged" in out.getvalue()
    written = (synced / "articles" / "09-made-in-admin.md").read_text()
    assert written.startswith("---\ntitle: Made in the admin\nslug: made-in-admin\n")
    Article.objects.all().delete()
    GlossaryTerm.objects.all().delete()
    sync_content(synced)
    assert Article.objects.get(slug="made-in-admin").references.get().url == "https://x.org"


def test_export_leaves_unchanged_files_byte_for_byte(synced):
    path = synced / "articles" / "01-first-article.md"
    before = path.read_text()
    export_content(synced)
    assert path.read_text() == before


def test_export_round_trip_of_the_real_content(real_content, copy_of_real_content):
    sync_content(copy_of_real_content)
    for path in (copy_of_real_content / "articles").glob("*.md"):
        path.unlink()
    export_content(copy_of_real_content)
    report = sync_content(copy_of_real_content)
    assert report.created == report.updated == report.conflicts == []


# --- invalid files: each fails the run with the file and line, and changes nothing ---------


def assert_rejected(synced, expected_message):
    """The bad file was written after the `synced` fixture loaded the good ones."""
    before = database_snapshot()
    with pytest.raises(CommandError) as failure:
        run_sync(synced)
    message = str(failure.value)
    assert message.startswith("Nothing was changed"), message
    assert expected_message in message, message
    assert "Traceback" not in message
    assert database_snapshot() == before
    return message


def write_second(synced, text):
    (synced / "articles" / "02-second-article.md").write_text(text)


def test_bad_yaml_names_file_and_line(content_dir):
    run_sync(content_dir)
    (content_dir / "articles" / "01-first-article.md").write_text(
        article_text(title="Changed").replace("position: 1", "position: [1")
    )
    write_second(
        content_dir,
        article_text(slug="second-article", position=2).replace(
            "title: First article", "title: : : bad"
        ),
    )
    with pytest.raises(CommandError) as failure:
        run_sync(content_dir)
    assert "articles/01-first-article.md:" in str(failure.value)
    assert "this is not valid YAML" in str(failure.value)
    assert Article.objects.get(slug="first-article").title == "First article"


def test_missing_field(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace("summary: A short summary.\n", ""),
    )
    assert_rejected(
        synced,
        "articles/02-second-article.md:2: the front matter is missing the required field 'summary'",
    )


def test_empty_title(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace("title: First article", "title:"),
    )
    assert_rejected(
        synced, "articles/02-second-article.md:2: 'title' is required and must not be empty"
    )


def test_duplicate_slug(synced):
    write_second(synced, article_text(slug="first-article", position=2))
    assert_rejected(
        synced,
        "articles/02-second-article.md:3: the slug 'first-article' is also used by "
        "articles/01-first-article.md",
    )


def test_unknown_reference_key(synced):
    write_second(
        synced, article_text(slug="second-article", position=2, extra="\nSee [@nobody2020].\n")
    )
    assert_rejected(
        synced,
        "articles/02-second-article.md:24: the text cites [@nobody2020] but no reference has "
        "the key 'nobody2020'",
    )


def test_bad_status(synced):
    write_second(synced, article_text(slug="second-article", position=2, status="live"))
    assert_rejected(
        synced,
        "articles/02-second-article.md:6: 'status' must be one of draft, review, published, "
        "not 'live'",
    )


def test_bad_date(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace(
            "review_due: 2027-05-21", "review_due: next May"
        ),
    )
    assert_rejected(
        synced,
        "articles/02-second-article.md:9: 'review_due' must be a date written YYYY-MM-DD",
    )


def test_bad_slug_and_position_are_both_reported(synced):
    write_second(
        synced,
        article_text(slug="Second Article!", position="two"),
    )
    message = assert_rejected(
        synced, "articles/02-second-article.md:3: 'slug': Use only lower-case letters"
    )
    assert "articles/02-second-article.md:5: 'position' must be a whole number" in message


def test_reference_without_any_link(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace(
            "    doi: 10.1080/14653240600855905\n", ""
        ),
    )
    assert_rejected(
        synced,
        "articles/02-second-article.md:12: Reference 'dominici2006' needs a DOI, a PubMed ID",
    )


def test_reference_with_a_javascript_url(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace(
            "    doi: 10.1080/14653240600855905\n", "    url: javascript:alert(1)\n"
        ),
    )
    assert_rejected(
        synced,
        "articles/02-second-article.md:17: 'url': Enter a web address that starts with https://",
    )


def test_unknown_field(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2).replace(
            "position: 2", "position: 2\nauthor: x"
        ),
    )
    assert_rejected(synced, "articles/02-second-article.md:6: unknown field 'author'")


def test_no_front_matter(synced):
    write_second(synced, "# Just Markdown\n")
    assert_rejected(
        synced,
        "articles/02-second-article.md:1: the file must start with YAML front matter",
    )


def test_oversized_title(synced):
    write_second(
        synced,
        article_text(slug="second-article", position=2, title="T" * 201),
    )
    assert_rejected(synced, "'title': Ensure this value has at most 200 characters (it has 201).")


def test_not_utf8(synced):
    (synced / "articles" / "02-second-article.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    assert_rejected(synced, "articles/02-second-article.md: the file is not UTF-8 text")


def test_glossary_duplicate_slug(synced):
    (synced / "glossary.yaml").write_text(
        "- term: A\n  slug: same\n  definition: x\n- term: B\n  slug: same\n  definition: y\n"
    )
    assert_rejected(synced, "glossary.yaml:5: the slug 'same' is used by two terms")


def test_glossary_bad_yaml(synced):
    (synced / "glossary.yaml").write_text("- term: A\n  slug: [unclosed\n")
    assert_rejected(synced, "glossary.yaml:3: this is not valid YAML")


def test_glossary_missing_definition(synced):
    (synced / "glossary.yaml").write_text("- term: A\n  slug: a\n")
    assert_rejected(synced, "glossary.yaml:1: 'definition' is required")


def test_one_bad_file_stops_every_change_including_valid_ones(content_dir):
    run_sync(content_dir)
    (content_dir / "articles" / "01-first-article.md").write_text(
        article_text(title="Valid change")
    )
    (content_dir / "articles" / "03-new.md").write_text(
        article_text(slug="third", position=3, extra="[@missing]")
    )
    with pytest.raises(ContentErrors):
        sync_content(content_dir)
    assert Article.objects.get(slug="first-article").title == "First article"
    assert not Article.objects.filter(slug="third").exists()


def test_a_failure_inside_the_transaction_rolls_everything_back(content_dir, monkeypatch):
    from regenknee.articles import content

    run_sync(content_dir)
    before = database_snapshot()
    (content_dir / "articles" / "01-first-article.md").write_text(article_text(title="Changed"))
    (content_dir / "articles" / "03-new.md").write_text(article_text(slug="third", position=3))
    real_apply = content.apply_article

    def apply_then_fail(article, record, source_path):
        real_apply(article, record, source_path)
        if record["slug"] == "third":
            raise RuntimeError("disk full")

    monkeypatch.setattr(content, "apply_article", apply_then_fail)
    with pytest.raises(RuntimeError):
        sync_content(content_dir)
    assert database_snapshot() == before


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="this folder does not exist"):
        run_sync(tmp_path / "nowhere")
