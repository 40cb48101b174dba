"""The icon-array drawing, tested as the HTML it writes (no browser)."""

import re

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load icon_arrays %}" + source).render(Context(context))


def test_an_icon_array_draws_100_figures_with_the_affected_ones_filled():
    html = render('{% icon_array "40 out of 100" 40 %}')
    assert html.count("<use ") == 100
    assert html.count('href="#ia-on"') == 40
    assert html.count('href="#ia-off"') == 60


def test_with_and_without_are_two_arrays_in_one_named_image():
    html = render('{% icon_array name 40 30 "with it" "without" %}', name="40 vs 30 out of 100")
    assert html.count("<use ") == 200
    assert html.count('href="#ia-on"') == 70
    assert re.search(r'<svg class="icon-array" role="img" aria-label="40 vs 30 out of 100"', html)
    assert ">with it</text>" in html and ">without</text>" in html


def test_the_accessible_name_and_captions_are_escaped():
    html = render("{% icon_array name 1 %}", name='<script>"x"</script>')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_numbers_outside_0_to_100_are_clamped():
    assert render('{% icon_array "x" 140 %}').count('href="#ia-on"') == 100


def test_the_symbols_are_written_once_and_filled_differs_from_empty_by_outline():
    html = render("{% icon_symbols %}")
    assert html.count("<symbol ") == 2
    off = html[html.index('id="ia-off"') :]
    assert 'fill="none" stroke="currentColor"' in off
