# The two commands: `make run` (demo network on http://127.0.0.1:8000) and `make test`.
# The interpreter .venv is made from: Debian's python3.11 when it is there (Debian builds it with
# PGO and LTO; the test suite ran 13 % faster on it than on an interpreter built without them, see
# docs/testing.md), else python3. `make install PYTHON=...` chooses another.
DEBIAN_PYTHON := /usr/bin/python3.11
PYTHON ?= $(if $(wildcard $(DEBIAN_PYTHON)),$(DEBIAN_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal_test
SQLITE_URL ?= sqlite:///$(CURDIR)/test-results/test.sqlite3
PYTEST_ARGS ?=
# pytest-xdist workers: one per core (2 on the CI machine); files are kept whole on one worker so
# that a module's shared test data (tests/*/conftest.py) is built once; the files are handed out in
# the order tests/conftest.py gives them (the upgrade test first, then the files with most tests).
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
XDIST := -n $(WORKERS) --dist loadfile --no-loadscope-reorder
# The SQLite pass runs what differs by engine (docs/testing.md): search (FTS5 against PostgreSQL
# full-text), import and export (transactions, file handling), concurrency, exact query budgets,
# and one citizen's path end to end (submission and lookup). The upgrade from the previous layout
# runs on PostgreSQL here, on SQLite in test-sqlite-all (docs/testing.md).
SQLITE_TESTS ?= tests/search tests/procedures/test_import.py tests/procedures/test_import_admin.py \
	tests/security/test_hypothesis_import.py tests/online_services/test_services_concurrency.py \
	tests/performance/test_query_budgets.py tests/news/test_news_queries.py tests/demo \
	tests/online_services/test_services_submission.py tests/online_services/test_services_lookup.py \
	tests/test_settings.py tests/accountability/test_figures.py tests/accountability/test_budgets.py

.PHONY: run serve install migrate demo test test-postgres test-sqlite test-sqlite-all test-faults stack test-stack lint check bench screenshots clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || (rm -rf $(VENV) && python3 -m venv $(VENV))
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate
	SITE_PORT=$(PORT) $(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (agency sites: http://<host>.hatinh.localhost:$(PORT)/)"
	SITE_PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: install
	SITE_PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Lint: ruff, the layers of docs/architecture.md (import-linter contracts in pyproject.toml), and its diagram.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/python scripts/architecture_diagram.py --check

check: install
	mkdir -p test-results
	DATABASE_URL=$(SQLITE_URL) DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DATABASE_URL=$(SQLITE_URL) DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Every test, on PostgreSQL (the production engine) and again on SQLite (the embedded default).
test: install
	bash scripts/ensure-services.sh
	bash scripts/ensure-browser.sh
	$(MAKE) check
	$(MAKE) test-postgres
	$(MAKE) test-sqlite

test-postgres: install
	mkdir -p test-results
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(XDIST) --create-db --durations=30 $(PYTEST_ARGS)

# Browser tests run once, on PostgreSQL; the SQLite pass covers what differs by engine.
test-sqlite: install
	mkdir -p test-results
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest $(XDIST) --create-db --durations=15 -m "not browser" $(SQLITE_TESTS) $(PYTEST_ARGS)

# The whole suite on SQLite (not part of `make test`): before a release, or after changing the engine code.
test-sqlite-all: install
	mkdir -p test-results
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest $(XDIST) --create-db -m "not browser" $(PYTEST_ARGS)

# Fault tests (docs/security.md): real servers with Redis and Elasticsearch down, a full disk,
# and a restart of the PostgreSQL cluster during submissions. Not part of `make test`.
FAULTS_PG_URL ?= postgres://postgres@127.0.0.1:5432/portal_faults
test-faults: install
	bash scripts/ensure-services.sh
	mkdir -p test-results
	PORTAL_FAULT_TESTS=1 DATABASE_URL=$(FAULTS_PG_URL) $(BIN)/pytest --create-db tests/faults $(PYTEST_ARGS)
	bash scripts/ensure-services.sh

# The deployed shape on this machine (docs/deploy.md): nginx (Debian's package) → two gunicorn →
# PostgreSQL and Redis, from deploy/ itself. `make stack` serves the demo until Ctrl-C;
# `make test-stack` starts its own (own ports, own Redis server) and drives it (tests/stack/).
stack: install
	bash scripts/ensure-services.sh
	bash scripts/ensure-nginx.sh
	$(BIN)/python scripts/stack.py

test-stack: install
	bash scripts/ensure-services.sh
	bash scripts/ensure-nginx.sh
	mkdir -p test-results
	PORTAL_STACK_TESTS=1 $(BIN)/pytest -p no:cacheprovider -s tests/stack $(PYTEST_ARGS)

bench: install
	bash scripts/ensure-services.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

screenshots: install
	bash scripts/ensure-browser.sh
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf test-results static_collected
