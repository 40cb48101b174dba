"""The review queues, shared by the admin home, the admin list filters and ``review_report``.

Each reviewed type may give its own dated queues (articles: never reviewed, overdue, due
soon); revisions add what is awaiting review and what was sent back, for every type."""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .models import Revision
from .registry import REVIEWED

QUEUES = {
    "never_reviewed": "Published but never clinically reviewed",
    "overdue": "Review overdue",
    "due_soon": "Due in the next 30 days",
    "awaiting": "Awaiting review",
    "sent_back": "Sent back to the editor",
    "out_of_date": "Translations out of date (the original changed since)",
}
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class QueueItem:
    label: str
    url: str
    detail: str = ""


def admin_url(obj) -> str:
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def live_item(obj) -> QueueItem:
    due = getattr(obj, "review_due", None)
    detail = f"due {due:%d %b %Y}" if due else "no review recorded"
    if getattr(obj, "is_stale", False):
        detail = "the original changed since this was translated"
    return QueueItem(f"{obj._meta.verbose_name.capitalize()}: {obj}", admin_url(obj), detail)


def revision_item(revision: Revision) -> QueueItem:
    who = revision.created_by.get_username() if revision.created_by else "unknown"
    return QueueItem(revision.label, admin_url(revision), f"by {who}")


def review_queues(today: datetime.date) -> dict[str, list[QueueItem]]:
    queues = {name: [] for name in QUEUES}
    for spec in REVIEWED.values():
        if spec.queues is None:
            continue
        for name, queryset in spec.queues(today).items():
            queues[name].extend(live_item(obj) for obj in queryset)
    revisions = Revision.objects.select_related("created_by", "content_type")
    queues["awaiting"].extend(
        revision_item(r) for r in revisions.filter(state=Revision.State.IN_REVIEW)
    )
    queues["sent_back"].extend(
        revision_item(r) for r in revisions.filter(state=Revision.State.SENT_BACK)
    )
    return queues


def due_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today, today + datetime.timedelta(days=DUE_SOON_DAYS)
