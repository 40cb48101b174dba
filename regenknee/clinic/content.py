"""The clinic's files: ``content/clinic/profile.yaml`` (one profile, empty until the clinic
fills it in) and ``content/clinic/programme.yaml`` (a list of entries, empty until then), with
their translations in ``content/<lang>/clinic/`` of the same names. Synced and exported under
the never-lose-an-edit rule of ``regenknee.sync``; values are checked by the models' own
validation. See content/README.md for the format.
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

from .models import (
    ClinicProfile,
    ClinicProfileTranslation,
    ProgrammeEntry,
    ProgrammeEntryTranslation,
)

PROFILE_FILE = "clinic/profile.yaml"
PROGRAMME_FILE = "clinic/programme.yaml"
PROFILE_TEXT = (
    "name", "address", "phone", "email", "website", "languages", "opening_hours",
    "international_registration", "statement",
)  # fmt: skip
REVIEW_FIELDS = ("status", "reviewed_on", "review_due", "reviewed_by")
PROFILE_FIELDS = PROFILE_TEXT + REVIEW_FIELDS
ENTRY_TEXT = (
    "slug", "treatment", "product", "maker", "regulation", "approval_number",
    "regulation_details", "follow_up", "complaints",
)  # fmt: skip
ENTRY_FIELDS = (
    ENTRY_TEXT[:6] + ("regulation_details", "patient_groups", "price_items")
    + ("follow_up", "complaints") + REVIEW_FIELDS
)  # fmt: skip
OPTIONAL = {
    "address", "phone", "email", "website", "languages", "opening_hours",
    "international_registration", "approval_number", "regulation_details", "reviewed_by",
}  # fmt: skip
STATUSES = ("draft", "published")


def check_unknown(check, data, allowed, *where):
    for name in sorted(set(data) - set(allowed)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(allowed)})", *where, name)


def review_values(check, data, *where) -> dict:
    status = data.get("status") or "draft"
    if status not in STATUSES:
        check.error(f"'status' must be one of: {', '.join(STATUSES)}", *where, "status")
    return {
        "status": status,
        "reviewed_on": check.date(data, "reviewed_on", *where),
        "review_due": check.date(data, "review_due", *where),
        "reviewed_by": check.text(data, "reviewed_by", *where, required=False),
    }


def is_blank(value) -> bool:
    return value in (None, "", [], {})


def parse_profile(text: str, path: str) -> dict | None:
    """The profile's record, or None for a file that describes no clinic (every field empty)."""
    data, node = load_yaml(text, path)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "the profile must be a set of fields")])
    check = Checker(path, node)
    check_unknown(check, data, PROFILE_FIELDS)
    if all(is_blank(data.get(name)) for name in PROFILE_TEXT) and not check.errors:
        return None
    record = {name: check.text(data, name, required=name not in OPTIONAL) for name in PROFILE_TEXT}
    record.update(review_values(check, data))
    existing = ClinicProfile.objects.values_list("pk", flat=True).first()
    check_model(check, instance_from(ClinicProfile, record, pk=existing))
    if check.errors:
        raise ContentErrors(check.errors)
    return record


