"""Approval publishes the clinic's details and records who reviewed them, as for articles."""

import datetime


def record_review(item, review: dict) -> None:
    item.status = item.Status.PUBLISHED
    item.reviewed_by = review["reviewed_by"]
    item.reviewed_on = datetime.date.fromisoformat(str(review["reviewed_on"]))
    item.review_due = datetime.date.fromisoformat(str(review["review_due"]))
