# stopform: `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
INSTALLED := $(VENV)/.installed
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test test-js test-postgres test-pg-restart test-schema test-browser test-calibration bench migrate demo translations lint typecheck \
	clean doctor system-packages-run system-packages-test

# Debian packages (WeasyPrint's HarfBuzz, Chromium): installed when missing, or a one-line
# instruction when this user cannot (see scripts/system-packages).
system-packages-run:
	@scripts/system-packages ensure run

system-packages-test:
	@scripts/system-packages ensure test

doctor:  # what is present and what is missing for make run / make test
	@scripts/system-packages doctor

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(INSTALLED) system-packages-run
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) seed-demo-accounts
	$(FLASK) demo-data --stops 3000 --seed 2 --month $$(date -d "$$(date +%Y-%m-15) -1 month" +%Y-%m)
	$(FLASK) demo-data --stops 400 --seed 1

run: demo
	$(FLASK) run --host 127.0.0.1 --port 5000

LIGHTHOUSE := bench/node_modules/.package-lock.json

$(LIGHTHOUSE): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error

test: system-packages-test $(INSTALLED) $(LIGHTHOUSE)  # Lighthouse: tests/browser/test_lighthouse.py
	node --test tests/js/
	$(BIN)/python -m pytest -q

test-postgres: system-packages-test $(INSTALLED)
	STOPFORM_TEST_DATABASE_URL=$(PG_TEST_URL) STOPFORM_TEST_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -q -m "not browser and not pg_restart and not calibration"

test-pg-restart: $(INSTALLED)
	STOPFORM_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -m pg_restart tests/faults

# Schemathesis against the OpenAPI document, and Hypothesis over the form and the API: no input
# may give a server error. On PostgreSQL, which refuses what SQLite stores (NUL in text).
test-schema: $(INSTALLED)
	STOPFORM_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -p no:randomly \
		tests/fuzz/test_api_schema.py tests/fuzz/test_no_server_errors.py

test-browser: system-packages-test $(INSTALLED) $(LIGHTHOUSE)
	$(BIN)/python -m pytest -q -m browser

test-calibration: $(INSTALLED)  # seeded calibration at realistic sizes, a few minutes; see docs/reports.md
	$(BIN)/python -m pytest -q -s -m calibration tests/reports

bench: $(INSTALLED) $(LIGHTHOUSE)  # see BENCHMARKS.md; needs PostgreSQL and /usr/bin/chromium
	$(BIN)/python -m bench

translations: $(INSTALLED)  # see docs/translations.md
	$(BIN)/pybabel extract -F babel.cfg --add-location=file --sort-output --project=stopform \
		-o stopform/translations/messages.pot .
	$(BIN)/pybabel update -i stopform/translations/messages.pot -d stopform/translations \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m stopform.receipts.catalogs fill-en
	$(BIN)/python -m stopform.receipts.catalogs check || echo "translate the messages listed above, then run make translations again"
	$(BIN)/pybabel compile -d stopform/translations

lint: $(INSTALLED)
	$(BIN)/ruff check stopform tests bench migrations

typecheck: $(INSTALLED)  # settings in mypy.ini
	$(BIN)/mypy stopform

clean:
	rm -rf $(VENV) instance

test-js:  # the pure helpers of static/js/ under Node's own test runner (tests/js/, no npm packages)
	node --test tests/js/
