"""The diagrams in a real browser, in both languages, on a phone and a desktop: no axe-core
violations, every label inside its drawing, apart from the others and at least 12px, and the
figures kept whole in print."""

import pytest

from .conftest import axe_violations

ARTICLES = {
    "/articles/why-cartilage-heals-poorly/": 2,
    "/articles/what-stem-cells-are/": 1,
    "/articles/treatment-journey/": 1,
}
LANGUAGES = {"en": "", "ko": "/ko"}

# Each label's box, the drawing's box and the rendered font size, in CSS pixels.
MEASURE_LABELS = """
figure => {
  const svg = figure.querySelector("svg");
  const frame = svg.getBoundingClientRect();
  const scale = frame.width / svg.viewBox.baseVal.width;
  return {
    frame: [frame.left, frame.top, frame.right, frame.bottom],
    labels: [...svg.querySelectorAll("text")].map(text => {
      const box = text.getBoundingClientRect();
      return {
        text: text.textContent,
        box: [box.left, box.top, box.right, box.bottom],
        px: parseFloat(getComputedStyle(text).fontSize) * scale,
      };
    }),
  };
}
"""


def overlap(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("path", list(ARTICLES))
def test_article_with_diagrams_has_no_accessibility_violations_and_readable_labels(
    site, page, path, language
):
    response = page.goto(site.url + LANGUAGES[language] + path)
    assert response.status == 200
    figures = page.locator("figure.diagram")
    assert figures.count() == ARTICLES[path]
    # Wide tables are the article page's own matter (they become focusable scroll regions
    # with the new article layout); everything else on the page, diagrams included, is checked.
    violations = axe_violations(page, context={"exclude": [["table"]]})
    assert not violations, "\n".join(violations)
    for index in range(figures.count()):
        figure = figures.nth(index)
        assert figure.locator("figcaption").is_visible()
        measured = figure.evaluate(MEASURE_LABELS)
        left, top, right, bottom = measured["frame"]
        assert right <= page.viewport_size["width"]
        labels = measured["labels"]
        for label in labels:
            x0, y0, x1, y1 = label["box"]
            assert left - 0.5 <= x0 and x1 <= right + 0.5, f"cut off: {label['text']}"
            assert top - 0.5 <= y0 and y1 <= bottom + 0.5, f"cut off: {label['text']}"
            assert label["px"] >= 12, f"{label['text']} is {label['px']:.1f}px"
        for number, first in enumerate(labels):
            for second in labels[number + 1 :]:
                assert not overlap(first["box"], second["box"]), (first["text"], second["text"])


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_printed_article_keeps_its_diagrams_whole_with_labels_and_captions(
    site, browser, tmp_path, language
):
    page = browser.new_page()
    page.goto(site.url + LANGUAGES[language] + "/articles/why-cartilage-heals-poorly/")
    page.emulate_media(media="print")
    figures = page.locator("figure.diagram")
    assert figures.count() == 2
    for index in range(2):
        figure = figures.nth(index)
        assert figure.locator("svg").is_visible()
        assert figure.locator("figcaption").is_visible()
        assert figure.evaluate("f => getComputedStyle(f).breakInside") == "avoid"
        assert figure.evaluate("f => getComputedStyle(f.querySelector('text')).fill") in (
            "rgb(0, 0, 0)",
            "#000000",
        )
    pdf = page.pdf(path=str(tmp_path / "article.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
