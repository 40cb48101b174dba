"""A search: the query cleaned and capped, the entries found, each with a marked extract.

Extracts are plain text cut from the entry and marked with ``<mark>``: the text is split at the
matched words, every piece is HTML-escaped, and only then are the matched pieces wrapped in
``<mark>``, so neither the content nor the query can ever add markup (a query of ``<script>``
or ``"><img onerror>`` is searched for as the words it contains and shown as text).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import backends
from .models import SearchEntry
from .registry import CONTRIBUTORS
from .text import clean_query, highlight_words, query_terms

MAX_RESULTS = 20  # the best ones; the page asks for another word when there are more
EXTRACT_LENGTH = 220


@dataclass(frozen=True)
class Result:
    title: SafeString
    kind: str
    label: object
    url: str
    extract: SafeString
    text_language: str


@dataclass(frozen=True)
class Search:
    query: str  # what was searched for: cleaned and at most MAX_QUERY_LENGTH characters
    shortened: bool  # the query was longer and was cut
    searched: bool  # there was something to search for
    results: list[Result]
    more: bool = False  # there may be more results than are shown


def word_pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def marked(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with every match of ``pattern`` wrapped in <mark>."""
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped on the same line
    pieces, last = [], 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def extract(text: str, pattern: re.Pattern | None, length: int = EXTRACT_LENGTH) -> str:
    """About ``length`` characters of ``text`` around its first match, cut at spaces."""
    text = " ".join(text.split())
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end]
    return ("… " if start else "") + piece + (" …" if end < len(text) else "")


def search(raw_query: str, language: str) -> Search:
    query, shortened = clean_query(raw_query)
    terms = query_terms(query)
    if not terms:
        return Search(query, shortened, searched=False, results=[])
    ids = backends.find(language, terms, title_only=True, limit=MAX_RESULTS)
    ids += backends.find(language, terms, title_only=False, limit=MAX_RESULTS + 1)
    ids = list(dict.fromkeys(ids))
    more, ids = len(ids) > MAX_RESULTS, ids[:MAX_RESULTS]
    entries = SearchEntry.objects.defer("tokens", "title_tokens", "vector", "title_vector")
    found = entries.in_bulk(ids)
    pattern = word_pattern(highlight_words(query))
    results = []
    for pk in ids:
        entry = found.get(pk)
        if entry is None:
            continue
        contributor = CONTRIBUTORS.get(entry.kind)
        results.append(
            Result(
                title=marked(entry.title, pattern),
                kind=entry.kind,
                label=contributor.label if contributor else entry.kind,
                url=entry.url,
                extract=marked(extract(entry.text, pattern), pattern),
                text_language=entry.text_language,
            )
        )
    return Search(query, shortened, searched=True, results=results, more=more)
