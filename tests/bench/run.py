"""The speed benchmark: `make bench` (or `.venv/bin/python -m tests.bench.run`).

Starts the site as production runs it (gunicorn with deploy/gunicorn.conf.py, DJANGO_DEBUG off,
after migrate, sync_content and collectstatic into a temporary folder) and Debian's nginx
serving the same bytes from disk, then measures both with wrk, side by side in one run: the
article page, the home page and the glossary. Then the gunicorn worker types on the article
page, the page weight, the queries per page, the memory of a worker, sync_content for 1,000
generated articles and search latency with 1,000 articles in each language (search.py). Every
server listens on 127.0.0.1 only, and every run is time-bounded.

Each figure is the median of BENCH_ROUNDS (3) wrk runs of BENCH_SECONDS (5) each, taken in turns
with the runs it is compared with, so that a burst of other work on the machine does not land
on one side only; the spread (lowest-highest req/s) is printed too.

Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS (default 16),
BENCH_POSTGRES=1 to use PostgreSQL at 127.0.0.1:5432 (databases regenknee_bench*) instead of
SQLite, BENCH_REDIS_URL to use Redis as the cache (e.g. redis://127.0.0.1:6379/12).
Copy the figures it prints into docs/performance.md.
"""

import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

from tests.servers.site import (
    PROXY_HEADERS,
    PYTHON,
    REPO,
    Gunicorn,
    free_port,
    manage,
    production_env,
    request,
    rss_kib,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "") == "1"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TARGET_RATIO = 1 / 20
WEIGHT_BUDGET = 40 * 1024


