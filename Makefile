# RegenKnee: `make serve` runs the site locally; `make test` runs the whole test suite.
# Both create .venv from the pinned, hashed requirements the first time.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum requirements/dev.txt | cut -d' ' -f1)

.PHONY: serve test bench venv lint requirements clean

venv: $(STAMP)

$(STAMP): requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit("RegenKnee needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

serve: venv
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py sync_content
	DJANGO_DEBUG=1 $(PY) manage.py rebuild_search_index
	@# Pages cached by an earlier run were made by the old templates: retire them.
	DJANGO_DEBUG=1 $(PY) manage.py clear_page_cache
	@echo ""
	@echo "RegenKnee is running at http://127.0.0.1:$(PORT)/  (press Ctrl+C to stop)"
	@echo "To edit content, create an admin account in another terminal:"
	@echo "    DJANGO_DEBUG=1 $(PY) manage.py createsuperuser"
	@echo "then sign in at http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m pytest

# The speed benchmark (tests/bench/run.py): gunicorn against nginx with wrk, on loopback only,
# about six minutes, then search latency (tests/bench/search.py, alone: python -m tests.bench.search).
# Installs Debian's wrk and nginx when missing (as root). BENCH_SECONDS, BENCH_ROUNDS,
# BENCH_CONNECTIONS, BENCH_POSTGRES=1 and BENCH_REDIS_URL change what it measures.
bench: venv
	$(PY) -m tests.bench.run

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Recompile the pinned requirements after changing pyproject.toml (needs uv).
requirements:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-emit-index-url --no-emit-find-links -o requirements/base.txt
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --no-emit-index-url --no-emit-find-links -o requirements/dev.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
