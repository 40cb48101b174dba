"""Markdown to safe HTML: the only module that imports ``markdown`` and ``bleach``.

Articles are rendered once, when they are saved, and the result is stored. Rendering is a pure
function of the Markdown and the glossary, so it is tested without a database.

Safety comes in two layers. Python-Markdown runs with its raw-HTML handling switched off, so
any HTML an editor types is shown as text rather than passed through. bleach then cleans the
output against set-based allowlists, keeps only http, https and mailto links or in-site paths,
and marks external links ``rel="noopener noreferrer"``.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.html5lib_shim import Filter
from django.utils import translation
from django.utils.translation import gettext
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.toc import slugify, slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .readability import count_eojeol, count_words, prose_blocks

WORDS_PER_MINUTE = 200

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h2", "h3",
        "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup",
        "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Classes only ever come from this module's own extensions (raw HTML is off), but the
# allowlist keeps a stray class from reaching the page.
ALLOWED_CLASSES = frozenset(
    {
        "citation", "diagram-slot", "footnote", "footnote-backref", "footnote-ref",
        "glossary-term", "table-hint", "table-scroll", "toc",
    }
)  # fmt: skip
# The only values these attributes take: they come from TableProcessor, never from an editor.
FIXED_VALUES = {"role": frozenset({"region"}), "tabindex": frozenset({"0"})}
ATTRIBUTES_BY_TAG = {
    "a": frozenset({"href", "title", "class", "aria-label", "id"}),
    "abbr": frozenset({"title"}),
    "div": frozenset({"class", "role", "tabindex", "aria-label"}),
    "p": frozenset({"class"}),
    "img": frozenset({"src", "alt", "title"}),
    "li": frozenset({"id"}),
    "ol": frozenset({"start"}),
    "sup": frozenset({"id", "class"}),
    "td": frozenset({"align"}),
    "th": frozenset({"align"}),
    **{f"h{level}": frozenset({"id"}) for level in range(2, 7)},
}
ALIGN_VALUES = frozenset({"left", "right", "center"})
CITATION_PATTERN = r"\[@([\w.-]+(?:\s*;\s*@[\w.-]+)*)\]"
CITATION_SEPARATOR = re.compile(r"\s*;\s*@")


def citation_keys(text: str) -> list[str]:
    """Every key cited in ``[@key]`` or ``[@a; @b]`` form, in order, repeats included."""
    return [
        key
        for match in re.finditer(CITATION_PATTERN, text)
        for key in CITATION_SEPARATOR.split(match.group(1))
    ]


# Words a glossary term may be followed by and still be linked, by language. Korean writes its
# particles (조사) onto the noun: 연골은, 연골이, 연골을 are all uses of 연골, but 자가 inside
# 자가면역 or 환자가 is not a use of 자가. Longest first, so 에서는 is tried before 에.
WORD_ENDINGS = {
    "ko": tuple(
        sorted(
            {
                "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "에는", "에서는",
                "와", "과", "와는", "과는", "로", "으로", "로는", "으로는", "로서", "으로서",
                "도", "만", "까지", "부터", "보다", "처럼", "마다", "이나", "나", "이란", "란",
                "이라는", "라는", "이라고", "라고", "이며", "이고", "이다", "입니다", "이에요",
                "예요", "과도", "와도", "에도", "이라도", "이든", "든", "끼리", "조차", "밖에",
                "인", "이라", "라", "들", "들은", "들이", "들을", "들의", "들에", "들도",
            },
            key=len,
            reverse=True,
        )
    ),
}  # fmt: skip
# In-site paths that are the same in every language: not prefixed with the page's language.
UNPREFIXED_PATHS = ("/static/", "/media/", "/admin/", "/healthz", "/robots.txt", "/sitemap.xml")

# Glossary links are not placed inside these elements.
NO_GLOSSARY_LINKS = frozenset({"a", "code", "pre", "sup", "h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class GlossaryEntry:
    slug: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str
    cited_keys: tuple[str, ...]
    word_count: int

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)


def reading_minutes(word_count: int) -> int:
    return max(1, -(-word_count // WORDS_PER_MINUTE))


def is_allowed_link(value: str, *, allow_mailto: bool = True) -> bool:
    """True for http(s) and mailto links, absolute in-site paths and in-page fragments."""
    url = value.strip()
    if "\\" in url or any(ord(char) < 32 for char in url):
        return False
    parts = urlsplit(url)
    if parts.scheme:
        scheme = parts.scheme.lower()
        if scheme == "mailto":
            return allow_mailto
        return scheme in {"http", "https"} and bool(parts.netloc)
    if url.startswith("//"):
        return False
    return url.startswith("/") or url.startswith("#")


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name not in ATTRIBUTES_BY_TAG.get(tag, ()):
        return False
    if name == "href":
        return is_allowed_link(value)
    if name == "src":  # images come from this site only
        return is_allowed_link(value, allow_mailto=False) and value.strip().startswith("/")
    if name == "class":
        return set(value.split()) <= ALLOWED_CLASSES
    if name == "align":
        return value in ALIGN_VALUES
    if name == "start":
        return value.isdigit()
    if name in FIXED_VALUES:
        return value in FIXED_VALUES[name]
    return True


class ExternalLinkFilter(Filter):
    """Adds rel="noopener noreferrer" to every link that leaves the site."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attrs = token["data"]
                href = attrs.get((None, "href"), "")
                if urlsplit(href.strip()).scheme.lower() in {"http", "https"}:
                    attrs[(None, "rel")] = "noopener noreferrer"
            yield token


