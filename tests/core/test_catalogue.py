"""The interface's message catalogues: complete, and compiled for `make serve`."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def entries(po: Path) -> list[dict]:
    """Every entry of a .po file but its header: msgctxt, msgid, msgid_plural, msgstr or
    msgstr[n] as fields, and "flags"."""
    found, current, field = [], {"flags": ""}, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                found.append(current)
            current, field = {"flags": ""}, None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            current[field] = ast.literal_eval(value)
    return found


def test_there_is_a_korean_catalogue():
    assert LOCALE / "ko" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_every_interface_string_is_translated_and_none_is_fuzzy(po):
    untranslated = [
        entry["msgid"]
        for entry in entries(po)
        if not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    fuzzy = [entry["msgid"] for entry in entries(po) if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_the_compiled_catalogue_holds_every_translation(po):
    """The committed .mo is what the site reads: it must carry what the .po says (CI also
    compiles the .po again and compares the bytes)."""
    with po.with_suffix(".mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in entries(po):
        msgid = entry["msgid"]
        if not all(value for key, value in entry.items() if key.startswith("msgstr")):
            continue  # reported by the test above
        if "msgid_plural" in entry:
            assert compiled.ngettext(msgid, entry["msgid_plural"], 1) == entry["msgstr[0]"]
        elif "msgctxt" in entry:
            assert compiled.pgettext(entry["msgctxt"], msgid) == entry["msgstr"]
        else:
            assert compiled.gettext(msgid) == entry["msgstr"]
