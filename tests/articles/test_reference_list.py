"""How the reference list under an article reads: one full stop, one year."""

import pytest

from regenknee.articles.models import Article, Reference

pytestmark = pytest.mark.django_db


def reference_line(client, **fields):
    article = Article.objects.create(
        slug="cites",
        title="Cites",
        summary="Summary.",
        body="Text [@r].",
        position=1,
        status=Article.Status.PUBLISHED,
    )
    Reference.objects.create(article=article, key="r", url="https://r.example", **fields)
    html = client.get("/articles/cites/").content.decode()
    start = html.index('<li id="ref-r">')
    return " ".join(html[start : html.index("</li>", start)].split())


def test_authors_ending_in_et_al_get_no_second_full_stop(client):
    line = reference_line(client, authors="Sadeghirad B, et al.", title="T", source="S", year=2024)
    assert "et al.." not in line
    assert "Sadeghirad B, et al. <cite>" in line


def test_year_already_in_the_journal_source_is_printed_once(client):
    line = reference_line(client, title="T", source="Nat Med 2023;29(12):3120-3126", year=2023)
    assert line.count("2023") == 1


def test_year_missing_from_the_source_is_added_once(client):
    line = reference_line(client, title="T", source="fda.gov consumer page", year=2021)
    assert "fda.gov consumer page, 2021." in line


def test_title_ending_in_a_question_mark_gets_no_full_stop(client):
    line = reference_line(client, title="Are we there yet?", source="S", year=None)
    assert "<cite>Are we there yet?</cite> S." in line