CLEANER = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[ExternalLinkFilter],
)


def sanitise(html: str) -> str:
    return CLEANER.clean(html)


class CitationProcessor(InlineProcessor):
    """``[@key]`` or ``[@a; @b]`` becomes numbered links to the reference list."""

    def __init__(self, pattern, md, cited_keys):
        super().__init__(pattern, md)
        self.cited_keys = cited_keys

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's API
        sup = etree.Element("sup", {"class": "citation"})
        for index, key in enumerate(CITATION_SEPARATOR.split(m.group(1))):
            if key not in self.cited_keys:
                self.cited_keys.append(key)
            number = self.cited_keys.index(key) + 1
            if index:
                sup[-1].tail = ", "
            link = etree.SubElement(
                sup, "a", {"href": f"#ref-{key}", "aria-label": f"Reference {number}"}
            )
            link.text = f"[{number}]"
        return sup, m.start(0), m.end(0)


class StructureProcessor(Treeprocessor):
    """Keeps the page's outline sound and links glossary terms on first use.

    The article title is the page's only ``h1``, so a ``#`` heading in the body becomes ``h2``.
    """

    def __init__(self, md, glossary: tuple[GlossaryEntry, ...], language: str = ""):
        super().__init__(md)
        self.slug_by_name = {}
        for entry in glossary:
            for name in entry.names:
                self.slug_by_name.setdefault(name.casefold(), entry.slug)
        names = sorted(self.slug_by_name, key=len, reverse=True)
        endings = "|".join(map(re.escape, WORD_ENDINGS.get(language, ())))
        # A term is linked when no letter touches it on either side, except the word endings
        # its language writes onto it (they stay outside the link).
        after = rf"(?=(?:{endings})?(?![\w-]))" if endings else r"(?![\w-])"
        self.pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + ")" + after, re.I)
            if names
            else None
        )
        self.linked: set[str] = set()

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"
        if self.pattern:
            self._link_terms(root)

    def _link_terms(self, element):
        if element.tag in NO_GLOSSARY_LINKS:
            return
        children = list(element)
        element.text, new_links = self._split(element.text)
        for offset, link in enumerate(new_links):
            element.insert(offset, link)
        for child in children:
            self._link_terms(child)
            child.tail, new_links = self._split(child.tail)
            position = list(element).index(child) + 1
            for offset, link in enumerate(new_links):
                element.insert(position + offset, link)

    def _split(self, text):
        """Returns the text before the first new term, and the links (each with its tail)."""
        if not text:
            return text, []
        links = []
        head, rest = None, text
        while rest:
            match = next(
                (
                    m
                    for m in self.pattern.finditer(rest)
                    if self.slug_by_name[m.group(1).casefold()] not in self.linked
                ),
                None,
            )
            if match is None:
                break
            slug = self.slug_by_name[match.group(1).casefold()]
            self.linked.add(slug)
            before = rest[: match.start()]
            if links:
                links[-1].tail = before
            else:
                head = before
            link = etree.Element("a", {"href": f"/glossary/#{slug}", "class": "glossary-term"})
            link.text = match.group(1)
            links.append(link)
            rest = rest[match.end() :]
        if not links:
            return text, []
        links[-1].tail = rest
        return head, links


HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


class TableProcessor(Treeprocessor):
    """Tables wider than a phone scroll sideways inside their own box, which a keyboard can
    reach and scroll (``tabindex="0"``) and a screen reader announces by name (``role="region"``
    labelled by the table's caption, or else the heading above it), with a visible hint. An
    empty header cell (the corner of a two-way table) becomes a plain cell: a header must name
    what it heads."""

    def __init__(self, md, language: str = ""):
        super().__init__(md)
        self.language = language

    def run(self, root):
        with translation.override(self.language or "en"):
            hint = gettext("Scroll sideways to see the whole table")
            fallback = gettext("Table")
        heading = ""
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag in HEADINGS:
                    heading = "".join(child.itertext()).strip()
                if child.tag != "table":
                    continue
                for cell in child.iter("th"):
                    if not "".join(cell.itertext()).strip():
                        cell.tag = "td"
                caption = child.find("caption")
                label = "".join(caption.itertext()).strip() if caption is not None else heading
                box = etree.Element(
                    "div",
                    {
                        "class": "table-scroll",
                        "role": "region",
                        "tabindex": "0",
                        "aria-label": label or fallback,
                    },
                )
                note = etree.SubElement(box, "p", {"class": "table-hint"})
                note.text = hint
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


class LanguageLinkProcessor(Treeprocessor):
    """In-site links (``/articles/x/``, ``/glossary/#y``, ``/checklist/``) lead to the page in
    the same language: on a Korean page they become ``/ko/articles/x/`` and so on."""

    def __init__(self, md, prefix: str):
        super().__init__(md)
        self.prefix = prefix

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if (
                href.startswith("/")
                and not href.startswith("//")
                and not href.startswith(UNPREFIXED_PATHS)
                and not (href + "/").startswith(self.prefix + "/")
            ):
                link.set("href", self.prefix + href)


# --- diagrams -------------------------------------------------------------------------------
# A line ``[[diagram:name]]`` on its own places one of the site's own diagrams. The Markdown
# step leaves a marker that only this module can produce (raw HTML is off), the sanitiser keeps
# it, and ``insert_diagrams`` then swaps it for the trusted SVG: nothing an editor types ever
# reaches the page as SVG, only a name from the fixed list.
DIAGRAM_LINE = re.compile(r"^ {0,3}\[\[diagram:(?P<name>[^\]\n]*)\]\][ \t]*$", re.MULTILINE)
DIAGRAM_SLOT = re.compile(r'<div class="diagram-slot"><code>([a-z0-9-]+)</code></div>')


def diagram_names() -> tuple[str, ...]:
    from .diagrams import DIAGRAMS

    return tuple(DIAGRAMS)


def diagram_problems(body: str) -> list[tuple[int, str]]:
    """Each diagram line that names no diagram of this site, as (line in the body, message).
    Lines indented as code are shown as code, so they are not diagram lines."""
    known = diagram_names()
    problems = []
    for number, line in enumerate((body or "").split("\n"), start=1):
        match = DIAGRAM_LINE.match(line)
        if match and match.group("name").strip() not in known:
            name = match.group("name").strip()
            problems.append(
                (
                    number,
                    f"there is no diagram called '{name}' (line {number} of the text). "
                    f"The diagrams are: {', '.join(known)}.",
                )
            )
    return problems


