# pactgraph — the two commands that do everything: `make build` and `make test`.
# Everything the project needs is installed here, never by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help build test lint unit browser-deps virtuoso-deps clean distclean bench figures

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# pactgraph's own modules byte-compiled, as pip does when it installs a wheel: the editable
# install leaves them to the first import, and where PYTHONDONTWRITEBYTECODE is set (as on the
# machines this was measured on) every command compiled ~40 modules from source again (0.1 s).
# compileall writes only what changed; a module edited later is compiled in memory as before.
BYTECODE := $(BIN)/python -m compileall -q src/pactgraph >/dev/null

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BYTECODE)
	touch $@

venv: $(STAMP) ## create .venv and install pactgraph with its test tools

build: $(STAMP) ## build the graph from the bundled corpus into build/
	$(BYTECODE)
	$(BIN)/pactgraph build

figures: $(STAMP) ## rebuild build/ and regenerate the README's figures and picture from it
	$(BIN)/pactgraph build --out build
	$(BIN)/python -m pactgraph.figures --graph build

browser-deps: ## install Debian chromium for the page tests (Playwright drives it)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' (page tests will be skipped)"; fi; }

# apt-get waits up to 10 minutes for the dpkg lock (another apt may hold it), then tries twice more.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600

virtuoso-deps: ## install Debian virtuoso-opensource: the second real SPARQL store publish is tested on
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    for try in 1 2 3; do \
	      $(APT_GET) update -qq && $(APT_GET) install -y -qq virtuoso-opensource >/dev/null && break; \
	      echo "apt-get failed (try $$try of 3); retrying in 10 s"; sleep 10; \
	    done; \
	    command -v virtuoso-t >/dev/null 2>&1 || { echo "virtuoso-opensource did not install"; exit 1; }; \
	  else echo "virtuoso-t missing: run 'sudo apt-get install virtuoso-opensource' (Virtuoso tests will be skipped)"; fi; }

lint: $(STAMP) ## ruff
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: $(STAMP) browser-deps virtuoso-deps ## the whole suite: lint, unit, ontology reasoner, SHACL, queries, server, browser
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

bench: $(STAMP) ## benchmarks (slow): results go to bench/RESULTS.md
	$(BIN)/python bench/run.py

clean: ## remove build/
	rm -rf build

distclean: clean ## remove build/ and .venv
	rm -rf $(VENV)
