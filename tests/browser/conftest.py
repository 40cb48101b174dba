"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live server.

Playwright's own browser downloads do not work here, so the system Chromium is used. Without it
these tests skip with the reason, except under CI (CI=true), where a missing browser fails.
"""

import os
import shutil
import threading
import time

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"phone": 375, "desktop": 1280}

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the tests
# make there are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI must run the browser tests)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LiveSite:
    def __init__(self, url):
        self.url = url


@pytest.fixture
def live_site(transactional_db):
    """A live server that, like production, serves static files through WhiteNoise from the
    collected, hashed files (pytest-django's live_server serves unhashed source files)."""
    from django.db import connections
    from django.test.testcases import LiveServerThread

    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = LiveServerThread(
        "localhost", static_handler=lambda handler: handler, connections_override=shared
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield LiveSite(f"http://localhost:{thread.port}")
    thread.terminate()
    # Let requests the browser left in flight finish before the shared connection is released.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(
        t.name.endswith("(process_request_thread)") for t in threading.enumerate()
    ):
        time.sleep(0.05)
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def site(live_site):
    """The live site with the repository's real content loaded."""
    from regenknee.sync.engine import sync_content
    from tests.conftest import REPO

    sync_content(REPO / "content")
    return live_site


@pytest.fixture
def new_page(browser):
    """Opens pages in fresh browser contexts (separate cookies), all closed after the test
    and before the live server stops."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def page(request, browser):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, context=None):
    """axe-core's WCAG 2.2 A and AA violations on the page (or the part of it ``context``
    selects, in axe's own terms), as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context=context,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
            }
        },
    )
    return [
        f"{violation['id']}: {violation['help']} at "
        + "; ".join(
            f"{node['target'][0]} ({node['failureSummary']})" for node in violation["nodes"][:3]
        )
        for violation in results.response["violations"]
    ]
