"""Reading content files: safe YAML with line numbers, and a checker that lists every problem.

A content file is trusted only as far as its shape. Loading refuses what a hand-written content
file never needs and what could hurt the server: YAML anchors and aliases (a few lines of
nested aliases, the "billion laughs", expand to gigabytes), mapping keys that are not text,
dates that do not exist, and files too large to be content. The checker then checks each
value's type; the model's own validation (``check_model``), the same one the admin runs,
decides whether a value is acceptable.
"""

import datetime
import re
from pathlib import Path

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.dateparse import parse_date, parse_datetime

# A content file is a page or a list of short entries; anything much larger is a mistake.
MAX_FILE_BYTES = 1_000_000


class ContentError(Exception):
    """A problem in a content file, with where it is and what to do in plain words."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


class ContentErrors(Exception):
    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


# libyaml's parser when PyYAML was built with it (the wheels are), else the pure-Python one.
BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(BASE_LOADER):
    """PyYAML's safe loader, turning values Python cannot hold into marked YAML errors."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date", node.start_mark
            ) from None

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        for key_node, _ in node.value:
            key = self.construct_object(key_node)  # already built: this returns it
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"field names must be text, not {key!r}", key_node.start_mark
                )
        return mapping


ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", ContentLoader.construct_yaml_timestamp)


def refuse_anchors(text: str, path: str, first_line: int) -> None:
    """Anchors (&name) and aliases (*name) are refused before anything is built from them."""
    for event in yaml.parse(text, Loader=BASE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentError(
                path,
                first_line + event.start_mark.line,
                "YAML anchors and aliases (& and *) are not allowed in content files; "
                "write the value out in full",
            )


def load_yaml(text: str, path: str, first_line: int = 1):
    """Parses YAML and returns (data, node); the node gives line numbers for messages."""
    if len(text) > MAX_FILE_BYTES:
        raise ContentError(path, 0, f"the file is larger than {MAX_FILE_BYTES:,} characters")
    try:
        refuse_anchors(text, path, first_line)
        loader = ContentLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentError(path, line, f"this is not valid YAML: {problem}") from None
    except RecursionError:
        raise ContentError(path, first_line, "the YAML is nested too deeply") from None
    return data, node


def dump_yaml(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def line_of(node, *keys, first_line: int = 1) -> int:
    """The line of a nested key (mapping keys or list indexes) in a composed YAML node."""
    line = node.start_mark.line if node is not None else 0
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == key), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return first_line + line


def key_line(text: str, key: str) -> int:
    """The line of a top-level ``key:`` in a file, for messages about its value."""
    match = re.search(rf"^{re.escape(key)}:", text, flags=re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def read_text(path: Path, relative: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(relative, 0, f"the file is not UTF-8 text ({error.reason})") from None


class Checker:
    """Collects the errors of one file, each with the line of the offending key. It checks the
    shape of the file (required keys, types, dates); what a value may be is the model's rule,
    run by ``check_model``."""

    def __init__(self, path: str, node, first_line: int = 1):
        self.path, self.node, self.first_line = path, node, first_line
        self.errors: list[ContentError] = []
        self.flagged: set[tuple] = set()

    def error(self, message: str, *keys) -> None:
        self.flagged.add(keys)
        self.errors.append(
            ContentError(self.path, line_of(self.node, *keys, first_line=self.first_line), message)
        )

    def flagged_under(self, *where) -> set[str]:
        """The names of the fields directly under ``where`` that already have a problem."""
        depth = len(where)
        return {keys[depth] for keys in self.flagged if len(keys) > depth and keys[:depth] == where}

    def text(self, data: dict, name: str, *where, required=True) -> str:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(f"'{name}' is required and must not be empty", *where, name)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(f"'{name}' must be text", *where, name)
            return ""
        return str(value).strip()

    def whole_number(self, data: dict, name: str, *where):
        value = data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.error(f"'{name}' must be a whole number, 0 or more", *where, name)
            return 0
        return value

    def date(self, data: dict, name: str, *where, with_time=False):
        value = data.get(name)
        if value in (None, ""):
            return None
        parsed = None
        try:
            if with_time:
                if isinstance(value, datetime.datetime):
                    parsed = value
                elif isinstance(value, datetime.date):
                    parsed = datetime.datetime.combine(value, datetime.time(), datetime.UTC)
                elif isinstance(value, str):
                    parsed = parse_datetime(value)
                if parsed is not None:
                    # Stored and compared in UTC, so a file and the database agree on the value.
                    parsed = (
                        parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)
                    ).astimezone(datetime.UTC)
            elif isinstance(value, datetime.datetime):
                parsed = value.date()
            elif isinstance(value, datetime.date):
                parsed = value
            elif isinstance(value, str):
                parsed = parse_date(value)
        except (ValueError, OverflowError):
            parsed = None
        if parsed is None:
            shape = "YYYY-MM-DD or an ISO date-time" if with_time else "YYYY-MM-DD"
            self.error(f"'{name}' must be a date written {shape}, not {value!r}", *where, name)
        return parsed


def check_model(check: Checker, instance, *where) -> None:
    """Runs the model's own validation, the one every admin form runs, on the values a file is
    about to save, and lists each failure with the line of its key. Fields the file does not
    set, and fields the checker already found wrong, are left out."""
    set_by_file = getattr(instance, "_set_by_file", None)
    exclude = {
        field.name
        for field in instance._meta.fields
        if set_by_file is not None and field.name not in set_by_file
    } | check.flagged_under(*where)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                if name == NON_FIELD_ERRORS:
                    check.error(message, *where)
                else:
                    check.error(f"'{name}': {message}", *where, name)


def instance_from(model, record: dict, **extra):
    """An unsaved model instance holding a record's values, for ``check_model``."""
    names = {field.name for field in model._meta.fields}
    values = {name: value for name, value in record.items() if name in names}
    instance = model(**values, **extra)
    instance._set_by_file = set(values)
    return instance
