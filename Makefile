# Créneau. The two commands: `make run` (a working site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run migrate demo test test-sqlite test-pg test-browser lint format messages bench scaleout clean

install: $(VENV)/.installed

# Re-installs only when the lock changes; otherwise this is a no-op.
$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

# Web server, task worker and clock (Procfile) under honcho; Ctrl-C stops them all.
run: demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Créneau on http://127.0.0.1:$(PORT)  (e-mails written to var/mail/, SMS to var/sms/)"
	DEBUG=$${DEBUG:-true} $(BIN)/honcho start -f Procfile -p $(PORT)

# The whole suite: SQLite (browser tests included), then PostgreSQL in a throwaway cluster.
test: test-sqlite test-pg

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: install
	scripts/with-postgres.sh $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the French/English catalogues after changing user-facing text, then compile them.
messages: install
	$(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python -m bench

# Production's layout on this machine (docs/production.md): two web processes behind nginx, two
# task workers and the clock on a throwaway PostgreSQL, a mixed load for a minute, then the
# checks (no 5xx, no overlapping bookings, every e-mail delivered exactly once). Needs nginx.
SCALEOUT_ARGS ?=
scaleout: install
	scripts/with-postgres.sh $(BIN)/python -m bench.scaleout $(SCALEOUT_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache var/test-*