def parse_programme(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ContentErrors([ContentError(path, 1, "the file must hold a list called entries")])
    check = Checker(path, node)
    check_unknown(check, data, ("entries",))
    records, slugs = [], set()
    for index, item in enumerate(data.get("entries") or []):
        where = ("entries", index)
        if not isinstance(item, dict):
            check.error(f"entry {index + 1} must be a set of fields", *where)
            continue
        check_unknown(check, item, ENTRY_FIELDS, *where)
        record = {
            name: check.text(item, name, *where, required=name not in OPTIONAL)
            for name in ENTRY_TEXT
        }
        if record["slug"] in slugs:
            check.error(f"the slug '{record['slug']}' is used twice", *where, "slug")
        slugs.add(record["slug"])
        record["position"] = index
        # Lists are checked by the model's validators (the same the admin runs).
        record["patient_groups"] = item.get("patient_groups")
        record["price_items"] = item.get("price_items")
        record.update(review_values(check, item, *where))
        check_model(check, instance_from(ProgrammeEntry, record), *where)
        records.append(record)
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def read_clinic(root: Path) -> list[tuple[str, dict]]:
    paths = [root / name for name in (PROFILE_FILE, PROGRAMME_FILE) if (root / name).exists()]
    parsed, errors = parse_each(
        paths,
        root,
        lambda text, rel: parse_profile(text, rel) if rel == PROFILE_FILE
        else parse_programme(text, rel),
    )  # fmt: skip
    if errors:
        raise ContentErrors(errors)
    items = []
    for relative, _, result in parsed:
        if relative == PROFILE_FILE:
            if result is not None:
                items.append((relative, {"profile": result}))
        else:
            items += [(relative, {"entry": record}) for record in result]
    return items


def profile_record(profile: ClinicProfile) -> dict:
    return {name: getattr(profile, name) for name in PROFILE_FIELDS}


def entry_record(entry: ProgrammeEntry) -> dict:
    record = {name: getattr(entry, name) for name in ENTRY_TEXT}
    record["position"] = entry.position
    record["patient_groups"] = entry.patient_groups
    record["price_items"] = entry.price_items
    record.update({name: getattr(entry, name) for name in REVIEW_FIELDS})
    return record


def apply_record(item, record: dict, source_path: str) -> None:
    for name, value in record.items():
        setattr(item, name, value)
    item.source_path = source_path
    item.synced_hash = record_hash(record)
    item.full_clean(exclude=["singleton"], validate_constraints=False)
    item.save()


def sync_clinic(items, report, force):
    profile = ClinicProfile.objects.first()
    entries = {e.slug: e for e in ProgrammeEntry.objects.all()}
    for source_path, item in items:
        if "profile" in item:
            sync_item(
                ClinicProfile, profile, item["profile"], source_path, apply_record,
                profile_record, report, "clinic profile", force,
            )  # fmt: skip
        else:
            record = item["entry"]
            sync_item(
                ProgrammeEntry, entries.get(record["slug"]), record, source_path, apply_record,
                entry_record, report, f"programme entry {record['slug']}", force,
            )  # fmt: skip


def file_values(record: dict, names) -> dict:
    values = {}
    for name in names:
        value = record.get(name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


EMPTY_PROFILE = {name: "" for name in PROFILE_TEXT} | {
    "status": "draft", "reviewed_on": None, "review_due": None, "reviewed_by": "",
}  # fmt: skip


def export_clinic(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    profile = ClinicProfile.objects.first()
    record = profile_record(profile) if profile else None
    data = file_values(record, PROFILE_FIELDS) if record else EMPTY_PROFILE

    def same_profile(text):
        return parse_profile(text, PROFILE_FILE) == record

    if write_if_changed(root / PROFILE_FILE, dump_yaml(data), same_profile):
        written += 1
    else:
        unchanged += 1
    records = [entry_record(e) for e in ProgrammeEntry.objects.all()]

    def same_programme(text):
        return parse_programme(text, PROGRAMME_FILE) == records

    data = {"entries": [file_values(r, ENTRY_FIELDS) for r in records]}
    if write_if_changed(root / PROGRAMME_FILE, dump_yaml(data), same_programme):
        written += 1
    else:
        unchanged += 1
    return written, unchanged


CLINIC_SOURCE = ContentSource("clinic", read_clinic, sync_clinic, export=export_clinic)


# --- translations ---------------------------------------------------------------------------

STAMP_HINT = "run 'python manage.py stamp_translations' to record the English text it was made from"
PROFILE_WORDS = ("name", "address", "languages", "opening_hours", "statement")
ENTRY_WORDS = ("treatment", "regulation_details", "follow_up", "complaints")


def parse_words(check, item, words, *where) -> dict:
    record = {name: check.text(item, name, *where, required=False) for name in words}
    record["source_hash"] = check.text(item, "source_hash", *where, required=False)
    if not record["source_hash"]:
        check.error(f"'source_hash' is missing; {STAMP_HINT}", *where)
    return record


def parse_profile_translation(text: str, path: str) -> dict | None:
    data, node = load_yaml(text, path)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "the profile must be a set of fields")])
    check = Checker(path, node)
    check_unknown(check, data, ("source_hash", *PROFILE_WORDS))
    if all(is_blank(data.get(name)) for name in PROFILE_WORDS) and not check.errors:
        return None
    record = parse_words(check, data, PROFILE_WORDS)
    if not record["statement"]:
        check.error("'statement' is required and must not be empty", "statement")
    check_model(check, instance_from(ClinicProfileTranslation, record))
    if check.errors:
        raise ContentErrors(check.errors)
    return record | {"kind": "profile", "line": 1}


