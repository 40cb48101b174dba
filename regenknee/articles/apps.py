from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "regenknee.articles"
    label = "articles"
    verbose_name = "Articles and glossary"
