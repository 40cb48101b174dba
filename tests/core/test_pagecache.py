"""Anonymous full-page caching: what is cached, what never is, and invalidation on save."""

import io
import pickle
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from regenknee.articles.models import Article, GlossaryTerm, Reference
from regenknee.checklists.models import Question, QuestionGroup, RedFlag
from regenknee.core.pagecache import generation
from tests.checklists.test_views import VALID

pytestmark = pytest.mark.django_db


def cached_values():
    """Everything in the file cache the suite runs with (a server without Redis), as text."""
    values = []
    for path in Path(cache._dir).glob("*.djcache"):
        with path.open("rb") as file:
            pickle.load(file)  # noqa: S301 - the expiry time
            values.append(repr(pickle.loads(zlib.decompress(file.read()))))  # noqa: S301
    return values


def test_second_request_is_served_from_the_cache_without_queries(
    client, synced, django_assert_num_queries
):
    first = client.get("/articles/first-article/")
    with django_assert_num_queries(0):
        second = client.get("/articles/first-article/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_a_public_page_is_stored_in_the_shared_cache(client, synced):
    assert not any("First article" in value for value in cached_values())
    client.get("/articles/first-article/")
    assert any("First article" in value for value in cached_values())


def test_clear_page_cache_command_retires_every_page(client, synced):
    assert "First article" in client.get("/").content.decode()
    # update() sends no signal, as a change made by new code or templates would not.
    Article.objects.filter(slug="first-article").update(title="Changed without a signal")
    assert "Changed without a signal" not in client.get("/").content.decode()
    call_command("clear_page_cache", stdout=io.StringIO())
    assert "Changed without a signal" in client.get("/").content.decode()


def test_public_pages_may_be_kept_briefly_by_a_proxy_and_revalidated_by_browsers(client, synced):
    for path in ["/", "/articles/first-article/", "/glossary/", "/checklist/"]:
        cache_control = client.get(path)["Cache-Control"]
        assert set(cache_control.split(", ")) == {"public", "max-age=0", "s-maxage=1"}, path


def test_conditional_get_answers_304(client, synced):
    etag = client.get("/glossary/")["ETag"]
    assert etag
    fresh = client.get("/glossary/", headers={"If-None-Match": etag})
    assert fresh.status_code == 304
    assert fresh.content == b""
    assert client.get("/glossary/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_an_edit_shows_on_the_next_request(client, synced):
    assert "First article" in client.get("/articles/first-article/").content.decode()
    assert "First article" in client.get("/").content.decode()
    article = Article.objects.get(slug="first-article")
    article.title = "A renamed article"
    article.save()
    assert "A renamed article" in client.get("/articles/first-article/").content.decode()
    assert "A renamed article" in client.get("/").content.decode()


def test_a_new_glossary_term_shows_on_the_next_request(client, synced):
    assert "Meniscus" not in client.get("/glossary/").content.decode()
    GlossaryTerm.objects.create(term="Meniscus", slug="meniscus", definition="A pad.")
    assert "Meniscus" in client.get("/glossary/").content.decode()


@pytest.mark.parametrize(
    "model", [Article, Reference, GlossaryTerm, QuestionGroup, Question, RedFlag]
)
def test_saving_or_deleting_content_retires_every_cached_page(real_content, model):
    item = model.objects.first()
    assert item is not None
    before = generation()
    item.save()
    after_save = generation()
    assert after_save != before
    item.delete()
    assert generation() != after_save


def test_an_admin_save_retires_pages_even_without_a_model_signal(admin_client, client, synced):
    from django.db.models.signals import post_save

    from regenknee.core.pagecache import content_changed
    from tests.servers.site import form_fields

    term = GlossaryTerm.objects.get(slug="cartilage")
    assert "smooth, firm tissue" in client.get("/glossary/").content.decode()
    path = f"/admin/articles/glossaryterm/{term.pk}/change/"
    fields = dict(form_fields(admin_client.get(path).content.decode(), "glossaryterm_form"))
    fields["definition"] = "Edited in the admin with the signal switched off."
    # As if the admin saved through bulk_update() or update(), which send no signal.
    assert post_save.disconnect(content_changed, dispatch_uid=f"pagecache-{post_save!r}")
    try:
        assert admin_client.post(path, {**fields, "_save": "Save"}).status_code == 302
    finally:
        post_save.connect(content_changed, dispatch_uid=f"pagecache-{post_save!r}")
    assert "switched off" in client.get("/glossary/").content.decode()


def test_saving_other_rows_keeps_the_cache(db):
    before = generation()
    User.objects.create_user("someone")
    assert generation() == before


def test_admin_and_signed_in_pages_are_never_cached(admin_client, synced):
    response = admin_client.get("/admin/")
    assert "no-store" in response["Cache-Control"]
    page = admin_client.get("/articles/first-article/")
    assert page.status_code == 200
    assert "private" in page["Cache-Control"]
    assert not any("First article" in value for value in cached_values())


def test_query_strings_and_missing_pages_are_not_cached(client, synced):
    assert client.get("/articles/first-article/?utm_source=x").status_code == 200
    assert client.get("/articles/no-such-article/").status_code == 404
    assert not any("First article" in value for value in cached_values())
    assert not any("no-such-article" in value for value in cached_values())


def test_checklist_result_never_enters_the_cache(client, real_content):
    secret = "Can my granddaughter Philippa drive me home?"
    client.get("/checklist/")
    response = client.post("/checklist/", {**VALID, "own_questions": secret})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not any("Philippa" in value for value in cached_values())
    again = client.get("/checklist/")
    assert "Philippa" not in again.content.decode()


def test_scheduled_article_appears_when_its_time_comes(client, synced):
    Article.objects.create(
        slug="scheduled",
        title="A scheduled article",
        summary="s",
        body="b",
        position=9,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() + timedelta(minutes=5),
    )
    assert "A scheduled article" not in client.get("/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert "A scheduled article" in client.get("/").content.decode()


def test_static_files_are_compressed_with_far_future_caching(client):
    html = client.get("/about/").content.decode()
    stylesheet = html.split('<link rel="stylesheet" href="')[1].split('"')[0]
    response = client.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
