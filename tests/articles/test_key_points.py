"""Key points: a short list of plain sentences at the top of an article, in its content file
(``key_points:``), synced, exported and validated like the rest, in English and Korean."""

import pytest
from django.core.exceptions import ValidationError

from regenknee.articles.models import Article, ArticleTranslation, validate_key_points
from regenknee.sync.engine import ContentErrors, export_content, sync_content

from ..conftest import article_text

pytestmark = pytest.mark.django_db

SUMMARY = "summary: A short summary.\n"


def with_key_points(text, lines):
    return text.replace(SUMMARY, SUMMARY + "key_points:\n" + "".join(f"{line}\n" for line in lines))


def write_first(content_dir, lines):
    path = content_dir / "articles" / "01-first-article.md"
    path.write_text(with_key_points(article_text(), lines))
    return path


def test_sync_stores_key_points_as_plain_sentences(content_dir):
    write_first(content_dir, ["  - Cartilage heals   slowly.", "  - Ask what you would get."])
    sync_content(content_dir)
    article = Article.objects.get(slug="first-article")
    assert article.key_points == ["Cartilage heals slowly.", "Ask what you would get."]
    assert Article.objects.get(slug="second-article").key_points == []


def test_export_writes_key_points_back_and_leaves_files_without_them_alone(content_dir):
    path = write_first(content_dir, ["  - One.", "  - Two."])
    sync_content(content_dir)
    second = (content_dir / "articles" / "02-second-article.md").read_text()
    Article.objects.filter(slug="first-article").update(key_points=["One.", "Two, changed."])
    path.unlink()
    export_content(content_dir)
    assert "key_points:\n- One.\n- Two, changed.\n" in path.read_text()
    assert (content_dir / "articles" / "02-second-article.md").read_text() == second


def test_adding_key_points_to_a_file_updates_an_article_synced_before_the_field_existed(
    content_dir,
):
    """An article synced without key points keeps its fingerprint, so adding key points to its
    file is an update, not a conflict with an admin edit."""
    sync_content(content_dir)
    write_first(content_dir, ["  - New point."])
    report = sync_content(content_dir)
    assert "article first-article" in report.updated
    assert Article.objects.get(slug="first-article").key_points == ["New point."]


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["  just text"], 5, "'key_points' must be a list of plain sentences"),
        (["  - Fine.", "  - [a, list]"], 7, "key point 2 must be a plain sentence"),
        (["  - Fine.", "  -"], 7, "key point 2 must be a plain sentence"),
        ([f"  - Point {n}." for n in range(6)], 5, "Give at most 5 key points"),
        (["  - " + "long " * 70], 5, "Each key point must be one sentence of 1 to 300"),
    ],
)
def test_bad_key_points_name_file_and_line_and_change_nothing(content_dir, lines, line, message):
    write_first(content_dir, lines)
    with pytest.raises(ContentErrors) as caught:
        sync_content(content_dir)
    assert f"articles/01-first-article.md:{line}: " in str(caught.value)
    assert message in str(caught.value)
    assert not Article.objects.exists()


def test_model_refuses_key_points_that_are_not_a_list_of_sentences():
    for value in ["One string", [1, 2], ["ok", ""], ["x" * 301]]:
        with pytest.raises(ValidationError):
            validate_key_points(value)
    validate_key_points(["One.", "Two."])


def test_a_korean_translation_carries_its_own_key_points(ko_content):
    path = ko_content / "ko" / "articles" / "01-first-article.md"
    text = path.read_text().replace(
        "summary: 짧은 요약입니다.\n",
        "summary: 짧은 요약입니다.\nkey_points:\n  - 연골은 천천히 낫습니다.\n",
    )
    path.write_text(text)
    sync_content(ko_content)
    translation = ArticleTranslation.objects.get(language="ko")
    assert translation.key_points == ["연골은 천천히 낫습니다."]
    assert not translation.is_stale


def test_english_key_points_are_part_of_what_a_translation_follows(ko_content):
    sync_content(ko_content)
    article = Article.objects.get(slug="first-article")
    article.key_points = ["A new point in English."]
    article.save()
    translation = ArticleTranslation.objects.get(language="ko")
    assert translation.is_stale
    assert [label for label, _ in translation.source_changes()] == ["Key points"]


def test_article_page_shows_key_points_under_the_summary_before_the_contents(client, content_dir):
    write_first(content_dir, ["  - Cartilage heals <slowly>."])
    sync_content(content_dir)
    html = client.get("/articles/first-article/").content.decode()
    box = html.index('<section class="key-points" aria-labelledby="key-points-heading">')
    assert html.index('<p class="lede">A short summary.</p>') < box < html.index("toc-fold")
    assert "<li>Cartilage heals &lt;slowly&gt;.</li>" in html


def test_article_without_key_points_has_no_empty_box(client, content_dir):
    sync_content(content_dir)
    html = client.get("/articles/first-article/").content.decode()
    assert "key-points" not in html
