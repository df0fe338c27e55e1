# Créneau. The two commands: `make run` (a working site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run migrate demo test test-sqlite test-pg test-browser lint format messages bench audit sbom clean \
	backup backup-verify restore scaleout scaleout-sqlite observatory system-deps typecheck imports

# Debian packages beyond Python (scripts/system-deps.sh): checked in milliseconds when present,
# installed with apt-get when missing (as root or with a sudo that asks no password), otherwise
# the one command to run is printed. One group per need: run, test, scaleout, nginx, messages.
SYSTEM_DEPS := scripts/system-deps.sh
system-deps:
	$(SYSTEM_DEPS) test

install: $(VENV)/.installed

# Re-installs only when the lock changes; otherwise this is a no-op. On a fresh clone, Debian's
# python3 needs its venv module (python3-venv) to create .venv: `system-deps.sh run` sees to it.
$(VENV)/.installed: requirements.lock
	PYTHON=$(PYTHON) $(SYSTEM_DEPS) run
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

test-sqlite: install system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: install system-deps
	scripts/with-postgres.sh $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install system-deps
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory imports
	$(MAKE) --no-print-directory typecheck

# mypy with django-stubs, configured in pyproject.toml ([tool.mypy]).
typecheck: install
	$(BIN)/mypy creneau

# The one-way rule of DESIGN.md as import-linter contracts ([tool.importlinter] in pyproject.toml).
imports: install
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the French/English catalogues after changing user-facing text, then compile them.
messages: install
	$(SYSTEM_DEPS) messages
	$(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python -m bench

# Known vulnerabilities of the locked packages, from PyPI's advisory data (pip-audit). Fails on
# any not ignored below, and (--strict) on a package it could not check. `make audit
# AUDIT_STRICT=` lists the packages it could not check instead of failing (.ci/run says why).
# Ignore an id only when no fixed release exists, with a comment saying why, e.g.:
#   AUDIT_IGNORE += --ignore-vuln GHSA-xxxx-xxxx-xxxx  # <package>: <why it does not reach us>
AUDIT_STRICT ?= --strict
AUDIT_IGNORE :=
audit: install
	$(BIN)/pip-audit --requirement requirements.lock --require-hashes --disable-pip \
		--progress-spinner off $(AUDIT_STRICT) $(AUDIT_IGNORE)

# CycloneDX SBOM (JSON) of the installed, locked environment: every package with its version,
# licence and dependencies, the project as the root component; validated against the CycloneDX
# schema before it is written (about 30 s of CPU; SBOM_VALIDATE=--no-validate skips it).
SBOM ?= var/sbom.cdx.json
SBOM_VALIDATE ?= --validate
sbom: install
	mkdir -p $(dir $(SBOM))
	$(BIN)/cyclonedx-py environment --pyproject pyproject.toml --output-format JSON \
		$(SBOM_VALIDATE) --output-file $(SBOM) $(BIN)/python
	@echo "SBOM written to $(SBOM)"

# Backups (docs/backup.md): a consistent copy of the database in BACKUP_DIR (default var/backups),
# with its manifest; the old ones are pruned (BACKUP_RETENTION_DAYS, BACKUP_RETENTION_COUNT).
backup: install
	$(BIN)/python manage.py backup

# Restores BACKUP into a scratch database and checks it against its manifest; changes nothing.
backup-verify: install
	@test -n "$(BACKUP)" || { echo "usage: make backup-verify BACKUP=path/to/backup" >&2; exit 2; }
	$(BIN)/python manage.py backup_verify "$(BACKUP)"

# DESTRUCTIVE: replaces everything in the configured database with BACKUP (asks you to type the
# database's name first), migrates, then erases again whoever was erased since the backup.
# Stop the web, worker and clock processes before.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=path/to/backup" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)"

# Production's layout on this machine (docs/production.md): two web processes behind nginx, two
# task workers and the clock on a throwaway PostgreSQL, a mixed load for a minute, then the
# checks (no 5xx, no overlapping bookings, every e-mail delivered exactly once). Needs nginx.
SCALEOUT_ARGS ?=
scaleout: install
	$(SYSTEM_DEPS) scaleout
	scripts/with-postgres.sh $(BIN)/python -m bench.scaleout $(SCALEOUT_ARGS)

# The same processes and checks on the embedded default: one SQLite file shared by two web
# processes, two workers and the clock (no "database is locked", no 5xx, no overlap).
scaleout-sqlite: install
	$(SYSTEM_DEPS) nginx
	$(BIN)/python -m bench.scaleout --sqlite $(SCALEOUT_ARGS)

# The MDN HTTP Observatory's grade behind deploy/nginx/creneau.conf on localhost:80/443 (root,
# both ports free, npm; bench/observatory.py). Fails below A+.
observatory: install
	$(BIN)/python -m bench.observatory

clean:
	rm -rf $(VENV) .pytest_cache var/test-*
