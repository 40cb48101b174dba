"""The search index: one row per item per page language, made from published content only.

It is derived data, rebuilt from the content at any time (``rebuild_search_index``), so it has
no history and no review. It never holds a query.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    language = models.CharField(max_length=10)
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300)
    text = models.TextField()
    text_language = models.CharField(max_length=10)
    order = models.PositiveSmallIntegerField(default=50)
    live_from = models.DateTimeField(null=True, blank=True)
    # token_text() of the title (and other names) and of title, names and text together.
    title_tokens = models.TextField()
    tokens = models.TextField()
    # PostgreSQL only: the tokens as tsvectors (config "simple"), kept by backends.py; the
    # columns exist but stay empty on SQLite, which has its FTS5 table instead. ``lead_vector``
    # (the first 600 characters of the tokens: title, names, the start of the summary) ranks the
    # matches: a whole article's vector is large and stored out of line, and ranking 1,000 of
    # them took 150 ms. ``vector`` is stripped of positions (it only decides what matches).
    title_vector = SearchVectorField(null=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    lead_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["language", "kind", "key"], name="one_entry_per_item")
        ]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self):
        return f"{self.kind}:{self.key} ({self.language})"
