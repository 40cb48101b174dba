"""Pages served while Redis hangs (accepts connections, never answers), against pages served
with no cache at all, through the whole middleware stack:

    .venv/bin/python -m tests.bench.hung_redis [SECONDS]

It makes its own SQLite database and content in a temporary folder. The suite
(tests/core/test_cache_faults.py) uses the same hung server.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

from tests.servers.site import PYTHON, REPO


class HungServer:
    """A TCP server that accepts connections and never answers, like a hung Redis."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


def serve_for(seconds: float) -> str:
    """In a child process with the environment's settings: requests/s for one article page."""
    import django

    django.setup()
    from django.test import Client

    from regenknee.articles.models import Article

    client = Client()
    url = Article.objects.public().first().get_absolute_url()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        assert client.get(url).status_code == 200
        count += 1
    elapsed = time.perf_counter() - start
    return f"{count} pages in {elapsed:.1f} s = {count / elapsed:.0f} req/s"


def main():
    seconds = sys.argv[1] if len(sys.argv) > 1 else "10"
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "regenknee.settings",
            "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "DJANGO_CACHE_DIR": f"{folder}/cache",
            "DJANGO_STATIC_ROOT": f"{folder}/static",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_LOG_LEVEL": "CRITICAL",
        }
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["sync_content"]):
            subprocess.run(
                [PYTHON, "manage.py", *command, "-v0"], cwd=REPO, env=env, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        hung = HungServer()
        try:
            for label, extra in (
                ("no cache at all", {"DJANGO_PAGE_CACHE_SECONDS": "0"}),
                ("Redis hung", {"REDIS_URL": f"redis://127.0.0.1:{hung.port}/0"}),
            ):
                result = subprocess.run(
                    [PYTHON, "-c", f"from tests.bench.hung_redis import serve_for; "
                     f"print(serve_for({float(seconds)}))"],
                    cwd=REPO, env={**env, **extra}, capture_output=True, text=True, check=True,
                )  # fmt: skip
                print(f"{label}: {result.stdout.strip()}")
            print(f"connections the hung Redis received: {len(hung.connections)}")
        finally:
            hung.close()


if __name__ == "__main__":
    main()
