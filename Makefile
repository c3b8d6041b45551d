# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
# `make help` lists every target: a target's help is the `## ` comment on its line.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CORES ?= 2
# the Slurm executor plugins (requirements-cluster.txt), for tests/cluster, outside the venv
PLUGINS := .cluster-plugins
SLURM_PLUGINS := snakemake-executor-plugin-slurm snakemake-executor-plugin-slurm-jobstep
# `make bench QUICK=1`: the benchmarks on the tiny fixtures and the embedded data
# `make test`: every test but those behind the slow markers (pyproject.toml), which
# `make test-all` and CI add
FAST_TESTS := not slurm and not browser and not slow
QUICK ?=
BENCH_FLAGS := $(if $(QUICK),--quick,)
BENCH_TIMEOUT := $(if $(QUICK),900,5400)

.DEFAULT_GOAL := help
.PHONY: help install lock run lint test test-all bench cluster cluster-plugins clean

help: ## list the targets (this text)
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The venv: the whole pinned tree of requirements.lock (compiled from pyproject.toml with
# every extra: `make lock`), then this project as an editable package without dependencies
# (python -m qutiflow.audit from any directory). A venv made before the Slurm plugins left
# the lock loses them here, unless `make cluster` asked for them (.venv/bin/.cluster).
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	if [ ! -e $(BIN)/.cluster ] && $(BIN)/python -m pip show $(firstword $(SLURM_PLUGINS)) >/dev/null 2>&1; then \
	  echo "removing the Slurm plugins from $(VENV): they slow every snakemake start (make cluster adds them)"; \
	  $(BIN)/python -m pip uninstall --quiet --yes $(SLURM_PLUGINS); fi
	touch $@

install: $(BIN)/.installed ## create .venv: the pinned packages of requirements.lock and qutiflow itself (editable)

# requirements.lock: pip-tools (PIP_TOOLS, in a throwaway venv, not a dependency of the
# project) resolves pyproject.toml's dependencies and every extra. It keeps the lock's
# current pins wherever they still satisfy pyproject.toml; UPGRADE=1 re-resolves everything
# to the newest releases. The project itself (the dev extra names qutiflow[measure,crate])
# is left out of the lock: `make install` installs it editable.
PIP_TOOLS := pip-tools==7.6.2
LOCK_TMP := $(or $(TMPDIR),/tmp)/qutiflow-lock
LOCK_CMD := pip-compile --all-extras --strip-extras --unsafe-package=qutiflow \
  --no-emit-index-url --no-emit-find-links --output-file=requirements.lock pyproject.toml
lock: ## re-pin requirements.lock from pyproject.toml (all extras) with pip-tools in a throwaway venv (UPGRADE=1: newest)
	rm -rf $(LOCK_TMP) && $(PYTHON) -m venv $(LOCK_TMP)
	$(LOCK_TMP)/bin/python -m pip install --quiet $(PIP_TOOLS)
	CUSTOM_COMPILE_COMMAND='make lock  ($(PIP_TOOLS) in a throwaway venv: $(LOCK_CMD))' \
	  $(LOCK_TMP)/bin/$(LOCK_CMD) --quiet $(if $(UPGRADE),--upgrade,)
	rm -rf $(LOCK_TMP)

run: $(BIN)/.installed ## run the pipeline on raw_data/ into results/ (CORES=2)
	$(BIN)/snakemake --cores $(CORES)

lint: $(BIN)/.installed ## ruff's checks and format check on every Python file (rules in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(BIN)/.installed ## the tests but the slow end-to-end ones (markers slurm, browser, slow)
	$(BIN)/python -m pytest -m "$(FAST_TESTS)"

test-all: $(BIN)/.installed ## every test, as CI runs them: adds the Slurm, browser and quick-benchmark tests
	$(BIN)/python -m pytest

bench: $(BIN)/.installed ## run the benchmarks in benchmarks/ (QUICK=1: on the tiny fixtures and the embedded data)
	timeout $(BENCH_TIMEOUT) $(BIN)/python benchmarks/bench_pipeline.py $(BENCH_FLAGS)
	timeout $(BENCH_TIMEOUT) $(BIN)/python benchmarks/bench_fidelity.py $(BENCH_FLAGS)
	timeout $(BENCH_TIMEOUT) $(BIN)/python benchmarks/bench_host_efficiency.py

$(BIN)/.cluster: requirements-cluster.txt $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-cluster.txt -c requirements.lock
	touch $@

cluster: $(BIN)/.cluster ## on a Slurm login node: add the Slurm executor plugins to .venv

$(PLUGINS)/.installed: requirements-cluster.txt $(BIN)/.installed
	rm -rf $(PLUGINS)
	$(BIN)/python -m pip install --quiet --no-deps --target $(PLUGINS) -r requirements-cluster.txt
	touch $@

cluster-plugins: $(PLUGINS)/.installed ## the Slurm plugins into .cluster-plugins/ for tests/cluster (.venv keeps none)

clean: ## remove results/, out/ and .snakemake/ (keeps .venv and .cluster-plugins)
	rm -rf results out .snakemake
