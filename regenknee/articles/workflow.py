"""The editorial workflow's state changes, kept out of the admin so each rule lives once:
start a draft of a published article, send it for review, approve it, discard it, revert
to an earlier version. Every change is recorded by django-simple-history with its author."""

import datetime
import difflib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .models import Article, ArticleRevision, Reference, reference_values

APPROVE_PERMISSION = "articles.approve_article"
REVIEW_INTERVAL_DAYS = 365


def can_approve(user) -> bool:
    return user.is_active and user.has_perm(APPROVE_PERMISSION)


def default_review_due(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


def reviewer_name(user) -> str:
    return user.get_full_name() or user.get_username()


def start_draft(article: Article, user) -> ArticleRevision:
    """The open draft of a published article, created from the live content if needed."""
    if not article.is_published:
        raise ValidationError("Only a published article needs a separate draft.")
    with transaction.atomic():
        Article.objects.select_for_update().get(pk=article.pk)
        return article.open_revision() or ArticleRevision.start_from(article, user)


def send_for_review(revision: ArticleRevision, user) -> None:
    if revision.state != ArticleRevision.State.DRAFT:
        raise ValidationError("Only a draft can be sent for review.")
    revision.state = ArticleRevision.State.IN_REVIEW
    revision.submitted_at = timezone.now()
    revision.updated_by = user
    revision.save()


def discard(revision: ArticleRevision, user) -> None:
    if not revision.is_open:
        raise ValidationError("This revision is already closed.")
    if not (can_approve(user) or revision.created_by_id == user.pk):
        raise PermissionDenied
    revision.state = ArticleRevision.State.DISCARDED
    revision.decided_by, revision.decided_at = user, timezone.now()
    revision.save()


@dataclass(frozen=True)
class ReviewRecord:
    reviewed_by: str
    reviewed_on: datetime.date
    review_due: datetime.date
    publish_at: datetime.datetime | None = None


def approve_revision(revision: ArticleRevision, user, review: ReviewRecord) -> Article:
    """Copies an approved revision onto the live article and records the review."""
    if not can_approve(user):
        raise PermissionDenied
    with transaction.atomic():
        revision = ArticleRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.state != ArticleRevision.State.IN_REVIEW:
            raise ValidationError("Only a revision that is awaiting review can be approved.")
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        article.title, article.summary, article.body = (
            revision.title,
            revision.summary,
            revision.body,
        )
        copy_references(revision.references.all(), article)
        record_review(article, review)
        revision.state = ArticleRevision.State.APPROVED
        revision.decided_by, revision.decided_at = user, timezone.now()
        revision.save()
    return article


def approve_article(article: Article, user, review: ReviewRecord) -> Article:
    """Publishes an article that has never been public (a draft or one in review)."""
    if not can_approve(user):
        raise PermissionDenied
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.is_published:
            raise ValidationError("This article is already published; approve its draft instead.")
        record_review(article, review)
    return article


def record_review(article: Article, review: ReviewRecord) -> None:
    article.status = Article.Status.PUBLISHED
    article.reviewed_by = review.reviewed_by
    article.reviewed_on = review.reviewed_on
    article.review_due = review.review_due
    if review.publish_at is not None:
        article.publish_at = review.publish_at
    article.save()


def copy_references(references, article: Article) -> None:
    article.references.all().delete()
    bulk_create_with_history(
        [Reference(article=article, **reference_values(ref)) for ref in references],
        Reference,
    )


def references_as_of(article: Article, record) -> list:
    """The article's references as they stood while a historical version was current, that
    is, until the next change of the article (references are saved just after the article)."""
    following = article.history.filter(history_date__gt=record.history_date).order_by(
        "history_date"
    )
    next_record = following.first()
    until = (
        next_record.history_date - datetime.timedelta(microseconds=1)
        if next_record
        else timezone.now()
    )
    return list(Reference.history.as_of(until).filter(article_id=article.pk).order_by("position"))


def revert(article: Article, history_id: int, user):
    """Brings back an earlier version. A published article gets it as a new draft that must be
    reviewed; an unpublished one is changed directly (and the change is itself in history)."""
    old = article.history.get(history_id=history_id)
    references = references_as_of(article, old)
    if article.is_published:
        with transaction.atomic():
            Article.objects.select_for_update().get(pk=article.pk)
            if article.open_revision():
                raise ValidationError(
                    "This article already has a pending draft. Finish or discard it first."
                )
            return ArticleRevision.start_from(
                article,
                user,
                source=old,
                references=references,
                note=f"Reverted to the version of {old.history_date:%d %b %Y %H:%M}.",
            )
    with transaction.atomic():
        article.title, article.summary, article.body = old.title, old.summary, old.body
        article.save()
        copy_references(references, article)
    return article


# --- review queues ------------------------------------------------------------------------


def awaiting_review():
    open_review = ArticleRevision.objects.filter(
        article=OuterRef("pk"), state=ArticleRevision.State.IN_REVIEW
    )
    return Article.objects.filter(status=Article.Status.REVIEW) | Article.objects.filter(
        Exists(open_review)
    )


def review_queues(today: datetime.date) -> dict:
    """The three review queues; shared by the admin filter, the admin index and the report."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    return {
        "overdue": published.filter(review_due__lt=today),
        "due_soon": published.filter(
            review_due__gte=today, review_due__lte=today + datetime.timedelta(days=30)
        ),
        "awaiting": awaiting_review(),
    }


# --- readable differences -----------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str


DIFF_CONTEXT = 2  # unchanged lines kept either side of a change


def text_diff(before: str, after: str) -> list[DiffLine]:
    """A line-by-line difference, for the template to show with <ins> and <del>. Long runs of
    unchanged lines are folded into one "skipped" line, so the changes stand out."""
    kinds = {" ": "same", "+": "added", "-": "removed"}
    lines = [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[0] in kinds
    ]
    changed = [i for i, line in enumerate(lines) if line.kind != "same"]
    keep = {j for i in changed for j in range(i - DIFF_CONTEXT, i + DIFF_CONTEXT + 1)}
    folded, skipped = [], 0
    for index, line in enumerate(lines):
        if index in keep or line.kind != "same":
            if skipped:
                folded.append(DiffLine("skipped", f"{skipped} unchanged lines"))
                skipped = 0
            folded.append(line)
        else:
            skipped += 1
    if skipped and folded:
        folded.append(DiffLine("skipped", f"{skipped} unchanged lines"))
    return folded


def compare(
    before,
    after,
    fields=("title", "summary", "status", "reviewed_by", "reviewed_on", "review_due", "publish_at"),
):
    changes = [
        FieldChange(name, str(getattr(before, name, "") or ""), str(getattr(after, name, "") or ""))
        for name in fields
        if hasattr(before, name)
        and hasattr(after, name)
        and getattr(before, name) != getattr(after, name)
    ]
    return changes, text_diff(before.body, after.body)
