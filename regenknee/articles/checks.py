"""Content checks run when staff save an article or a revision.

Blocking problems stop the save (links and images by the body field, citations by the
reference list); warnings are shown after the save. Each check runs where its inputs are:
the form has the body, the reference formset has the keys.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve

from .rendering import citation_keys

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
    """Every check, as the approval page runs them."""
    return [
        *check_links_and_images(body, article_slugs, glossary_slugs),
        *check_citations(body, reference_keys),
        *check_reading_grade(body),
    ]


def check_links_and_images(
    body: str, article_slugs: set[str], glossary_slugs: set[str]
) -> list[Finding]:
    targets = [m.group(3) for m in INLINE_LINK.finditer(body)] + REFERENCE_LINK.findall(body)
    findings = [f for target in targets for f in check_link(target, article_slugs, glossary_slugs)]
    if IMAGE_NO_ALT.search(body):
        findings.append(
            Finding(
                True,
                "An image has no alt text. Describe it inside the brackets, like "
                "![what it shows](/path).",
            )
        )
    return findings


def check_citations(body: str, reference_keys: set[str]) -> list[Finding]:
    missing = sorted(set(citation_keys(body)) - set(reference_keys))
    if not missing:
        return []
    return [
        Finding(
            True,
            "The text cites "
            + ", ".join(f"[@{key}]" for key in missing)
            + " but the reference list has no such key. Add the reference or fix the key.",
        )
    ]


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

    stats = prose_stats(body)
    grade = stats.grade
    if stats.words and grade > MAX_GRADE:
        return [
            Finding(
                False,
                f"The reading grade is {grade}; aim for 9 or lower (shorter sentences and "
                "everyday words help).",
            )
        ]
    return []
