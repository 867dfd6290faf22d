# make run  — install, start the embedded PostgreSQL, migrate, load demo data, serve on 127.0.0.1:$(PORT)
# make stop — stop the embedded PostgreSQL cleanly (`make run` leaves it running for a fast restart)
# make backup / make restore FILE=… — pg_dump / pg_restore of the database (README: Backups)
# make load — the load profile of public traffic against gunicorn (bench/load/)
# make test — lint, format check and the whole test suite on a real PostgreSQL
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_NGOS ?= 23000
# `make test` runs the suite in parallel: one process per core (at most TEST_MAX_WORKERS), each
# with its own test database (pytest-django suffixes its name: test_<db>_gw0, _gw1, ...).
# Tests that share a broker run in one process (xdist_group "broker"). TEST_WORKERS=0: serial.
TEST_WORKERS ?= auto
TEST_MAX_WORKERS ?= 4

.PHONY: install run test lint format messages bench worker beat ci-deps stop backup restore load

# `make run` needs the runtime packages only; tests and lint add the development ones.
$(BIN)/.installed-runtime: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

$(BIN)/.installed: $(BIN)/.installed-runtime
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# A development server: DEBUG on unless DJANGO_DEBUG says otherwise, never for the internet.
run: export DJANGO_DEBUG ?= 1
run: $(BIN)/.installed-runtime
	@echo "################################################################################"
	@echo "##  DEVELOPMENT SERVER (DJANGO_DEBUG=$$DJANGO_DEBUG): demo accounts, a local secret key."
	@echo "##  Never expose it to a network; deploy with gunicorn and DJANGO_DEBUG=0 (README)."
	@echo "################################################################################"
	$(BIN)/python manage.py load_demo --ngos $(DEMO_NGOS)
	@# Without a broker the beat schedule runs in a process beside the server (config/schedule.py).
	$(BIN)/python manage.py run_schedule & schedule=$$!; trap 'kill $$schedule 2>/dev/null' EXIT; \
		$(BIN)/python manage.py runserver --skip-checks 127.0.0.1:$(PORT)

# Under CI no test may skip: Chromium (browser tests) and gettext (translation tests) come from
# Debian when missing, and Redis (the Celery test) is started when it is installed but not running.
ci-deps:
	@if [ "$$CI" = "true" ]; then \
		missing=""; \
		command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
		command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
		command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
		if [ -n "$$missing" ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
		fi; \
		(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || \
			redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install ci-deps lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses=$(TEST_MAX_WORKERS) --dist loadgroup

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l kk -l ru -l en --no-obsolete --no-location -i '.venv/*'
	$(BIN)/python manage.py compilemessages -i '.venv'

bench: install
	$(BIN)/python bench/run.py

worker: install
	$(BIN)/celery -A config worker -l info

beat: install
	$(BIN)/celery -A config beat -l info

stop:
	$(BIN)/python -m config.dbtools stop

backup:
	$(BIN)/python -m config.dbtools backup

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<name>.dump"; exit 2; }
	$(BIN)/python -m config.dbtools restore "$(FILE)"

load: install
	$(BIN)/python bench/load/run.py
