from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CoreConfig(AppConfig):
    name = "regenknee.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from .pagecache import content_changed

        # Connected for every sender and filtered by app inside, so content models added later
        # invalidate the page cache too.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"pagecache-{signal!r}")
