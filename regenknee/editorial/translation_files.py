"""Pieces shared by the content apps' translation files (``content/<lang>/…``).

Every translation file names the English item it translates and the fingerprint of the English
text it was made from (``source_hash``). ``stamp_source_hash`` fills in a missing fingerprint
without touching anything else in a translator's file, for files written before fingerprints
existed; it never replaces one, since that would claim a translation follows a newer original.
"""

import re
from pathlib import Path

from django.conf import settings

from .translation import fields_hash

# Functions of the content folder that stamp their translation files (``stamp_translations``);
# each content app adds its own in ``AppConfig.ready``.
STAMPERS: list = []


def register_stamper(stamp) -> None:
    if stamp not in STAMPERS:
        STAMPERS.append(stamp)


def translation_languages() -> list[str]:
    """Every language of the site except the default one (whose content is the source)."""
    default = settings.LANGUAGE_CODE.lower().split("-")[0]
    return [code for code, _ in settings.LANGUAGES if code.lower().split("-")[0] != default]


def language_roots(root: Path) -> list[tuple[str, Path]]:
    """(language, folder) for each site language with a ``content/<lang>/`` folder."""
    return [(code, root / code) for code in translation_languages() if (root / code).is_dir()]


def source_hash_of(record: dict, fields: tuple[str, ...]) -> str:
    """The fingerprint of an English record's translatable fields (as read from its file)."""
    return fields_hash({name: record[name] for name in fields})


def stamp_source_hash(text: str, anchor: str, fingerprints: dict[str, str]) -> str:
    """Adds ``source_hash: <fingerprint>`` under each ``<anchor>: <value>`` line (a key that
    names the English item: ``translation_of``, ``slug`` or ``key``, at any indentation, as a
    mapping or a list item) whose item has none yet. ``fingerprints`` maps the English item's
    name to its fingerprint."""
    lines = text.split("\n")
    out = []
    pattern = re.compile(rf"^(\s*)(- )?{re.escape(anchor)}:\s*['\"]?([\w.-]+)['\"]?\s*$")
    for index, line in enumerate(lines):
        out.append(line)
        match = pattern.match(line)
        if not match or match.group(3) not in fingerprints:
            continue
        indent = match.group(1) + ("  " if match.group(2) else "")
        if _item_has_source_hash(lines, index + 1, indent):
            continue
        out.append(f"{indent}source_hash: {fingerprints[match.group(3)]}")
    return "\n".join(out)


def _item_has_source_hash(lines: list[str], start: int, indent: str) -> bool:
    """Whether the mapping the anchor line starts already has a ``source_hash`` key: its keys
    are the following lines at the same indentation, until a line with less (the next list
    item or the end of the mapping) or the end of the front matter."""
    for line in lines[start:]:
        if not line.strip():
            continue
        if line.strip() == "---" or not line.startswith(indent):
            return False
        if line[len(indent) :].startswith("source_hash:"):
            return True
    return False
