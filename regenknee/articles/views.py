from django.shortcuts import get_object_or_404, render

from .models import Article, GlossaryTerm


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    public = Article.objects.public()
    previous_article = (
        public.filter(position__lt=article.position).order_by("-position", "-title").first()
    )
    next_article = (
        public.filter(position__gt=article.position).order_by("position", "title").first()
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "references": article.references_in_citation_order(),
            "previous_article": previous_article,
            "next_article": next_article,
            "jsonld": article_json_ld(request, article),
        },
    )


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
        "dateModified": article.updated_at.isoformat(),
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data


def glossary(request):
    return render(request, "articles/glossary.html", {"terms": GlossaryTerm.objects.all()})
