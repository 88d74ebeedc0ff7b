# Two commands do everything on a fresh machine (see README.md):
#   make serve   install, validate data/, build the site and serve it at http://127.0.0.1:8000
#   make test    install (Python packages and Debian's chromium) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: serve test check build setup browser fonts lighthouse benchmark

serve: setup fonts
	$(PY) -m scripts.serve

test: setup browser fonts
	$(PY) -m pytest

check: setup
	$(PY) -m scripts.build --check

build: setup fonts
	$(PY) -m scripts.build

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests use Debian's Chromium (a browser download is not possible here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Charts are measured and drawn with DejaVu Sans (covers Vietnamese), from Debian's fonts-dejavu-core.
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null; }

# Lighthouse (npm, into .tools/, not committed) for the full benchmark; Node 20 needs lighthouse 12.
lighthouse: .tools/node_modules/lighthouse/cli/index.js

.tools/node_modules/lighthouse/cli/index.js:
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
	npm install --prefix .tools --no-audit --no-fund --silent lighthouse@12

# Prints the benchmark table and keeps it in benchmarks/latest.md (several minutes).
benchmark: setup browser fonts lighthouse
	$(PY) -m scripts.benchmark
