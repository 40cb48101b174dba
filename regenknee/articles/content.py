"""Loading ``content/`` into the database and writing it back.

``sync_content`` reads every file first and stops, changing nothing, if any file is invalid.
Then, in one transaction, it creates what is missing, updates what staff have not edited since
the last sync, and leaves staff edits alone as conflicts (unless forced; history keeps the
edit). Each synced row stores the hash of the record it was synced from, so "edited since the
last sync" means "its record's hash differs from that stored hash".

A record is the plain-data form of an item, the same whether it came from a file or from the
database; ``export_content`` writes records back to files, so export then sync changes nothing.
"""

import datetime
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from simple_history.utils import bulk_create_with_history

from .models import Article, GlossaryTerm, Reference, normalise_text, rerender_articles
from .rendering import citation_keys, is_allowed_link

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REFERENCE_KEY = re.compile(r"^[\w.-]+$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
ARTICLE_FIELDS = (
    "title", "slug", "summary", "position", "status", "publish_at", "reviewed_on",
    "review_due", "reviewed_by", "references",
)  # fmt: skip
REQUIRED_ARTICLE_FIELDS = ("title", "slug", "summary", "position", "status", "references")
REFERENCE_FIELDS = ("key", "authors", "title", "source", "year", "doi", "pmid", "url")
GLOSSARY_FIELDS = ("term", "slug", "aliases", "definition")


class ContentError(Exception):
    """A problem in a content file, with where it is and what to do in plain words."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


class ContentErrors(Exception):
    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


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


def record_hash(record: dict) -> str:
    return hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


# --- reading YAML with line numbers -------------------------------------------------------


# libyaml's loader when PyYAML was built with it (the wheels are), else the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, path: str, first_line: int = 1):
    """Parses YAML and returns (data, node); the node gives line numbers for messages."""
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentError(path, line, f"this is not valid YAML: {problem}") from None
    return data, node


def line_of(node, *keys, first_line: int = 1) -> int:
    """The line of a nested key (mapping keys or list indexes) in a composed YAML node."""
    line = node.start_mark.line if node is not None else 0
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            key_node = next((k for k, v in node.value if k.value == key), None)
            if match is None:
                break
            line, node = key_node.start_mark.line, match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return first_line + line


class Checker:
    """Collects the errors of one file, each with the line of the offending key."""

    def __init__(self, path: str, node, first_line: int = 1):
        self.path, self.node, self.first_line = path, node, first_line
        self.errors: list[ContentError] = []

    def error(self, message: str, *keys) -> None:
        self.errors.append(
            ContentError(self.path, line_of(self.node, *keys, first_line=self.first_line), message)
        )

    def text(self, data: dict, name: str, *where, required=True, max_length=None) -> str:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(f"'{name}' is required and must not be empty", *where, name)
            return ""
        if not isinstance(value, str | int | float):
            self.error(f"'{name}' must be text", *where, name)
            return ""
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.error(
                f"'{name}' is {len(value)} characters long; the most allowed is {max_length}",
                *where,
                name,
            )
        return value

    def slug(self, data: dict, name: str = "slug", *where) -> str:
        value = self.text(data, name, *where, max_length=100)
        if value and not SLUG.match(value):
            self.error(
                f"'{name}' must be lower-case letters, digits and single hyphens, not {value!r}",
                *where,
                name,
            )
        return value

    def date(self, data: dict, name: str, *where, with_time=False):
        value = data.get(name)
        if value in (None, ""):
            return None
        if with_time:
            if isinstance(value, datetime.datetime):
                parsed = value
            elif isinstance(value, datetime.date):
                parsed = datetime.datetime.combine(value, datetime.time(), datetime.UTC)
            else:
                parsed = parse_datetime(str(value))
            if parsed is not None:
                # Stored and compared in UTC, so a file and the database agree on the value.
                parsed = (
                    parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)
                ).astimezone(datetime.UTC)
        elif isinstance(value, datetime.datetime):
            parsed = value.date()
        elif isinstance(value, datetime.date):
            parsed = value
        else:
            try:
                parsed = parse_date(str(value))
            except ValueError:
                parsed = None
        if parsed is None:
            shape = "YYYY-MM-DD or an ISO date-time" if with_time else "YYYY-MM-DD"
            self.error(f"'{name}' must be a date written {shape}, not {value!r}", *where, name)
        return parsed


# --- articles -----------------------------------------------------------------------------


def parse_article(text: str, path: str) -> dict:
    """A content file's article record; raises ContentErrors listing every problem."""
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentErrors(
            [
                ContentError(
                    path, 1, "the file must start with YAML front matter between '---' lines"
                )
            ]
        )
    data, node = load_yaml(match.group(1) or "", path, first_line=2)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "the front matter must be a set of fields")])
    check = Checker(path, node, first_line=2)
    for name in REQUIRED_ARTICLE_FIELDS:
        if name not in data:
            check.error(f"the front matter is missing the required field '{name}'")
    for name in sorted(set(data) - set(ARTICLE_FIELDS)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(ARTICLE_FIELDS)})", name)
    record = {
        "title": check.text(data, "title", max_length=200),
        "slug": check.slug(data),
        "summary": " ".join(check.text(data, "summary", max_length=500).split()),
        "position": data.get("position"),
        "status": data.get("status"),
        "publish_at": check.date(data, "publish_at", with_time=True),
        "reviewed_on": check.date(data, "reviewed_on"),
        "review_due": check.date(data, "review_due"),
        "reviewed_by": check.text(data, "reviewed_by", required=False, max_length=200),
        "references": parse_references(data.get("references"), check),
        "body": normalise_text(text[match.end() :]),
    }
    if (
        "position" in data
        and (not isinstance(record["position"], int) or isinstance(record["position"], bool))
        or (isinstance(record["position"], int) and record["position"] < 0)
    ):
        check.error("'position' must be a whole number, 0 or more", "position")
    if "status" in data and record["status"] not in Article.Status.values:
        check.error(
            f"'status' must be one of {', '.join(Article.Status.values)}, not {data['status']!r}",
            "status",
        )
    if record["body"].strip() == "":
        check.error("the article has no text after the front matter")
    body_first_line = text[: match.end()].count("\n") + 1
    known_keys = {ref["key"] for ref in record["references"]}
    for offset, line in enumerate(text[match.end() :].split("\n")):
        for key in citation_keys(line):
            if key not in known_keys:
                check.errors.append(
                    ContentError(
                        path,
                        body_first_line + offset,
                        f"the text cites [@{key}] but no reference has the key '{key}'",
                    )
                )
    if check.errors:
        raise ContentErrors(check.errors)
    return record


