"""Icon arrays: 100 small figures, the affected ones filled, drawn as light inline SVG.

Each figure is a ``<use>`` of one of two ``<symbol>``s written once per page
(``{% icon_symbols %}``). Filled figures are solid, the others only outlined, so the picture
does not depend on colour. The SVG is one ``role="img"`` with a sentence naming the numbers:
the words beside it come first, the picture supports them.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

PER_ROW = 10
FIGURE = 10  # each figure's cell in SVG units
GRID = PER_ROW * FIGURE
GAP = 16
CAPTION = 14

SYMBOLS = mark_safe(
    '<svg class="icon-symbols" aria-hidden="true" focusable="false" width="0" height="0">'
    '<symbol id="ia-on" viewBox="0 0 10 10"><circle cx="5" cy="2.4" r="2.1"/>'
    '<path d="M1.4 9.6V7.2a3.6 3.2 0 0 1 7.2 0v2.4z"/></symbol>'
    '<symbol id="ia-off" viewBox="0 0 10 10"><g fill="none" stroke="currentColor" '
    'stroke-width="0.9"><circle cx="5" cy="2.4" r="1.7"/>'
    '<path d="M1.9 9.2V7.2a3.1 2.8 0 0 1 6.2 0v2z"/></g></symbol></svg>'
)


@register.simple_tag
def icon_symbols():
    """The two figures every icon array on the page uses; include it once per page."""
    return SYMBOLS


def grid(count: int, left: int) -> str:
    uses = (
        (
            "ia-on" if index < count else "ia-off",
            left + (index % PER_ROW) * FIGURE,
            (index // PER_ROW) * FIGURE,
        )
        for index in range(100)
    )
    return format_html_join("", '<use href="#{}" x="{}" y="{}" width="9" height="9"/>', uses)


@register.simple_tag
def icon_array(
    name: str, with_option: int, without_option=None, with_caption="", without_caption=""
):
    """One or two 10×10 arrays (with the option, and without it when a comparison gives the
    number), as one image whose accessible name is ``name``."""
    count = max(0, min(100, int(with_option)))
    pairs = [(count, with_caption)]
    if without_option is not None:
        pairs.append((max(0, min(100, int(without_option))), without_caption))
    width = GRID * len(pairs) + GAP * (len(pairs) - 1)
    parts = SafeString()
    for index, (number, caption) in enumerate(pairs):
        left = index * (GRID + GAP)
        parts += format_html(
            '<g class="ia-grid">{}</g><text x="{}" y="{}" class="ia-caption">{}</text>',
            grid(number, left),
            left,
            GRID + CAPTION - 3,
            caption,
        )
    return format_html(
        '<svg class="icon-array" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'focusable="false">{}</svg>',
        name,
        width,
        GRID + CAPTION,
        parts,
    )
