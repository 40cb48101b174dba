"""Two gunicorn servers against one PostgreSQL and one Redis hold no state of their own: a page
is cached once for both, and an edit saved through either is served by both on the very next
request (so well within a second).

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, no password) and Redis on 127.0.0.1:6379,
as .ci/run provides. Skips without them, except under CI (CI=true), where it must run.
"""

import html
import os

import pytest

from .site import REPO, AdminSession, Gunicorn, is_listening, manage, production_env, request

DATABASE = "regenknee_multi"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/13"  # a database number of its own, emptied first
PASSWORD = "a-Long-enough-pass-1"


def require(service, port):
    if is_listening("127.0.0.1", port):
        return
    message = f"{service} is not listening on 127.0.0.1:{port}; .ci/run starts it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI must run the two-server test)")
    pytest.skip(message)


def recreate_database():
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def sql(statement, *params):
    """Straight to the shared database, as the servers' own code never would."""
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    require("PostgreSQL", 5432)
    require("Redis", 6379)
    import redis

    recreate_database()
    redis.Redis.from_url(REDIS_URL).flushdb()
    tmp = tmp_path_factory.mktemp("two-servers")
    env = production_env(
        DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, DJANGO_STATIC_ROOT=tmp / "static"
    )
    manage(env, "migrate", "--noinput")
    manage(env, "sync_content", str(REPO / "content"))
    manage(env, "collectstatic", "--noinput")
    admin_env = {
        **env,
        "DJANGO_SUPERUSER_USERNAME": "admin",
        "DJANGO_SUPERUSER_EMAIL": "admin@example.org",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    manage(admin_env, "createsuperuser", "--noinput")
    with (
        Gunicorn(env, tmp / "a.log", workers=2) as a,
        Gunicorn(env, tmp / "b.log", workers=2) as b,
    ):
        yield a, b, env
    redis.Redis.from_url(REDIS_URL).flushdb()


def shows(server, path, text):
    return html.escape(text) in server.get(path).text


def first_term():
    return sql("SELECT id, definition FROM articles_glossaryterm ORDER BY term LIMIT 1")[0]


def test_both_servers_answer_healthy_and_alike(servers):
    a, b, _ = servers
    for server in (a, b):
        assert server.get("/healthz").body == b"ok\n"
    page_a, page_b = a.get("/glossary/"), b.get("/glossary/")
    assert page_a.status == page_b.status == 200
    assert page_a.body == page_b.body
    assert page_a.header("ETag") == page_b.header("ETag")
    head = request(b.port, "HEAD", "/glossary/")
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(len(page_b.body))


def test_a_page_rendered_by_one_server_is_served_by_the_other_from_redis(servers):
    a, b, _ = servers
    term_id, definition = first_term()
    assert shows(a, "/glossary/", definition)
    # Change the row behind Django's back: no save, no signal, so no invalidation.
    sql(
        "UPDATE articles_glossaryterm SET definition = %s WHERE id = %s", "Changed in SQL.", term_id
    )
    try:
        # B never rendered the glossary, yet serves A's copy from the shared cache.
        assert shows(b, "/glossary/", definition)
        assert not shows(b, "/glossary/", "Changed in SQL.")
    finally:
        sql("UPDATE articles_glossaryterm SET definition = %s WHERE id = %s", definition, term_id)


def test_an_admin_edit_through_one_server_is_served_by_both_at_once(servers):
    a, b, _ = servers
    term_id, _ = first_term()
    for server in (a, b):
        assert not shows(server, "/glossary/", "Edited through server A")
    admin = AdminSession(a.port).sign_in("admin", PASSWORD)
    saved = admin.submit(
        f"/admin/articles/glossaryterm/{term_id}/change/",
        "glossaryterm_form",
        {"definition": "Edited through server A's admin."},
    )
    assert saved.status == 302, saved.text
    for server in (b, a):
        assert shows(server, "/glossary/", "Edited through server A's admin.")


def test_an_edit_saved_by_a_command_is_served_by_both_at_once(servers):
    a, b, env = servers
    slug = sql("SELECT slug FROM articles_article WHERE status = 'published' LIMIT 1")[0][0]
    path = f"/articles/{slug}/"
    for server in (a, b):
        assert not shows(server, path, "Renamed by a command")
    # Another process with the same settings (an operator's shell, a cron job) saves through
    # the ORM, which sends the signal that retires the cached pages in Redis.
    manage(
        env,
        "shell",
        "-c",
        "from regenknee.articles.models import Article\n"
        f"article = Article.objects.get(slug={slug!r})\n"
        "article.title = 'Renamed by a command'\n"
        "article.save()\n",
    )
    for server in (a, b):
        assert "<h1>Renamed by a command</h1>" in server.get(path).text
        assert shows(server, "/", "Renamed by a command")
