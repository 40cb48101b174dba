"""Translated articles and glossaries as content files: ``content/<lang>/articles/*.md`` and
``content/<lang>/glossary.yaml``, synced and exported with the English sources under the same
never-lose-an-edit rule (see ``content/README.md`` for the format).

A translation names its English source (``translation_of`` for an article, ``slug`` for a
glossary term) and the fingerprint of the English text it was made from (``source_hash``).
A file whose source does not exist, in the database or in this run's English files, fails the
run with its file name and line, before anything is written.
"""

import datetime
from pathlib import Path

from django.db.models import Q

from regenknee.editorial.queues import due_window
from regenknee.editorial.translation import snapshot_of, stale_pks
from regenknee.editorial.translation_files import (
    language_roots,
    source_hash_of,
    stamp_source_hash,
)
from regenknee.sync.engine import (
    ContentSource,
    SyncReport,
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
    key_line,
    load_yaml,
    read_text,
)

from .content import (
    FRONT_MATTER,
    check_unique_slugs,
    diagram_errors,
    glossary_aliases,
    glossary_items,
    key_points_entry,
    load_glossary,
    parse_key_points,
    read_articles,
    read_glossary,
)
from .models import (
    Article,
    ArticleTranslation,
    GlossaryTerm,
    GlossaryTermTranslation,
    normalise_text,
    rerender_translations,
)
from .rendering import citation_keys

ARTICLE_FIELDS = (
    "translation_of", "source_hash", "title", "summary", "key_points", "status", "reviewed_on",
    "review_due", "reviewed_by",
)  # fmt: skip
REQUIRED_ARTICLE_FIELDS = ("translation_of", "source_hash", "title", "summary", "status")
GLOSSARY_FIELDS = ("slug", "source_hash", "term", "aliases", "definition")
STAMP_HINT = "run 'python manage.py stamp_translations' to record the English text it was made from"


# --- articles -----------------------------------------------------------------------------


def parse_article_translation(text: str, path: str) -> dict:
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentErrors(
            [ContentError(path, 1, "the file must start with YAML front matter between '---'")]
        )
    data, node = load_yaml(match.group(1) or "", path, first_line=2)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "the front matter must be a set of fields")])
    check = Checker(path, node, first_line=2)
    for name in REQUIRED_ARTICLE_FIELDS:
        if name not in data:
            hint = f"; {STAMP_HINT}" if name == "source_hash" else ""
            check.error(f"the front matter is missing the required field '{name}'{hint}")
            check.flagged.add((name,))
    for name in sorted(set(data) - set(ARTICLE_FIELDS)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(ARTICLE_FIELDS)})", name)
    record = {
        "translation_of": check.text(data, "translation_of"),
        "source_hash": check.text(data, "source_hash"),
        "title": check.text(data, "title"),
        "summary": " ".join(check.text(data, "summary").split()),
        "status": data.get("status"),
        "reviewed_on": check.date(data, "reviewed_on"),
        "review_due": check.date(data, "review_due"),
        "reviewed_by": check.text(data, "reviewed_by", required=False),
        "body": normalise_text(text[match.end() :]),
        **key_points_entry(parse_key_points(data, check)),
    }
    if "status" in data and record["status"] not in ArticleTranslation.Status.values:
        allowed = ", ".join(ArticleTranslation.Status.values)
        check.error(f"'status' must be one of {allowed}, not {data['status']!r}", "status")
    if not record["body"].strip():
        check.error("the translation has no text after the front matter", "body")
    diagram_errors(text, match.end(), path, check)
    check_model(
        check,
        instance_from(ArticleTranslation, {k: v for k, v in record.items() if k != "source_hash"}),
    )
    body_first_line = text[: match.end()].count("\n") + 1
    record["citations"] = [
        (body_first_line + offset, key)
        for offset, line in enumerate(text[match.end() :].split("\n"))
        for key in citation_keys(line)
    ]
    if check.errors:
        raise ContentErrors(check.errors)
    return record


def read_article_translations(root: Path) -> list[tuple[str, dict]]:
    sources = source_articles(root)
    items, errors = [], []
    for language, folder in language_roots(root):
        paths = sorted((folder / "articles").glob("*.md"))
        parsed, found = parse_each(paths, root, parse_article_translation)
        errors += found
        seen: dict[str, str] = {}
        for relative, text, record in parsed:
            slug = record["translation_of"]
            line = key_line(text, "translation_of")
            if slug not in sources:
                errors.append(ContentError(relative, line, unknown_source("article", slug)))
                continue
            if slug in seen:
                errors.append(
                    ContentError(relative, line, f"'{slug}' is also translated by {seen[slug]}")
                )
            seen.setdefault(slug, relative)
            errors += citation_errors(relative, record, sources[slug])
            items.append((relative, {**record, "language": language}))
    if errors:
        raise ContentErrors(errors)
    return items


def unknown_source(kind: str, name: str) -> str:
    return (
        f"this translates the {kind} '{name}', which does not exist in English: "
        "check the name, or add the English original first"
    )


