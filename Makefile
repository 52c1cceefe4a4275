# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make build   install what is needed, then materialize every asset (raw/ -> outputs/)
#   make test    install what is needed, then run the tests
VENV        := .venv
BIN         := $(VENV)/bin
PYTHON      ?= python3
UV_VERSION  := 0.13.9
CHROMIUM    := /usr/bin/chromium
DEV_HOST    ?= 127.0.0.1
DEV_PORT    ?= 3000
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: build test test-fast format install dev clean

# Prints a line per stage as it finishes (files read, documents extracted, tables validated, build published,
# release cut), then a summary naming every refused raw file with its reason.
build: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/canada-relations build

# Everything CI checks: lint and format, then every test, on every core (pytest-xdist; a file's tests share a worker).
test: install $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -n auto --dist loadfile $(PYTEST_ARGS)

# The inner loop: no lint, no subprocess builds, kills or browser (the tests marked slow or browser).
test-fast: install
	$(BIN)/python -m pytest -q -n auto --dist loadfile -m "not slow and not browser" $(PYTEST_ARGS)

# Fix what ruff can fix, and format.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser tests (pytest -m browser) open the release pages in Debian's Chromium; installed only where missing.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The Dagster UI (webserver, daemon, code server) on http://$(DEV_HOST):$(DEV_PORT); Ctrl-C stops all of it in seconds.
# Ctrl-C is SIGINT to the foreground process group. A shell that is not interactive starts a background job
# (`make dev &`) with SIGINT ignored, Python keeps an ignored SIGINT ignored, and the whole tree would then
# outlive it: env puts the default action back before dg starts.
dev: install $(DAGSTER_HOME)/dagster.yaml
	@echo "dev: Dagster UI on http://$(DEV_HOST):$(DEV_PORT) once the code location has loaded; Ctrl-C stops it"
	env --default-signal=INT,TERM $(BIN)/dg dev -w workspace.yaml -h $(DEV_HOST) -p $(DEV_PORT)

install: $(VENV)/.installed

# The lock file pins every package; uv installs it in seconds (pip takes about a minute here).
# Each step says what it does before it starts, and only the steps that have something to do run.
# --compile-bytecode writes every package's compiled modules once, here: where Python may not write them itself
# (PYTHONDONTWRITEBYTECODE, a read-only environment) each process would otherwise compile Dagster, pandas and
# the rest again, about 5 s of every command's start-up on this machine. The project's own modules are compiled
# too (0.1 s of each start-up here); one edited later is compiled again in memory, as Python checks each source's
# time stamp against its compiled copy.
$(VENV)/.installed: requirements.lock pyproject.toml | $(VENV)/.uv-$(UV_VERSION)
	@echo "install: syncing $(VENV) with requirements.lock (uv)"
	@$(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements.lock
	@echo "install: installing canada-relations into $(VENV) (editable)"
	@$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@echo "install: compiling the project's modules"
	@$(BIN)/python -m compileall -q pipeline schemas >/dev/null || echo "install: could not write them (a read-only checkout?): each process compiles them"
	@touch $@

$(VENV)/.uv-$(UV_VERSION): | $(BIN)/python
	@echo "install: installing uv $(UV_VERSION) into $(VENV) (pip)"
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	@touch $@

$(BIN)/python:
	@echo "install: creating the virtual environment $(VENV) ($(PYTHON))"
	@$(PYTHON) -m venv $(VENV)

$(DAGSTER_HOME)/dagster.yaml: pipeline/dagster_instance.yaml
	@echo "dagster: writing $@ from $< (telemetry off, SQLite storage in $(DAGSTER_HOME))"
	@mkdir -p $(DAGSTER_HOME)
	@cp $< $@

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) outputs/builds outputs/current outputs/parquet outputs/canada_relations.duckdb

# The benchmark (tests/benchmarks/README.md): N = 100 and 1,000 by default.
# More sizes or repeats: make bench BENCH_ARGS="--sizes 100,1000,5000 --repeat 3"
.PHONY: bench
bench: install
	$(BIN)/python -m tests.benchmarks.bench_build $(BENCH_ARGS)