def parse_references(value, check: Checker) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        check.error("'references' must be a list", "references")
        return []
    references, seen = [], set()
    for index, item in enumerate(value):
        where = ("references", index)
        if not isinstance(item, dict):
            check.error(f"reference {index + 1} must be a set of fields", *where)
            continue
        for name in sorted(set(item) - set(REFERENCE_FIELDS)):
            check.error(f"unknown reference field '{name}'", *where, name)
        key = check.text(item, "key", *where, max_length=60)
        if key and not REFERENCE_KEY.match(key):
            check.error(f"reference key {key!r} may use only letters, digits, '.', '-'", *where)
        if key in seen:
            check.error(f"the reference key '{key}' is used twice", *where, "key")
        seen.add(key)
        year = item.get("year")
        if year is not None and (not isinstance(year, int) or not 1800 <= year <= 2100):
            check.error(f"'year' must be a four-digit year, not {year!r}", *where, "year")
        reference = {
            "key": key,
            "authors": check.text(item, "authors", *where, required=False, max_length=500),
            "title": check.text(item, "title", *where, max_length=500),
            "source": check.text(item, "source", *where, max_length=300),
            "year": year if isinstance(year, int) else None,
            "doi": check.text(item, "doi", *where, required=False, max_length=200),
            "pmid": check.text(item, "pmid", *where, required=False, max_length=20),
            "url": check.text(item, "url", *where, required=False, max_length=500),
        }
        if not (reference["doi"] or reference["pmid"] or reference["url"]):
            check.error(f"reference '{key}' needs a doi, a pmid or a url", *where)
        if reference["pmid"] and not reference["pmid"].isdigit():
            check.error(f"'pmid' must be digits only, not {reference['pmid']!r}", *where, "pmid")
        if reference["url"] and not (
            is_allowed_link(reference["url"], allow_mailto=False)
            and reference["url"].startswith(("http://", "https://"))
        ):
            check.error("'url' must start with https:// or http://", *where, "url")
        references.append(reference)
    return references


