import functools

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class EditorialConfig(AppConfig):
    name = "regenknee.editorial"
    label = "editorial"
    verbose_name = "Review"

    def ready(self):
        # One receiver for every model, filtered inside by the review registry, so a content
        # type registered later gets its side effects without touching this.
        for signal in (post_save, post_delete):
            signal.connect(content_changed, dispatch_uid=f"editorial-{signal!r}")


def once_on_commit(func, using=None) -> None:
    """Runs ``func`` once when the current transaction commits, however many rows it saved."""
    connection = transaction.get_connection(using)
    pending = connection.__dict__.setdefault("editorial_pending", {})
    queued = pending.get(func)
    if (
        queued is not None
        and connection.in_atomic_block
        and any(callback is queued for _, callback, _ in connection.run_on_commit)
    ):
        return

    @functools.wraps(func)
    def run():
        pending.pop(func, None)
        func()

    pending[func] = run
    transaction.on_commit(run, using=using)


def content_changed(sender, using=None, **kwargs):
    """After a reviewed item (or a row it follows) is saved or deleted: the type's own side
    effects (the glossary re-links every article), once per transaction and only if it
    commits. Retiring cached pages is core's (``regenknee.core.pagecache.watch_content``), which
    covers every row of a content app, reviewed or not."""
    from .registry import spec_owning

    spec = spec_owning(sender)
    if spec is None:
        return
    for hook in spec.after_change:
        once_on_commit(hook, using)
