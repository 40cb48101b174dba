"""Structured logs on stdout that never hold what a patient typed, even when a request fails."""

import io
import json
import logging

import pytest
from django.test import Client

from regenknee.core.logs import WITHHELD, JsonFormatter
from tests.checklists.test_views import VALID

pytestmark = pytest.mark.django_db

SECRET = "My neighbour Bartholomew had a bad knee injection"


@pytest.fixture
def log_lines():
    """What the configured console handler writes, as parsed JSON objects."""
    handlers = {
        handler
        for logger in (logging.getLogger(), logging.getLogger("django"))
        for handler in logger.handlers
        if isinstance(handler.formatter, JsonFormatter)
    }
    assert handlers, "the console handler with the JSON formatter is configured"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]

    def read():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def test_console_log_is_one_json_object_per_line_on_stdout(log_lines):
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["stream"] == "ext://sys.stdout"
    logging.getLogger("regenknee.test").warning("disk %s full", "nearly")
    (entry,) = log_lines()
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "regenknee.test"
    assert entry["message"] == "disk nearly full"
    assert entry["time"].endswith("+00:00")


def test_a_failing_checklist_post_is_logged_without_what_was_typed(
    real_content, log_lines, monkeypatch
):
    def broken_builder(answers, *args):
        raise ValueError(f"cannot build for {answers}")

    monkeypatch.setattr("regenknee.checklists.views.build_checklist", broken_builder)
    client = Client(raise_request_exception=False)
    response = client.post("/checklist/", {**VALID, "own_questions": SECRET})
    assert response.status_code == 500

    entries = log_lines()
    error = next(entry for entry in entries if entry["logger"] == "django.request")
    assert error["message"] == "Internal Server Error: /checklist/"
    assert error["status"] == 500 and error["method"] == "POST"
    # The operator still learns what failed and where.
    assert "builtins.ValueError: " + WITHHELD in error["exception"]
    assert "broken_builder" in error["exception"]
    everything = json.dumps(entries)
    assert "Bartholomew" not in everything
    assert "Example Knee Clinic" not in everything


def test_an_error_on_a_page_keeps_its_message(db, settings, log_lines):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    assert Client(raise_request_exception=False).get("/boom/").status_code == 500
    error = next(entry for entry in log_lines() if entry["logger"] == "django.request")
    assert "RuntimeError: a bug" in error["exception"]


def test_django_does_not_mail_requests_to_admins():
    assert all(
        type(handler).__name__ != "AdminEmailHandler"
        for handler in logging.getLogger("django").handlers
    )
