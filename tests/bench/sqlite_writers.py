"""Concurrent writers on one SQLite file, as gunicorn workers saving in the admin do.

Each writer runs what an admin save runs: a transaction that reads a row, spends a moment
(rendering, checks), then writes. Run with Django's default SQLite options and with the
project's (``SQLITE_OPTIONS`` in settings.py) to compare failures and waits:

    .venv/bin/python -m tests.bench.sqlite_writers [WRITERS]

The suite (tests/core/test_sqlite_concurrency.py) runs the same function with a few writers.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper

DJANGO_DEFAULT_OPTIONS: dict = {}


def sqlite_connection(path: Path, options: dict) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias=f"writer-{threading.get_ident()}",
    )


def read_then_write(path: Path, options: dict, start: threading.Event, think: float):
    """One admin-like save; returns (seconds taken, error text or "")."""
    connection = sqlite_connection(path, options)
    start.wait()
    began = time.perf_counter()
    try:
        # What transaction.atomic() does on entry and exit.
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT version FROM page WHERE id = 1")
            (version,) = cursor.fetchone()
            time.sleep(think)
            cursor.execute("UPDATE page SET version = %s WHERE id = 1", [version + 1])
        connection.commit()
        return time.perf_counter() - began, ""
    except OperationalError as error:
        connection.rollback()
        return time.perf_counter() - began, str(error)
    finally:
        connection.set_autocommit(True)
        connection.close()


def run_writers(
    folder: Path, options: dict, writers: int = 4, think: float = 0.05, first_think=None
) -> dict:
    """Starts ``writers`` saves at the same moment on a fresh database; returns what happened.
    ``first_think`` makes the first one a long transaction, as sync_content is."""
    path = folder / f"writers-{time.monotonic_ns()}.sqlite3"
    setup = sqlite_connection(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")
        cursor.execute("INSERT INTO page (id, version) VALUES (1, 0)")
    setup.close()

    start, results = threading.Event(), []

    def writer(seconds):
        results.append(read_then_write(path, options, start, seconds))

    thinks = [think if first_think is None else first_think] + [think] * (writers - 1)
    threads = [threading.Thread(target=writer, args=(seconds,)) for seconds in thinks]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join()

    check = sqlite_connection(path, options)
    with check.cursor() as cursor:
        cursor.execute("SELECT version FROM page WHERE id = 1")
        (saved,) = cursor.fetchone()
    check.close()
    waits = sorted(seconds for seconds, error in results if not error)
    return {
        "errors": [error for _, error in results if error],
        "saved": saved,
        "median_seconds": statistics.median(waits) if waits else 0.0,
        "max_seconds": waits[-1] if waits else 0.0,
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regenknee.settings")
    import django
    from django.conf import settings

    django.setup()

    writers = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    with tempfile.TemporaryDirectory() as folder:
        for scenario, first_think in (("saves at once", None), ("saves during a 2 s sync", 2.0)):
            for name, options in (
                ("Django's default", DJANGO_DEFAULT_OPTIONS),
                ("RegenKnee (WAL, IMMEDIATE, busy timeout)", settings.SQLITE_OPTIONS),
            ):
                outcome = run_writers(Path(folder), options, writers, first_think=first_think)
                median, most = outcome["median_seconds"] * 1000, outcome["max_seconds"] * 1000
                print(
                    f"{scenario}, {name}: {writers} writers, {len(outcome['errors'])} failed "
                    f"('database is locked'), {outcome['saved']} saved; "
                    f"time per save median {median:.0f} ms, max {most:.0f} ms"
                )


if __name__ == "__main__":
    main()
