# Tera: the only commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The suite runs in one process per core; each gets its own test database.
TEST_PROCESSES ?= auto

.PHONY: run test bench lint setup demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	.ci/install-system
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py instruments load
	$(BIN)/python manage.py results import
	$(BIN)/python manage.py demo

# The demo runs with production's settings over plain HTTP on this machine, so that a user sees
# Tera's own error pages, never Django's debug pages; its secret key is made once and kept in
# .venv. DEBUG=true make run serves the debug pages to a developer. The worker runs beside the
# web server; Ctrl-C stops both.
LOCAL_KEY := $(VENV)/secret-key
DEBUG ?= false

run: demo
	test -s $(LOCAL_KEY) || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $(LOCAL_KEY)
	export DEBUG=$(DEBUG) TERA_HTTPS=false SECRET_KEY=$$(cat $(LOCAL_KEY)); \
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0 && \
	{ $(BIN)/python manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000; }

test: $(STAMP)
	.ci/install-system --browser
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) *.egg-info
