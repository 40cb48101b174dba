"""Turning text into search tokens, and a patient's query into search terms.

Words in Latin script are lower-cased whole words. Korean (and Chinese and Japanese) writes no
space between a word and its particle (연골은, 연골이, 연골을), so a whole-"word" match cannot find
연골 in 연골은. Runs of Hangul or CJK characters are therefore indexed as overlapping
two-character pieces (bigrams: 관절연골 → 관절 절연 연골), which every search engine for these
languages uses in some form, and a query word is matched by all of its bigrams. On the query
side a common particle at the end of a Korean word is dropped first, so 연골은 searches for 연골
and finds 연골이 too. The same tokens go to SQLite and PostgreSQL, so both back ends find the
same things.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200  # characters of a query that are used; the page says so
MAX_TERMS = 12  # tokens of a query that are searched for

WORD = re.compile(r"[^\W_]+")
# Hangul syllables and jamo, CJK ideographs, kana: scripts written without spaces between words.
CJK = re.compile(
    r"([\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff]+)"
)
# Particles (조사) that follow a noun, longest first; dropped from the end of a query word only
# when at least two syllables remain, so 이 in 관절이 goes and 무릎이 keeps 무릎.
PARTICLES = (
    "에서는", "으로는", "에게서", "까지는", "이라는",
    "에서", "으로", "에게", "까지", "부터", "보다", "처럼", "이나", "이란", "라는", "에는", "와는",
    "과는", "하고", "이다", "입니다",
    "은", "는", "이", "가", "을", "를", "에", "의", "도", "로", "와", "과", "만", "나",
)  # fmt: skip


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as it will be searched for, and whether it was cut short. Control characters
    (NUL among them) and unpaired surrogates are dropped, whitespace is collapsed."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in raw
        if unicodedata.category(ch) not in {"Cc", "Cs", "Cf", "Co", "Cn"} or ch.isspace()
    )
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Every token of a text, in order: Latin-script words whole, CJK runs as bigrams."""
    found = []
    for word in WORD.findall(normalise(text)):
        for index, part in enumerate(CJK.split(word)):
            if part:
                found.extend(bigrams(part) if index % 2 else [part])
    return found


def token_text(text: str) -> str:
    """The tokenised column: tokens separated by spaces, with a space at each end so that a
    plain LIKE '% token%' can match a token's start."""
    return " " + " ".join(tokens(text)) + " "


@dataclass(frozen=True)
class Term:
    """One thing every result must contain: a token, or the start of one (``prefix``)."""

    token: str
    prefix: bool


def strip_particle(word: str) -> str:
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def query_terms(query: str) -> list[Term]:
    """The terms a query asks for. Latin-script words match as the start of a word ("cartilag"
    finds "cartilage"); a Korean word matches by its bigrams after its particle is dropped; a
    single Hangul syllable matches the start of a bigram."""
    terms: list[Term] = []
    for word in WORD.findall(normalise(query)):
        for index, part in enumerate(CJK.split(word)):
            if not part:
                continue
            if index % 2 == 0:
                terms.append(Term(part, prefix=True))
            else:
                part = strip_particle(part)
                if len(part) == 1:
                    terms.append(Term(part, prefix=True))
                else:
                    terms.extend(Term(piece, prefix=False) for piece in bigrams(part))
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS]


def highlight_words(query: str) -> list[str]:
    """What to mark in an extract: the query's words as typed (normalised), Korean words
    without their particle."""
    words = []
    for word in WORD.findall(normalise(query)):
        words.append(strip_particle(word) if CJK.fullmatch(word) else word)
    return sorted(dict.fromkeys(w for w in words if w), key=len, reverse=True)[:MAX_TERMS]
