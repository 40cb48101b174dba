"""Reading and writing ``content/checklist/*.yaml`` under the same never-lose-an-edit rule as
articles, through the sync engine (regenknee.sync). Values are checked by the models' own
validation, the same the admin runs.
"""

from pathlib import Path

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
    check_model,
    dump_yaml,
    instance_from,
    load_yaml,
)

from .answers import ANSWER_FIELDS
from .builder import HIGHEST_PRIORITY, LOWEST_PRIORITY
from .models import Question, QuestionGroup, RedFlag

RED_FLAGS_FILE = "red-flags.yaml"
GROUP_FIELDS = ("title", "slug", "position", "intro", "questions")
QUESTION_FIELDS = (
    "key", "priority", "text", "why", "clear_answer", "vague_answer", "applies_when", "source",
    "source_url",
)  # fmt: skip
RED_FLAG_FIELDS = ("key", "sign", "why", "source", "source_url")


def check_priority(check: Checker, item: dict, *where) -> int:
    priority = item.get("priority")
    if (
        not isinstance(priority, int)
        or isinstance(priority, bool)
        or not (HIGHEST_PRIORITY <= priority <= LOWEST_PRIORITY)
    ):
        check.error(
            f"'priority' must be a whole number from {HIGHEST_PRIORITY} (ask first) "
            f"to {LOWEST_PRIORITY} (only if there is time)",
            *where,
            "priority",
        )
    return priority


