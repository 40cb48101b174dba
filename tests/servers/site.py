"""Running the site as production runs it (gunicorn with deploy/gunicorn.conf.py, the DJANGO_*
settings from the environment) and talking to it over HTTP: shared by the two-server test and
the benchmark (tests/bench/run.py)."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# As nginx would send it: the site redirects plain HTTP to HTTPS otherwise.
# What nginx in front of every app server sends (deploy/nginx): the site's own host name, the
# same for all of them, so pages with absolute addresses (hreflang, canonical) are alike.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def is_listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**values) -> dict:
    """The environment of a production server: debug off, a real-looking key, loopback hosts."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_"))
        and name not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    env.update({name: str(value) for name, value in values.items()})
    return env


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name, default)


def request(port, method, path, headers=None, body=None, timeout=10) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})})
        reply = connection.getresponse()
        return Response(reply.status, reply.headers, reply.read())
    finally:
        connection.close()


class Gunicorn:
    """One app server: `python -m gunicorn -c deploy/gunicorn.conf.py` on a loopback port."""

    def __init__(self, env: dict, log_path: Path, port: int | None = None, **gunicorn_env):
        self.port = port or free_port()
        self.log_path = log_path
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            **{f"GUNICORN_{name.upper()}": str(value) for name, value in gunicorn_env.items()},
        }
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if request(self.port, "GET", "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not become healthy:\n{self.log_path.read_text()}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def get(self, path, **headers) -> Response:
        return request(self.port, "GET", path, headers)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for {pid}")


class FormFields(HTMLParser):
    """The fields a browser would submit from one form: inputs, checked boxes, textareas and
    selected options, by name."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append(
                [attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")]
            )
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.textarea and self.textarea[1].startswith("\n"):
                self.textarea[1] = self.textarea[1][1:]  # HTML drops one leading newline
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> list[list[str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


class AdminSession:
    """A signed-in admin user talking to one server over HTTP, as a browser would (the CSRF
    cookie and token, the Origin header, the session cookie)."""

    def __init__(self, port):
        self.port, self.cookies = port, SimpleCookie()

    def send(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{PROXY_HEADERS['Host']}"
        response = request(self.port, method, path, headers, body)
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        return response

    def sign_in(self, username, password):
        page = self.send("GET", "/admin/login/")
        fields = dict(form_fields(page.text, "login-form"))
        fields.update(username=username, password=password)
        response = self.send("POST", "/admin/login/?next=/admin/", fields)
        if response.status != 302:
            raise RuntimeError(f"sign-in failed ({response.status})")
        return self

    def submit(self, path, form_id, changes):
        fields = form_fields(self.send("GET", path).text, form_id)
        for field in fields:
            if field[0] in changes:
                field[1] = changes[field[0]]
        return self.send("POST", path, [*map(tuple, fields), ("_save", "Save")])
