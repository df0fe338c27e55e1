# Créneau: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= creneau.settings

.PHONY: install run serve migrate demo test test-fast test-browser test-pg lint format bench clean messages

install: $(VENV)/.installed

# Re-installs only when the lock changes; the venv is reused otherwise.
$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

run: demo
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0
	PORT=$(PORT) $(BIN)/honcho start -f Procfile

test: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not browser"

test-browser: install
	$(BIN)/pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(BIN)/python manage.py makemessages -l fr -l en --ignore=.venv --ignore=tests --ignore=bench

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/test-* .pytest_cache
