"""/healthz: 200 when the database (and Redis, when configured) answer, 503 otherwise."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError

from regenknee.core import health

pytestmark = pytest.mark.django_db


class BrokenConnection:
    def cursor(self):
        raise OperationalError("connection to server refused: secret-host")


def test_healthy_site_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_database_down_answers_503_without_detail(client, monkeypatch):
    assert client.get("/healthz").status_code == 200
    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert "no-store" in response["Cache-Control"]


def test_redis_down_answers_503_when_redis_is_configured(client, monkeypatch, settings):
    # Nothing listens on port 1, so this is a Redis that does not answer.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    unreachable = RedisCache(settings.REDIS_URL, {"OPTIONS": {"socket_connect_timeout": 1}})
    monkeypatch.setattr(health, "cache", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_redis_is_not_asked_when_not_configured(client, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr(health, "cache", None)  # any use would fail
    assert client.get("/healthz").status_code == 200


def test_health_check_skips_the_https_redirect_and_the_host_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    # A load balancer calls the server by its address, which is not an allowed host.
    response = client.get("/healthz", headers={"Host": "10.1.2.3:8000"})
    assert response.status_code == 200
    assert client.get("/about/").status_code == 301
