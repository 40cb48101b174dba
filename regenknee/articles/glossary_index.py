"""The glossary's index: every letter of the page's alphabet, each with the terms filed under it.

English files a term under its first letter, A to Z. Korean files it under the first consonant
(초성) of its first syllable, in 가나다 order, with the double consonants under their single
ones as Korean dictionaries do (ㄲ with ㄱ, ㅆ with ㅅ). Terms that start with a Latin letter
(MRI, WOMAC, or an English term not yet translated) follow under "A–Z" on a Korean page; terms
that start with a digit or anything else go under "0–9" or "#". Every letter is listed, so the
reader sees the whole alphabet; the page links only the letters that have terms.
"""

import string
import unicodedata
from dataclasses import dataclass, field

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
SYLLABLES_PER_INITIAL = 21 * 28
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
SINGLE = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
KOREAN_LETTERS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
LATIN = "A–Z"
DIGITS = "0–9"
OTHER = "#"


@dataclass
class Letter:
    label: str
    anchor: str
    terms: list = field(default_factory=list)


def initial_of(text: str, language: str) -> str:
    """The index letter ``text`` is filed under on a page in ``language``."""
    first = unicodedata.normalize("NFC", text.strip()[:1]) or " "
    code = ord(first)
    if HANGUL_FIRST <= code <= HANGUL_LAST:
        initial = INITIALS[(code - HANGUL_FIRST) // SYLLABLES_PER_INITIAL]
        return SINGLE.get(initial, initial)
    if first in KOREAN_LETTERS or first in SINGLE:
        return SINGLE.get(first, first)
    latin = unicodedata.normalize("NFKD", first)[:1].upper()
    if latin in string.ascii_uppercase:
        return LATIN if language == "ko" else latin
    if first.isdigit():
        return DIGITS
    return OTHER


def alphabet(language: str) -> list[str]:
    if language == "ko":
        return [*KOREAN_LETTERS, LATIN]
    return list(string.ascii_uppercase)


def glossary_index(terms, language: str) -> list[Letter]:
    """The page's letters in order, each with its terms sorted by name. ``terms`` have ``term``
    (the name shown). A digit or "#" group appears only when a term needs it."""
    letters = {label: Letter(label, anchor_of(label)) for label in alphabet(language)}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        label = initial_of(term.term, language)
        if label not in letters:
            letters[label] = Letter(label, anchor_of(label))
        letters[label].terms.append(term)
    return list(letters.values())


def anchor_of(label: str) -> str:
    names = {LATIN: "latin", DIGITS: "digits", OTHER: "other"}
    return "letter-" + names.get(label, label.lower())
