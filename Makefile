# District portal: `make run` serves the demo district, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The canonical address every absolute URL is built from (feeds, sitemap, API answers).
PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
export PORTAL_BASE_URL
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: install install-dev browser-checkers vendor-leaflet run sso-demo-rp serve worker migrate seed test lint check messages lock clean search-eval bench soak lighthouse

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -r requirements.lock

install-dev: $(PY) browser-checkers
	$(PIP) install --quiet -r requirements-dev.lock

# axe-core and the Nu HTML checker for the browser tests, from npm (the tests skip without npm).
BROWSER_JS := tests/browser/js
browser-checkers: $(BROWSER_JS)/node_modules/.package-lock.json
$(BROWSER_JS)/node_modules/.package-lock.json: $(BROWSER_JS)/package.json $(BROWSER_JS)/package-lock.json
	@if command -v npm >/dev/null; then \
		cd $(BROWSER_JS) && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm missing: the axe-core and Nu checker tests will be skipped."; fi

# Leaflet for the service map, from npm, committed under portal/services/static (BSD-2-Clause,
# LICENSE kept beside it) so a deployment needs no npm and no CDN.
LEAFLET_VERSION := 1.9.4
LEAFLET_DIR := portal/services/static/services/vendor/leaflet
vendor-leaflet:
	rm -rf .leaflet-pack && mkdir .leaflet-pack
	cd .leaflet-pack && npm pack --silent leaflet@$(LEAFLET_VERSION) && tar xzf leaflet-$(LEAFLET_VERSION).tgz
	rm -rf $(LEAFLET_DIR) && mkdir -p $(LEAFLET_DIR)/images
	cp .leaflet-pack/package/dist/leaflet.js .leaflet-pack/package/dist/leaflet.js.map \
		.leaflet-pack/package/dist/leaflet.css $(LEAFLET_DIR)/
	cp .leaflet-pack/package/dist/images/* $(LEAFLET_DIR)/images/
	cp .leaflet-pack/package/LICENSE $(LEAFLET_DIR)/LICENSE
	echo "leaflet $(LEAFLET_VERSION) (npm), files from its dist/ and LICENSE; refresh with: make vendor-leaflet" \
		> $(LEAFLET_DIR)/VERSION
	rm -rf .leaflet-pack

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Serve the portal with a task worker beside it; Ctrl-C stops both.
run: seed
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/"
	@echo "  English: http://$(HOST):$(PORT)/en/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/   (accounts listed above by seed_demo)"
	@echo "  一号登录: make sso-demo-rp in another terminal, then http://localhost:8001/"
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py portal_worker & \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The demo relying party of 一号登录 (docs/sso.md), against the portal `make run` serves.
sso-demo-rp: install-dev
	$(PY) scripts/sso_demo_rp.py

worker: install
	$(PY) manage.py portal_worker

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
/usr/bin/chromium:
	@if [ "$$(id -u)" = "0" ]; then \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); \
	else echo "Chromium missing: install Debian's 'chromium' package for the browser tests."; fi

# Two workers (xdist) and a coverage gate: the suite fails below 90 % of portal/ covered.
test: install-dev browser-checkers /usr/bin/chromium
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n 2 --cov=portal --cov-report=term:skip-covered --cov-fail-under=90

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff format --check .

check: install-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

messages: install-dev
	cd portal && ../$(PY) ../manage.py makemessages -l en -l zh_Hans --ignore=static --no-obsolete
	cd portal && ../$(PY) ../manage.py compilemessages

lock: $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.in
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements-dev.lock requirements-dev.in

# Search quality on the demo district: nDCG@10, MRR, recall@10, zero-result rate, latency.
search-eval: seed
	$(PY) manage.py search_eval docs/search-devset.json

# Benchmarks print their figures and end with one JSON line.
bench: install-dev
	$(PY) bench/content_check/run.py
	$(PY) bench/search/run.py --n 100000 --workers 2
	$(PY) bench/pageviews/run.py

# Manual, not CI: 200 readers and two publishing editors for ten minutes through Varnish.
soak: install-dev
	$(PY) bench/pageviews/soak.py --duration 600 --users 200

# Lighthouse scores of the public pages against a running portal (`make run` in another shell).
lighthouse:
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	$(PY) bench/lighthouse/run.py --base-url http://$(HOST):$(PORT)

clean:
	rm -rf $(VENV) var
