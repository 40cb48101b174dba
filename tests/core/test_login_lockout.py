"""django-axes: 5 failures for one username from one IP lock that pair out for 30 minutes."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a long pass phrase 42"


@pytest.fixture
def editor(db):
    # The fast test hasher (conftest.py) keeps the dozens of attempts below quick.
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, username="editor", ip="192.0.2.10", forwarded_for=None):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        headers={"X-Forwarded-For": forwarded_for} if forwarded_for else {},
    )


def fail(client, times, **kwargs):
    for attempt in range(1, times + 1):
        # The fifth failure is the one that locks, and it is answered as locked already.
        expected = 429 if attempt >= 5 else 200
        assert sign_in(client, "wrong", **kwargs).status_code == expected


def test_five_failures_lock_the_username_from_that_address(client, editor):
    fail(client, 5)
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "sessionid" not in locked.cookies
    assert "too many login attempts" in locked.content.decode()


def test_four_failures_do_not_lock(client, editor):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_is_for_that_username_and_address_only(client, editor):
    User.objects.create_superuser("reviewer", "reviewer@example.org", PASSWORD)
    fail(client, 5)
    assert sign_in(client, PASSWORD, ip="198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, username="reviewer").status_code == 302


def test_success_resets_the_count(client, editor):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302


def test_lock_ends_after_30_minutes(client, editor):
    fail(client, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert sign_in(client, PASSWORD).status_code == 429
    # A failure during the lockout starts the 30 minutes again, so count from that one.
    with time_machine.travel(timezone.now() + timedelta(minutes=60)):
        assert sign_in(client, PASSWORD).status_code == 302


def test_unlock_command(client, editor):
    fail(client, 5)
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor")
    assert sign_in(client, PASSWORD).status_code == 302


def test_client_address_comes_from_the_trusted_proxy(client, editor, settings):
    settings.PROXY_COUNT = 1
    # Behind nginx every request comes from 127.0.0.1; the client is the last hop nginx adds.
    fail(client, 5, ip="127.0.0.1", forwarded_for="203.0.113.9, 192.0.2.10")
    other_client = sign_in(client, PASSWORD, ip="127.0.0.1", forwarded_for="198.51.100.7")
    assert other_client.status_code == 302
    client.logout()
    # Whatever the attacker writes on the left, the address nginx saw is the one counted.
    spoofed = sign_in(client, PASSWORD, ip="127.0.0.1", forwarded_for="1.2.3.4, 192.0.2.10")
    assert spoofed.status_code == 429
