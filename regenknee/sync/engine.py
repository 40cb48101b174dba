"""Loading ``content/`` into the database and writing it back, for every registered source.

``sync_content`` reads every file first and stops, changing nothing, if any file is invalid.
Then, in one transaction, it creates what is missing, updates what staff have not edited since
the last sync, and leaves staff edits alone as conflicts (unless forced; history keeps the
edit). Each synced row stores the hash of the record it was synced from, so "edited since the
last sync" means "its record's hash differs from that stored hash".

A record is the plain-data form of an item, the same whether it came from a file or from the
database; ``export_content`` writes records back to files, so export then sync changes nothing.
Content apps describe their files with a ``ContentSource`` and ``register`` it in their
``AppConfig.ready``; sources run in the order they were registered.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .files import ContentError, ContentErrors, key_line, read_text

# Re-exported: commands and content apps import the errors from here.
__all__ = [
    "ContentError",
    "ContentErrors",
    "ContentSource",
    "SyncReport",
    "export_content",
    "register",
    "sync_content",
]


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def merge(self, other: "SyncReport") -> None:
        for name in ("created", "updated", "unchanged", "conflicts"):
            getattr(self, name).extend(getattr(other, name))

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.conflicts)} conflicts"
        )

    def changed(self, prefix: str) -> list[str]:
        """Labels created or updated in this run that start with ``prefix``."""
        return [label for label in self.created + self.updated if label.startswith(prefix)]


def record_hash(record: dict) -> str:
    return hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


@dataclass
class ContentSource:
    """One kind of content: how to read its files, sync its records and export them.

    ``read(root)`` returns [(relative path, record)] or raises ContentErrors listing every
    problem; ``sync(items, report, force)`` applies them inside the run's transaction;
    ``after_sync(report)``, if given, runs once every source has synced (still inside it);
    ``export(root)`` writes the database back and returns (written, unchanged)."""

    name: str
    read: Callable[[Path], list[tuple[str, dict]]]
    sync: Callable[[list[tuple[str, dict]], SyncReport, bool], None]
    export: Callable[[Path], tuple[int, int]] | None = None
    after_sync: Callable[[SyncReport], None] | None = None


SOURCES: list[ContentSource] = []


def register(source: ContentSource) -> None:
    """Adds a kind of content to every sync and export run (once, however often called)."""
    if all(existing.name != source.name for existing in SOURCES):
        SOURCES.append(source)


# --- helpers for sources --------------------------------------------------------------------


def sync_item(model, existing, record, source_path, apply, to_record, report, label, force):
    """Creates, updates or leaves one item by the never-lose-an-edit rule."""
    new_hash = record_hash(record)
    if existing is None:
        apply(model(), record, source_path)
        report.created.append(label)
        return
    current_hash = record_hash(to_record(existing))
    if current_hash == new_hash:
        if existing.synced_hash != new_hash or existing.source_path != source_path:
            model.objects.filter(pk=existing.pk).update(
                synced_hash=new_hash, source_path=source_path
            )
        report.unchanged.append(label)
    elif current_hash == existing.synced_hash or force:
        apply(existing, record, source_path)
        report.updated.append(label)
    else:
        report.conflicts.append(label)


def parse_each(paths, root: Path, parse) -> tuple[list, list[ContentError]]:
    """Parses every file, collecting every problem instead of stopping at the first one.
    Returns [(relative path, text, parsed)] for the good files and the errors."""
    parsed, errors = [], []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        try:
            text = read_text(path, relative)
            parsed.append((relative, text, parse(text, relative)))
        except ContentErrors as problem:
            errors.extend(problem.errors)
        except ContentError as problem:
            errors.append(problem)
    return parsed, errors


def duplicate_slug_errors(parsed) -> list[ContentError]:
    """Records from different files must not share a slug."""
    errors, owners = [], {}
    for relative, text, record in parsed:
        if record["slug"] in owners:
            errors.append(
                ContentError(
                    relative,
                    key_line(text, "slug"),
                    f"the slug '{record['slug']}' is also used by {owners[record['slug']]}",
                )
            )
        owners.setdefault(record["slug"], relative)
    return errors


def write_if_changed(path: Path, text: str, same: Callable[[str], bool]) -> bool:
    """Writes the file unless it already holds the same content (keeping its formatting)."""
    if path.exists():
        try:
            if same(path.read_text(encoding="utf-8")):
                return False
        except (ContentError, ContentErrors, UnicodeDecodeError):
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


# --- the two runs ---------------------------------------------------------------------------


def sync_content(root: Path, force: bool = False) -> SyncReport:
    """Reads and checks every file, then applies them all in one transaction."""
    if not root.is_dir():
        raise ContentErrors([ContentError(str(root), 0, "this folder does not exist")])
    batches, errors = [], []
    for source in SOURCES:
        try:
            batches.append((source, source.read(root)))
        except ContentErrors as problem:
            errors.extend(problem.errors)
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: (error.path, error.line)))
    report = SyncReport()
    with transaction.atomic():
        for source, items in batches:
            source.sync(items, report, force)
        for source, _ in batches:
            if source.after_sync is not None:
                source.after_sync(report)
    return report


def export_content(root: Path) -> dict[str, tuple[int, int]]:
    return {source.name: source.export(root) for source in SOURCES if source.export is not None}
