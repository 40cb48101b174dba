"""SQLite, the single-server default, lets concurrent admin saves wait for each other instead
of failing with "database is locked"."""

import pytest
from django.conf import settings

from tests.bench.sqlite_writers import DJANGO_DEFAULT_OPTIONS, run_writers, sqlite_connection


@pytest.fixture(autouse=True)
def own_database_files(django_db_blocker):
    """These tests open SQLite files of their own, whatever database the suite runs on."""
    with django_db_blocker.unblock():
        yield


def test_django_default_sqlite_fails_concurrent_saves_with_database_is_locked(tmp_path):
    outcome = run_writers(tmp_path, DJANGO_DEFAULT_OPTIONS, writers=3, think=0.2)
    assert outcome["errors"] and all("database is locked" in e for e in outcome["errors"])
    assert outcome["saved"] == 3 - len(outcome["errors"])


def test_concurrent_saves_wait_for_each_other_and_all_succeed(tmp_path):
    outcome = run_writers(tmp_path, settings.SQLITE_OPTIONS, writers=3, think=0.2)
    assert outcome["errors"] == []
    assert outcome["saved"] == 3


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    connection = sqlite_connection(tmp_path / "site.sqlite3", settings.SQLITE_OPTIONS)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone() == (settings.SQLITE_OPTIONS["timeout"] * 1000,)
    assert connection.transaction_mode == "IMMEDIATE"
    connection.close()


def test_a_save_during_a_long_sync_waits_for_it_instead_of_failing(tmp_path):
    before = run_writers(tmp_path, DJANGO_DEFAULT_OPTIONS, writers=2, think=0.2, first_think=0.6)
    after = run_writers(tmp_path, settings.SQLITE_OPTIONS, writers=2, think=0.2, first_think=0.6)
    assert len(before["errors"]) == 1 and before["saved"] == 1
    assert after["errors"] == [] and after["saved"] == 2
