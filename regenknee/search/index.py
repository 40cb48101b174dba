"""Keeping the index in step with the content.

A saved or deleted content row rebuilds the entries of its item when the transaction commits
(one rebuild per item however many rows changed: a ``sync_content`` run of 1,000 articles
rebuilds each once, at its end), so a rolled-back change never reaches the index.
``rebuild_all`` (the ``rebuild_search_index`` command) rebuilds everything, for a database
whose content was loaded before search existed.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction

from . import backends
from .models import SearchEntry
from .registry import CONTRIBUTORS, Contributor, contributor_for
from .text import token_text

logger = logging.getLogger(__name__)
_pending = threading.local()


def entry_for(contributor: Contributor, document) -> SearchEntry:
    names = " ".join((document.title, *document.names))
    return SearchEntry(
        language=document.language,
        kind=contributor.kind,
        key=document.key,
        url=document.url,
        title=document.title,
        text=document.text,
        text_language=document.text_language or document.language,
        order=contributor.order,
        live_from=document.live_from,
        title_tokens=token_text(names),
        tokens=token_text(f"{names} {document.text}"),
    )


def rebuild(contributor: Contributor, keys: set[str] | None = None) -> int:
    """Replaces the entries of these items (every item for ``None``) with their documents."""
    languages = {code for code, _ in settings.LANGUAGES}
    with transaction.atomic():
        old = SearchEntry.objects.filter(kind=contributor.kind)
        if keys is not None:
            old = old.filter(key__in=keys)
        backends.forget(list(old.values_list("pk", flat=True)))
        old.delete()
        entries = [
            entry_for(contributor, document)
            for document in contributor.documents(keys)
            if document.language in languages
        ]
        # SQLite (3.35+) and PostgreSQL both return the new keys, which store() needs.
        created = SearchEntry.objects.bulk_create(entries, batch_size=200)
        backends.store(created)
    return len(created)


def rebuild_all() -> int:
    with transaction.atomic():
        backends.forget_all()
        count = sum(rebuild(contributor) for contributor in CONTRIBUTORS.values())
    backends.analyse()
    return count


def pending() -> dict[str, set[str]]:
    if not hasattr(_pending, "keys"):
        _pending.keys = {}
    return _pending.keys


def flush() -> None:
    """Rebuilds the items changed since the last flush. Runs after the content was committed:
    a failure here is logged, not raised, and ``rebuild_search_index`` repairs the index."""
    changed, _pending.keys = pending(), {}
    for kind, keys in changed.items():
        try:
            rebuild(CONTRIBUTORS[kind], keys)
        except Exception:
            logger.exception("could not update the search index for %s", kind)


def content_changed(sender, instance=None, using=None, **kwargs):
    """post_save / post_delete receiver for every model (see apps.py)."""
    if sender.__module__ == "__fake__" or sender._meta.model_name.startswith("historical"):
        return
    for contributor in contributor_for(sender):
        key = contributor.key_of(instance)
        if key:
            pending().setdefault(contributor.kind, set()).add(key)
            # One callback per change; the first to run rebuilds everything pending, the rest
            # find nothing left. (A rolled-back change's key waits for the next commit.)
            transaction.on_commit(flush, using=using)
