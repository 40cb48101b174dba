from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "regenknee.articles"
    label = "articles"
    verbose_name = "Articles and glossary"

    def ready(self):
        # The glossary first: articles are rendered with the terms synced in the same run.
        from regenknee.sync.engine import register

        from .content import ARTICLES_SOURCE, GLOSSARY_SOURCE

        register(GLOSSARY_SOURCE)
        register(ARTICLES_SOURCE)
