"""What each content app contributes to search: the one module content apps import from here.

A content app registers a ``Contributor`` in its ``AppConfig.ready``::

    from regenknee.search import registry as search
    search.register(search.Contributor(kind="term", label=_("Glossary"), models=(...),
                                       key_of=..., documents=...))

``documents(keys)`` returns the public ``Document``s of those items (all of them for ``None``)
in every language, a language without a translation getting the English text marked with its
language. ``key_of(instance)`` says which item a saved or deleted row belongs to (a translation
belongs to its English source), so the index is rebuilt for that item alone when it changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Document:
    key: str  # stable within its kind: the slug or key of the English item
    language: str  # the page language it is shown on
    url: str  # in that language, with an anchor where the item is part of a page
    title: str
    text: str  # plain text, never HTML: summary, headings and body, or a definition
    names: tuple[str, ...] = ()  # other names matched like the title (a term's aliases)
    text_language: str = ""  # the language the title and text are in, if not ``language``
    live_from: datetime | None = None  # a scheduled item appears from then


@dataclass(frozen=True)
class Contributor:
    kind: str  # "article", "term", "question", ...
    label: object  # what a result calls it, translatable ("Article")
    models: tuple  # every model whose rows change this kind's documents
    key_of: Callable[[object], str | None]
    documents: Callable[[set[str] | None], Iterable[Document]]
    order: int = 50  # among equally good matches, lower kinds come first


def key_by(source_model, field: str) -> Callable[[object], str | None]:
    """A ``key_of`` for content whose translations point at their source with ``source``: the
    source's own ``field`` (its slug or key), for the source and for each of its translations."""

    def key_of(instance) -> str | None:
        if isinstance(instance, source_model):
            return getattr(instance, field)
        objects = source_model.objects.filter(pk=instance.source_id)
        return objects.values_list(field, flat=True).first()

    return key_of


CONTRIBUTORS: dict[str, Contributor] = {}


def register(contributor: Contributor) -> None:
    """Adds a kind of content to search (the last registration of a kind wins)."""
    CONTRIBUTORS[contributor.kind] = contributor


def contributor_for(model) -> list[Contributor]:
    return [c for c in CONTRIBUTORS.values() if model in c.models]
