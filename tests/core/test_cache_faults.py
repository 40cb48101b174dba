"""The page cache when the cache fails: a hung Redis costs one short timeout, then the site
serves pages uncached; a change made during an outage is not undone by stale pages after it;
a bad Host header is an ordinary 400."""

import logging

import pytest
from django.conf import settings

from regenknee.articles.models import Article
from regenknee.core import pagecache
from regenknee.core.redis_cache import CacheUnavailable, CircuitBreaker, RedisCache
from tests.bench.hung_redis import HungServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_redis(monkeypatch):
    server = HungServer()
    cache = RedisCache(f"redis://127.0.0.1:{server.port}/0", {"OPTIONS": settings.REDIS_OPTIONS})
    monkeypatch.setattr(pagecache, "cache", cache)
    yield server
    server.close()


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_breaker_stops_calling_a_failing_cache_then_tries_once_again():
    clock, calls = Clock(), []
    breaker = CircuitBreaker(retry_seconds=5, clock=clock)
    breaker.before_call()
    breaker.failed(TimeoutError("hung"))
    with pytest.raises(CacheUnavailable):
        breaker.before_call()
    clock.now += 5
    breaker.before_call()  # one call tries again...
    calls.append("tried")
    with pytest.raises(CacheUnavailable):
        breaker.before_call()  # ...while the others still fail fast
    breaker.succeeded()
    breaker.before_call()
    assert calls == ["tried"]


def test_a_hung_redis_is_tried_once_and_pages_are_served_uncached(client, synced, hung_redis):
    for _ in range(10):
        response = client.get("/articles/first-article/")
        assert response.status_code == 200
        assert "First article" in response.content.decode()
    assert len(hung_redis.connections) == 1


def test_a_hung_redis_is_logged_once_not_for_every_request(client, synced, hung_redis, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            client.get("/about/")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(" (")[0] for r in errors] == ["Redis did not answer"]


class UnreachableCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise CacheUnavailable("the cache is unreachable")

        return fail


def test_an_unpublish_during_a_cache_outage_is_not_undone_afterwards(client, synced, monkeypatch):
    assert client.get("/articles/first-article/").status_code == 200
    assert client.get("/articles/first-article/").status_code == 200  # now from the cache
    real_cache = pagecache.cache
    monkeypatch.setattr(pagecache, "cache", UnreachableCache())
    article = Article.objects.get(slug="first-article")
    article.status = Article.Status.DRAFT
    article.save()
    monkeypatch.setattr(pagecache, "cache", real_cache)
    assert client.get("/articles/first-article/").status_code == 404


def test_other_servers_see_a_change_made_during_an_outage_within_the_check_interval(
    client, synced, monkeypatch
):
    assert "First article" in client.get("/").content.decode()
    real_cache = pagecache.cache
    monkeypatch.setattr(pagecache, "cache", UnreachableCache())
    Article.objects.filter(slug="first-article").update(title="Renamed during the outage")
    pagecache.bump_database_generation()  # as the save on another server did
    monkeypatch.setattr(pagecache, "cache", real_cache)
    # This server read the database's number just now; it reads it again once it is stale.
    monkeypatch.setattr(pagecache.database_generation, "read_at", -1e9)
    assert "Renamed during the outage" in client.get("/").content.decode()


def test_a_bad_host_header_is_a_400_without_a_page_cache_error(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/about/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name.startswith("regenknee.core.pagecache")]
