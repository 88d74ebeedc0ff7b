# Two commands do everything on a fresh machine (see README.md):
#   make serve   install, validate data/, build the site and serve it at http://127.0.0.1:8000
#   make test    install (Python packages and Debian's chromium) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: serve test check build setup browser fonts

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
