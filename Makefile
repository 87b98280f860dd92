# The two commands: `make run` (demo network on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal_test
SQLITE_URL ?= sqlite:///$(CURDIR)/test-results/test.sqlite3
PYTEST_ARGS ?=

.PHONY: run serve install migrate demo test test-postgres test-sqlite test-faults lint check bench screenshots clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
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
	DATABASE_URL=$(PG_URL) $(BIN)/pytest --create-db $(PYTEST_ARGS)

# Browser tests run once, on PostgreSQL; the SQLite pass covers everything else.
test-sqlite: install
	mkdir -p test-results
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest --create-db -m "not browser" $(PYTEST_ARGS)

# Fault tests (docs/security.md): real servers with Redis and Elasticsearch down, a full disk,
# and a restart of the PostgreSQL cluster during submissions. Not part of `make test`.
FAULTS_PG_URL ?= postgres://postgres@127.0.0.1:5432/portal_faults
test-faults: install
	bash scripts/ensure-services.sh
	mkdir -p test-results
	PORTAL_FAULT_TESTS=1 DATABASE_URL=$(FAULTS_PG_URL) $(BIN)/pytest --create-db tests/faults $(PYTEST_ARGS)
	bash scripts/ensure-services.sh

bench: install
	bash scripts/ensure-services.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

screenshots: install
	bash scripts/ensure-browser.sh
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf test-results static_collected
