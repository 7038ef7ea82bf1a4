# The way in. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCAL := .local
# Local serving: production settings over plain HTTP, with the secret that
# $(LOCAL)/secret_key keeps (forum/settings.py reads it when SECRET_KEY is not set).

.DEFAULT_GOAL := help
.PHONY: help setup run manage superuser export dev test test-unit test-browser browser-deps pdf-deps i18n-deps messages compile-messages check lint format ci bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(BIN)/.installed ## Create the virtual environment and install the pinned packages

$(LOCAL)/secret_key:
	mkdir -p $(LOCAL)
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@
	chmod 600 $@

run: setup $(LOCAL)/secret_key ## Migrate, load the forum's data and serve on http://127.0.0.1:$(PORT) (with the email worker)
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_forum_data
	$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Serving Digital Nations on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	sh -c '$(BIN)/python manage.py db_worker --backend email --queue-name email & \
		worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(BIN)/gunicorn forum.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -'

manage: setup $(LOCAL)/secret_key ## Run a management command: make manage ARGS="invite someone@example.org --role secretariat"
	$(BIN)/python manage.py $(ARGS)

superuser: setup $(LOCAL)/secret_key ## Create the first secretariat account, for /cms/
	$(BIN)/python manage.py createsuperuser

export: setup $(LOCAL)/secret_key ## Write the public site as static files to DIR: make export DIR=../archive-2025 [ARGS=--replace] (docs/archive.md)
	@test -n "$(DIR)" || { echo "Which folder? make export DIR=../archive-2025"; exit 2; }
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py export_site "$(DIR)" $(ARGS)
	$(BIN)/python manage.py verify_export "$(DIR)"

dev: setup ## Serve with DEBUG on and auto-reload, for development
	DEBUG=true $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=true $(BIN)/python manage.py load_forum_data
	DEBUG=true sh -c '$(BIN)/python manage.py db_worker --backend email --queue-name email & \
		worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: browser tests will be skipped"; fi

test: setup node_modules/.installed ## Run the whole test suite (browser tests skip, saying so, without Chromium)
	$(BIN)/python -m pytest

test-unit: setup ## Run the suite without the browser tests
	$(BIN)/python -m pytest -m "not browser"

test-browser: setup node_modules/.installed ## Run the browser tests only
	$(BIN)/python -m pytest -m browser

browser-deps: ## Install Debian's Chromium and fonts for the browser tests (needs root)
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		chromium chromium-driver fonts-noto-core fonts-noto-cjk default-jre-headless

pdf-deps: ## Install the system libraries and fonts WeasyPrint renders PDFs with, in every script the site speaks (needs root)
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig fonts-dejavu-core fonts-noto-cjk

i18n-deps: ## Install GNU gettext, which extracts and compiles the interface's messages (needs root)
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext

messages: setup ## Extract new interface messages into forum/locale/*/django.po, then compile them
	DEBUG=true $(BIN)/python manage.py update_translations
	@echo "Translate the new (empty or fuzzy) messages, then: make compile-messages"

compile-messages: setup ## Compile forum/locale/*/django.po into the .mo files the site reads
	cd forum && DEBUG=true ../$(BIN)/python ../manage.py compilemessages -v0

check: setup ## Django's system checks and a check that no migration is missing
	DEBUG=true $(BIN)/python manage.py check
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

lint: setup ## ruff: lint and formatting check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ci: ## Run exactly what CI runs
	bash .ci/run

bench: setup ## Measure the speed bar against a minimal page (BENCH_DOCUMENTS=100000; docs/benchmarks.md)
	$(BIN)/python -m bench

clean: ## Remove the virtual environment, local database and collected files
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