def ensure_tools():
    missing = [tool for tool in ("wrk", NGINX) if not shutil.which(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit("The benchmark needs Debian's wrk and nginx: apt-get install wrk nginx")
    print("Installing Debian's wrk and nginx ...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk", "nginx"], check=True)


def database_url(name, tmp):
    if not POSTGRES:
        return f"sqlite:///{tmp / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


# --- wrk --------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, seconds=SECONDS):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in PROXY_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"}:
        raise RuntimeError(f"unexpected wrk output for {url}:\n{output}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def compare(urls):
    """{label: url} measured in turns, ROUNDS times; for each label the median run (by req/s),
    with the lowest and highest req/s and the errors of all its runs added up."""
    runs = {label: [] for label in urls}
    for _ in range(ROUNDS):
        for label, url in urls.items():
            runs[label].append(wrk(url))
    results = {}
    for label, measured in runs.items():
        ordered = sorted(measured, key=lambda run: run["rps"])
        median = dict(ordered[len(ordered) // 2])
        median.update(
            low=ordered[0]["rps"],
            high=ordered[-1]["rps"],
            errors=sum(run["errors"] for run in measured),
        )
        results[label] = median
    return results


def row(label, result):
    return (
        f"  {label:<30} {result['rps']:>7.0f} req/s ({result['low']:>5.0f}-{result['high']:<5.0f})"
        f"  p50 {result['p50']:>6.2f} ms  p99 {result['p99']:>6.2f} ms  errors {result['errors']}"
    )


# --- nginx serving the same bytes --------------------------------------------------------------

NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        location / {{ try_files $uri $uri/index.html =404; }}
        location /static/ {{ alias {static}/; }}
    }}

    # The production set-up in front of gunicorn: deploy/nginx's locations, micro-cache included.
    upstream regenknee {{ server 127.0.0.1:{django_port}; keepalive 16; }}
    proxy_cache_path {tmp}/nginx-cache levels=1:2 keys_zone=regenknee_pages:10m max_size=256m
                     inactive=10m use_temp_path=off;
    map $http_cookie $regenknee_signed_in {{ default 0; "~(^|;\\s*)sessionid=" 1; }}
    server {{
        listen 127.0.0.1:{proxy_port};
        include {tmp}/regenknee-locations.conf;
    }}
}}
"""


class Nginx:
    """nginx serving the copied pages from disk on one port, and proxying to gunicorn with the
    deploy/ configuration on another (`proxy_port`)."""

    def __init__(self, tmp, static, workers, django_port):
        self.port, self.proxy_port = free_port(), free_port()
        self.tmp = tmp
        locations = (REPO / "deploy" / "nginx" / "regenknee-locations.conf").read_text()
        # Plain HTTP on loopback stands in for the TLS server: tell the app it was HTTPS.
        locations = locations.replace("$scheme", "https")
        locations = locations.replace("/srv/regenknee/staticfiles/", f"{static}/")
        (tmp / "regenknee-locations.conf").write_text(locations)
        (tmp / "nginx.conf").write_text(
            NGINX_CONF.format(
                tmp=tmp,
                port=self.port,
                proxy_port=self.proxy_port,
                django_port=django_port,
                static=static,
                workers=workers,
            )
        )

    def __enter__(self):
        self.log = open(self.tmp / "nginx.out", "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if request(self.port, "GET", "/").status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"nginx did not start: {(self.tmp / 'nginx-error.log').read_text()}")

    def get(self, path):
        return request(self.port, "GET", path)

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()  # fast shutdown of the master and its workers
            self.process.wait(timeout=15)
        self.log.close()


def copy_pages(server, paths, www):
    """The exact bytes Django serves, as files nginx can serve."""
    for path in paths:
        target = www / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(server.get(path).body)


# --- page weight -------------------------------------------------------------------------------


def page_weight(server, path):
    """Bytes a first visit downloads, compressed as served: the HTML gzipped as nginx does
    (deploy/nginx/regenknee.conf, level 5) and each asset as WhiteNoise serves it with
    Accept-Encoding: gzip. Stylesheets are searched for url(...) images and fonts."""
    html = server.get(path).body
    parts = {path: len(gzip.compress(html, compresslevel=5))}
    pending = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    while pending:
        url = pending.pop().decode()
        if url in parts:
            continue
        asset = request(server.port, "GET", url, {"Accept-Encoding": "gzip"})
        assert asset.status == 200, url
        parts[url] = len(asset.body)
        if url.endswith(".css"):
            css = gzip.decompress(asset.body) if asset.header("Content-Encoding") else asset.body
            for found in re.findall(rb"url\(['\"]?([^'\")]+)", css):
                if not found.startswith(b"data:"):
                    pending.append(urljoin(url, found.decode()).encode())
    return parts


# --- the run -----------------------------------------------------------------------------------


def generated_content(tmp, count=1000):
    """The real content folder plus copies of its articles, renamed, up to `count` articles."""
    target = tmp / "content-1000"
    shutil.copytree(REPO / "content", target)
    originals = sorted((REPO / "content" / "articles").glob("*.md"))
    for index in range(count - len(originals)):
        text = originals[index % len(originals)].read_text()
        slug = re.search(r"^slug: (.+)$", text, re.MULTILINE).group(1)
        text = re.sub(r"^slug: .+$", f"slug: {slug}-{index}", text, count=1, flags=re.MULTILINE)
        title = rf"title: \1\2, part {index}\3"
        text = re.sub(r'^title: ("?)(.+?)("?)$', title, text, count=1, flags=re.M)
        text = re.sub(r"^position: .+$", f"position: {100 + index}", text, count=1, flags=re.M)
        (target / "articles" / f"{1000 + index}-{slug}.md").write_text(text)
    return target


def measure(env, *args):
    result = subprocess.run(
        [PYTHON, "-m", "tests.bench.measure", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.platform()}"


def main():
    ensure_tools()
    tmp = Path(tempfile.mkdtemp(prefix="regenknee-bench-"))
    tmp.chmod(0o755)  # nginx's workers run as another user
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp):
    workers = os.cpu_count() or 1
    static = tmp / "static"
    env = production_env(
        DATABASE_URL=database_url("regenknee_bench", tmp),
        DJANGO_STATIC_ROOT=static,
        DJANGO_CACHE_DIR=tmp / "cache",
        GUNICORN_ACCESS_LOG="",  # nginx below logs nothing either
    )
    if REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    print(f"Machine: {machine()}")
    print(f"Load average before: {load_average()} (other work on the machine skews every figure)")
    print(
        f"Database: {'PostgreSQL' if POSTGRES else 'SQLite'}; cache: "
        f"{'Redis' if REDIS_URL else 'files (no Redis)'}; wrk: 2 threads, "
        f"{CONNECTIONS} connections, {SECONDS} s a run; nginx {workers} workers\n",
        flush=True,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "sync_content", str(REPO / "content"))
    manage(env, "collectstatic", "--noinput")
    for folder in (static, tmp):
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)

    with Gunicorn(env, tmp / "gunicorn.log") as django:  # as deploy/gunicorn.conf.py says
        home = django.get("/").text
        article = re.search(r'href="(/articles/[^"]+/)"', home).group(1)
        pages = {"article": article, "home": "/", "glossary": "/glossary/"}
        copy_pages(django, pages.values(), tmp / "www")
        (tmp / "www").chmod(0o755)
        for path in (tmp / "www").rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)

        print(
            "Django (gunicorn as deploy/gunicorn.conf.py sets it up) against nginx serving "
            "the same bytes from disk:",
            flush=True,
        )
        with Nginx(tmp, static, workers, django.port) as nginx:
            for name, path in pages.items():
                for server in (nginx, django):
                    server.get(path)  # warm: the first request fills the page cache
                results = compare(
                    {
                        "nginx, the bytes from disk": f"http://127.0.0.1:{nginx.port}{path}",
                        "Django (gunicorn)": f"http://127.0.0.1:{django.port}{path}",
                        "nginx micro-cache -> Django": f"http://127.0.0.1:{nginx.proxy_port}{path}",
                    }
                )
                print(f"  {name} {path}")
                for label, result in results.items():
                    print(row(label, result))
                ratio = (
                    results["Django (gunicorn)"]["rps"]
                    / results["nginx, the bytes from disk"]["rps"]
                )
                verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
                print(f"  {'Django / nginx':<30} 1/{1 / ratio:.1f} ({verdict} the 1/20 target)\n")
        rss = [rss_kib(pid) for pid in django.worker_pids()]
        pss = [pss_kib(pid) for pid in django.worker_pids()]
        print(
            f"Worker memory after the runs: RSS {max(rss) / 1024:.0f} MiB, "
            f"PSS {max(pss) / 1024:.0f} MiB (largest of {len(rss)}); "
            f"master RSS {rss_kib(django.process.pid) / 1024:.0f} MiB\n"
        )

        print("Page weight (first visit, compressed):")
        for name in ("article", "home"):
            parts = page_weight(django, pages[name])
            total = sum(parts.values())
            verdict = "within" if total <= WEIGHT_BUDGET else "OVER"
            detail = ", ".join(f"{Path(url).name or url} {size}" for url, size in parts.items())
            print(f"  {name}: {total / 1024:.1f} KiB ({verdict} the 40 KiB budget): {detail}")
        print()

    print("Database queries per page (cold: nothing cached; warm: from the page cache):")
    for path, counts in measure(env, "queries", *pages.values()).items():
        print(f"  {path:<40} cold {counts['cold']}, warm {counts['warm']}")
    print(flush=True)

    print("gunicorn worker types on the article page (all started, measured in turns):")
    kinds = {
        f"sync, {workers} workers": {"worker_class": "sync", "workers": workers},
        f"sync, {2 * workers} workers": {"worker_class": "sync", "workers": 2 * workers},
        f"gthread, {workers} x 1 thread": {"threads": 1, "workers": workers},
        f"gthread, {workers} x 2 threads": {"threads": 2, "workers": workers},
        f"gthread, {workers} x 4 threads": {"threads": 4, "workers": workers},
        f"gthread, {2 * workers} x 2 (configured)": {"threads": 2, "workers": 2 * workers},
    }
    uncached = {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(Gunicorn(env, tmp / f"kind-{index}.log", **settings))
            for index, (label, settings) in enumerate(kinds.items())
        }
        servers["configured, page cache off"] = stack.enter_context(
            Gunicorn(uncached, tmp / "uncached.log")
        )
        for server in servers.values():
            for _ in range(8 * workers):  # reach every worker: each has its own first level
                server.get(pages["article"])
        urls = {
            label: f"http://127.0.0.1:{server.port}{pages['article']}"
            for label, server in servers.items()
        }
        for label, result in compare(urls).items():
            print(row(label, result))
    print(flush=True)

    print("sync_content of 1,000 articles into an empty database:")
    content = generated_content(tmp)
    sync_env = {**env, "DATABASE_URL": database_url("regenknee_bench_sync", tmp)}
    manage(sync_env, "migrate", "--noinput")
    timing = measure(sync_env, "sync", str(content))
    print(
        f"  first run {timing['first_seconds']} s ({timing['created']} items created), "
        f"second run {timing['again_seconds']} s ({timing['unchanged_on_second_run']} "
        f"unchanged)"
    )
    print(flush=True)

    # Search latency with 1,000 articles in each language, in its own process and database.
    search_env = {name: value for name, value in env.items() if name != "DATABASE_URL"}
    subprocess.run([PYTHON, "-m", "tests.bench.search"], cwd=REPO, env=search_env, timeout=1800)
    print(f"\nLoad average after: {load_average()}")


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def pss_kib(pid):
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
