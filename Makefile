# GCM Portal developer commands. Needs GNU make and python3 (3.11+); everything else is
# installed into .venv by the first target that needs it.
#
#   make run    set up, migrate, load the demo accounts and serve on http://127.0.0.1:8000
#   make test   set up and run the test suite (SQLite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
#
# Both use the embedded default (SQLite, eager Celery, local-memory cache, console e-mail)
# unless DATABASE_URL / REDIS_URL (see docs/configuration.md) are set in your shell.

SHELL := /bin/sh
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Re-created whenever pyproject.toml changes, so a new dependency is installed by the next make.
STAMP := $(VENV)/.installed

# Extra pytest arguments (make test PYTEST_ARGS='-k health -x'). Tests run on every core with pytest-xdist;
# PYTEST_WORKERS=N sets how many processes, PYTEST_WORKERS=0 runs in one.
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto

LANGUAGES := ar zh_Hans fr ru es

.PHONY: help venv run test bench schemathesis lint check messages clean

help: ## List the targets
	@echo "GCM Portal: make <target>"
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z-]*:.*## / { printf "  %-9s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --progress-bar off -e '.[dev]'
	@touch $@

venv: $(STAMP) ## Create .venv and install the project with its dev dependencies

run: $(STAMP) ## Set up, migrate, load demo accounts and serve on http://127.0.0.1:8000
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo_data
	DEBUG=1 $(PY) manage.py rebuild_search_index
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) ## Run the tests (PYTEST_ARGS=..., PYTEST_WORKERS=N)
	SECRET_KEY=make-test-not-secret $(PY) -m pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

# The benchmark's scale (XS, S, M) and seconds per endpoint and connection count; BENCH_ARGS adds --check etc.
BENCH_SCALE ?= S
BENCH_SECONDS ?= 3
BENCH_ARGS ?=

bench: $(STAMP) ## Benchmark with wrk (BENCH_SCALE=S|M; DATABASE_URL/REDIS_URL for PostgreSQL/Redis): bench/results/
	$(PY) bench/run.py --scale $(BENCH_SCALE) --seconds $(BENCH_SECONDS) $(BENCH_ARGS)

schemathesis: $(STAMP) ## Property-based API tests against the OpenAPI schema on a live server (.ci/schemathesis)
	.ci/schemathesis

lint: $(STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(STAMP) ## Django system checks and a check for missing migrations
	SECRET_KEY=make-check-not-secret $(PY) manage.py check
	SECRET_KEY=make-check-not-secret $(PY) manage.py makemigrations --check --dry-run

messages: $(STAMP) ## Update locale/*/django.po from the code, then compile the .mo files (needs gettext)
	DEBUG=1 $(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGES)) --ignore=staticfiles --ignore=media --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles

clean: ## Remove .venv, the SQLite database, collected static files and uploaded media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-journal staticfiles media
