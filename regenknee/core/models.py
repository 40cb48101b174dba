from django.db import models


class ContentGeneration(models.Model):
    """How many times public content has changed, kept in the database beside the number kept
    in the cache (see pagecache.py). The database's count moves in the same transaction as the
    change, so a change made while the cache was unreachable still retires the pages stored
    before it once the cache is back."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"content generation {self.number}"
