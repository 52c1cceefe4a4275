# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make build   install what is needed, then materialize every asset (raw/ -> outputs/)
#   make test    install what is needed, then run the tests
VENV        := .venv
BIN         := $(VENV)/bin
PYTHON      ?= python3
UV_VERSION  := 0.13.9
CHROMIUM    := /usr/bin/chromium
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: build test install dev clean

build: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/canada-relations build

test: install $(CHROMIUM)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The browser tests (pytest -m browser) open the release pages in Debian's Chromium; installed only where missing.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

dev: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

install: $(VENV)/.installed

# The lock file pins every package; uv installs it in seconds (pip takes about a minute here).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) outputs/builds outputs/current outputs/parquet outputs/canada_relations.duckdb

# The benchmark of issue 7 (tests/benchmarks/README.md): N = 100 and 1,000 by default, about 2 to 3 minutes on 2 cores.
# More sizes or repeats: make bench BENCH_ARGS="--sizes 100,1000,5000 --repeat 3"
.PHONY: bench
bench: install
	$(BIN)/python -m tests.benchmarks.bench_build $(BENCH_ARGS)
