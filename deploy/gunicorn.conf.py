"""gunicorn settings for RegenKnee: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment (GUNICORN_*), so the same file serves one small
server, several app servers behind nginx, the benchmark and the two-server test. The site's own
settings come from the DJANGO_* variables (README.md).
"""

import os

wsgi_app = "regenknee.wsgi:application"

# Only nginx (or a load balancer on a private network) may reach gunicorn: the app trusts the
# X-Forwarded-Proto and X-Forwarded-For headers its proxy sets.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Measured, not assumed (docs/performance.md). With pages cached, sync and gthread were within
# noise of each other on 2 cores (article page: 2,300 to 3,900 req/s for every layout); gthread
# is chosen because it keeps connections alive (nginx's upstream keepalive) and a second thread
# lets one slow request (a big admin save, a wait on the database) not hold up the next page.
# Two workers per core: a gthread worker may accept a whole burst of keep-alive connections and
# leave the other idle (runs at ~1,600 req/s with one worker per core); more workers make that
# rarer, for about 30 MiB each.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))

# Load Django once in the master so workers share its memory (copy-on-write). Django opens no
# database connection while loading, so none is shared between workers.
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound; rarely, as a new
# worker starts with an empty in-process page cache (at 5,000, the benchmark's workers were
# replaced every few seconds, which cost a third of the throughput).
max_requests = 100_000
max_requests_jitter = 10_000
# The heartbeat file in memory, not on a disk that may stall (gunicorn's own advice).
SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn creates and removes its own files there
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None

# gunicorn 25.1+ opens a control socket at one fixed path per user; several instances on one
# host would fight over it, and systemd's signals (HUP reloads) are all this site needs.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "regenknee.core.gunicorn_log.JsonLogger"
