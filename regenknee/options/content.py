"""The options as content files, ``content/options/NN-slug.yaml`` and their translations in
``content/<lang>/options/NN-slug.yaml``, synced and exported through the sync engine under the
never-lose-an-edit rule (see ``content/README.md``, "Options comparison").

The answer and reference rules are ``rules.py``'s, the same the model's ``clean()`` runs; here
each problem is reported with the line of the key it is about.
"""

import contextlib
import re
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from regenknee.editorial.translation import snapshot_of
from regenknee.editorial.translation_files import (
    language_roots,
    source_hash_of,
    stamp_source_hash,
)
from regenknee.sync.engine import (
    ContentSource,
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
    dump_yaml,
    instance_from,
    load_yaml,
)

from . import rules
from .models import Option, OptionTranslation

OPTION_FIELDS = (
    "slug", "title", "position", "kind", "surgery", "status", "reviewed_on", "review_due",
    "reviewed_by", "summary", "answers", "references",
)  # fmt: skip
TRANSLATION_FIELDS = (
    "translation_of", "source_hash", "title", "status", "reviewed_on", "review_due",
    "reviewed_by", "summary", "answers",
)  # fmt: skip
STAMP_HINT = "run 'python manage.py stamp_translations' to record the English text it was made from"
# Checked by rules.py with their own lines; the model's messages about them would repeat them.
EMPTY_HASH = re.compile(r"^source_hash:[ \t]*(\"\"|'')?[ \t]*(#.*)?\n", re.MULTILINE)
RULED_FIELDS = frozenset({"answers", "references", "summary"})


def plain(value):
    """Folded text with single spaces, as the page shows it; other values unchanged."""
    return " ".join(value.split()) if isinstance(value, str) else value


def normal_answers(answers) -> dict:
    """Answers in the question order with every field in its place, so a file and the database
    give the same record. Values of the wrong type are kept for the rules to report."""
    if not isinstance(answers, dict):
        return answers
    result = {}
    for key in [*rules.QUESTION_KEYS, *sorted(set(answers) - set(rules.QUESTION_KEYS))]:
        if key not in answers:
            continue
        answer = answers[key]
        if not isinstance(answer, dict):
            result[key] = answer
            continue
        entry = {name: answer[name] for name in answer if name not in rules.ANSWER_FIELDS}
        if "brief" in answer:
            entry["brief"] = plain(answer["brief"])
        entry["text"] = plain(answer.get("text"))
        if "grade" in answer:
            entry["grade"] = answer["grade"]
        frequencies = answer.get("frequencies")
        if frequencies:
            entry["frequencies"] = [normal_frequency(item) for item in frequencies] if isinstance(
                frequencies, list
            ) else frequencies  # fmt: skip
        entry["sources"] = answer.get("sources") or []
        result[key] = entry
    return result


def normal_frequency(item):
    if not isinstance(item, dict):
        return item
    extra = {name: item[name] for name in item if name not in rules.FREQUENCY_FIELDS}
    return {
        "label": plain(item.get("label")),
        "with_option": item.get("with_option"),
        "without_option": item.get("without_option"),
        "comparison": plain(item.get("comparison")) or "",
        "sources": item.get("sources") or [],
        **extra,
    }


def normal_references(references):
    if not isinstance(references, list):
        return references
    result = []
    for ref in references:
        if not isinstance(ref, dict):
            result.append(ref)
            continue
        entry = {name: ref.get(name) for name in rules.REFERENCE_FIELDS}
        for name in ("authors", "title", "source", "doi", "url"):
            entry[name] = plain(entry[name]) or ""
        entry["pmid"] = str(entry["pmid"]) if entry["pmid"] not in (None, "") else ""
        entry.update({name: ref[name] for name in ref if name not in rules.REFERENCE_FIELDS})
        result.append(entry)
    return result


def report_problems(check: Checker, problems: list[rules.Problem]) -> None:
    for problem in problems:
        check.error(problem.message, *problem.where)


def check_other_fields(check: Checker, model, record: dict) -> None:
    """The model's own validation of the fields the rules do not cover (slug, kind, dates…)."""
    instance = instance_from(model, record)
    exclude = {f.name for f in model._meta.fields if f.name not in instance._set_by_file}
    try:
        instance.full_clean(
            exclude=exclude | check.flagged_under(), validate_unique=False,
            validate_constraints=False,
        )  # fmt: skip
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name in RULED_FIELDS:
                continue
            for message in messages:
                if name == NON_FIELD_ERRORS:
                    check.error(message)
                else:
                    check.error(f"'{name}': {message}", name)


def check_status(check: Checker, data: dict, choices) -> str:
    status = data.get("status")
    if status not in choices:
        check.error(f"'status' must be one of {', '.join(choices)}, not {status!r}", "status")
    return status