def source_articles(root: Path) -> dict[str, set[str]]:
    """Slug -> reference keys of every English article, from this run's files (which the run
    is about to sync) and from the database."""
    try:
        from_files = read_articles(root)
    except ContentErrors:
        from_files = []  # the English source reports its own errors in the same run
    sources = {
        article.slug: set(article.references.values_list("key", flat=True))
        for article in Article.objects.all()
    }
    for _, record in from_files:
        sources[record["slug"]] = {ref["key"] for ref in record["references"]}
    return sources


def citation_errors(relative: str, record: dict, known_keys: set[str]) -> list[ContentError]:
    return [
        ContentError(
            relative,
            line,
            f"the text cites [@{key}] but the English article has no reference with the key "
            f"'{key}'",
        )
        for line, key in record["citations"]
        if key not in known_keys
    ]


def article_translation_record(item: ArticleTranslation) -> dict:
    return {
        "translation_of": item.source.slug,
        "source_hash": item.source_hash,
        "title": item.title,
        "summary": " ".join(item.summary.split()),
        "status": item.status,
        "reviewed_on": item.reviewed_on,
        "review_due": item.review_due,
        "reviewed_by": item.reviewed_by,
        "body": normalise_text(item.body),
        **key_points_entry(list(item.key_points)),
        "language": item.language,
    }


def apply_translation_record(item, record: dict, source_path: str, fields, source) -> None:
    item.source = source
    item.language = record["language"]
    for name in fields:
        setattr(item, name, record[name] if name != "key_points" else record.get(name, []))
    item.source_hash = record["source_hash"]
    item.source_snapshot = snapshot_of(item, record["source_hash"])
    item.source_path = source_path
    item.synced_hash = record_hash(sync_record(record))
    item.save()


def sync_record(record: dict) -> dict:
    """The part of a record that is content (not where in the file it was)."""
    return {k: v for k, v in record.items() if k != "citations"}


def sync_article_translations(items, report, force):
    articles = {a.slug: a for a in Article.objects.all()}
    existing = {
        (t.language, t.source.slug): t for t in ArticleTranslation.objects.select_related("source")
    }
    fields = (
        "title", "summary", "key_points", "status", "reviewed_on", "review_due", "reviewed_by",
        "body",
    )  # fmt: skip
    for source_path, record in items:
        record = sync_record(record)
        slug, language = record["translation_of"], record["language"]

        def apply(item, record, source_path, source=articles[slug]):
            apply_translation_record(item, record, source_path, fields, source)

        sync_item(
            ArticleTranslation, existing.get((language, slug)), record, source_path, apply,
            article_translation_record, report, f"translation {language} article {slug}", force,
        )  # fmt: skip


def article_translation_file_text(record: dict) -> str:
    front = {name: record[name] for name in ARTICLE_FIELDS if name in record}
    return f"---\n{dump_yaml(front)}---\n\n{record['body']}"


