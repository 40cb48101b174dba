"""The site's own diagrams: the ``[[diagram:name]]`` line, the trusted SVG it becomes (with its
text alternative, in the page's language), and the refusal of any name not in the fixed list,
in content files (with file and line) and in the admin."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from regenknee.articles.diagrams import DIAGRAMS
from regenknee.articles.rendering import diagram_problems, render_markdown

from ..conftest import article_text

HANGUL = re.compile(r"[\uac00-\ud7a3]")


class Figure(HTMLParser):
    """Collects what a screen reader and a sighted reader get from a rendered figure."""

    def __init__(self):
        super().__init__()
        self.ids, self.svg_attrs, self.stack = set(), [], []
        self.text = {"title": "", "desc": "", "figcaption": "", "text": []}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if tag == "svg":
            self.svg_attrs.append(attrs)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        where = next((t for t in reversed(self.stack) if t in self.text or t == "tspan"), None)
        if where in ("text", "tspan"):
            if data.strip():
                self.text["text"].append(data.strip())
        elif where:
            self.text[where] += data


def figure_of(html):
    parser = Figure()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_a_diagram_line_becomes_a_figure_named_described_and_captioned(name):
    html = render_markdown(f"Before.\n\n[[diagram:{name}]]\n\nAfter.").html
    assert html.startswith("<p>Before.</p>\n<figure")
    assert html.endswith("</figure>\n<p>After.</p>")
    figure = figure_of(html)
    (svg,) = figure.svg_attrs
    assert svg["role"] == "img"
    named_by = svg["aria-labelledby"].split()
    assert named_by == [f"diagram-{name}-title", f"diagram-{name}-desc"]
    assert set(named_by) <= figure.ids
    assert len(figure.text["title"]) > 20
    assert len(figure.text["desc"]) > len(figure.text["title"]) * 3
    assert len(figure.text["figcaption"].strip()) > 40
    assert len(figure.text["text"]) >= 5, "labels are real SVG text"
    assert "<path" in html and "style=" not in html and "<style" not in html


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_korean_diagram_has_korean_labels_title_description_and_caption(name):
    english = figure_of(render_markdown(f"[[diagram:{name}]]").html)
    korean = figure_of(render_markdown(f"[[diagram:{name}]]", language="ko").html)
    for part in ("title", "desc", "figcaption"):
        assert HANGUL.search(korean.text[part]), part
    numbers_only = re.compile(r"^[\d\s,.:()]*$")
    untranslated = [
        label
        for label in korean.text["text"]
        if not HANGUL.search(label) and not numbers_only.match(label)
    ]
    assert untranslated == []
    assert len(korean.text["text"]) >= len([t for t in english.text["text"] if t]) - 6


def test_english_page_shows_english_labels_whatever_language_is_active(settings):
    from django.utils import translation

    with translation.override("ko"):
        html = render_markdown("[[diagram:knee-joint]]").html
    assert "Thigh bone" in html and not HANGUL.search(html)


def test_the_same_diagram_twice_gets_its_own_ids():
    html = render_markdown("[[diagram:osteoarthritis]]\n\n[[diagram:osteoarthritis]]").html
    figure = figure_of(html)  # fails on any duplicate id
    assert [svg["aria-labelledby"] for svg in figure.svg_attrs] == [
        "diagram-osteoarthritis-title diagram-osteoarthritis-desc",
        "diagram-osteoarthritis-2-title diagram-osteoarthritis-2-desc",
    ]
    assert 'href="#diagram-osteoarthritis-2-femur"' in html


@pytest.mark.parametrize(
    "body",
    [
        "[[diagram:no-such-diagram]]",
        "[[diagram:../../base.html]]",
        "[[diagram:knee-joint/../../500.html]]",
        '[[diagram:<script>alert("x")</script>]]',
        '[[diagram:knee-joint" onload="alert(1)]]',
        "[[diagram:KNEE-JOINT]]",
        "[[diagram:]]",
    ],
)
def test_an_unknown_or_hostile_name_draws_nothing_and_stays_inert_text(body):
    html = render_markdown(body).html
    tags = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, attrs))
    parser.feed(html)
    assert tags == [("p", [])], "one plain paragraph of text, no element from the name"
    assert html.startswith("<p>[[diagram:")


@pytest.mark.parametrize(
    "body",
    [
        "    [[diagram:knee-joint]]",  # an indented code block
        "`[[diagram:knee-joint]]`",  # a code span
        "See [[diagram:knee-joint]] here.",  # inside a sentence
        "Text on one line\n[[diagram:knee-joint]]",  # part of a paragraph
        '<div class="diagram-slot"><code>knee-joint</code></div>',  # the marker, typed
        "[[diagram:knee-joint]] and more",
    ],
)
def test_a_diagram_is_drawn_only_from_a_line_of_its_own(body):
    html = render_markdown(body).html
    assert "<svg" not in html
    assert "knee-joint" in html


def test_a_diagram_line_inside_a_list_item_or_quote_is_not_code_and_draws_the_figure():
    html = render_markdown("> [[diagram:treatment-timeline]]").html
    assert "<blockquote>" in html and "<svg" in html


def test_diagram_problems_name_the_line_and_the_diagrams_there_are():
    body = "Intro.\n\n[[diagram:knee-joint]]\n\n[[diagram:kneee-joint]]\n\n    [[diagram:code]]\n"
    ((line, message),) = diagram_problems(body)
    assert line == 5
    assert "'kneee-joint'" in message
    assert "knee-joint, osteoarthritis, cell-sources, treatment-timeline" in message


# --- sync and the admin -------------------------------------------------------------------


def test_sync_refuses_an_unknown_diagram_with_file_and_line_and_changes_nothing(db, content_dir):
    from regenknee.articles.models import Article
    from regenknee.sync.engine import sync_content
    from regenknee.sync.files import ContentErrors

    path = content_dir / "articles" / "01-first-article.md"
    path.write_text(article_text(extra="\n[[diagram:knee-joint]]\n\n[[diagram:hip-joint]]\n"))
    line = path.read_text().split("\n").index("[[diagram:hip-joint]]") + 1
    with pytest.raises(ContentErrors) as raised:
        sync_content(content_dir)
    (error,) = raised.value.errors
    assert str(error).startswith(f"articles/01-first-article.md:{line}: there is no diagram")
    assert "'hip-joint'" in str(error)
    assert not Article.objects.exists()


def test_sync_refuses_an_unknown_diagram_in_a_translation_with_file_and_line(db, ko_content):
    from regenknee.sync.engine import sync_content
    from regenknee.sync.files import ContentErrors

    path = ko_content / "ko" / "articles" / "01-first-article.md"
    path.write_text(path.read_text() + "\n[[diagram:무릎]]\n")
    line = path.read_text().split("\n").index("[[diagram:무릎]]") + 1
    with pytest.raises(ContentErrors) as raised:
        sync_content(ko_content)
    assert [str(e).split(": ")[0] for e in raised.value.errors] == [
        f"ko/articles/01-first-article.md:{line}"
    ]


def test_synced_article_and_translation_store_the_diagram_in_their_language(db, ko_content):
    from regenknee.articles.models import Article
    from regenknee.sync.engine import sync_content

    english = ko_content / "articles" / "01-first-article.md"
    english.write_text(article_text(extra="\n[[diagram:knee-joint]]\n"))
    korean = ko_content / "ko" / "articles" / "01-first-article.md"
    korean.write_text(
        re.sub(r"source_hash: \w+", "source_hash: x", korean.read_text())
        + "\n[[diagram:knee-joint]]\n"
    )
    sync_content(ko_content)
    article = Article.objects.get(slug="first-article")
    assert "Thigh bone" in article.body_html
    assert "넙다리뼈" in article.translations.get().body_html


def test_model_validation_refuses_an_unknown_diagram_in_plain_words(db):
    from regenknee.articles.models import Article

    article = Article(
        title="T", slug="t", summary="S", position=1, body="Text.\n\n[[diagram:x-ray]]\n"
    )
    with pytest.raises(ValidationError) as raised:
        article.full_clean()
    (message,) = raised.value.message_dict["body"]
    assert message.startswith("There is no diagram called 'x-ray' (line 3 of the text).")


def test_admin_shows_an_unknown_diagram_as_an_error_on_the_body_not_a_500(ko_content, admin_client):
    from regenknee.articles.models import ArticleTranslation
    from regenknee.sync.engine import sync_content

    sync_content(ko_content)
    item = ArticleTranslation.objects.get()
    url = f"/admin/articles/articletranslation/{item.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: form.initial.get(name) for name in form.fields if form.initial.get(name) is not None
    }
    data["body"] = item.body + "\n[[diagram:<svg onload=alert(1)>]]\n"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is no diagram called" in page
    assert "&lt;svg onload=alert(1)&gt;" in page
    item.refresh_from_db()
    assert "[[diagram:" not in item.body


# --- page weight ----------------------------------------------------------------------------

ARTICLES_WITH_DIAGRAMS = ("why-cartilage-heals-poorly", "what-stem-cells-are", "treatment-journey")


def test_article_pages_with_diagrams_stay_under_25_kib_compressed(real_content, client):
    """Prints the gzip size of each article page that shows a diagram, in both languages."""
    print()
    for slug in ARTICLES_WITH_DIAGRAMS:
        for prefix in ("", "/ko"):
            response = client.get(f"{prefix}/articles/{slug}/")
            assert response.status_code == 200
            html = response.content
            assert b"<svg" in html
            size = len(gzip.compress(html, compresslevel=6))
            print(
                f"{prefix or '/en'}/articles/{slug}/: {len(html) / 1024:.1f} KiB HTML, "
                f"{size / 1024:.1f} KiB gzip, {html.count(b'<svg')} diagram(s)"
            )
            assert size < 25 * 1024


def test_rerender_command_brings_stored_pages_up_to_date_with_the_diagrams(db, ko_content):
    from io import StringIO

    from django.core.management import call_command

    from regenknee.articles.models import Article, ArticleTranslation
    from regenknee.sync.engine import sync_content

    english = ko_content / "articles" / "01-first-article.md"
    english.write_text(article_text(extra="\n[[diagram:knee-joint]]\n"))
    sync_content(ko_content)
    Article.objects.update(body_html="old")
    ArticleTranslation.objects.update(body_html="old")
    out = StringIO()
    call_command("rerender_articles", stdout=out)
    assert out.getvalue() == "Rendered 2 articles and 1 translations again.\n"
    assert "<svg" in Article.objects.get(slug="first-article").body_html
    assert ArticleTranslation.objects.get().body_html != "old"
