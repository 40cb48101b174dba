"""The article's own review rules, on top of the shared review trail (``regenknee.editorial``).

A published article changes only through a revision (title, summary, text and references);
approving it records the clinical review on the article. An article that was never published is
edited directly and published by approving it. The review queues are the article's dated ones.
"""

import datetime
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from regenknee.editorial.models import EditConflict
from regenknee.editorial.queues import due_window
from regenknee.editorial.revisions import can_approve

from .checks import check_article_text, check_links_and_images, check_reading_grade
from .models import Article, GlossaryTerm


@dataclass(frozen=True)
class ReviewRecord:
    reviewed_by: str
    reviewed_on: datetime.date
    review_due: datetime.date

    def as_data(self) -> dict:
        return {name: str(value) for name, value in asdict(self).items()}


def record_review(article: Article, review: dict) -> None:
    """Marks the article as reviewed (and published) by a review record's data."""
    article.status = Article.Status.PUBLISHED
    article.reviewed_by = review["reviewed_by"]
    article.reviewed_on = datetime.date.fromisoformat(str(review["reviewed_on"]))
    article.review_due = datetime.date.fromisoformat(str(review["review_due"]))


def approve_article(article: Article, user, review: ReviewRecord, *, shown_version, publish_at):
    """Publishes an article that has never been public, exactly as the reviewer saw it."""
    if not can_approve(user):
        raise PermissionDenied
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.is_published:
            raise ValidationError("This article is already published; approve its draft instead.")
        if article.version != shown_version:
            raise EditConflict(
                "This article was changed after you opened this page, so it was not published. "
                "Check it again and approve it again."
            )
        found = blocking_problems(article, {})
        if found:
            raise ValidationError(found)
        record_review(article, review.as_data())
        article.publish_at = publish_at
        article._change_reason = f"Approved and published by {review.reviewed_by}"
        article.save()
    return article


# --- content checks -------------------------------------------------------------------------


def known_slugs():
    return (
        set(Article.objects.values_list("slug", flat=True)),
        set(GlossaryTerm.objects.values_list("slug", flat=True)),
    )


def reference_keys(article: Article, data: dict) -> set[str]:
    if "references" in data:
        return {row.get("key") for row in data["references"]}
    if article.pk:
        return set(article.references.values_list("key", flat=True))
    return set()


def blocking_problems(article: Article, data: dict) -> list[str]:
    """What stops a state of an article going live: broken in-site links, images without alt
    text, citations with no reference."""
    found = check_article_text(article.body, reference_keys(article, data), *known_slugs())
    return [finding.message for finding in found if finding.blocking]


def warnings(body: str) -> list[str]:
    """What is worth a warning but does not stop a save (undefined glossary terms, grade)."""
    found = [*check_links_and_images(body, *known_slugs()), *check_reading_grade(body)]
    return [finding.message for finding in found if not finding.blocking]


# --- review queues --------------------------------------------------------------------------


def review_queues(today: datetime.date) -> dict:
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    start, end = due_window(today)
    return {
        "never_reviewed": published.filter(Q(reviewed_on__isnull=True) | Q(reviewed_by="")),
        "overdue": published.filter(review_due__lt=today),
        "due_soon": published.filter(review_due__gte=start, review_due__lte=end),
        "awaiting": Article.objects.filter(status=Article.Status.REVIEW),
    }
