"""Scheduled changes go live without a cron job: at most every CHECK_SECONDS, and at the
moment the next one is due, the first request through a server publishes what is due. It runs
before the page cache, so the pages it changes are retired before any is served."""

import logging
import math
import time

from django.db import DatabaseError

logger = logging.getLogger(__name__)

CHECK_SECONDS = 30
_checked_at = 0.0
_checked_until = 0.0


def schedule_changed() -> None:
    """Look again on the next request (a change was just scheduled on this server)."""
    global _checked_until
    _checked_until = 0.0


def publish_if_due() -> None:
    global _checked_at, _checked_until
    now = time.time()
    if _checked_at <= now < _checked_until:  # (a clock set back looks again)
        return
    from .revisions import next_scheduled, publish_due

    try:
        publish_due()
        upcoming = next_scheduled()
    except DatabaseError:
        logger.exception("could not publish scheduled changes")
        return
    _checked_at = now
    _checked_until = min(now + CHECK_SECONDS, upcoming.timestamp() if upcoming else math.inf)


class PublishScheduledMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        publish_if_due()
        return self.get_response(request)
