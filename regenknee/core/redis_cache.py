"""Django's Redis cache backend, keeping one redis-py client per connection pool, behind a
circuit breaker.

Django builds a new ``redis.Redis`` object for every cache call, and redis-py fills a table of
some 170 response callbacks each time it does: measured, that was half the cost of serving a
cached page. redis-py clients are thread-safe and share the pool's connections, so one per pool
is enough.

A Redis that is down refuses connections at once, but one that hangs (overloaded, swapping, a
network path that drops packets) makes every call wait for the socket timeout. So the client
has short timeouts (settings.REDIS_OPTIONS), and after a call fails the breaker opens: for
``REDIS_RETRY_SECONDS`` every cache call in this process fails at once with
``CacheUnavailable``, and the site serves pages uncached. Then one call is let through to try
Redis again; the others keep failing fast until it succeeds.
"""

import logging
import threading
import time

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

FAILURES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# What callers may catch quietly: the breaker has logged the outage once already.
REDIS_FAULTS = FAILURES


class CacheUnavailable(redis.exceptions.ConnectionError):
    """Redis failed moments ago; this call was not tried."""


class CircuitBreaker:
    def __init__(self, retry_seconds: float, clock=time.monotonic):
        self.retry_seconds, self.clock = retry_seconds, clock
        self.lock = threading.Lock()
        self.failing = False
        self.closed_until = 0.0  # while failing, calls before this moment are not tried

    def before_call(self) -> None:
        if not self.failing:  # the common case, read without taking the lock
            return
        with self.lock:
            if not self.failing:
                return
            now = self.clock()
            if now < self.closed_until:
                raise CacheUnavailable("Redis did not answer moments ago; not tried again yet")
            # This call tries Redis again; every other one waits for the next period.
            self.closed_until = now + self.retry_seconds

    def succeeded(self) -> None:
        if self.failing:
            with self.lock:
                self.failing = False
            logger.warning("Redis answers again; pages are cached again")

    def failed(self, error: Exception) -> None:
        with self.lock:
            first = not self.failing
            self.failing, self.closed_until = True, self.clock() + self.retry_seconds
        if first:
            logger.error(
                "Redis did not answer (%s); serving pages uncached, retrying every %s s",
                error,
                self.retry_seconds,
            )


# One breaker per Redis address for the whole process: Django makes a cache object per
# thread, and every thread should learn at once that Redis is not answering.
BREAKERS: dict[str, CircuitBreaker] = {}
BREAKERS_LOCK = threading.Lock()


def breaker_for(location: str) -> CircuitBreaker:
    with BREAKERS_LOCK:
        if location not in BREAKERS:
            BREAKERS[location] = CircuitBreaker(settings.REDIS_RETRY_SECONDS)
        return BREAKERS[location]


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}
        self.breaker = breaker_for(",".join(servers))

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def guarded(name):
    method = getattr(RedisCacheClient, name)

    def call(self, *args, **kwargs):
        self.breaker.before_call()
        try:
            result = method(self, *args, **kwargs)
        except FAILURES as error:
            self.breaker.failed(error)
            raise
        self.breaker.succeeded()
        return result

    call.__name__ = name
    return call


for _name in (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
):  # fmt: skip
    setattr(ReusingRedisCacheClient, _name, guarded(_name))


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
