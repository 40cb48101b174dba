"""Content checks run when staff save an article or a revision.

Blocking problems stop the save with a message by the body field; warnings are shown after
the save. The rules live here once; the admin forms only call ``check_article_text``.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve

from .rendering import CITATION_PATTERN, CITATION_SEPARATOR, render_markdown

MAX_GRADE = 10
# [text](target) and ![alt](target); reference-style definitions: [id]: target
INLINE_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]^]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.MULTILINE)
IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")


@dataclass(frozen=True)
class Finding:
    blocking: bool
    message: str


def check_article_text(
    body: str,
    reference_keys: set[str],
    article_slugs: set[str],
    glossary_slugs: set[str],
) -> list[Finding]:
    findings = []
    targets = [m.group(3) for m in INLINE_LINK.finditer(body)] + REFERENCE_LINK.findall(body)
    for target in targets:
        findings.extend(check_link(target, article_slugs, glossary_slugs))
    if IMAGE_NO_ALT.search(body):
        findings.append(
            Finding(
                True,
                "An image has no alt text. Describe it inside the brackets, like "
                "![what it shows](/path).",
            )
        )
    cited = {
        key
        for match in re.finditer(CITATION_PATTERN, body)
        for key in CITATION_SEPARATOR.split(match.group(1))
    }
    missing = sorted(cited - reference_keys)
    if missing:
        findings.append(
            Finding(
                True,
                "The text cites "
                + ", ".join(f"[@{key}]" for key in missing)
                + " but the reference list has no such key. Add the reference or fix the key.",
            )
        )
    findings.extend(check_reading_grade(body))
    return findings


def check_link(target: str, article_slugs: set[str], glossary_slugs: set[str]) -> list[Finding]:
    if not target.startswith("/") or target.startswith("//"):
        return []  # external links are checked for safety by the renderer, not for existence
    path, _, fragment = target.partition("#")
    if path.startswith(settings.STATIC_URL):
        if not finders.find(path.removeprefix(settings.STATIC_URL)):
            return [Finding(True, f"The file {target} does not exist on this site.")]
        return []
    if path.startswith("/articles/"):
        slug = path.removeprefix("/articles/").strip("/")
        if slug not in article_slugs:
            return [Finding(True, f"The link {target} points to an article that does not exist.")]
        return []
    if path == "/glossary/" and fragment and fragment not in glossary_slugs:
        return [
            Finding(
                False,
                f"The glossary has no term '{fragment}' yet ({target}). Add it to the glossary.",
            )
        ]
    try:
        resolve(urlsplit(path).path or "/")
    except Resolver404:
        return [Finding(True, f"The link {target} points to a page that does not exist.")]
    return []


def check_reading_grade(body: str) -> list[Finding]:
    from .readability import prose_stats

    if not render_markdown(body).word_count:
        return []
    grade = prose_stats(body).grade
    if grade > MAX_GRADE:
        return [
            Finding(
                False,
                f"The reading grade is {grade}; aim for 9 or lower (shorter sentences and "
                "everyday words help).",
            )
        ]
    return []
