# Two commands on a fresh machine:  make run  (set up + one monitoring cycle)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)  ## one monitoring cycle on the defaults (falls back to the offline sample)
	$(BIN)/claimwatch run

test: $(STAMP)  ## lint, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(STAMP)  ## figures (claim engine, off-topic pages, pipeline, warehouse at 1M claims, warehouse kinds) -> data/bench.json
	$(BIN)/python scripts/bench_claims.py
	$(BIN)/python scripts/bench_offtopic.py
	$(BIN)/python scripts/bench_pipeline.py
	$(BIN)/python scripts/bench_warehouse.py
	$(BIN)/python scripts/bench_lake.py
	@echo "figures: data/bench.json"

clean:
	rm -rf $(VENV) data
