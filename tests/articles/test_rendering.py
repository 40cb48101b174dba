"""The rendering module, tested without a database: exact HTML for each feature, and every
hostile input rendered inert."""

from html.parser import HTMLParser

import pytest

from regenknee.articles.rendering import (
    ALLOWED_TAGS,
    ATTRIBUTES_BY_TAG,
    GlossaryEntry,
    is_allowed_link,
    reading_minutes,
    render_markdown,
    sanitise,
)

from .hostile_cases import HOSTILE_CASES

GLOSSARY = (
    GlossaryEntry("mesenchymal-stromal-cell", ("Mesenchymal stromal cell", "MSC", "MSCs")),
    GlossaryEntry("cartilage", ("cartilage",)),
)


def test_paragraph_and_emphasis():
    assert render_markdown("Plain *soft* and **strong**.").html == (
        "<p>Plain <em>soft</em> and <strong>strong</strong>.</p>"
    )


def test_headings_get_stable_ids_and_a_table_of_contents():
    rendered = render_markdown("## What it is\n\ntext\n\n### How it's made\n\nmore")
    assert rendered.html == (
        '<h2 id="what-it-is">What it is</h2>\n<p>text</p>\n'
        '<h3 id="how-its-made">How it\'s made</h3>\n<p>more</p>'
    )
    assert rendered.toc_html == (
        '<div class="toc">\n<ul>\n<li><a href="#what-it-is">What it is</a><ul>\n'
        '<li><a href="#how-its-made">How it\'s made</a></li>\n</ul>\n</li>\n</ul>\n</div>\n'
    )


def test_same_heading_text_gives_the_same_id_every_time():
    first = render_markdown("## Risks and side effects\n\nx").html
    second = render_markdown("## Risks and side effects\n\ny").html
    assert 'id="risks-and-side-effects"' in first and 'id="risks-and-side-effects"' in second


def test_level_one_heading_in_the_body_becomes_level_two():
    assert render_markdown("# Top\n\ntext").html == '<h2 id="top">Top</h2>\n<p>text</p>'


def test_no_table_of_contents_without_headings():
    assert render_markdown("Just a paragraph.").toc_html == ""


def test_table_with_alignment():
    html = render_markdown("| Score | Meaning |\n|:--|--:|\n| 0 | none |").html
    assert html == (
        '<div aria-label="Table" class="table-scroll" role="region" tabindex="0">'
        '<p class="table-hint">Scroll sideways to see the whole table</p>'
        '<table>\n<thead>\n<tr>\n<th align="left">Score</th>\n'
        '<th align="right">Meaning</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n'
        '<td align="left">0</td>\n<td align="right">none</td>\n</tr>\n</tbody>\n</table>\n'
        "</div>"
    )


def test_wide_table_scrolls_in_a_region_named_by_the_heading_above_it_in_korean():
    html = render_markdown("## 비교\n\n| 구분 | 값 |\n|---|---|\n| a | 1 |", (), "ko").html
    assert html.startswith(
        '<h2 id="비교">비교</h2>\n'
        '<div aria-label="비교" class="table-scroll" role="region" tabindex="0">'
        '<p class="table-hint">표 전체를 보려면 옆으로 밀어 보십시오</p><table>'
    )


def test_empty_header_cell_becomes_a_plain_cell():
    html = render_markdown("## Compare\n\n| | Own | Donor |\n|---|---|---|\n| From | a | b |").html
    assert "<thead>\n<tr>\n<td></td>\n<th>Own</th>\n<th>Donor</th>" in html
    assert "<th></th>" not in html


def test_editor_cannot_forge_a_scroll_region_or_its_attributes():
    html = sanitise('<div role="button" tabindex="-1" class="table-scroll evil">x</div>')
    assert html == "<div>x</div>"


def test_footnotes():
    html = render_markdown("Claim[^n].\n\n[^n]: The note.").html
    assert html == (
        '<p>Claim<sup id="fnref:n"><a class="footnote-ref" href="#fn:n">1</a></sup>.</p>\n'
        '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:n">\n<p>The note.&#160;'
        '<a class="footnote-backref" href="#fnref:n" title="Jump back to footnote 1 in the text">'
        "&#8617;</a></p>\n</li>\n</ol>\n</div>"
    )


def test_sane_lists_keep_numbered_and_bulleted_lists_apart():
    html = render_markdown("1. one\n2. two\n\n- a\n- b").html
    assert html == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_citations_are_numbered_in_order_of_first_use():
    rendered = render_markdown("One [@b]. Two [@a; @b]. Three [@a].")
    assert rendered.cited_keys == ("b", "a")
    assert rendered.html == (
        '<p>One <sup class="citation"><a aria-label="Reference 1" href="#ref-b">[1]</a></sup>. '
        'Two <sup class="citation"><a aria-label="Reference 2" href="#ref-a">[2]</a>, '
        '<a aria-label="Reference 1" href="#ref-b">[1]</a></sup>. '
        'Three <sup class="citation"><a aria-label="Reference 2" href="#ref-a">[2]</a></sup>.</p>'
    )


