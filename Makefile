# Paper Atlas. `make site` sets everything up on a fresh clone and builds site/;
# `make test` runs the whole test suite; `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The site needs requirements.txt only; the tests add requirements-dev.txt and
# the outside checkers from package.json (the Nu Html Checker, Lighthouse).
SITE_STAMP := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site serve test test-fast golden generate check offline clean bench node_modules system-deps

help: ## list the targets
	@grep -E '^[a-z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z_-]+):.*## /  make \1\t/' | expand -t 20

$(SITE_STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(SITE_STAMP)

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

# npm ci installs exactly package-lock.json; no install script runs (vnu-jar's
# would fetch a Java runtime: the machine's Java is used).
# Debian's chromium, biber, Java and npm: installed as root where missing, else the one command
# that does is printed and make stops (.ci/system-deps; CI runs the same through make test).
system-deps: ## install Debian's chromium, biber, Java and npm where missing (as root), or say the one command that does
	@bash .ci/system-deps

$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

node_modules: $(NODE_STAMP) ## install the outside checkers of package.json (Nu Html Checker, Lighthouse)

site: $(SITE_STAMP) ## set up .venv (site requirements only) and build site/ with every core
	$(BIN)/python -m generator site

serve: $(SITE_STAMP) ## live preview on http://127.0.0.1:8000/ (an edit to data/ or templates/ rebuilds the pages it changes, once)
	$(BIN)/mkdocs serve --dirty

generate: $(SITE_STAMP) ## generate the Markdown under docs/ only
	$(BIN)/python -m generator build

check: $(SITE_STAMP) ## validate the sources; FILES="a.yml b.bib" checks only those
	$(BIN)/python -m generator check $(FILES)

offline: $(SITE_STAMP) ## build site-offline/, which opens straight from disk
	OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict

test: system-deps $(DEV_STAMP) $(NODE_STAMP) ## the whole test suite (installs the test tools first, Debian's too)
	$(BIN)/python -m pytest

test-fast: $(DEV_STAMP) $(NODE_STAMP) ## the quick tests while you work (tests/unit/ on every core: no site is built; under 2 minutes)
	$(BIN)/python -m pytest -n auto -m "not slow" tests/unit

golden: $(DEV_STAMP) ## rewrite the golden project's expected output (tests/fixtures/golden/) after a change made on purpose
	$(BIN)/python -m pytest -q --update-golden tests/unit/test_golden.py tests/sites/test_golden_site.py

bench: $(DEV_STAMP) $(NODE_STAMP) ## the benchmarks (benchmarks/run.py, benchmarks/lighthouse.py)
	$(BIN)/python benchmarks/run.py

clean: ## remove every generated file: site/, site-offline/, the generated pages under docs/, caches
	rm -rf site site-offline .site*-shards .site*-new .site*-old test-output build benchmarks/results .pytest_cache .hypothesis .cache
	cd docs && rm -rf $(shell $(PYTHON) -c 'from generator.config import GENERATED; print(*GENERATED)') .paper-atlas-build.json
