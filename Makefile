# Paper Atlas. `make site` sets everything up on a fresh clone and builds site/;
# `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test generate check offline clean bench

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

generate: $(STAMP)
	$(BIN)/python -m generator build

check: $(STAMP)
	$(BIN)/python -m generator check

offline: $(STAMP)
	OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site site-offline test-output docs/papers docs/topics docs/tags docs/index.md docs/papers.json docs/build-report.json
