from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext

from regenknee.editorial.translation import translation_language

from .glossary_index import glossary_index
from .localised import english_url, shown_article, shown_articles, shown_glossary
from .models import Article, GlossaryTerm


def article_detail(request, slug):
    """The article in the page's language, or the English article with a note when it has
    no translation yet (never a 404 for a public article)."""
    article = get_object_or_404(Article.objects.public(), slug=slug)
    shown = shown_article(article)
    context = article_context(request, shown.item, shown.item.references_in_citation_order())
    context.update(shown=shown, english_url=english_url(article))
    return render(request, "articles/article_detail.html", context)


def article_context(request, article, references, pager=True):
    """What the article template needs; the admin preview uses it too, so a preview is the
    public page exactly."""
    context = {
        "article": article,
        "references": references,
        "jsonld": article_json_ld(request, article),
    }
    if pager:
        public = Article.objects.public()
        neighbours = [
            public.filter(position__lt=article.position).order_by("-position", "-title").first(),
            public.filter(position__gt=article.position).order_by("position", "title").first(),
        ]
        shown = iter(shown_articles([a for a in neighbours if a is not None]))
        previous, following = (next(shown) if a is not None else None for a in neighbours)
        context["previous_article"], context["next_article"] = previous, following
    return context


def article_json_ld(request, article):
    """schema.org MedicalWebPage data. A review is only claimed when one was recorded."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": text_language(article),
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    data["breadcrumb"] = breadcrumb_json_ld(request, article)
    if article.updated_at:
        data["dateModified"] = article.updated_at.isoformat()
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data


def breadcrumb_json_ld(request, article):
    """schema.org BreadcrumbList for the page's breadcrumbs: Home › Learn › this article."""
    home = reverse("core:home")
    trail = [
        (gettext("Home"), home),
        (gettext("Learn"), home + "#learning-path"),
        (article.title, article.get_absolute_url()),
    ]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def text_language(article) -> str:
    """The language the shown text is in, for search engines: a translation's own language
    ("ko"), else the site's source language, whose English is British ("en-GB"). A page in a
    language with no translation yet shows, and so declares, the English text."""
    language = getattr(article, "language", "") or settings.LANGUAGE_CODE
    return "en-GB" if language == "en" else language


def glossary(request):
    terms = shown_glossary(GlossaryTerm.objects.all())
    untranslated = any(term.untranslated for term in terms)
    language = translation_language() or "en"
    context = {
        "terms": terms,
        "index": glossary_index(terms, language),
        "untranslated": untranslated,
    }
    return render(request, "articles/glossary.html", context)
