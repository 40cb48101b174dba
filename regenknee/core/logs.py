"""Structured logging: one JSON object per line on stdout, and never what a patient typed.

Patient text only ever arrives in the body of a POST to a public form (the checklist). Django
never logs request bodies, but an exception raised while handling one could carry the text in
its message, so while such a request is handled an exception is logged by its type and stack
only. Log messages themselves are the code's own words plus the path, never the body.
"""

import contextvars
import json
import logging
import traceback
from datetime import UTC, datetime

WITHHELD = "(message withheld: the request may hold text a patient typed)"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_private_request = contextvars.ContextVar("private_request", default=False)


def may_hold_patient_text(request) -> bool:
    """A request with a body, outside the admin (where staff, not patients, type)."""
    return request.method not in SAFE_METHODS and not request.path.startswith("/admin/")


class PrivateRequestMiddleware:
    """Marks, for the formatter below, the time spent handling a request that may hold patient
    text. Goes first in MIDDLEWARE so everything logged while handling it is covered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _private_request.set(may_hold_patient_text(request))
        try:
            return self.get_response(request)
        finally:
            _private_request.reset(token)


def exception_chain(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)


def describe_exception(exc, withhold: bool) -> str:
    if not withhold:
        return "".join(traceback.format_exception(exc)).rstrip()
    parts = []
    for each in reversed(list(exception_chain(exc))):
        frames = "".join(traceback.format_list(traceback.extract_tb(each.__traceback__)))
        name = f"{type(each).__module__}.{type(each).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: {WITHHELD}")
    return "\n\nDuring handling, another exception:\n".join(parts)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        request = getattr(record, "request", None)
        withhold = _private_request.get() or (
            request is not None and may_hold_patient_text(request)
        )
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request is not None:
            entry["method"] = request.method
            entry["path"] = request.path
        entry.update(getattr(record, "fields", {}))  # extra={"fields": {...}}, e.g. access lines
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status"] = status_code
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = describe_exception(record.exc_info[1], withhold)
        return json.dumps(entry, ensure_ascii=False, default=str)