class DiagramProcessor(BlockProcessor):
    """A block that is only ``[[diagram:name]]``, naming a known diagram, becomes a marker
    for ``insert_diagrams``. It runs after the code-block processor, so indented lines stay
    code, and a directive inside a paragraph or a code span stays text."""

    def test(self, parent, block):
        match = DIAGRAM_LINE.fullmatch(block.strip("\n"))
        return bool(match) and match.group("name").strip() in diagram_names()

    def run(self, parent, blocks):
        name = DIAGRAM_LINE.fullmatch(blocks.pop(0).strip("\n")).group("name").strip()
        slot = etree.SubElement(parent, "div", {"class": "diagram-slot"})
        etree.SubElement(slot, "code").text = name


def insert_diagrams(html: str, language: str = "") -> str:
    """Replaces each diagram marker in sanitised HTML with its figure, drawn from
    ``templates/diagrams/<name>.svg`` with the article's language active, so its labels,
    title and description are in that language. A diagram shown twice gets its own ids."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from .diagrams import diagram_context

    known = diagram_names()
    seen: dict[str, int] = {}

    def figure(match):
        name = match.group(1)
        if name not in known:
            return ""
        seen[name] = seen.get(name, 0) + 1
        element_id = f"diagram-{name}" + (f"-{seen[name]}" if seen[name] > 1 else "")
        with translation.override(language or settings.LANGUAGE_CODE):
            return render_to_string(
                f"diagrams/{name}.svg", diagram_context(name, element_id)
            ).strip()

    return DIAGRAM_SLOT.sub(figure, html)


class RegenKneeExtension(Extension):
    def __init__(self, glossary, cited_keys, language=""):
        super().__init__()
        self.glossary = glossary
        self.cited_keys = cited_keys
        self.language = language

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        # Raw HTML is shown as text rather than passed through to the page.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After indented code (80), before the paragraph (10).
        md.parser.blockprocessors.register(DiagramProcessor(md.parser), "diagram", 12)
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.cited_keys), "citation", 175
        )
        # After inline patterns (20), before the table of contents is built (5).
        md.treeprocessors.register(
            StructureProcessor(md, self.glossary, self.language), "structure", 6
        )
        md.treeprocessors.register(TableProcessor(md, self.language), "tables_scroll", 5.8)
        if self.language:
            md.treeprocessors.register(
                LanguageLinkProcessor(md, f"/{self.language}"), "language_links", 5.5
            )


def render_markdown(
    body: str, glossary: tuple[GlossaryEntry, ...] = (), language: str = ""
) -> Rendered:
    """Renders article Markdown to sanitised HTML, a table of contents and the cited keys.

    ``language`` is empty for the site's default language (English, at unprefixed addresses)
    and a language code for a translation: its glossary terms are matched with that language's
    word endings, its heading ids keep its own letters (``#연골의-생김새``), and its in-site
    links get the language's prefix."""
    cited_keys: list[str] = []
    md = markdown.Markdown(
        extensions=[
            "tables",
            "footnotes",
            "sane_lists",
            "toc",
            RegenKneeExtension(glossary, cited_keys, language),
        ],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {
                "toc_depth": "2-3",
                "toc_class": "toc",
                # English ids stay ASCII as they always were; other languages keep their letters.
                "slugify": slugify_unicode if language else slugify,
            },
        },
        output_format="html",
    )
    html = md.convert(body)
    toc_html = md.toc if getattr(md, "toc_tokens", None) else ""
    return Rendered(
        html=insert_diagrams(sanitise(html), language),
        toc_html=sanitise(toc_html),
        cited_keys=tuple(cited_keys),
        # Words for English; for a translation, space-separated units (어절 in Korean), which
        # count a language that writes particles onto its nouns more fairly.
        word_count=(count_eojeol if language else count_words)(" ".join(prose_blocks(body))),
    )
