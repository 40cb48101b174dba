"""Article pages, the learning path and the glossary in the page's language: the translation
when there is one, English with a one-line note when there is none, and a notice when the
English original changed after the translation was made."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from regenknee.articles import views
from regenknee.articles.models import Article, ArticleTranslation
from regenknee.editorial.queues import review_queues
from regenknee.sync.engine import sync_content

pytestmark = pytest.mark.django_db


def page(view, *args, language="ko"):
    """A page as a visitor in ``language`` gets it (the language the middleware activates)."""
    with translation.override(language):
        request = RequestFactory().get("/")
        response = view(request, *args)
        return response.content.decode()


STALE_NOTICE = (
    "The English original of this page has changed since it was translated, so some details "
    'here may be out of date. <a href="%(english_url)s" hreflang="en">Read the English page</a>.'
)


def korean(text):
    """An interface string in Korean (from whichever catalogue translates it), checked to be
    Korean so a missing translation cannot pass for one."""
    with translation.override("ko"):
        translated = translation.gettext(text)
    assert any("가" <= char <= "힣" for char in translated), text
    return translated


@pytest.fixture
def ko_synced(ko_content):
    sync_content(ko_content)
    return ko_content


def test_korean_article_page_shows_the_translation_with_its_own_review_line(ko_synced):
    Article.objects.update(reviewed_by="Dr English", reviewed_on=datetime.date(2026, 1, 5))
    ArticleTranslation.objects.update(
        reviewed_by="김의사 (정형외과 전문의)", reviewed_on=datetime.date(2026, 11, 29)
    )
    html = page(views.article_detail, "first-article")
    assert "<h1>첫 번째 글</h1>" in html
    assert '<h2 id="중간엽줄기세포란">중간엽줄기세포란</h2>' in html
    assert f'<h2 id="toc-heading">{korean("On this page")}</h2>' in html
    assert f'<h2 id="references-heading">{korean("References")}</h2>' in html
    assert "First article" not in html.split("<article")[1].split("</article>")[0]
    # Its own review line, never the English article's.
    review_line = html.split('<p class="review-line">')[1].split("</p>")[0]
    assert "김의사 (정형외과 전문의)" in review_line
    assert 'datetime="2026-11-29"' in review_line
    assert "Dr English" not in html
    assert "translation-note" not in html


def test_untranslated_article_is_shown_in_english_with_a_korean_note(ko_synced):
    html = page(views.article_detail, "second-article")
    note = korean(
        "This page has not been translated into your language yet, so it is shown in English."
    )
    assert f'<p class="translation-note" role="note">{note}</p>' in html
    assert f'<article lang="{settings.LANGUAGE_CODE}">' in html
    assert "<h1>Second article</h1>" in html


def test_english_page_is_unchanged_by_the_translation(ko_synced):
    html = page(views.article_detail, "first-article", language="en")
    assert "<h1>First article</h1>" in html
    assert "translation-note" not in html
    assert "첫 번째 글" not in html


def test_changed_english_article_puts_a_notice_on_the_korean_page_and_queues_it(ko_synced):
    assert "translation-stale" not in page(views.article_detail, "first-article")
    article = Article.objects.get(slug="first-article")
    article.body = article.body.replace("bone marrow or fat", "bone marrow, fat or cord blood")
    article.save()

    html = page(views.article_detail, "first-article")
    notice = html.split('class="translation-note translation-stale" role="note">')[1]
    with translation.override("ko"):
        expected = translation.gettext(STALE_NOTICE) % {"english_url": "/articles/first-article/"}
    assert korean(STALE_NOTICE) and notice.startswith(expected + "</p>")
    assert "<h1>첫 번째 글</h1>" in html  # the translation stays up

    queue = review_queues(datetime.date(2026, 11, 29))["out_of_date"]
    assert [item.label for item in queue] == ["Article translation: 첫 번째 글 (ko)"]
    assert queue[0].detail == "the original changed since this was translated"
    changes = dict(ArticleTranslation.objects.get().source_changes())
    assert ("removed", "An MSC is a cell from bone marrow or fat [@dominici2006].") in [
        (line.kind, line.text) for line in changes["Body"]
    ]
    assert ("added", "An MSC is a cell from bone marrow, fat or cord blood [@dominici2006].") in [
        (line.kind, line.text) for line in changes["Body"]
    ]


def test_learning_path_lists_translations_and_english_fallbacks_in_order(ko_synced):
    with translation.override("ko"):
        rendered = Template(
            "{% load learning_path %}{% learning_path as articles %}"
            "{% for a in articles %}{{ a.title }}|{{ a.untranslated }};{% endfor %}"
        ).render(Context())
    assert rendered == "첫 번째 글|False;Second article|True;"


def test_korean_glossary_shows_korean_terms_and_english_ones_not_yet_translated(ko_synced):
    html = page(views.glossary)
    assert f"<h1>{korean('Glossary')}</h1>" in html
    assert '<dt id="cartilage"><a class="term-link" href="#cartilage">연골</a></dt>' in html
    english = f'<dt id="mesenchymal-stromal-cell" lang="{settings.LANGUAGE_CODE}">'
    link = '<a class="term-link" href="#mesenchymal-stromal-cell">Mesenchymal stromal cell</a>'
    assert english + link + "</dt>" in html
    # Korean terms under their first consonant, the English one under the Latin letters.
    assert html.index('<h2 id="letter-ㅇ">ㅇ</h2>') < html.index('id="cartilage"')
    assert html.index('<h2 id="letter-latin">A–Z</h2>') < html.index(english)
    assert (
        korean(
            "Some terms have not been translated into your language yet and are shown in English."
        )
        in html
    )


def test_a_page_in_a_language_without_translations_falls_back_to_english(ko_synced):
    html = page(views.article_detail, "first-article", language="ja")
    assert "<h1>First article</h1>" in html
    assert "translation-note" in html


def json_ld_language(html):
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script.group(1))["inLanguage"]


def test_structured_data_names_the_language_the_page_text_is_in(ko_synced):
    assert json_ld_language(page(views.article_detail, "first-article")) == "ko"
    assert json_ld_language(page(views.article_detail, "first-article", language="en")) == "en-GB"
    # a Korean address showing the English text (no translation yet) says it is English
    assert json_ld_language(page(views.article_detail, "second-article")) == "en-GB"
