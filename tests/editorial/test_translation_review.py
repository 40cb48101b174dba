"""Translations go through the same review as the content they translate, and a translation
whose original changed is queued with the original's old text against its new text."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from regenknee.articles.models import Article, ArticleTranslation
from regenknee.editorial import revisions
from regenknee.editorial.models import Revision
from regenknee.sync.engine import sync_content

pytestmark = pytest.mark.django_db

KOREAN_REVIEW = {
    "reviewed_by": "김의사 (정형외과 전문의)",
    "reviewed_on": "2026-11-29",
    "review_due": "2027-11-29",
}


@pytest.fixture
def ko_synced(ko_content):
    sync_content(ko_content)
    return ko_content


def change_english_article():
    article = Article.objects.get(slug="first-article")
    article.body = article.body.replace("bone marrow or fat", "bone marrow, fat or cord blood")
    article.save()


def test_admin_home_and_review_report_list_the_out_of_date_translation(ko_synced, admin_client):
    change_english_article()
    home = admin_client.get("/admin/").content.decode()
    assert "Translations out of date (the original changed since)" in home
    assert "Article translation: 첫 번째 글 (ko)" in home
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("review_report", stdout=out, stderr=StringIO())
    assert (
        "Translations out of date (the original changed since): 1\n"
        "  - Article translation: 첫 번째 글 (ko) (the original changed since this was "
        "translated)" in out.getvalue()
    )


def test_translation_admin_page_shows_the_original_old_against_new(ko_synced, admin_client):
    change_english_article()
    item = ArticleTranslation.objects.get()
    html = admin_client.get(f"/admin/articles/articletranslation/{item.pk}/change/").content
    html = html.decode()
    assert "<del>An MSC is a cell from bone marrow or fat [@dominici2006].</del>" in html
    assert (
        "<ins>An MSC is a cell from bone marrow, fat or cord blood [@dominici2006].</ins>" in html
    )


def test_reviewer_marks_a_translation_up_to_date_and_it_leaves_the_queue(ko_synced, admin_client):
    change_english_article()
    item = ArticleTranslation.objects.get()
    assert item.is_stale
    admin_client.post(
        "/admin/articles/articletranslation/",
        {"action": "mark_up_to_date", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert not item.is_stale
    assert "cord blood" in item.source_snapshot["body"]


def test_editor_change_to_a_published_translation_is_a_revision_not_live(ko_synced):
    from regenknee.editorial import roles

    from .conftest import make_user

    editor = make_user("eddie", roles.EDITOR)
    item = ArticleTranslation.objects.get()
    revision = revisions.start_revision(item, editor)
    revision.data["title"] = "편집자가 고친 제목"
    revision.save()
    revisions.submit(revision, editor)
    item.refresh_from_db()
    assert item.title == "첫 번째 글"
    assert Revision.objects.get().state == Revision.State.IN_REVIEW


def propose(item, editor, **changes):
    revision = revisions.start_revision(item, editor)
    revision.data.update(changes)
    revision.save()
    revisions.submit(revision, editor)
    revision.refresh_from_db()
    return revision


def test_approving_a_translation_records_its_own_review_line(ko_synced, editor, reviewer):
    item = ArticleTranslation.objects.get()
    english_before = Article.objects.values_list("reviewed_by", "reviewed_on").get(
        slug="first-article"
    )
    revision = propose(item, editor, title="고친 제목")
    revisions.approve(revision, reviewer, shown_version=revision.version, review=KOREAN_REVIEW)
    item.refresh_from_db()
    assert item.title == "고친 제목"
    assert (item.reviewed_by, item.reviewed_on, item.review_due) == (
        "김의사 (정형외과 전문의)",
        datetime.date(2026, 11, 29),
        datetime.date(2027, 11, 29),
    )
    assert (
        Article.objects.values_list("reviewed_by", "reviewed_on").get(slug="first-article")
        == english_before
    )


def test_a_translation_citing_a_reference_the_original_lacks_cannot_be_approved(
    ko_synced, editor, reviewer
):
    item = ArticleTranslation.objects.get()
    revision = propose(item, editor, body="## 제목\n\n근거 없는 인용 [@made-up2020].\n")
    with pytest.raises(ValidationError) as caught:
        revisions.approve(revision, reviewer, shown_version=revision.version, review=KOREAN_REVIEW)
    assert "[@made-up2020]" in str(caught.value)
    item.refresh_from_db()
    assert "made-up2020" not in item.body


def test_nul_characters_in_a_translation_are_a_validation_error_on_the_model(ko_synced):
    item = ArticleTranslation.objects.get()
    item.title = "제목\x00"
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "title" in caught.value.message_dict


def test_a_draft_translation_is_previewed_in_its_own_language(ko_synced, editor, admin_client):
    item = ArticleTranslation.objects.get()
    revision = propose(item, editor, title="미리 보는 제목")
    html = admin_client.get(f"/admin/editorial/revision/{revision.pk}/preview/").content.decode()
    assert "<h1>미리 보는 제목</h1>" in html
    with translation.override("ko"):
        assert f'<h2 id="toc-heading">{translation.gettext("On this page")}</h2>' in html
    item.refresh_from_db()
    assert item.title == "첫 번째 글"
