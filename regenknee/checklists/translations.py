"""Translated question banks as content files: ``content/<lang>/checklist/<same name>.yaml``
for each group (its title, intro and questions) and ``red-flags.yaml``, synced and exported
with the English bank under the same never-lose-an-edit rule (see ``content/README.md``).

Only the words a patient reads are translated; keys, order, priorities, rules and sources
come from the English bank. Each group, question and red flag names its English original
(``slug`` or ``key``) and the fingerprint of the English text it was made from
(``source_hash``); a name the English bank does not have fails the run with file and line.
"""

from pathlib import Path

from regenknee.editorial.translation import snapshot_of
from regenknee.editorial.translation_files import (
    language_roots,
    source_hash_of,
    stamp_source_hash,
)
from regenknee.sync.engine import (
    ContentSource,
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
    line_of,
    load_yaml,
)

from .content import RED_FLAGS_FILE, read_checklist
from .models import (
    Question,
    QuestionGroup,
    QuestionGroupTranslation,
    QuestionTranslation,
    RedFlag,
    RedFlagTranslation,
)

STAMP_HINT = "run 'python manage.py stamp_translations' to record the English text it was made from"
GROUP_FIELDS = ("slug", "source_hash", "title", "intro", "questions")
QUESTION_FIELDS = ("key", "source_hash", "text", "why", "clear_answer", "vague_answer")
RED_FLAG_FIELDS = ("key", "source_hash", "sign", "why")
# kind -> (model, the key naming the English original, the translated fields)
KINDS = {
    "group": (QuestionGroupTranslation, "slug", ("title", "intro")),
    "question": (QuestionTranslation, "key", ("text", "why", "clear_answer", "vague_answer")),
    "red_flag": (RedFlagTranslation, "key", ("sign", "why")),
}


def parse_fields(check: Checker, item: dict, kind: str, allowed, *where) -> dict:
    model, name_key, fields = KINDS[kind]
    for name in sorted(set(item) - set(allowed)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(allowed)})", *where, name)
    if "source_hash" not in item:
        check.error(f"'source_hash' is missing; {STAMP_HINT}", *where)
        check.flagged.add((*where, "source_hash"))
    record = {
        "kind": kind,
        name_key: check.text(item, name_key, *where),
        "source_hash": check.text(item, "source_hash", *where, required=False),
        "line": line_of(check.node, *where, name_key),
    }
    for name in fields:
        value = check.text(item, name, *where, required=name != "intro")
        record[name] = " ".join(value.split()) if name == "intro" else value
    check_model(check, instance_from(model, {name: record[name] for name in fields}), *where)
    return record


def parse_group_translation(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "a question group must be a set of fields")])
    check = Checker(path, node)
    header = {k: v for k, v in data.items() if k != "questions"}
    # The group's own title and intro may be left untranslated (then only questions follow).
    records = [parse_fields(check, header, "group", GROUP_FIELDS)] if header else []
    questions = data.get("questions") or []
    if not isinstance(questions, list):
        check.error("'questions' must be a list", "questions")
        questions = []
    for index, item in enumerate(questions):
        where = ("questions", index)
        if not isinstance(item, dict):
            check.error(f"question {index + 1} must be a set of fields", *where)
            continue
        records.append(parse_fields(check, item, "question", QUESTION_FIELDS, *where))
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def parse_red_flag_translations(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("red_flags"), list):
        raise ContentErrors([ContentError(path, 1, "the file must hold a list called red_flags")])
    check = Checker(path, node)
    records = []
    for index, item in enumerate(data["red_flags"]):
        where = ("red_flags", index)
        if not isinstance(item, dict):
            check.error(f"red flag {index + 1} must be a set of fields", *where)
            continue
        records.append(parse_fields(check, item, "red_flag", RED_FLAG_FIELDS, *where))
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def parse_translation_file(text: str, path: str) -> list[dict]:
    if path.endswith("/" + RED_FLAGS_FILE):
        return parse_red_flag_translations(text, path)
    return parse_group_translation(text, path)


def english_names() -> dict[str, set[str]]:
    return {
        "group": set(QuestionGroup.objects.values_list("slug", flat=True)),
        "question": set(Question.objects.values_list("key", flat=True)),
        "red_flag": set(RedFlag.objects.values_list("key", flat=True)),
    }


def english_records(root: Path) -> dict[str, dict[str, dict]]:
    """kind -> name -> English record, from this run's English files."""
    found: dict[str, dict[str, dict]] = {"group": {}, "question": {}, "red_flag": {}}
    try:
        items = read_checklist(root)
    except ContentErrors:
        return found  # the English source reports its own errors in the same run
    for _, item in items:
        if "group" in item:
            found["group"][item["group"]["slug"]] = item["group"]
            for question in item["group"]["questions"]:
                found["question"][question["key"]] = question
        else:
            found["red_flag"][item["red_flag"]["key"]] = item["red_flag"]
    return found


KIND_WORDS = {"group": "question group", "question": "question", "red_flag": "red flag"}


