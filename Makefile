# Two commands for a new user: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint install db-stop messages bench backup restore

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Start the site with demo data on http://127.0.0.1:8000 (Ctrl-C stops it and the database).
run: install
	$(PY) -m ontmoeting.rundemo

## Check the code's shape: ruff (pyflakes, isort, bugbear, imports at the top) and
## import-linter (core <- locaties <- activiteiten <- vrijwilligers <- ontmoeting).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## Run the linters, then the whole test suite against a real PostgreSQL.
test: lint
	@$(PY) -m ontmoeting.embedded_db start
	@$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	  $(PY) -m ontmoeting.embedded_db stop >/dev/null; exit $$status

db-stop:
	$(PY) -m ontmoeting.embedded_db stop

## Back up the database (pg_dump -Fc) to var/backups/, or to BACKUP=file.
backup: install
	$(PY) manage.py backup_db $(BACKUP)

## Restore BACKUP=file into the database, replacing it once the restore succeeded (stop `make run` first).
restore: install
	@test -n "$(BACKUP)" || { echo "Name the file: make restore BACKUP=var/backups/<file>.dump"; exit 1; }
	$(PY) manage.py restore_db "$(BACKUP)" --replace

## Regenerate the translation catalogue (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l nl -l en --ignore '.venv/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'