# --- English ------------------------------------------------------------------------------


def parse_option(text: str, path: str) -> dict:
    data, node = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "an option file must be a set of fields")])
    check = Checker(path, node)
    for name in sorted(set(data) - set(OPTION_FIELDS)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(OPTION_FIELDS)})", name)
    surgery = data.get("surgery", False)
    if not isinstance(surgery, bool):
        check.error("'surgery' must be true or false", "surgery")
    record = {
        "slug": check.text(data, "slug"),
        "title": check.text(data, "title"),
        "position": check.whole_number(data, "position"),
        "kind": data.get("kind"),
        "surgery": surgery,
        "status": check_status(check, data, Option.Status.values),
        "reviewed_on": check.date(data, "reviewed_on"),
        "review_due": check.date(data, "review_due"),
        "reviewed_by": check.text(data, "reviewed_by", required=False),
        "summary": plain(check.text(data, "summary")),
        "answers": normal_answers(data.get("answers")),
        "references": normal_references(data.get("references") or []),
    }
    if record["kind"] not in rules.KINDS:
        check.error(f"'kind' must be one of {', '.join(rules.KINDS)}", "kind")
    refs = record["references"] if isinstance(record["references"], list) else []
    keys = {ref.get("key") for ref in refs if isinstance(ref, dict)}
    report_problems(check, rules.reference_problems(record["references"]))
    report_problems(check, rules.answer_problems(record["answers"], keys))
    report_problems(check, rules.text_problems(record["summary"], ("summary",), "The summary", 500))
    check_other_fields(check, Option, record)
    if check.errors:
        raise ContentErrors(check.errors)
    return record


def read_options(root: Path) -> list[tuple[str, dict]]:
    parsed, errors = parse_each(sorted((root / "options").glob("*.yaml")), root, parse_option)
    errors += duplicate_slug_errors(parsed)
    if errors:
        raise ContentErrors(errors)
    return [(relative, record) for relative, _, record in parsed]


def option_record(option: Option) -> dict:
    return {name: getattr(option, name) for name in OPTION_FIELDS}


def apply_option(option: Option, record: dict, source_path: str) -> None:
    for name in OPTION_FIELDS:
        setattr(option, name, record[name])
    option.source_path = source_path
    option.synced_hash = record_hash(record)
    option.save()


def sync_option_records(items, report, force):
    existing = {option.slug: option for option in Option.objects.all()}
    for source_path, record in items:
        sync_item(
            Option, existing.get(record["slug"]), record, source_path, apply_option,
            option_record, report, f"option {record['slug']}", force,
        )  # fmt: skip


def export_options(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    for option in Option.objects.all():
        record = option_record(option)
        relative = option.source_path or f"options/{option.position:02d}-{option.slug}.yaml"

        def same(text, record=record, relative=relative):
            return parse_option(text, relative) == record

        if write_if_changed(root / relative, dump_yaml(record), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


OPTIONS_SOURCE = ContentSource("options", read_options, sync_option_records, export=export_options)


# --- translations -------------------------------------------------------------------------


def normal_words(answers):
    """A translation's answers: text and the frequencies' words, in the question order."""
    if not isinstance(answers, dict):
        return answers
    result = {}
    for key in [*rules.QUESTION_KEYS, *sorted(set(answers) - set(rules.QUESTION_KEYS))]:
        if key not in answers:
            continue
        answer = answers[key]
        if not isinstance(answer, dict):
            result[key] = answer
            continue
        entry = {name: plain(value) for name, value in answer.items() if name != "frequencies"}
        if answer.get("frequencies"):
            frequencies = answer["frequencies"]
            entry["frequencies"] = (
                [
                    {name: plain(value) for name, value in item.items() if value}
                    if isinstance(item, dict)
                    else item
                    for item in frequencies
                ]
                if isinstance(frequencies, list)
                else frequencies
            )
        result[key] = entry
    return result


def parse_option_translation(text: str, path: str) -> tuple[dict, object]:
    data, node = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "a translation file must be a set of fields")])
    check = Checker(path, node)
    for name in sorted(set(data) - set(TRANSLATION_FIELDS)):
        check.error(
            f"unknown field '{name}': a translation has only the words "
            f"({', '.join(TRANSLATION_FIELDS)}); numbers and sources come from the English file",
            name,
        )
    if not data.get("source_hash"):
        check.error(f"'source_hash' is missing or empty; {STAMP_HINT}", "source_hash")
    record = {
        "translation_of": check.text(data, "translation_of"),
        "source_hash": check.text(data, "source_hash", required=False),
        "title": check.text(data, "title"),
        "status": check_status(check, data, OptionTranslation.Status.values),
        "reviewed_on": check.date(data, "reviewed_on"),
        "review_due": check.date(data, "review_due"),
        "reviewed_by": check.text(data, "reviewed_by", required=False),
        "summary": plain(check.text(data, "summary")),
        "answers": normal_words(data.get("answers")),
    }
    report_problems(check, rules.text_problems(record["summary"], ("summary",), "The summary", 500))
    check_other_fields(
        check,
        OptionTranslation,
        {k: v for k, v in record.items() if k not in ("translation_of", "source_hash")},
    )
    if check.errors:
        raise ContentErrors(check.errors)
    return record, node


