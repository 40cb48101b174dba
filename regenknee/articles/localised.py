"""Articles and the glossary in the language of the page, with English as the fallback.

A page in a translated language shows the published translation when there is one, and the
English content otherwise (marked ``lang="en"`` with a one-line note), never a 404. The
default language reads the English rows directly.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from regenknee.editorial.translation import translation_language

from .models import Article, ArticleTranslation, GlossaryTermTranslation


@dataclass(frozen=True)
class Shown:
    """What a page shows for one article: the item to render (the article or its
    translation), the language its text is in, and the state of the translation."""

    item: object
    article: Article
    text_language: str  # the language the shown text is in
    untranslated: bool = False  # the page's language has no translation: English is shown
    stale: bool = False  # the English original changed after this translation was made

    # The learning path reads these as it reads an article's.
    def __getattr__(self, name):
        return getattr(self.item, name)


def english_url(article: Article) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("articles:detail", args=[article.slug])


def published_translations(language: str, articles) -> dict[int, ArticleTranslation]:
    found = ArticleTranslation.objects.filter(
        language=language, status=ArticleTranslation.Status.PUBLISHED, source__in=articles
    ).select_related("source")
    return {item.source_id: item for item in found}


def shown_articles(articles, language: str | None = None) -> list[Shown]:
    """Each article in the page's language, or in English where it has no translation."""
    articles = list(articles)
    language = translation_language(language)
    if not language:
        return [Shown(a, a, settings.LANGUAGE_CODE) for a in articles]
    translated = published_translations(language, articles)
    shown = []
    for article in articles:
        item = translated.get(article.pk)
        if item is None:
            shown.append(Shown(article, article, settings.LANGUAGE_CODE, untranslated=True))
        else:
            item.source = article
            shown.append(Shown(item, article, language, stale=item.is_stale))
    return shown


def shown_article(article: Article, language: str | None = None) -> Shown:
    return shown_articles([article], language)[0]


@dataclass(frozen=True)
class ShownTerm:
    slug: str
    term: str
    definition: str
    text_language: str
    untranslated: bool = False


def shown_glossary(terms, language: str | None = None) -> list[ShownTerm]:
    """The glossary in the page's language, in that language's alphabetical order; terms not
    yet translated are shown in English."""
    terms = list(terms)
    language = translation_language(language)
    default = settings.LANGUAGE_CODE
    if not language:
        return [ShownTerm(t.slug, t.term, t.definition, default) for t in terms]
    translated = {
        item.source_id: item
        for item in GlossaryTermTranslation.objects.filter(language=language, source__in=terms)
    }
    shown = []
    for term in terms:
        item = translated.get(term.pk)
        if item is None:
            shown.append(ShownTerm(term.slug, term.term, term.definition, default, True))
        else:
            shown.append(ShownTerm(term.slug, item.term, item.definition, language))
    return sorted(shown, key=lambda entry: entry.term.casefold())
