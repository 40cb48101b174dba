"""Word count and reading grade of an article's prose.

The grade is the Flesch-Kincaid grade of the article's paragraphs and list items: headings,
tables, code, citation markers and link targets are left out, because a patient reads the
sentences, not the syntax. textstat is pinned at 0.7.3, which counts syllables with pyphen and so
works offline (later releases download a pronunciation dictionary at run time).

This module needs no Django, so writers can run it on a file:
``python -m regenknee.articles.readability content/articles/*.md``.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

CITATION = re.compile(r"\[@[\w.-]+(?:\s*;\s*@[\w.-]+)*\]")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
EMPHASIS = re.compile(r"[*_`]+")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TERMINAL = (".", "!", "?", ":")


@dataclass(frozen=True)
class ProseStats:
    words: int
    grade: float


def prose_blocks(markdown_body: str) -> list[str]:
    """The paragraphs and list items of a Markdown body, as plain sentences."""
    blocks: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush():
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown_body.splitlines():
        line = raw.strip()
        if line.startswith("```") or line.startswith("~~~"):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if not line or line.startswith(("#", "|", "<!--", "---", "[^")):
            flush()
            continue
        if LIST_MARKER.match(raw):
            flush()
            line = LIST_MARKER.sub("", raw).strip()
        if line.startswith(">"):
            line = line.lstrip("> ").strip()
        current.append(line)
    flush()

    sentences = []
    for block in blocks:
        text = CITATION.sub("", block)
        text = FOOTNOTE_REF.sub("", text)
        text = LINK.sub(r"\1", text)
        text = EMPHASIS.sub("", text)
        text = re.sub(r"\s+", " ", text).strip()
        if not text:
            continue
        if not text.endswith(TERMINAL):
            text += "."
        sentences.append(text)
    return sentences


def count_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", text))


def prose_stats(markdown_body: str) -> ProseStats:
    import textstat  # imported when needed: only the admin's content check and tests use it

    prose = " ".join(prose_blocks(markdown_body))
    return ProseStats(
        words=count_words(prose), grade=round(textstat.flesch_kincaid_grade(prose), 1)
    )


# --- Korean ----------------------------------------------------------------------------------
# Flesch-Kincaid does not apply to Korean. What can be measured honestly: the length of
# sentences in 어절 (the space-separated units Korean is written in), the share of 어절 written
# with Hanja or Latin letters (each is a word a patient may not read easily), and how many of
# the article's glossary terms are linked (measured by the caller, from the rendered HTML).
EOJEOL = re.compile(r"\S*[^\W_]\S*")
HANJA = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def count_eojeol(text: str) -> int:
    return len(EOJEOL.findall(text))


@dataclass(frozen=True)
class KoreanStats:
    eojeol: int
    sentences: int
    mean_sentence: float  # 어절 per sentence
    longest_sentence: int
    hanja_share: float  # share of 어절 with a Hanja character, in per cent
    latin_share: float  # share of 어절 with a Latin letter (English words, abbreviations)


def korean_stats(markdown_body: str) -> KoreanStats:
    sentences = [
        sentence
        for block in prose_blocks(markdown_body)
        for sentence in SENTENCE_END.split(block)
        if count_eojeol(sentence)
    ]
    words = [word for sentence in sentences for word in EOJEOL.findall(sentence)]
    lengths = [count_eojeol(sentence) for sentence in sentences] or [0]
    total = len(words) or 1
    return KoreanStats(
        eojeol=len(words),
        sentences=len(sentences),
        mean_sentence=round(len(words) / (len(sentences) or 1), 1),
        longest_sentence=max(lengths),
        hanja_share=round(100 * sum(bool(HANJA.search(w)) for w in words) / total, 1),
        latin_share=round(100 * sum(bool(LATIN.search(w)) for w in words) / total, 1),
    )


def body_of(text: str) -> str:
    """The Markdown after a leading ``---`` YAML front matter block, if there is one."""
    match = re.match(r"\A---\n.*?\n---\n", text, flags=re.DOTALL)
    return text[match.end() :] if match else text


if __name__ == "__main__":
    for file_path in sys.argv[1:]:
        stats = prose_stats(body_of(Path(file_path).read_text(encoding="utf-8")))
        print(f"{file_path}: {stats.words} words, grade {stats.grade}")