def parse_programme_translation(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ContentErrors([ContentError(path, 1, "the file must hold a list called entries")])
    check = Checker(path, node)
    records = []
    for index, item in enumerate(data.get("entries") or []):
        where = ("entries", index)
        if not isinstance(item, dict):
            check.error(f"entry {index + 1} must be a set of fields", *where)
            continue
        check_unknown(check, item, ("slug", "source_hash", *ENTRY_WORDS, "price_labels"), *where)
        record = parse_words(check, item, ENTRY_WORDS, *where)
        for name in ("treatment", "follow_up", "complaints"):
            if not record[name]:
                check.error(f"'{name}' is required and must not be empty", *where, name)
        record["slug"] = check.text(item, "slug", *where)
        record["price_labels"] = item.get("price_labels") or []
        record["kind"], record["line"] = "entry", line_of(node, *where, "slug")
        check_model(check, instance_from(ProgrammeEntryTranslation, record), *where)
        records.append(record)
    if check.errors:
        raise ContentErrors(check.errors)
    return records


def english_now(root: Path) -> tuple[bool, set[str]]:
    """Whether an English profile exists, and the English entries' slugs, from the database
    and this run's files."""
    has_profile = ClinicProfile.objects.exists()
    slugs = set(ProgrammeEntry.objects.values_list("slug", flat=True))
    try:
        for _, item in read_clinic(root):
            has_profile |= "profile" in item
            if "entry" in item:
                slugs.add(item["entry"]["slug"])
    except ContentErrors:
        pass  # the English source reports its own errors in the same run
    return has_profile, slugs


def read_clinic_translations(root: Path) -> list[tuple[str, dict]]:
    has_profile, slugs = english_now(root)
    items, errors = [], []
    for language, folder in language_roots(root):
        paths = [folder / "clinic" / n for n in ("profile.yaml", "programme.yaml")]
        parsed, found = parse_each(
            [p for p in paths if p.exists()],
            root,
            lambda text, rel: parse_profile_translation(text, rel)
            if rel.endswith("profile.yaml") else parse_programme_translation(text, rel),
        )  # fmt: skip
        errors += found
        for relative, _, result in parsed:
            for record in result if isinstance(result, list) else [result] if result else []:
                if record["kind"] == "profile" and not has_profile:
                    errors.append(
                        ContentError(relative, 1, "this translates a clinic profile, but the "
                                     "English profile is empty: fill that in first")
                    )  # fmt: skip
                    continue
                if record["kind"] == "entry" and record["slug"] not in slugs:
                    errors.append(
                        ContentError(relative, record["line"], f"this translates the entry "
                                     f"'{record['slug']}', which does not exist in English")
                    )  # fmt: skip
                    continue
                content = {k: v for k, v in record.items() if k != "line"}
                items.append((relative, content | {"language": language}))
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: (error.path, error.line)))
    return items


def translation_record(item) -> dict:
    if isinstance(item, ClinicProfileTranslation):
        record = {name: getattr(item, name) for name in PROFILE_WORDS} | {"kind": "profile"}
    else:
        record = {name: getattr(item, name) for name in ENTRY_WORDS}
        record |= {"slug": item.source.slug, "price_labels": item.price_labels, "kind": "entry"}
    return record | {"source_hash": item.source_hash, "language": item.language}


