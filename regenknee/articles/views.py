from django.shortcuts import get_object_or_404, render

from .models import Article, GlossaryTerm


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    context = article_context(request, article, article.references_in_citation_order())
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
        context["previous_article"] = (
            public.filter(position__lt=article.position).order_by("-position", "-title").first()
        )
        context["next_article"] = (
            public.filter(position__gt=article.position).order_by("position", "title").first()
        )
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
        "inLanguage": "en-GB",
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if article.updated_at:
        data["dateModified"] = article.updated_at.isoformat()
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data


def glossary(request):
    return render(request, "articles/glossary.html", {"terms": GlossaryTerm.objects.all()})