def english_options(root: Path, database: bool = True) -> dict[str, dict]:
    """slug -> English record: the database's (unless ``database`` is false), overlaid with
    this run's files."""
    found = {}
    if database:
        found = {option.slug: option_record(option) for option in Option.objects.all()}
    # The English source reports its own errors in the same run.
    with contextlib.suppress(ContentErrors):
        found.update({record["slug"]: record for _, record in read_options(root)})
    return found


def read_option_translations(root: Path) -> list[tuple[str, dict]]:
    english = english_options(root)
    items, errors = [], []
    for language, folder in language_roots(root):
        parsed, found = parse_each(
            sorted((folder / "options").glob("*.yaml")), root, parse_option_translation
        )
        errors += found
        seen: dict[str, str] = {}
        for relative, _, (record, node) in parsed:
            slug = record["translation_of"]
            check = Checker(relative, node)
            if slug not in english:
                check.error(
                    f"this translates the option '{slug}', which does not exist in English: "
                    "check the name, or add the English original first",
                    "translation_of",
                )
            elif slug in seen:
                check.error(f"the option '{slug}' is also translated in {seen[slug]}")
            else:
                source = english[slug]
                keys = {r.get("key") for r in source["references"] if isinstance(r, dict)}
                report_problems(
                    check, rules.translation_problems(record["answers"], source["answers"], keys)
                )
            seen.setdefault(slug, relative)
            errors += check.errors
            items.append((relative, {**record, "language": language}))
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: (error.path, error.line)))
    return items


def translation_record(item: OptionTranslation) -> dict:
    return {
        "translation_of": item.source.slug,
        "source_hash": item.source_hash,
        **{name: getattr(item, name) for name in TRANSLATION_FIELDS[2:]},
        "language": item.language,
    }


def apply_translation(item, record, source_path, source=None):
    item.source, item.language = source, record["language"]
    for name in TRANSLATION_FIELDS[2:]:
        setattr(item, name, record[name])
    item.source_hash = record["source_hash"]
    item.source_snapshot = snapshot_of(item, record["source_hash"])
    item.source_path = source_path
    item.synced_hash = record_hash(record)
    item.save()


def sync_option_translations(items, report, force):
    sources = {option.slug: option for option in Option.objects.all()}
    existing = {
        (item.language, item.source.slug): item
        for item in OptionTranslation.objects.select_related("source")
    }
    for source_path, record in items:
        slug, language = record["translation_of"], record["language"]

        def apply(item, record, source_path, source=sources[slug]):
            apply_translation(item, record, source_path, source)

        sync_item(
            OptionTranslation, existing.get((language, slug)), record, source_path, apply,
            translation_record, report, f"translation {language} option {slug}", force,
        )  # fmt: skip


def export_option_translations(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    for item in OptionTranslation.objects.select_related("source"):
        record = translation_record(item)
        source = item.source
        name = Path(source.source_path or f"{source.position:02d}-{source.slug}.yaml").name
        relative = f"{item.language}/options/{name}"

        def same(text, record=record, relative=relative):
            parsed, _ = parse_option_translation(text, relative)
            return {**parsed, "language": record["language"]} == record

        data = {name: record[name] for name in TRANSLATION_FIELDS}
        if write_if_changed(root / relative, dump_yaml(data), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def stamp_files(root: Path) -> list[str]:
    """Fills the missing ``source_hash`` of every option translation from the English files
    as they are now. Returns the files changed."""
    hashes = {
        slug: source_hash_of(record, OptionTranslation.SOURCE_FIELDS)
        for slug, record in english_options(root, database=False).items()
    }
    changed = []
    for _, folder in language_roots(root):
        for path in sorted((folder / "options").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            # The format's template has an empty ``source_hash: ""``: it counts as missing.
            emptied = EMPTY_HASH.sub("", text)
            stamped = stamp_source_hash(emptied, "translation_of", hashes)
            if stamped != text:
                path.write_text(stamped, encoding="utf-8")
                changed.append(path.relative_to(root).as_posix())
    return changed


OPTION_TRANSLATIONS_SOURCE = ContentSource(
    "option translations",
    read_option_translations,
    sync_option_translations,
    export=export_option_translations,
)
