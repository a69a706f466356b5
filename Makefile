# goldenthread: `make demo` to see it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1
# Keep compiled modules (and pytest's rewritten test modules) between runs, even where
# the machine's environment says not to: compiling them again is a tenth of a test run.
export PYTHONDONTWRITEBYTECODE =

.PHONY: demo setup serve worker test test-fast test-postgres lint format assets install lock clean chromium

demo: setup serve

setup: install assets
	$(BIN)/goldenthread migrate --no-input
	$(BIN)/goldenthread load_demo
	$(BIN)/goldenthread schedule_reports

# As production runs it (gunicorn, static files through WhiteNoise, DEBUG off), on
# loopback over plain HTTP, with the background worker beside it, started again if it
# stops (bin/keep-running); Ctrl-C stops both.
# --preload: the master loads the app and every view once, and forks workers that are
# ready at once (nothing opens a database connection at import: goldenthread/tests/
# test_startup.py checks it).
# `make demo PORT=8001` where 8000 is taken; links in the demo's emails follow it.
PORT ?= 8000
SERVE_ENV = DEBUG=0 SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"
serve: install assets var/secret_key
	$(SERVE_ENV) $(BIN)/goldenthread collectstatic --no-input -v0
	@echo "goldenthread at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	trap 'kill 0' EXIT; $(SERVE_ENV) bin/keep-running $(BIN)/goldenthread db_worker & \
	$(SERVE_ENV) $(BIN)/gunicorn goldenthread.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --threads 4 --preload

# A key of this machine's own for `make serve`, never in the repository.
var/secret_key:
	mkdir -p var && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

worker:
	$(BIN)/goldenthread db_worker

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# --no-compile: Python compiles what is imported when it is first imported; compiling
	# every installed file up front took 15 of the install's 35 seconds.
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

assets: node_modules/.package-lock.json goldenthread/static/goldenthread/app.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

goldenthread/static/goldenthread/app.css: assets/app.scss node_modules/.package-lock.json
	npm run --silent build

# Every test, on a worker per core (pytest-xdist): each worker has a database of its own
# and takes whole test files, so that a module's shared world is built once
# (goldenthread/conftest.py). `.venv/bin/pytest path::test` runs one test alone.
PARALLEL = -n auto --dist loadfile
test: install assets chromium
	$(BIN)/pytest $(PARALLEL)

# For developers: everything but the slow kinds (browser, fuzz, subprocess, slow; pyproject.toml),
# on a test database made from the models rather than by migrating (`make test` migrates).
# The markers decide what is left out; the folders of browser and fuzz tests are not even
# collected, as collecting them (the API's schema, Playwright) costs seconds per worker,
# nor are the plugins only they use loaded (over half a second of each process's start).
FAST_PLUGINS_OFF = -p no:schemathesis -p no:hypothesispytest -p no:faker -p no:anyio
test-fast: install assets
	$(BIN)/pytest $(PARALLEL) --nomigrations -m "not browser and not fuzz and not subprocess and not migrations and not slow" \
		--ignore=goldenthread/tests/browser --ignore=goldenthread/api/tests/test_schemathesis.py \
		$(FAST_PLUGINS_OFF)

# The same suite on a throwaway PostgreSQL cluster that the script starts and stops.
test-postgres: install assets chromium
	.ci/with-postgres $(BIN)/pytest $(PARALLEL)

# The browser tests use Debian's Chromium, installed if missing.
chromium:
	.ci/ensure-chromium

# Style, the layers (import-linter, contracts in pyproject.toml), types (mypy), migrations.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/goldenthread makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras \
		--output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules var goldenthread/static/goldenthread/app.css
