"""The health check at /healthz, for load balancers, systemd and uptime monitors.

It answers before host validation, sessions and the page cache (see HealthCheckMiddleware), so
a balancer may call it by IP address, and it is never cached. The body says only "ok" or
"unavailable": what failed goes to the log, not to whoever asked.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"


def failing_services() -> list[str]:
    failing = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: the database did not answer")
        failing.append("database")
    if settings.REDIS_URL:
        try:
            cache.set("healthz", "ok", timeout=10)
            if cache.get("healthz") != "ok":
                raise RuntimeError("Redis did not return what was written")
        except Exception:
            logger.exception("health check: Redis did not answer")
            failing.append("redis")
    return failing


def healthz_response() -> HttpResponse:
    if failing_services():
        response = HttpResponse("unavailable\n", status=503, content_type="text/plain")
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Put right after SecurityMiddleware (whose SSL redirect exempts ``^healthz$``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PATH and request.method in ("GET", "HEAD"):
            return healthz_response()
        return self.get_response(request)
