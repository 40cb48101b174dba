"""Articles and the glossary as content files: how each is read, checked, synced and exported.

The engine (regenknee.sync) runs the all-or-nothing sync and the export; this module maps the
files' fields to the models. Values are checked by the models' own validation (``check_model``),
the same the admin runs, so a file and an admin form accept exactly the same things.
"""

import re
from pathlib import Path

from simple_history.utils import bulk_create_with_history

from regenknee.sync.engine import (
    ContentSource,
    SyncReport,
    duplicate_slug_errors,
    parse_each,
    record_hash,
    sync_item,
    write_if_changed,
)
from regenknee.sync.files import (
    Checker,
    ContentError,
    ContentErrors,
    check_model,
    dump_yaml,
    instance_from,
    load_yaml,
    read_text,
)

from .models import (
    Article,
    GlossaryTerm,
    Reference,
    normalise_key_points,
    normalise_text,
    rerender_articles,
)
from .rendering import citation_keys, diagram_problems

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
ARTICLE_FIELDS = (
    "title", "slug", "summary", "key_points", "position", "status", "publish_at", "reviewed_on",
    "review_due", "reviewed_by", "references",
)  # fmt: skip
REQUIRED_ARTICLE_FIELDS = ("title", "slug", "summary", "position", "status", "references")
REFERENCE_FIELDS = ("key", "authors", "title", "source", "year", "doi", "pmid", "url")
GLOSSARY_FIELDS = ("term", "slug", "aliases", "definition")


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
            check.flagged.add((name,))  # reported once, not again by the model
    for name in sorted(set(data) - set(ARTICLE_FIELDS)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(ARTICLE_FIELDS)})", name)
    record = {
        "title": check.text(data, "title"),
        "slug": check.text(data, "slug"),
        "summary": " ".join(check.text(data, "summary").split()),
        "position": data.get("position"),
        "status": data.get("status"),
        "publish_at": check.date(data, "publish_at", with_time=True),
        "reviewed_on": check.date(data, "reviewed_on"),
        "review_due": check.date(data, "review_due"),
        "reviewed_by": check.text(data, "reviewed_by", required=False),
        "references": parse_references(data.get("references"), check),
        "body": normalise_text(text[match.end() :]),
        **key_points_entry(parse_key_points(data, check)),
    }
    if "position" in data:
        record["position"] = check.whole_number(data, "position")
    if "status" in data and record["status"] not in Article.Status.values:
        check.error(
            f"'status' must be one of {', '.join(Article.Status.values)}, not {data['status']!r}",
            "status",
        )
    if record["body"].strip() == "":
        check.error("the article has no text after the front matter", "body")
    diagram_errors(text, match.end(), path, check)
    check_model(check, instance_from(Article, record))
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


def diagram_errors(text: str, body_start: int, path: str, check: Checker) -> None:
    """Each ``[[diagram:name]]`` naming no diagram of the site, at its line in the file. The
    body is then left out of the model's own check, which would report it without a line."""
    first_line = text[:body_start].count("\n") + 1
    for line, message in diagram_problems(text[body_start:]):
        check.errors.append(ContentError(path, first_line + line - 1, message))
        check.flagged.add(("body",))


def parse_key_points(data: dict, check: Checker) -> list[str]:
    """``key_points:`` in an article or translation file: a list of plain sentences (optional).
    The shape is checked here, line by line; how many and how long is the model's rule."""
    value = data.get("key_points")
    if value is None:
        return []
    if not isinstance(value, list):
        check.error(
            "'key_points' must be a list of plain sentences, one per '- ' line", "key_points"
        )
        return []
    points = []
    for index, point in enumerate(value):
        if isinstance(point, bool) or not isinstance(point, str | int | float):
            check.error(f"key point {index + 1} must be a plain sentence", "key_points", index)
            continue
        points.append(str(point))
    return normalise_key_points(points)


