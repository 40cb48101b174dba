from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "regenknee.articles"
    label = "articles"
    verbose_name = "Articles and glossary"

    def ready(self):
        # The glossary first: articles are rendered with the terms synced in the same run.
        from regenknee.core.pagecache import watch_content
        from regenknee.sync.engine import register

        from .content import ARTICLES_SOURCE, GLOSSARY_SOURCE
        from .models import next_publication_time

        register(GLOSSARY_SOURCE)
        register(ARTICLES_SOURCE)
        # Articles and the glossary are on public pages; scheduled articles appear by
        # themselves, so cached pages must not outlive the next publication time.
        watch_content(self.label, next_scheduled_change=next_publication_time)