def article_record(article: Article) -> dict:
    return {
        "title": article.title,
        "slug": article.slug,
        "summary": " ".join(article.summary.split()),
        "position": article.position,
        "status": article.status,
        "publish_at": article.publish_at,
        "reviewed_on": article.reviewed_on,
        "review_due": article.review_due,
        "reviewed_by": article.reviewed_by,
        "references": [
            {name: getattr(ref, name) if name != "year" else ref.year for name in REFERENCE_FIELDS}
            for ref in article.references.all()
        ],
        "body": normalise_text(article.body),
    }


def apply_article(article: Article, record: dict, source_path: str) -> None:
    for name in ARTICLE_FIELDS:
        if name != "references":
            setattr(article, name, record[name])
    article.body = record["body"]
    article.source_path = source_path
    article.synced_hash = record_hash(record)
    article.save()
    article.references.all().delete()
    bulk_create_with_history(
        [
            Reference(article=article, position=index, **reference)
            for index, reference in enumerate(record["references"])
        ],
        Reference,
    )


# --- glossary -----------------------------------------------------------------------------


def parse_glossary(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentErrors([ContentError(path, 1, "the glossary must be a list of terms")])
    check = Checker(path, node)
    records = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            check.error(f"glossary entry {index + 1} must be a set of fields", index)
            continue
        for name in sorted(set(item) - set(GLOSSARY_FIELDS)):
            check.error(f"unknown glossary field '{name}'", index, name)
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            check.error("'aliases' must be a list of words or phrases", index, "aliases")
            aliases = []
        records.append(
            {
                "term": check.text(item, "term", index, max_length=100),
                "slug": check.slug(item, "slug", index),
                "aliases": [" ".join(alias.split()) for alias in aliases if alias.strip()],
                "definition": " ".join(
                    check.text(item, "definition", index, max_length=600).split()
                ),
            }
        )
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record["slug"] in seen:
            check.error(f"the slug '{record['slug']}' is used by two terms", index, "slug")
        seen[record["slug"]] = index
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def glossary_record(term: GlossaryTerm) -> dict:
    return {
        "term": term.term,
        "slug": term.slug,
        "aliases": list(term.aliases),
        "definition": " ".join(term.definition.split()),
    }


def apply_glossary(term: GlossaryTerm, record: dict, source_path: str) -> None:
    for name in GLOSSARY_FIELDS:
        setattr(term, name, record[name])
    term.source_path = source_path
    term.synced_hash = record_hash(record)
    term.save()


# --- the sync rule, shared by every kind of content ---------------------------------------


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


@dataclass
class ContentSource:
    """One kind of content: how to read its files and how to sync its records."""

    name: str
    read: Callable[[Path], list[tuple[str, dict]]]
    sync: Callable[[list[tuple[str, dict]], SyncReport, bool], None]


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


def read_articles(root: Path) -> list[tuple[str, dict]]:
    parsed, errors = parse_each(sorted((root / "articles").glob("*.md")), root, parse_article)
    errors += duplicate_slug_errors(parsed)
    if errors:
        raise ContentErrors(errors)
    return [(relative, record) for relative, _, record in parsed]


def key_line(text: str, key: str) -> int:
    """The line of a top-level ``key:`` in a file, for messages about its value."""
    match = re.search(rf"^{re.escape(key)}:", text, flags=re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def read_glossary(root: Path) -> list[tuple[str, dict]]:
    path = root / "glossary.yaml"
    if not path.exists():
        return []
    relative = path.relative_to(root).as_posix()
    try:
        return [
            (relative, record) for record in parse_glossary(read_text(path, relative), relative)
        ]
    except ContentError as problem:
        raise ContentErrors([problem]) from None


def read_text(path: Path, relative: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(relative, 0, f"the file is not UTF-8 text ({error.reason})") from None


def sync_glossary_records(items, report, force):
    existing = {term.slug: term for term in GlossaryTerm.objects.all()}
    for source_path, record in items:
        sync_item(
            GlossaryTerm,
            existing.get(record["slug"]),
            record,
            source_path,
            apply_glossary,
            glossary_record,
            report,
            f"glossary term {record['slug']}",
            force,
        )


def sync_article_records(items, report, force):
    existing = {a.slug: a for a in Article.objects.prefetch_related("references")}
    for source_path, record in items:
        sync_item(
            Article,
            existing.get(record["slug"]),
            record,
            source_path,
            apply_article,
            article_record,
            report,
            f"article {record['slug']}",
            force,
        )


CONTENT_SOURCES: list[ContentSource] = [
    ContentSource("glossary", read_glossary, sync_glossary_records),
    ContentSource("articles", read_articles, sync_article_records),
]


def register_content_source(source: ContentSource) -> None:
    """Other apps (the checklist) add their content here, to be synced in the same run."""
    if all(existing.name != source.name for existing in CONTENT_SOURCES):
        CONTENT_SOURCES.append(source)


def sync_content(root: Path, force: bool = False) -> SyncReport:
    """Reads and checks every file, then applies them all in one transaction."""
    if not root.is_dir():
        raise ContentErrors([ContentError(str(root), 0, "this folder does not exist")])
    batches, errors = [], []
    for source in CONTENT_SOURCES:
        try:
            batches.append((source, source.read(root)))
        except ContentErrors as problem:
            errors.extend(problem.errors)
    if errors:
        raise ContentErrors(errors)
    report = SyncReport()
    with transaction.atomic():
        for source, items in batches:
            source.sync(items, report, force)
        if any(label.startswith("glossary") for label in report.created + report.updated):
            # Articles saved in this run were rendered with the new glossary already.
            rerender_articles(
                skip_slugs={
                    label.removeprefix("article ")
                    for label in report.created + report.updated
                    if label.startswith("article ")
                }
            )
    return report


# --- export -------------------------------------------------------------------------------


def dump_yaml(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def article_file_text(record: dict) -> str:
    front = {name: record[name] for name in ARTICLE_FIELDS}
    front["references"] = [
        {name: value for name, value in ref.items() if value not in ("", None)}
        for ref in record["references"]
    ]
    return f"---\n{dump_yaml(front)}---\n\n{record['body']}"


def write_if_changed(path: Path, text: str, same: Callable[[str], bool]) -> bool:
    """Writes the file unless it already holds the same content (keeping its formatting)."""
    if path.exists():
        try:
            if same(path.read_text(encoding="utf-8")):
                return False
        except (ContentError, ContentErrors):
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def export_articles(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    for article in Article.objects.prefetch_related("references"):
        record = article_record(article)
        relative = article.source_path or f"articles/{article.position:02d}-{article.slug}.md"

        def same(text, record=record, relative=relative):
            return parse_article(text, relative) == record

        if write_if_changed(root / relative, article_file_text(record), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def export_glossary(root: Path) -> tuple[int, int]:
    records = [glossary_record(term) for term in GlossaryTerm.objects.all()]
    if not records:
        return 0, 0
    path = root / "glossary.yaml"

    def same(text):
        return parse_glossary(text, "glossary.yaml") == records

    return (1, 0) if write_if_changed(path, dump_yaml(records), same) else (0, 1)


EXPORTERS: list[tuple[str, Callable[[Path], tuple[int, int]]]] = [
    ("glossary", export_glossary),
    ("articles", export_articles),
]


def register_exporter(name: str, exporter: Callable[[Path], tuple[int, int]]) -> None:
    if all(existing != name for existing, _ in EXPORTERS):
        EXPORTERS.append((name, exporter))


def export_content(root: Path) -> dict[str, tuple[int, int]]:
    return {name: exporter(root) for name, exporter in EXPORTERS}


def iter_errors(errors: Iterable[ContentError]) -> list[str]:
    return [str(error) for error in errors]