def key_points_entry(points: list[str]) -> dict:
    """The record's ``key_points``, only when there are some: a record without key points has
    the same fingerprint (``synced_hash``) it had before the field existed, so adding the field
    does not turn every synced article into an apparent admin edit."""
    return {"key_points": points} if points else {}


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
        key = check.text(item, "key", *where)
        if key in seen:
            check.error(f"the reference key '{key}' is used twice", *where, "key")
        seen.add(key)
        year = item.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            check.error(f"'year' must be a four-digit year, not {year!r}", *where, "year")
        reference = {
            "key": key,
            "authors": check.text(item, "authors", *where, required=False),
            "title": check.text(item, "title", *where),
            "source": check.text(item, "source", *where),
            "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
            "doi": check.text(item, "doi", *where, required=False),
            "pmid": check.text(item, "pmid", *where, required=False),
            "url": check.text(item, "url", *where, required=False),
        }
        check_model(check, instance_from(Reference, reference, position=index), *where)
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
        **key_points_entry(list(article.key_points)),
    }


def apply_article(article: Article, record: dict, source_path: str) -> None:
    for name in ARTICLE_FIELDS:
        if name not in ("references", "key_points"):
            setattr(article, name, record[name])
    article.key_points = record.get("key_points", [])
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


def glossary_items(check: Checker, data: list, fields: tuple[str, ...]):
    """Each entry of a glossary file that is a set of fields, as (index, entry); an entry that
    is not, or a field not in ``fields``, is a problem on its line. Shared by the glossary and
    its translations."""
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            check.error(f"glossary entry {index + 1} must be a set of fields", index)
            continue
        for name in sorted(set(item) - set(fields)):
            check.error(f"unknown glossary field '{name}'", index, name)
        yield index, item


def load_glossary(text: str, path: str) -> tuple[Checker, list] | None:
    """The glossary file's list of entries and a checker for it; None for an empty file."""
    data, node = load_yaml(text, path)
    if data is None:
        return None
    if not isinstance(data, list):
        raise ContentErrors([ContentError(path, 1, "the glossary must be a list of terms")])
    return Checker(path, node), data


def glossary_aliases(check: Checker, item: dict, index: int) -> list[str]:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        check.error("'aliases' must be a list of words or phrases", index, "aliases")
        return []
    return [" ".join(alias.split()) for alias in aliases if alias.strip()]


def check_unique_slugs(check: Checker, records: list[dict], problem: str) -> None:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record["slug"] in seen:
            check.error(f"the slug '{record['slug']}' {problem}", index, "slug")
        seen[record["slug"]] = index


def parse_glossary(text: str, path: str) -> list[dict]:
    loaded = load_glossary(text, path)
    if loaded is None:
        return []
    check, data = loaded
    records = []
    for index, item in glossary_items(check, data, GLOSSARY_FIELDS):
        aliases = glossary_aliases(check, item, index)
        records.append(
            {
                "term": check.text(item, "term", index),
                "slug": check.text(item, "slug", index),
                "aliases": aliases,
                "definition": " ".join(check.text(item, "definition", index).split()),
            }
        )
        check_model(check, instance_from(GlossaryTerm, records[-1]), index)
    check_unique_slugs(check, records, "is used by two terms")
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


# --- reading and syncing -------------------------------------------------------------------


def read_articles(root: Path) -> list[tuple[str, dict]]:
    parsed, errors = parse_each(sorted((root / "articles").glob("*.md")), root, parse_article)
    errors += duplicate_slug_errors(parsed)
    if errors:
        raise ContentErrors(errors)
    return [(relative, record) for relative, _, record in parsed]


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


def rerender_after_glossary_change(report: SyncReport) -> None:
    """Articles link glossary terms: re-render them when a term changed in this run. Articles
    saved in this run were rendered with the new glossary already."""
    if report.changed("glossary "):
        rerender_articles(
            skip_slugs={label.removeprefix("article ") for label in report.changed("article ")}
        )


# --- export -------------------------------------------------------------------------------


def article_file_text(record: dict) -> str:
    front = {name: record[name] for name in ARTICLE_FIELDS if name in record}
    front["references"] = [
        {name: value for name, value in ref.items() if value not in ("", None)}
        for ref in record["references"]
    ]
    return f"---\n{dump_yaml(front)}---\n\n{record['body']}"


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


GLOSSARY_SOURCE = ContentSource(
    "glossary", read_glossary, sync_glossary_records, export=export_glossary
)
ARTICLES_SOURCE = ContentSource(
    "articles",
    read_articles,
    sync_article_records,
    export=export_articles,
    after_sync=rerender_after_glossary_change,
)
