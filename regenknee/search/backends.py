"""Finding entries on each database, from the same tokens (text.py).

- SQLite: an FTS5 table ``search_fts`` (language, title tokens, all tokens), rowid = the
  entry's id, kept by ``store``/``forget`` beside the entries; ranked by bm25 with title matches
  weighted ten times. The language is a column of the FTS table, matched like a word, so a
  search reads the FTS index alone: joining the entries table to filter by language cost ten
  times as much (about 10 ms against 1 ms with 1,000 articles a language). SQLite without FTS5
  (checked when the table is created) falls back to LIKE on the tokenised columns, which is
  slower but finds the same entries.
- PostgreSQL: two tsvector columns made with the ``simple`` configuration (no stemming, no stop
  words: the tokens are already what should match, in any language) with GIN indexes, queried
  with a raw tsquery (``token`` or ``token:*`` joined by ``&``) and ranked with ts_rank on the
  lead of each entry (see models.py).

Every back end answers the same question, ``find``: the ids of entries in a language that
contain every term, live now, best first; called once for title matches and once for all.
"""

import functools

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, Q
from django.db.models.functions import Substr
from django.utils import timezone

from .models import SearchEntry
from .text import Term

FTS_TABLE = "search_fts"
LEAD_LENGTH = 600  # short enough for the lead's tsvector to be stored in the row itself


@functools.cache
def has_fts5() -> bool:
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        return cursor.fetchone() is not None


def backend_name() -> str:
    if connection.vendor == "postgresql":
        return "postgresql"
    return "fts5" if has_fts5() else "like"


def store(entries: list[SearchEntry]) -> None:
    if not entries:
        return
    name = backend_name()
    if name == "postgresql":
        SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            title_vector=SearchVector("title_tokens", config="simple"),
            # Positions are only needed for ranking, which the lead does: stripped, the vector
            # that every match is checked against is about half the size.
            vector=Func(SearchVector("tokens", config="simple"), function="strip"),
            lead_vector=SearchVector(Substr("tokens", 1, LEAD_LENGTH), config="simple"),
        )
    elif name == "fts5":
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, lang, title, body) VALUES (%s, %s, %s, %s)",
                [(e.pk, e.language, e.title_tokens, e.tokens) for e in entries],
            )


def analyse() -> None:
    """After a full rebuild, so PostgreSQL's planner knows the table and uses the GIN index."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


def forget(ids: list[int]) -> None:
    if ids and backend_name() == "fts5":
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])


def forget_all() -> None:
    """Empties SQLite's full-text table, rows left behind included: entries deleted without the
    index being told (a raw DELETE, a database flush) would otherwise still be matched and
    crowd real results out of the first page."""
    if backend_name() == "fts5":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")


def live(language: str):
    now = timezone.now()
    return SearchEntry.objects.filter(language=language).filter(
        Q(live_from__isnull=True) | Q(live_from__lte=now)
    )


def find(language: str, terms: list[Term], title_only: bool, limit: int) -> list[int]:
    if not terms:
        return []
    name = backend_name()
    if name == "postgresql":
        return find_postgresql(language, terms, title_only, limit)
    if name == "fts5":
        return find_fts5(language, terms, title_only, limit)
    return find_like(language, terms, title_only, limit)


def find_fts5(language, terms, title_only, limit):
    # Tokens hold only letters and digits (text.WORD), so quoting them is all the escaping
    # FTS5's query syntax needs; no text from the query reaches the SQL itself. Language codes
    # come from settings.LANGUAGES.
    match = " AND ".join(f'"{t.token}"' + ("*" if t.prefix else "") for t in terms)
    match = f'lang : "{language}" AND ' + (f"title : ({match})" if title_only else f"({match})")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts, 0.0, 10.0, 1.0) LIMIT %s",
            [match, limit],
        )
        ids = [row[0] for row in cursor.fetchall()]
    # Scheduled items are rare: drop the ones not live yet by their keys.
    waiting = set(
        SearchEntry.objects.filter(pk__in=ids, live_from__gt=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    return [pk for pk in ids if pk not in waiting]


def find_postgresql(language, terms, title_only, limit):
    raw = " & ".join(t.token + (":*" if t.prefix else "") for t in terms)
    query = SearchQuery(raw, config="simple", search_type="raw")
    column = "title_vector" if title_only else "vector"
    found = (
        live(language)
        .filter(**{column: query})
        .annotate(rank=SearchRank(F("lead_vector"), query))
        .order_by("-rank", "order", "title")
    )
    # For a common word the planner picks a sequential scan (or the language index), not
    # counting that each row's vector is stored out of line and must be read to check it:
    # 15-25 ms with 1,000 articles a language. Through the GIN index the vectors are not read
    # at all (about 3 ms), so for this one query it is the only way in.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            return list(found.values_list("pk", flat=True)[:limit])
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")


def find_like(language, terms, title_only, limit):
    column = "title_tokens" if title_only else "tokens"
    found = live(language)
    for term in terms:
        pattern = f" {term.token}" if term.prefix else f" {term.token} "
        found = found.filter(**{f"{column}__contains": pattern})
    return list(found.order_by("order", "title").values_list("pk", flat=True)[:limit])
