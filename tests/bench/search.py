"""Search latency with 1,000 articles in each language: `python -m tests.bench.search`
(`make bench` runs it too).

Loads the real content, copies its English and Korean articles up to 1,000 of each (with the
text of the real ones, renamed), builds the index, then times English and Korean queries, each
many times: the search itself (``regenknee.search.query.search``) and the whole page through
Django (middleware, view, template). Prints p50 and p99 in milliseconds.

Database: a temporary SQLite file by default; with DATABASE_URL set, that database (it is
emptied first); with BENCH_POSTGRES=1 (as `make bench` passes it), a fresh PostgreSQL database
regenknee_bench_search on 127.0.0.1.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

COUNT = int(os.environ.get("BENCH_SEARCH_ARTICLES", "1000"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "30"))
QUERIES = {
    "en": ["cartilage", "knee injection", "stem cells", "mesenchymal", "MSC", "price", "zzyzx"],
    "ko": ["연골은", "줄기세포", "주사", "무릎 통증", "골관절염이", "MSC", "없는낱말"],
}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def setup(tmp: Path) -> str:
    if not os.environ.get("DATABASE_URL"):
        if os.environ.get("BENCH_POSTGRES") == "1":
            from tests.bench.run import database_url

            os.environ["DATABASE_URL"] = database_url("regenknee_bench_search", tmp)
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'search.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_CACHE_DIR"] = str(tmp / "cache")
    os.environ["DJANGO_STATIC_ROOT"] = str(tmp / "static")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regenknee.settings")
    import django

    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("flush", interactive=False, verbosity=0, stdout=quiet)
    call_command("sync_content", verbosity=0, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    from django.db import connection

    return connection.vendor


def copy_articles(count: int) -> None:
    """Renamed copies of the real articles and their Korean translations, written directly
    (bulk_create: no rendering, no signals) up to ``count`` of each."""
    from regenknee.articles.models import Article, ArticleTranslation

    originals = list(Article.objects.filter(status=Article.Status.PUBLISHED))
    translations = {t.source_id: t for t in ArticleTranslation.objects.filter(language="ko")}
    copies = []
    for index in range(count - len(originals)):
        original = originals[index % len(originals)]
        copy = Article(
            **{
                field.attname: getattr(original, field.attname)
                for field in Article._meta.concrete_fields
                if not field.primary_key
            }
        )
        copy.slug, copy.title = f"{original.slug}-{index}", f"{original.title}, part {index}"
        copy.position = 1000 + index
        copies.append((copy, translations.get(original.pk)))
    Article.objects.bulk_create([copy for copy, _ in copies], batch_size=200)
    korean = []
    for copy, translation in copies:
        if translation is None:
            continue
        made = ArticleTranslation(
            **{
                field.attname: getattr(translation, field.attname)
                for field in ArticleTranslation._meta.concrete_fields
                if not field.primary_key
            }
        )
        made.source_id, made.title = copy.pk, f"{translation.title} ({copy.position})"
        korean.append(made)
    ArticleTranslation.objects.bulk_create(korean, batch_size=200)


def timed(function, rounds):
    """Wall-clock milliseconds of each call, and this process's CPU milliseconds: on a busy
    machine the wall clock includes waiting for a core, the CPU time does not (on SQLite it is
    the whole search; on PostgreSQL the database server's share is not in it)."""
    times, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return times, cpu


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="regenknee-search-bench-"))
    vendor = setup(tmp)
    from django.test import Client

    from regenknee.articles.models import Article, ArticleTranslation
    from regenknee.search import backends
    from regenknee.search.index import rebuild_all
    from regenknee.search.query import search

    copy_articles(COUNT)
    started = time.perf_counter()
    entries = rebuild_all()
    built = time.perf_counter() - started
    english = Article.objects.count()
    korean = ArticleTranslation.objects.filter(language="ko").count()
    print(f"Search ({backends.backend_name()} on {vendor}): {english} articles, {korean} Korean")
    print(f"  index of {entries} entries built in {built:.1f} s (rebuild_search_index)")
    print(f"  load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    client = Client()
    assert client.get("/search/", {"q": "cartilage"}).status_code == 200
    for language, queries in QUERIES.items():
        prefix = "" if language == "en" else f"/{language}"
        engine, page, counts, engine_cpu, page_cpu = [], [], [], [], []
        for query in queries:
            counts.append(f"{query} {len(search(query, language).results)}")
            wall, cpu = timed(lambda q=query, lang=language: search(q, lang), ROUNDS)
            engine, engine_cpu = engine + wall, engine_cpu + cpu
            url = f"{prefix}/search/"
            wall, cpu = timed(lambda q=query, u=url: client.get(u, {"q": q}), ROUNDS)
            page, page_cpu = page + wall, page_cpu + cpu
        print(f"  {language}: results per query: {', '.join(counts)}")
        for label, times, cpu in (("search()", engine, engine_cpu), ("whole page", page, page_cpu)):
            print(
                f"  {language} {label:<11} p50 {statistics.median(times):6.1f} ms   "
                f"p99 {percentile(times, 0.99):6.1f} ms   "
                f"(CPU of this process: p50 {statistics.median(cpu):5.1f} ms; {len(times)} runs)"
            )
    print(f"  load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