def sync_clinic_translations(items, report, force):
    profile = ClinicProfile.objects.first()
    entries = {e.slug: e for e in ProgrammeEntry.objects.all()}
    existing = {("profile", t.language, ""): t for t in ClinicProfileTranslation.objects.all()}
    for t in ProgrammeEntryTranslation.objects.select_related("source"):
        existing[("entry", t.language, t.source.slug)] = t
    for source_path, record in items:
        is_profile = record["kind"] == "profile"
        model = ClinicProfileTranslation if is_profile else ProgrammeEntryTranslation
        source = profile if is_profile else entries[record["slug"]]
        words = PROFILE_WORDS if is_profile else (*ENTRY_WORDS, "price_labels")

        def apply(item, record, source_path, source=source, words=words):
            item.source, item.language = source, record["language"]
            for name in words:
                setattr(item, name, record[name])
            item.source_hash = record["source_hash"]
            item.source_snapshot = snapshot_of(item, record["source_hash"])
            item.source_path = source_path
            item.synced_hash = record_hash(record)
            item.save()

        name = "profile" if is_profile else f"entry {record['slug']}"
        sync_item(
            model, existing.get((record["kind"], record["language"], record.get("slug", ""))),
            record, source_path, apply, translation_record, report,
            f"translation {record['language']} clinic {name}", force,
        )  # fmt: skip


def export_clinic_translations(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    files: dict[str, list[dict]] = {}
    for t in ClinicProfileTranslation.objects.all():
        files.setdefault(f"{t.language}/{PROFILE_FILE}", []).append(translation_record(t))
    for t in ProgrammeEntryTranslation.objects.select_related("source"):
        files.setdefault(f"{t.language}/{PROGRAMME_FILE}", []).append(translation_record(t))
    for relative, records in files.items():
        language = relative.split("/")[0]
        if relative.endswith("profile.yaml"):
            data = {"source_hash": records[0]["source_hash"]} | {
                name: records[0][name] for name in PROFILE_WORDS
            }
        else:
            data = {
                "entries": [
                    {"slug": r["slug"], "source_hash": r["source_hash"]}
                    | {name: r[name] for name in (*ENTRY_WORDS, "price_labels")}
                    for r in records
                ]
            }

        def same(text, relative=relative, records=records, language=language):
            parsed = (
                [parse_profile_translation(text, relative)]
                if relative.endswith("profile.yaml")
                else parse_programme_translation(text, relative)
            )
            found = [
                {k: v for k, v in r.items() if k != "line"} | {"language": language}
                for r in parsed
                if r
            ]
            return sorted(map(repr, found)) == sorted(map(repr, records))

        if write_if_changed(root / relative, dump_yaml(data), same):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


CLINIC_TRANSLATIONS_SOURCE = ContentSource(
    "clinic translations",
    read_clinic_translations,
    sync_clinic_translations,
    export=export_clinic_translations,
)


def stamp_files(root: Path) -> list[str]:
    """Fills a missing ``source_hash`` in the clinic's translation files from the English
    files as they are now (a profile translation gets it at the top)."""
    changed = []
    try:
        items = read_clinic(root)
    except ContentErrors:
        return changed
    words = ProgrammeEntryTranslation.SOURCE_FIELDS
    hashes = {
        item["entry"]["slug"]: source_hash_of(item["entry"], words)
        for _, item in items
        if "entry" in item
    }
    profile = next((item["profile"] for _, item in items if "profile" in item), None)
    for _, folder in language_roots(root):
        path = folder / PROGRAMME_FILE
        if path.exists():
            text = path.read_text(encoding="utf-8")
            stamped = stamp_source_hash(text, "slug", hashes)
            if stamped != text:
                path.write_text(stamped, encoding="utf-8")
                changed.append(path.relative_to(root).as_posix())
        path = folder / PROFILE_FILE
        if profile and path.exists():
            text = path.read_text(encoding="utf-8")
            if not any(line.startswith("source_hash:") for line in text.splitlines()):
                fingerprint = source_hash_of(profile, ClinicProfileTranslation.SOURCE_FIELDS)
                path.write_text(f"source_hash: {fingerprint}\n{text}", encoding="utf-8")
                changed.append(path.relative_to(root).as_posix())
    return changed