def applies_when_rule(value) -> dict:
    """The file may give one value without a list; stored rules always hold lists, in the
    form's order. Whether the answers exist is the model's rule (see answers.py)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        return value  # the model's validation explains what is expected
    rule = {}
    for name, values in value.items():
        values = values if isinstance(values, list) else [values]
        known = ANSWER_FIELDS.get(name, ())
        rule[name] = [v for v in known if v in values] + [v for v in values if v not in known]
    return rule


def parse_group(text: str, path: str) -> dict:
    data, node = load_yaml(text, path)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, 1, "a question group must be a set of fields")])
    check = Checker(path, node)
    for name in sorted(set(data) - set(GROUP_FIELDS)):
        check.error(f"unknown field '{name}' (allowed: {', '.join(GROUP_FIELDS)})", name)
    position = check.whole_number(data, "position")
    questions, keys = [], set()
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        check.error("'questions' must be a list with at least one question", "questions")
        raw_questions = []
    for index, item in enumerate(raw_questions):
        where = ("questions", index)
        if not isinstance(item, dict):
            check.error(f"question {index + 1} must be a set of fields", *where)
            continue
        for name in sorted(set(item) - set(QUESTION_FIELDS)):
            check.error(f"unknown question field '{name}'", *where, name)
        key = check.text(item, "key", *where)
        if key in keys:
            check.error(f"the question key '{key}' is used twice", *where, "key")
        keys.add(key)
        questions.append(
            {
                "key": key,
                "priority": check_priority(check, item, *where),
                "text": check.text(item, "text", *where),
                "why": check.text(item, "why", *where),
                "clear_answer": check.text(item, "clear_answer", *where),
                "vague_answer": check.text(item, "vague_answer", *where),
                "applies_when": applies_when_rule(item.get("applies_when")),
                "source": check.text(item, "source", *where),
                "source_url": check.text(item, "source_url", *where, required=False),
            }
        )
        check_model(check, instance_from(Question, questions[-1], position=index), *where)
    record = {
        "title": check.text(data, "title"),
        "slug": check.text(data, "slug"),
        "position": position,
        "intro": " ".join(check.text(data, "intro", required=False).split()),
        "questions": questions,
    }
    check_model(check, instance_from(QuestionGroup, record))
    if check.errors:
        raise ContentErrors(check.errors)
    return record


def parse_red_flags(text: str, path: str) -> list[dict]:
    data, node = load_yaml(text, path)
    check = Checker(path, node)
    if not isinstance(data, dict) or not isinstance(data.get("red_flags"), list):
        raise ContentErrors([ContentError(path, 1, "the file must hold a list called red_flags")])
    flags, keys = [], set()
    for index, item in enumerate(data["red_flags"]):
        where = ("red_flags", index)
        if not isinstance(item, dict):
            check.error(f"red flag {index + 1} must be a set of fields", *where)
            continue
        for name in sorted(set(item) - set(RED_FLAG_FIELDS)):
            check.error(f"unknown red flag field '{name}'", *where, name)
        key = check.text(item, "key", *where)
        if key in keys:
            check.error(f"the red flag key '{key}' is used twice", *where, "key")
        keys.add(key)
        flags.append(
            {
                "key": key,
                "position": index,
                "sign": check.text(item, "sign", *where),
                "why": check.text(item, "why", *where),
                "source": check.text(item, "source", *where),
                "source_url": check.text(item, "source_url", *where, required=False),
            }
        )
        check_model(check, instance_from(RedFlag, flags[-1]), *where)
    if check.errors:
        raise ContentErrors(check.errors)
    return flags


def read_checklist(root: Path) -> list[tuple[str, dict]]:
    paths = sorted((root / "checklist").glob("*.yaml"))
    flag_files, errors = parse_each(
        [p for p in paths if p.name == RED_FLAGS_FILE], root, parse_red_flags
    )
    groups, group_errors = parse_each(
        [p for p in paths if p.name != RED_FLAGS_FILE], root, parse_group
    )
    errors += group_errors + duplicate_slug_errors(groups)
    question_keys = {}
    for relative, _, record in groups:
        for question in record["questions"]:
            if question["key"] in question_keys:
                errors.append(
                    ContentError(
                        relative,
                        0,
                        f"the question key '{question['key']}' is also used in "
                        f"{question_keys[question['key']]}",
                    )
                )
            question_keys.setdefault(question["key"], relative)
    if errors:
        raise ContentErrors(errors)
    return [
        (relative, {"red_flag": flag}) for relative, _, flags in flag_files for flag in flags
    ] + [(relative, {"group": record}) for relative, _, record in groups]


def group_record(group: QuestionGroup) -> dict:
    return {
        "title": group.title,
        "slug": group.slug,
        "position": group.position,
        "intro": " ".join(group.intro.split()),
        "questions": [
            {
                "key": q.key,
                "priority": q.priority,
                "text": q.text,
                "why": q.why,
                "clear_answer": q.clear_answer,
                "vague_answer": q.vague_answer,
                "applies_when": {
                    name: [v for v in ANSWER_FIELDS.get(name, ()) if v in values]
                    for name, values in (q.applies_when or {}).items()
                },
                "source": q.source,
                "source_url": q.source_url,
            }
            for q in group.questions.all()
        ],
    }


def apply_group(group: QuestionGroup, record: dict, source_path: str) -> None:
    for name in ("title", "slug", "position", "intro"):
        setattr(group, name, record[name])
    group.source_path = source_path
    group.synced_hash = record_hash(record)
    group.save()
    keys = [q["key"] for q in record["questions"]]
    # Questions are updated in place by key, so each keeps its own history.
    group.questions.exclude(key__in=keys).delete()
    for position, fields in enumerate(record["questions"]):
        question = Question.objects.filter(key=fields["key"]).first() or Question(key=fields["key"])
        for name, value in fields.items():
            setattr(question, name, value)
        question.group, question.position = group, position
        question.save()


def red_flag_record(flag: RedFlag) -> dict:
    return {
        "key": flag.key,
        "position": flag.position,
        "sign": flag.sign,
        "why": flag.why,
        "source": flag.source,
        "source_url": flag.source_url,
    }


def apply_red_flag(flag: RedFlag, record: dict, source_path: str) -> None:
    for name, value in record.items():
        setattr(flag, name, value)
    flag.source_path = source_path
    flag.synced_hash = record_hash(record)
    flag.save()


def sync_checklist_records(items, report, force):
    groups = {g.slug: g for g in QuestionGroup.objects.prefetch_related("questions")}
    flags = {f.key: f for f in RedFlag.objects.all()}
    for source_path, item in items:
        if "group" in item:
            record = item["group"]
            sync_item(
                QuestionGroup, groups.get(record["slug"]), record, source_path, apply_group,
                group_record, report, f"question group {record['slug']}", force,
            )  # fmt: skip
        else:
            record = item["red_flag"]
            sync_item(
                RedFlag, flags.get(record["key"]), record, source_path, apply_red_flag,
                red_flag_record, report, f"red flag {record['key']}", force,
            )  # fmt: skip


def export_checklist(root: Path) -> tuple[int, int]:
    written = unchanged = 0
    for group in QuestionGroup.objects.prefetch_related("questions"):
        record = group_record(group)
        relative = group.source_path or f"checklist/{group.position:02d}-{group.slug}.yaml"

        def same(text, record=record, relative=relative):
            return parse_group(text, relative) == record

        data = {k: record[k] for k in GROUP_FIELDS}
        if write_if_changed(root / relative, dump_yaml(data), same):
            written += 1
        else:
            unchanged += 1
    flags = [red_flag_record(flag) for flag in RedFlag.objects.all()]
    if flags:
        path = root / "checklist" / RED_FLAGS_FILE

        def same_flags(text):
            return parse_red_flags(text, RED_FLAGS_FILE) == flags

        data = {"red_flags": [{k: f[k] for k in RED_FLAG_FIELDS} for f in flags]}
        if write_if_changed(path, dump_yaml(data), same_flags):
            written += 1
        else:
            unchanged += 1
    return written, unchanged


CHECKLIST_SOURCE = ContentSource(
    "checklist", read_checklist, sync_checklist_records, export=export_checklist
)
