from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "regenknee.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from .index import content_changed

        # Connected for every sender and filtered by the registry inside, as the page cache
        # does, so content apps only have to register.
        for signal in (post_save, post_delete):
            signal.connect(content_changed, dispatch_uid=f"search-{signal!r}")