def test_external_links_get_noopener_noreferrer():
    assert render_markdown("[FDA](https://www.fda.gov/)").html == (
        '<p><a href="https://www.fda.gov/" rel="noopener noreferrer">FDA</a></p>'
    )


def test_in_site_links_mailto_and_fragments_are_kept_without_rel():
    html = render_markdown(
        "[next](/articles/what-stem-cells-are/) [mail](mailto:team@example.org) [up](#top)"
    ).html
    assert html == (
        '<p><a href="/articles/what-stem-cells-are/">next</a> '
        '<a href="mailto:team@example.org">mail</a> <a href="#top">up</a></p>'
    )


def test_in_site_image_keeps_its_alt_text():
    assert render_markdown('![A knee joint](/static/img/knee.png "Knee")').html == (
        '<p><img alt="A knee joint" src="/static/img/knee.png" title="Knee"></p>'
    )


def test_glossary_term_links_on_first_use_only():
    html = render_markdown("An MSC is one cell. Another MSC is here.", GLOSSARY).html
    assert html == (
        '<p>An <a class="glossary-term" href="/glossary/#mesenchymal-stromal-cell">MSC</a> '
        "is one cell. Another MSC is here.</p>"
    )


def test_glossary_aliases_share_one_first_use():
    html = render_markdown("MSCs help. An MSC helps.", GLOSSARY).html
    assert html.count("glossary-term") == 1
    assert '<a class="glossary-term" href="/glossary/#mesenchymal-stromal-cell">MSCs</a>' in html


def test_glossary_matches_whole_words_in_any_case_and_keeps_the_writers_case():
    html = render_markdown("Cartilagenous is not a word. CARTILAGE is.", GLOSSARY).html
    assert html == (
        "<p>Cartilagenous is not a word. "
        '<a class="glossary-term" href="/glossary/#cartilage">CARTILAGE</a> is.</p>'
    )


def test_glossary_prefers_the_longest_name():
    html = render_markdown("A mesenchymal stromal cell, or MSC.", GLOSSARY).html
    assert html == (
        '<p>A <a class="glossary-term" href="/glossary/#mesenchymal-stromal-cell">'
        "mesenchymal stromal cell</a>, or MSC.</p>"
    )


def test_glossary_skips_headings_links_and_code():
    source = "## About cartilage\n\n[cartilage](/x/) `cartilage` and cartilage."
    html = render_markdown(source, GLOSSARY).html
    assert html == (
        '<h2 id="about-cartilage">About cartilage</h2>\n'
        '<p><a href="/x/">cartilage</a> <code>cartilage</code> and '
        '<a class="glossary-term" href="/glossary/#cartilage">cartilage</a>.</p>'
    )


def test_glossary_links_inside_emphasis_and_after_it():
    html = render_markdown("*MSC* then cartilage.", GLOSSARY).html
    assert html == (
        '<p><em><a class="glossary-term" href="/glossary/#mesenchymal-stromal-cell">MSC</a>'
        '</em> then <a class="glossary-term" href="/glossary/#cartilage">cartilage</a>.</p>'
    )


def test_word_count_and_reading_time_count_prose_only():
    rendered = render_markdown("## Heading words here\n\nOne two three [@key].\n\n- four five")
    assert rendered.word_count == 5
    assert rendered.reading_minutes == 1
    assert reading_minutes(401) == 3


@pytest.mark.parametrize(
    ("name", "source", "expected"), HOSTILE_CASES, ids=[case[0] for case in HOSTILE_CASES]
)
def test_hostile_input_renders_to_exact_inert_html(name, source, expected):
    html = render_markdown(source).html
    assert html == expected
    assert_inert(html)


def test_there_are_at_least_25_hostile_cases():
    assert len(HOSTILE_CASES) >= 25


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html):
    """Every tag and attribute is on the allowlist and every link passes the link rule."""
    parser = _Collector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert name in ATTRIBUTES_BY_TAG.get(tag, ()) or (tag, name) == ("a", "rel"), name
            if name in {"href", "src"}:
                assert is_allowed_link(value), value


def test_sanitiser_removes_what_markdown_never_makes():
    dirty = (
        '<h1 onclick="x">T</h1><a href="javascript:alert(1)" class="evil">x</a>'
        '<td align="javascript">y</td><div class="toc evil">z</div><ol start="1;x">'
    )
    assert sanitise(dirty) == "T<a>x</a>y<div>z</div><ol></ol>"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://doi.org/10.1/x", True),
        ("http://example.org", True),
        ("mailto:a@b.org", True),
        ("/articles/x/", True),
        ("#refs", True),
        ("//evil.example", False),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("https:evil", False),
        ("relative/path", False),
        ("/\\evil.example", False),
        ("ftp://example.org", False),
    ],
)
def test_link_rule(url, allowed):
    assert is_allowed_link(url) is allowed
