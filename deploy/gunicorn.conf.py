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

# Measured, not assumed (docs/performance.md): with every public page answered from the page
# cache, a request is a few hundred microseconds of CPU and no waiting, so threads add nothing
# to throughput, while sync workers cannot keep connections alive. gthread with two threads per
# worker keeps nginx's upstream connections open and still lets a slow admin request (a big
# save, a database wait) not hold up the next page.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# One worker per core: the work is CPU-bound once pages are cached.
workers = int(os.environ.get("GUNICORN_WORKERS", str(os.cpu_count() or 1)))

# Load Django once in the master so workers share its memory (copy-on-write). Django opens no
# database connection while loading, so none is shared between workers.
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# gunicorn 25.1+ opens a control socket at one fixed path per user; several instances on one
# host would fight over it, and systemd's signals (HUP reloads) are all this site needs.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "regenknee.core.gunicorn_log.JsonLogger"
