"""In-process measurements the benchmark runs in a child process with production settings
from the environment (see run.py): `python -m tests.bench.measure queries PATH...` and
`python -m tests.bench.measure sync CONTENT_DIR`. Each prints one JSON object."""

import json
import sys
import time
from pathlib import Path


def setup():
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regenknee.settings")
    django.setup()


def queries(paths):
    """Database queries for each page: cold (nothing cached) and warm (from the page cache)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="127.0.0.1")
    cache.clear()
    result = {}
    for path in paths:
        counts = []
        for _ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            counts.append(len(captured))
        result[path] = {"cold": counts[0], "warm": counts[1]}
    return result


def sync(content_dir):
    """Seconds for sync_content on a fresh database, then for a second run that finds nothing
    to change."""
    from regenknee.sync.engine import sync_content

    timings, reports = [], []
    for _ in ("first", "again"):
        start = time.perf_counter()
        reports.append(sync_content(Path(content_dir)))
        timings.append(time.perf_counter() - start)
    return {
        "first_seconds": round(timings[0], 2),
        "again_seconds": round(timings[1], 2),
        "created": len(reports[0].created),
        "unchanged_on_second_run": len(reports[1].unchanged),
    }


if __name__ == "__main__":
    setup()
    command, *args = sys.argv[1:]
    if command == "queries":
        print(json.dumps(queries(args)))
    elif command == "sync":
        print(json.dumps(sync(args[0])))
    else:
        raise SystemExit(f"unknown command {command}")
