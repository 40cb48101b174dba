"""The option's review rules on top of the shared review trail, as for articles: a published
option changes only through a revision, approving it records the clinical review; the dated
queues show what is never reviewed, overdue or due soon."""

import datetime

from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from regenknee.editorial.queues import due_window
from regenknee.editorial.revisions import build

from .models import Option, OptionTranslation


def record_review(item, review: dict) -> None:
    """Marks an option or a translation as reviewed (and published) by a review record."""
    item.status = type(item).Status.PUBLISHED
    item.reviewed_by = review["reviewed_by"]
    item.reviewed_on = datetime.date.fromisoformat(str(review["reviewed_on"]))
    item.review_due = datetime.date.fromisoformat(str(review["review_due"]))


def dated_queues(model, awaiting=None):
    def queues(today: datetime.date) -> dict:
        published = model.objects.filter(status=model.Status.PUBLISHED)
        start, end = due_window(today)
        found = {
            "never_reviewed": published.filter(Q(reviewed_on__isnull=True) | Q(reviewed_by="")),
            "overdue": published.filter(review_due__lt=today),
            "due_soon": published.filter(review_due__gte=start, review_due__lte=end),
        }
        if awaiting is not None:
            found["awaiting"] = model.objects.filter(status=awaiting)
        if model is OptionTranslation:
            from regenknee.editorial.translation import stale_pks

            found["out_of_date"] = model.objects.filter(pk__in=stale_pks(model))
        return found

    return queues


option_queues = dated_queues(Option, awaiting=Option.Status.REVIEW)
translation_queues = dated_queues(OptionTranslation)


def preview_revision(request, revision, back_url):
    """A draft of an option (or a translation) on the public page's template, alone, marked
    as a preview, in the draft's language."""
    from django.utils import translation

    from .matters import highlights_for
    from .shown import Numbering, shown_option

    item, _ = build(revision)
    option = item.source if isinstance(item, OptionTranslation) else item
    language = getattr(item, "language", None)
    numbering = Numbering()
    with translation.override(language or translation.get_language()):
        shown = shown_option(option, item, highlights_for(()), numbering)
        response = TemplateResponse(
            request,
            "options/comparison.html",
            {
                "options": [shown],
                "references": numbering.references,
                "preview_label": "a draft that is not live",
                "preview_back": back_url,
                "preview": True,
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response.render()
