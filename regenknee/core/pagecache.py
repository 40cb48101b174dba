"""Full-page caching of anonymous public pages through Django's cache (Redis when REDIS_URL).

Django's own cache middleware is not used because it would also cache pages for signed-in
staff, ignores ``no-store``, and cannot be emptied when content changes. Here:

- only a GET or HEAD without a query string, from a browser with no session cookie, outside
  the admin, is looked up or stored;
- only a 200 response that sets no cookie, does not vary on the cookie and does not forbid
  caching (``private``, ``no-store``, ``no-cache``, ``max-age=0``) is stored, so the checklist
  result (a POST, marked ``no-store``) never is;
- every key carries a "generation" number kept in the same cache. Saving or deleting any
  content row bumps it, which retires every stored page on every app server sharing that
  Redis at once, without having to know which pages showed the row;
- the database keeps a generation too, moved in the same transaction as the change and read
  by each process at most once a second: a publish or unpublish saved while the cache was
  unreachable still retires the pages stored before it once the cache answers again;
- the key names the page's language, taken from the URL's prefix as LocaleMiddleware takes it;
- the host is checked against ALLOWED_HOSTS before a key is made from it: a bad Host header
  is Django's ordinary 400, not a page cache error.

Content apps say which of their rows appear on public pages with ``watch_content`` (in their
``AppConfig.ready``); this module imports none of them.
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils.cache import get_max_age, has_vary_header, patch_cache_control, set_response_etag

from .languages import language_of_path
from .models import ContentGeneration
from .redis_cache import REDIS_FAULTS

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
SCHEDULE_KEY = "pagecache:next-publication"
SAFE_METHODS = frozenset({"GET", "HEAD"})
NOT_STORED = ("private", "no-store", "no-cache")

# The apps whose rows appear on public pages. Every model in them counts, so a model added
# later (say, a new kind of checklist entry) invalidates pages without anyone remembering to.
CONTENT_APPS: set[str] = set()
# Functions giving the Unix time of the next scheduled change to public pages (0 for none).
SCHEDULES: list[Callable[[], float]] = []


def watch_content(app_label: str, next_scheduled_change: Callable[[], float] | None = None):
    """Called by a content app's AppConfig.ready: saving or deleting any of its rows retires
    every cached page; ``next_scheduled_change`` tells when a page will change by itself."""
    CONTENT_APPS.add(app_label)
    if next_scheduled_change is not None and next_scheduled_change not in SCHEDULES:
        SCHEDULES.append(next_scheduled_change)


class DatabaseGeneration:
    """This process's copy of the generation kept in the database, read at most every
    PAGE_CACHE_DB_CHECK_SECONDS."""

    def __init__(self):
        self.number, self.read_at = 0, None

    def get(self) -> int:
        now = time.monotonic()
        if self.read_at is None or now - self.read_at >= settings.PAGE_CACHE_DB_CHECK_SECONDS:
            self.number = (
                ContentGeneration.objects.filter(pk=1).values_list("number", flat=True).first() or 0
            )
            self.read_at = now
        return self.number

    def forget(self) -> None:
        self.read_at = None


database_generation = DatabaseGeneration()


def generation() -> tuple[int, int]:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock rather than 1: if Redis lost or evicted the key, numbers used
        # before could otherwise come round again and bring old pages back.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value, database_generation.get()


def bump_database_generation() -> None:
    """One UPDATE, in the transaction of the change that calls it: the two move together."""
    if not ContentGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        ContentGeneration.objects.get_or_create(pk=1, defaults={"number": 1})
    database_generation.forget()


def bump_generation() -> None:
    """Retires every cached page. A cache outage is logged, not raised: the edit is already
    saved, and the generation kept in the database retires the pages once the cache is back."""
    bump_database_generation()
    bump_cache_generation()


def bump_cache_generation() -> None:
    database_generation.forget()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # the key is missing: nothing is cached under a known number
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except REDIS_FAULTS:
        pass  # the circuit breaker logs an outage once
    except Exception:
        logger.exception("could not invalidate the page cache")


def content_changed(sender, using=None, **kwargs):
    """post_save / post_delete / m2m_changed receiver for every model (see apps.py)."""
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.model_name.startswith("historical"):
        return
    if sender.__module__ == "__fake__":
        return  # a data migration's model: no page is served from a half-migrated database
    bump_generation()
    # Bump the cache's number again when the transaction commits: a request on another server
    # that read the old rows between the first bump and the commit may have stored them under
    # the new number. (The database's number moved with the change itself.)
    transaction.on_commit(bump_cache_generation, using=using)
    if SCHEDULES:
        refresh_schedule()
        transaction.on_commit(refresh_schedule, using=using)


# Scheduled content appears when its time passes, with no save to bump the generation, so no
# page is kept past that moment. The moment is looked up when content is saved, not while
# serving a page, and kept in the cache beside the generation.


def next_publication() -> float:
    """The Unix time of the next scheduled change to public pages, or 0 if none is scheduled."""
    upcoming = [moment for moment in (schedule() for schedule in SCHEDULES) if moment]
    return min(upcoming, default=0)


def refresh_schedule() -> float:
    upcoming = next_publication()
    try:
        cache.set(SCHEDULE_KEY, upcoming, timeout=None)
    except REDIS_FAULTS:
        pass
    except Exception:
        logger.exception("could not store the publication schedule in the page cache")
    return upcoming


def page_timeout() -> int:
    """How long a page may be stored: PAGE_CACHE_SECONDS, cut short by the next publication."""
    upcoming, now = cache.get(SCHEDULE_KEY), time.time()
    if upcoming is None or 0 < upcoming <= now:  # not known yet, or just passed
        upcoming = refresh_schedule()
    if upcoming:
        return min(settings.PAGE_CACHE_SECONDS, int(upcoming - now))
    return settings.PAGE_CACHE_SECONDS


@functools.cache
def admin_prefix() -> str:
    from django.urls import reverse

    return reverse("admin:index")


def has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and not request.META.get("QUERY_STRING")
        and not has_session(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(admin_prefix())
    )


def is_cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie") or has_vary_header(response, "*"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in NOT_STORED) and get_max_age(response) != 0


def cache_key(request, host: str, number: tuple[int, int]) -> str:
    # The language is named in the key as well as implied by the path: a page is stored under
    # the language LocaleMiddleware will serve it in (from the URL's prefix, never a cookie or
    # Accept-Language), so a Korean page can never answer an English URL or the other way round.
    language = language_of_path(request.path_info)
    url = f"{request.scheme}://{host}{request.path}"
    digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{number[0]}.{number[1]}:{language}:{digest}"


class LocalPages:
    """The pages this process served lately, in front of the shared cache: a hit then costs one
    read of the shared generation number and no fetching or unpickling of the page. Emptied
    whenever that number moves on, so it can never serve a page the shared cache has retired."""

    def __init__(self, size=500):
        self.size, self.generation, self.pages = size, None, {}

    def get(self, number, key):
        if number != self.generation:
            self.generation, self.pages = number, {}
            return None
        entry = self.pages.get(key)
        return entry if entry is not None and entry[0] > time.time() else None

    def put(self, number, key, entry):
        if number == self.generation:
            if len(self.pages) >= self.size:
                self.pages = {}
            self.pages[key] = entry


class PageCacheMiddleware:
    """Goes after WhiteNoise and ConditionalGetMiddleware and before the session middleware,
    so a cached page is answered without touching the session, the user or the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalPages()

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            self.after_uncached(request, response)
            return response
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 and logs it as usual

        try:
            number = generation()
            key = cache_key(request, host, number)
            entry = self.local.get(number, key)
            if entry is None:
                entry = cache.get(key)
                if entry is not None:
                    self.local.put(number, key, entry)
        except REDIS_FAULTS:
            return self.get_response(request)  # the circuit breaker logs an outage once
        except Exception:
            logger.exception("page cache unavailable; serving uncached")
            return self.get_response(request)
        if entry is not None:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response

        response = self.get_response(request)
        if is_cacheable_response(response):
            # Browsers revalidate every time (a cheap 304 thanks to the ETag), so an edit shows
            # on the next visit; a proxy such as nginx may reuse the page for a moment.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_PROXY_CACHE_SECONDS
            )
            set_response_etag(response)
            try:
                timeout = page_timeout()
                if timeout > 0:
                    expires = time.time() + timeout
                    entry = (expires, response.status_code, list(response.items()))
                    entry += (response.content,)
                    cache.set(key, entry, timeout)
                    self.local.put(number, key, entry)
            except REDIS_FAULTS:
                pass
            except Exception:
                logger.exception("page cache unavailable; page not stored")
        return response

    @staticmethod
    def after_uncached(request, response):
        # A signed-in editor's view of a page must not be kept by a shared proxy.
        if has_session(request) and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        # A safety net for admin writes that send no model signal (bulk_create, update()):
        # any successful admin form post by a signed-in user retires the cached pages.
        if (
            request.method not in SAFE_METHODS
            and request.path.startswith(admin_prefix())
            and response.status_code in (301, 302, 303)
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            bump_generation()
