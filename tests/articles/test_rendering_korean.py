"""Rendering a Korean translation: the same render_markdown(), with Korean glossary matching
(terms followed by particles link, never inside a longer word), heading ids that keep Hangul
and in-site links that stay in Korean. Pure functions: no database."""

from regenknee.articles.rendering import GlossaryEntry, render_markdown

GLOSSARY = (
    GlossaryEntry("cartilage", ("연골", "관절연골")),
    GlossaryEntry("autologous", ("자가", "자가 유래")),
    GlossaryEntry("mesenchymal-stromal-cell", ("중간엽줄기세포", "MSC")),
)


def ko(body):
    return render_markdown(body, GLOSSARY, "ko")


def test_a_term_followed_by_a_particle_links_the_term_only():
    for particle in ("은", "이", "을", "의", "에서는", "으로"):
        html = ko(f"무릎 연골{particle} 천천히 낫습니다.\n").html
        assert html == (
            '<p>무릎 <a class="glossary-term" href="/ko/glossary/#cartilage">연골</a>'
            f"{particle} 천천히 낫습니다.</p>"
        )


def test_a_term_is_never_linked_inside_a_longer_word():
    html = ko("환자가 자가면역 질환이 있으면 알려 주세요.\n").html
    assert html == "<p>환자가 자가면역 질환이 있으면 알려 주세요.</p>"


def test_the_longest_name_wins_and_only_the_first_use_links():
    html = ko("관절연골은 연골의 한 종류입니다. 자가 유래 세포와 자가 세포.\n").html
    assert html == (
        '<p><a class="glossary-term" href="/ko/glossary/#cartilage">관절연골</a>은 연골의 한 '
        '종류입니다. <a class="glossary-term" href="/ko/glossary/#autologous">자가 유래</a> '
        "세포와 자가 세포.</p>"
    )


def test_a_term_before_brackets_or_punctuation_links():
    html = ko("중간엽줄기세포(MSC)는 골수에서 얻습니다.\n").html
    assert html == (
        '<p><a class="glossary-term" href="/ko/glossary/#mesenchymal-stromal-cell">'
        "중간엽줄기세포</a>(MSC)는 골수에서 얻습니다.</p>"
    )


def test_heading_ids_keep_hangul_and_the_contents_link_to_them():
    rendered = ko("## 연골의 생김새와 하는 일\n\n본문.\n\n### 혈관이 없습니다\n\n본문.\n")
    assert rendered.html.startswith('<h2 id="연골의-생김새와-하는-일">연골의 생김새와 하는 일</h2>')
    assert '<h3 id="혈관이-없습니다">혈관이 없습니다</h3>' in rendered.html
    assert '<a href="#연골의-생김새와-하는-일">연골의 생김새와 하는 일</a>' in rendered.toc_html


def test_in_site_links_are_prefixed_with_the_page_language():
    body = (
        "[다음 글](/articles/what-stem-cells-are/), [용어](/glossary/#cartilage), "
        "[질문 목록](/checklist/), [이미 한국어](/ko/checklist/), [외부](https://example.org/), "
        "[위로](#top), [그림](/static/x.png)\n"
    )
    assert ko(body).html == (
        '<p><a href="/ko/articles/what-stem-cells-are/">다음 글</a>, '
        '<a href="/ko/glossary/#cartilage">용어</a>, <a href="/ko/checklist/">질문 목록</a>, '
        '<a href="/ko/checklist/">이미 한국어</a>, '
        '<a href="https://example.org/" rel="noopener noreferrer">외부</a>, '
        '<a href="#top">위로</a>, <a href="/static/x.png">그림</a></p>'
    )


def test_english_rendering_is_unchanged_ascii_ids_and_no_prefix():
    rendered = render_markdown(
        "## Why cartilage heals poorly\n\nCartilage, see [next](/articles/x/).\n",
        (GlossaryEntry("cartilage", ("cartilage",)),),
    )
    assert rendered.html == (
        '<h2 id="why-cartilage-heals-poorly">Why cartilage heals poorly</h2>\n'
        '<p><a class="glossary-term" href="/glossary/#cartilage">Cartilage</a>, see '
        '<a href="/articles/x/">next</a>.</p>'
    )


def test_english_words_run_on_with_korean_letters_are_not_english_glossary_hits():
    # An English term inside a Korean page's text still needs a word boundary.
    html = ko("MSC치료와 MSC는 다릅니다.\n").html
    assert html == (
        '<p>MSC치료와 <a class="glossary-term" href="/ko/glossary/#mesenchymal-stromal-cell">'
        "MSC</a>는 다릅니다.</p>"
    )
