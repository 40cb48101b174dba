"""What articles and the glossary give to site search (registered in apps.py).

Only published articles are given; a scheduled one carries its publish time and appears in
results from then. Each language gets the published translation, or the English text marked as
English where there is none, as the pages themselves do.
"""

import html

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from regenknee.search import registry as search

from .models import Article, ArticleTranslation, GlossaryTerm, GlossaryTermTranslation


def plain(html_text: str) -> str:
    """The words of rendered HTML (headings, paragraphs, tables, glossary links) as text."""
    return " ".join(html.unescape(strip_tags(html_text.replace("<", " <"))).split())


def url_in(language: str, name: str, args=(), anchor: str = "") -> str:
    with translation.override(language):
        return reverse(name, args=args) + (f"#{anchor}" if anchor else "")


def other_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def article_documents(keys):
    articles = Article.objects.filter(status=Article.Status.PUBLISHED)
    if keys is not None:
        articles = articles.filter(slug__in=keys)
    articles = list(articles)
    translated = {}
    for item in ArticleTranslation.objects.filter(
        source__in=articles, status=ArticleTranslation.Status.PUBLISHED
    ):
        translated[(item.source_id, item.language)] = item
    for article in articles:
        for language in [settings.LANGUAGE_CODE, *other_languages()]:
            item = translated.get((article.pk, language), article)
            yield search.Document(
                key=article.slug,
                language=language,
                url=url_in(language, "articles:detail", [article.slug]),
                title=item.title,
                text=f"{item.summary} {plain(item.body_html)}",
                text_language=language if item is not article else settings.LANGUAGE_CODE,
                live_from=article.publish_at,
            )


def names_of(term) -> tuple[str, ...]:
    aliases = term.aliases if isinstance(term.aliases, list) else []
    return tuple(alias for alias in aliases if isinstance(alias, str))


def term_documents(keys):
    terms = GlossaryTerm.objects.all()
    if keys is not None:
        terms = terms.filter(slug__in=keys)
    terms = list(terms)
    translated = {
        (item.source_id, item.language): item
        for item in GlossaryTermTranslation.objects.filter(source__in=terms)
    }
    for term in terms:
        for language in [settings.LANGUAGE_CODE, *other_languages()]:
            item = translated.get((term.pk, language))
            names = names_of(term)
            if item is not None:  # the English names find the translated term too
                names = (*names_of(item), term.term, *names)
            shown = item or term
            yield search.Document(
                key=term.slug,
                language=language,
                url=url_in(language, "articles:glossary", anchor=term.slug),
                title=shown.term,
                text=shown.definition,
                names=names,
                text_language=language if item is not None else settings.LANGUAGE_CODE,
            )


def register() -> None:
    search.register(
        search.Contributor(
            kind="term",
            label=_("Glossary"),
            models=(GlossaryTerm, GlossaryTermTranslation),
            key_of=search.key_by(GlossaryTerm, "slug"),
            documents=term_documents,
            order=10,
        )
    )
    search.register(
        search.Contributor(
            kind="article",
            label=_("Article"),
            models=(Article, ArticleTranslation),
            key_of=search.key_by(Article, "slug"),
            documents=article_documents,
            order=20,
        )
    )
