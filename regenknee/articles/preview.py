"""Staff previews of an article exactly as the public page would show it."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from regenknee.editorial.revisions import build

from .views import article_context


def preview_response(request, article, references, label, back_url):
    """The public article template, with the public sanitiser, marked as a preview, with a
    way back to editing."""
    context = article_context(request, article, references, pager=False)
    context.update(preview_label=label, preview_back=back_url, title=f"Preview: {article.title}")
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def preview_revision(request, revision, back_url):
    article, rows = build(revision)
    article.updated_at = revision.updated_at
    article.render()
    order = {key: index for index, key in enumerate(article.cited_keys)}
    references = sorted(
        rows["references"], key=lambda r: (order.get(r.key, len(order)), r.position)
    )
    return preview_response(request, article, references, "a draft that is not live", back_url)


def preview_translation_revision(request, revision, back_url):
    """A draft of a translation, on the public article template in the translation's language
    (its interface words included), rendered with that language's glossary."""
    from django.utils import translation

    item, _ = build(revision)
    item.updated_at = revision.updated_at
    item.render()
    with translation.override(item.language):
        response = preview_response(
            request,
            item,
            item.references_in_citation_order(),
            "a draft translation that is not live",
            back_url,
        )
        return response.render()