def read_checklist_translations(root: Path) -> list[tuple[str, dict]]:
    known = english_names()
    for kind, records in english_records(root).items():
        known[kind] |= set(records)
    items, errors = [], []
    for language, folder in language_roots(root):
        parsed, found = parse_each(
            sorted((folder / "checklist").glob("*.yaml")), root, parse_translation_file
        )
        errors += found
        seen: dict[tuple[str, str], str] = {}
        for relative, _, records in parsed:
            for record in records:
                kind = record["kind"]
                name = record[KINDS[kind][1]]
                if name not in known[kind]:
                    errors.append(
                        ContentError(
                            relative,
                            record["line"],
                            f"this translates the {KIND_WORDS[kind]} '{name}', which does not "
                            "exist in English: check the name, or add the English original first",
                        )
                    )
                    continue
                if (kind, name) in seen:
                    errors.append(
                        ContentError(
                            relative,
                            record["line"],
                            f"the {KIND_WORDS[kind]} '{name}' is also translated in "
                            f"{seen[(kind, name)]}",
                        )
                    )
                seen.setdefault((kind, name), relative)
                content = {k: v for k, v in record.items() if k != "line"}
                items.append((relative, {**content, "language": language}))
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: (error.path, error.line)))
    return items


def translation_record(item) -> dict:
    kind = next(k for k, (model, _, _) in KINDS.items() if isinstance(item, model))
    _, name_key, fields = KINDS[kind]
    record = {
        "kind": kind,
        name_key: getattr(item.source, name_key),
        "source_hash": item.source_hash,
    }
    for name in fields:
        value = getattr(item, name)
        record[name] = " ".join(value.split()) if name == "intro" else value
    record["language"] = item.language
    return record


def sync_checklist_translations(items, report, force):
    sources = {
        "group": {g.slug: g for g in QuestionGroup.objects.all()},
        "question": {q.key: q for q in Question.objects.all()},
        "red_flag": {f.key: f for f in RedFlag.objects.all()},
    }
    existing = {}
    for kind, (model, name_key, _) in KINDS.items():
        for item in model.objects.select_related("source"):
            existing[(kind, item.language, getattr(item.source, name_key))] = item
    for source_path, record in items:
        kind, language = record["kind"], record["language"]
        model, name_key, fields = KINDS[kind]
        name = record[name_key]

        def apply(item, record, source_path, source=sources[kind][name], fields=fields):
            item.source, item.language = source, record["language"]
            for field in fields:
                setattr(item, field, record[field])
            item.source_hash = record["source_hash"]
            item.source_snapshot = snapshot_of(item, record["source_hash"])
            item.source_path = source_path
            item.synced_hash = record_hash(record)
            item.save()

        label = f"translation {language} {KIND_WORDS[kind]} {name}"
        sync_item(
            model, existing.get((kind, language, name)), record, source_path, apply,
            translation_record, report, label, force,
        )  # fmt: skip


def export_checklist_translations(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    files: dict[str, list[dict]] = {}
    for kind, (model, _, _) in KINDS.items():
        for item in model.objects.select_related("source"):
            source = item.source.group if kind == "question" else item.source
            default = (
                f"{source.position:02d}-{source.slug}.yaml"
                if kind != "red_flag"
                else RED_FLAGS_FILE
            )
            name = Path(getattr(source, "source_path", "") or default).name
            files.setdefault(f"{item.language}/checklist/{name}", []).append(
                translation_record(item)
            )
    for relative, records in files.items():

        def same(text, records=records, relative=relative):
            language = relative.split("/")[0]
            parsed = parse_translation_file(text, relative)
            ordered = [{**{k: v for k, v in r.items() if k != "line"}, "language": language}
                       for r in parsed]  # fmt: skip
            return sorted(map(repr, ordered)) == sorted(map(repr, records))

        if write_if_changed(root / relative, dump_yaml(file_data(records)), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


def file_data(records: list[dict]) -> dict:
    def fields(record, names):
        return {name: record[name] for name in names if name in record}

    flags = [r for r in records if r["kind"] == "red_flag"]
    if flags:
        return {"red_flags": [fields(r, RED_FLAG_FIELDS) for r in flags]}
    group = next((r for r in records if r["kind"] == "group"), {})
    data = fields(group, GROUP_FIELDS[:-1])
    data["questions"] = [fields(r, QUESTION_FIELDS) for r in records if r["kind"] == "question"]
    return data


def stamp_files(root: Path) -> list[str]:
    """Fills the missing ``source_hash`` of every checklist translation from the English
    files as they are now. Returns the files changed."""
    english = english_records(root)
    hashes = {
        kind: {
            name: source_hash_of(record, KINDS[kind][0].SOURCE_FIELDS)
            for name, record in records.items()
        }
        for kind, records in english.items()
    }
    changed = []
    for _, folder in language_roots(root):
        for path in sorted((folder / "checklist").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if path.name == RED_FLAGS_FILE:
                stamped = stamp_source_hash(text, "key", hashes["red_flag"])
            else:
                stamped = stamp_source_hash(text, "slug", hashes["group"])
                stamped = stamp_source_hash(stamped, "key", hashes["question"])
            if stamped != text:
                path.write_text(stamped, encoding="utf-8")
                changed.append(path.relative_to(root).as_posix())
    return changed


CHECKLIST_TRANSLATIONS_SOURCE = ContentSource(
    "checklist translations",
    read_checklist_translations,
    sync_checklist_translations,
    export=export_checklist_translations,
)
