"""The options comparison in site search: published options, in the page's language, linking to
their place on the comparison page."""

import pytest

from regenknee.options.models import Option
from regenknee.search.index import rebuild_all
from regenknee.search.query import search

pytestmark = pytest.mark.django_db


def found(query, language):
    return [
        (str(result.title).replace("<mark>", "").replace("</mark>", ""), result.url)
        for result in search(query, language).results
        if result.kind == "option"
    ]


def test_an_option_is_found_by_its_title_and_links_to_its_place_on_the_comparison(synced):
    rebuild_all()
    assert found("replacement", "en") == [("Total knee replacement", "/options/#knee-replacement")]


def test_a_korean_search_finds_the_korean_option_and_falls_back_to_english(synced):
    rebuild_all()
    assert ("운동과 물리치료", "/ko/options/#exercise") in found("운동", "ko")
    # The replacement option has no Korean translation: found by its English words.
    assert found("replacement", "ko") == [
        ("Total knee replacement", "/ko/options/#knee-replacement")
    ]


def test_an_unpublished_option_is_not_found(synced):
    Option.objects.filter(slug="knee-replacement").update(status=Option.Status.DRAFT)
    rebuild_all()
    assert found("replacement", "en") == []
