"""Test-wide configuration.

The suite runs the real settings module in production mode (DJANGO_DEBUG off), with only the
values below filled in, so what is tested is what is deployed.
"""

import atexit
import shutil
import tempfile

from django.conf import settings

settings.SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
settings.SECURE_SSL_REDIRECT = False  # tests that need it turn it back on
# Hashing a password the production way takes a deliberate ~0.3 s; tests create many users.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The file cache of a server without Redis, in a folder of this run's own: runs side by side
# (on other databases) must never serve each other's pages.
if settings.CACHES["default"]["BACKEND"].endswith(".FileBasedCache"):
    settings.CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="regenknee-test-cache-")
    atexit.register(shutil.rmtree, settings.CACHES["default"]["LOCATION"], ignore_errors=True)
# SQLite tests use a database file, as a real server does. An in-memory test database shares
# one cache between connections, where a second writer fails at once ("table is locked")
# instead of waiting, so the tests of two people saving at the same moment would test nothing.
if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _test_db_dir = tempfile.mkdtemp(prefix="regenknee-test-db-")
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{_test_db_dir}/test.sqlite3"
    atexit.register(shutil.rmtree, _test_db_dir, ignore_errors=True)
