# stopform: `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
INSTALLED := $(VENV)/.installed
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres test-pg-restart test-browser test-calibration bench migrate demo translations lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(INSTALLED)
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

test: $(INSTALLED) $(LIGHTHOUSE)  # Lighthouse: tests/browser/test_lighthouse.py
	$(BIN)/python -m pytest -q

test-postgres: $(INSTALLED)
	STOPFORM_TEST_DATABASE_URL=$(PG_TEST_URL) STOPFORM_TEST_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest -q -m "not browser and not pg_restart and not calibration"

test-pg-restart: $(INSTALLED)
	STOPFORM_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -m pg_restart tests/faults

test-browser: $(INSTALLED) $(LIGHTHOUSE)
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
	$(BIN)/ruff check stopform tests

clean:
	rm -rf $(VENV) instance