def export_article_translations(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    for item in ArticleTranslation.objects.select_related("source"):
        record = article_translation_record(item)
        source = item.source
        name = Path(source.source_path).name or f"{source.position:02d}-{source.slug}.md"
        relative = item.source_path or f"{item.language}/articles/{name}"

        def same(text, record=record, relative=relative):
            parsed = parse_article_translation(text, relative)
            return sync_record({**parsed, "language": record["language"]}) == record

        if write_if_changed(root / relative, article_translation_file_text(record), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


# --- glossary -----------------------------------------------------------------------------


def parse_glossary_translation(text: str, path: str) -> list[dict]:
    loaded = load_glossary(text, path)
    if loaded is None:
        return []
    check, data = loaded
    records = []
    for index, item in glossary_items(check, data, GLOSSARY_FIELDS):
        if "source_hash" not in item:
            check.error(f"'source_hash' is missing; {STAMP_HINT}", index)
            check.flagged.add((index, "source_hash"))
        aliases = glossary_aliases(check, item, index)
        record = {
            "slug": check.text(item, "slug", index),
            "source_hash": check.text(item, "source_hash", index, required=False),
            "term": check.text(item, "term", index),
            "aliases": aliases,
            "definition": " ".join(check.text(item, "definition", index).split()),
        }
        fields = {k: record[k] for k in ("term", "aliases", "definition")}
        check_model(check, instance_from(GlossaryTermTranslation, fields), index)
        records.append(record)
    check_unique_slugs(check, records, "is translated twice")
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def read_glossary_translations(root: Path) -> list[tuple[str, dict]]:
    try:
        english = {record["slug"] for _, record in read_glossary(root)}
    except ContentErrors:
        english = set()
    english |= set(GlossaryTerm.objects.values_list("slug", flat=True))
    items, errors = [], []
    for language, folder in language_roots(root):
        path = folder / "glossary.yaml"
        if not path.exists():
            continue
        relative = path.relative_to(root).as_posix()
        try:
            text = read_text(path, relative)
            records = parse_glossary_translation(text, relative)
        except ContentErrors as problem:
            errors += problem.errors
            continue
        except ContentError as problem:
            errors.append(problem)
            continue
        _, node = load_yaml(text, relative)
        for index, record in enumerate(records):
            if record["slug"] not in english:
                line = node.value[index].start_mark.line + 1
                message = unknown_source("glossary term", record["slug"])
                errors.append(ContentError(relative, line, message))
                continue
            items.append((relative, {**record, "language": language}))
    if errors:
        raise ContentErrors(errors)
    return items


def glossary_translation_record(item: GlossaryTermTranslation) -> dict:
    return {
        "slug": item.source.slug,
        "source_hash": item.source_hash,
        "term": item.term,
        "aliases": list(item.aliases),
        "definition": " ".join(item.definition.split()),
        "language": item.language,
    }


def sync_glossary_translations(items, report, force):
    terms = {t.slug: t for t in GlossaryTerm.objects.all()}
    existing = {
        (t.language, t.source.slug): t
        for t in GlossaryTermTranslation.objects.select_related("source")
    }
    for source_path, record in items:
        slug, language = record["slug"], record["language"]

        def apply(item, record, source_path, source=terms[slug]):
            apply_translation_record(
                item, record, source_path, ("term", "aliases", "definition"), source
            )

        sync_item(
            GlossaryTermTranslation, existing.get((language, slug)), record, source_path, apply,
            glossary_translation_record, report, f"translation {language} glossary {slug}", force,
        )  # fmt: skip


def rerender_after_translated_glossary_change(report: SyncReport) -> None:
    if report.changed("translation ") and any(
        " glossary " in label for label in report.changed("translation ")
    ):
        rerender_translations()


def by_slug(record: dict) -> str:
    return record["slug"]


def export_glossary_translations(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    by_language: dict[str, list[dict]] = {}
    for item in GlossaryTermTranslation.objects.select_related("source").order_by(
        "language", "source__term", "source__slug"
    ):
        by_language.setdefault(item.language, []).append(glossary_translation_record(item))
    for language, records in by_language.items():
        relative = f"{language}/glossary.yaml"

        def same(text, records=records, relative=relative, language=language):
            parsed = parse_glossary_translation(text, relative)
            # The order of the terms is the translator's; only the terms themselves count.
            found = sorted(({**r, "language": language} for r in parsed), key=by_slug)
            return found == sorted(records, key=by_slug)

        data = [{k: r[k] for k in GLOSSARY_FIELDS} for r in records]
        if write_if_changed(root / relative, dump_yaml(data), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


# --- stamping fingerprints into translators' files ----------------------------------------


def english_article_fingerprint(record: dict) -> str:
    """The ``source_hash`` a translation of this English article file records. A file without
    key points has none (its record leaves the empty list out)."""
    return source_hash_of({"key_points": [], **record}, ArticleTranslation.SOURCE_FIELDS)


def stamp_files(root: Path) -> list[str]:
    """Fills the missing ``source_hash`` of every article and glossary translation file from
    the English files as they are now. Returns the files changed."""
    article_hashes = {
        # A file without key points has none (the record leaves the empty list out).
        record["slug"]: source_hash_of(
            {"key_points": [], **record}, ArticleTranslation.SOURCE_FIELDS
        )
        for _, record in read_articles(root)
    }
    term_hashes = {
        record["slug"]: source_hash_of(record, GlossaryTermTranslation.SOURCE_FIELDS)
        for _, record in read_glossary(root)
    }
    changed = []
    for _, folder in language_roots(root):
        articles = (folder / "articles").glob("*.md")
        targets = [(path, "translation_of", article_hashes) for path in articles]
        if (folder / "glossary.yaml").exists():
            targets.append((folder / "glossary.yaml", "slug", term_hashes))
        for path, anchor, hashes in sorted(targets):
            text = path.read_text(encoding="utf-8")
            stamped = stamp_source_hash(text, anchor, hashes)
            if stamped != text:
                path.write_text(stamped, encoding="utf-8")
                changed.append(path.relative_to(root).as_posix())
    return changed


# --- review queues ------------------------------------------------------------------------


def translation_queues(today: datetime.date) -> dict:
    published = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PUBLISHED)
    start, end = due_window(today)
    return {
        "never_reviewed": published.filter(Q(reviewed_on__isnull=True) | Q(reviewed_by="")),
        "overdue": published.filter(review_due__lt=today),
        "due_soon": published.filter(review_due__gte=start, review_due__lte=end),
        "out_of_date": ArticleTranslation.objects.filter(pk__in=stale_pks(ArticleTranslation)),
    }


GLOSSARY_TRANSLATIONS_SOURCE = ContentSource(
    "glossary translations",
    read_glossary_translations,
    sync_glossary_translations,
    export=export_glossary_translations,
)
ARTICLE_TRANSLATIONS_SOURCE = ContentSource(
    "article translations",
    read_article_translations,
    sync_article_translations,
    export=export_article_translations,
    after_sync=rerender_after_translated_glossary_change,
)
