# Fanjian: `make demo` and `make test` do all set-up on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_CASES ?= 3000
DEMO_SEED  ?= 2023

.PHONY: demo test test-sqlite test-postgres install install-test browser messages bench clean run

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip >/dev/null
	$(PIP) install -e . 
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[test,s3]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser),
# and poppler-utils (pdftotext) for the report tests.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	  else echo "Chromium or pdftotext is missing: run 'sudo apt-get install chromium poppler-utils' for the browser and report tests (they are skipped)."; fi; \
	fi

demo: install
	mkdir -p var
	$(PY) manage.py demo_setup --cases $(DEMO_CASES) --seed $(DEMO_SEED)  # migrate, generate_demo --if-empty, schedules
	@echo "Starting the task cluster and the web app on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py qcluster & \
	  $(PY) manage.py runserver --insecure $(HOST):$(PORT)

# The two legs run side by side: each keeps a core only about half busy (browsers, subprocesses and the database
# server wait), so together they fill the machine; --output-sync prints each leg's output whole when it ends.
test: install-test browser
	$(MAKE) -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: install-test
	DATABASE_URL= $(PY) -m pytest -n 2 --dist worksteal
	@# The concurrency tests need a SQLite file shared by several connections, as the running app has.
	DATABASE_URL= SQLITE_TEST_PATH=var/test-concurrency.sqlite3 $(PY) -m pytest -p no:xdist -q tests/reliability tests/api/test_idempotency.py tests/portal/test_drafts_submit.py tests/triage/test_training_killed.py

test-postgres: install-test
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(PY) -c "import psycopg; psycopg.connect('$(PG_URL)').close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 --dist worksteal; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then echo "PostgreSQL at $(PG_URL) is not reachable"; exit 1; \
	else echo "PostgreSQL at $(PG_URL) is not reachable: skipping the PostgreSQL run"; fi

messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-test
	$(PY) bench/run_all.py

bench-load: install-test
	$(PIP) install -q -e ".[load]"
	$(PY) bench/bench_load.py --users 50 --minutes 2 --cases 1000

run: install
	$(PY) manage.py runserver $(HOST):$(PORT)

clean:
	rm -rf $(VENV) var
