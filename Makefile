# The README's commands. `make run` and `make test` work on a fresh clone: each creates .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WAREHOUSE ?= $(or $(DASHBOARD_WAREHOUSE),data/warehouse.duckdb)
PUBLIC_WAREHOUSE := $(basename $(WAREHOUSE)).public.duckdb
PORT ?= 8501

.PHONY: run run-internal test etl warehouse venv lint format bench bench-quick bench-briefing load synth dictionary template measures screenshots clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# uv installs the pinned set in seconds; plain pip is the fallback where uv cannot be had.
	($(VENV)/bin/pip install -q uv && $(VENV)/bin/uv pip install -q --python $(PY) -r requirements.txt) \
	  || $(VENV)/bin/pip install -q -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)  ## create .venv from requirements.txt

warehouse: $(STAMP)  ## build the warehouses (internal and public) if either is missing
	@test -f $(WAREHOUSE) -a -f $(PUBLIC_WAREHOUSE) || $(PY) -m etl --warehouse $(WAREHOUSE)

etl: $(STAMP)  ## rebuild the warehouse from data/reference and data/demo
	$(PY) -m etl --warehouse $(WAREHOUSE)

run: warehouse  ## set up, build the warehouse if missing, serve the dashboard (public view) on 127.0.0.1
	DASHBOARD_WAREHOUSE=$(WAREHOUSE) $(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

run-internal: warehouse  ## the same, in the internal view without sign-in: single-user laptops only
	DASHBOARD_LOCAL_INTERNAL=1 DASHBOARD_WAREHOUSE=$(WAREHOUSE) \
	  $(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(STAMP)  ## set up and run the whole test suite
	$(PY) -m pytest

lint: $(STAMP)  ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .

# Extra arguments, e.g. make bench BROWSER_BENCH_ARGS="--scales 1 --runs 3", make load LOAD_ARGS="--sessions 1,20".
BROWSER_BENCH_ARGS ?=
LOAD_ARGS ?=

bench: $(STAMP)  ## ETL, page (AppTest) and real-browser benchmarks into BENCHMARKS.md (raw JSON in bench-out/)
	$(PY) -m tests.benchmarks.etl_bench --write
	$(PY) -m tests.benchmarks.page_bench --write
	$(PY) -m tests.benchmarks.browser_bench --write $(BROWSER_BENCH_ARGS)

bench-quick: $(STAMP)  ## every public page once in a real browser (CI): fails on errors, never on time
	$(PY) -m tests.benchmarks.browser_bench --quick

bench-briefing: $(STAMP)  ## briefing pack build times at the shipped size and scale 100 into BENCHMARKS.md
	$(PY) -m tests.benchmarks.briefing_bench --write

load: $(STAMP)  ## N concurrent sessions per view while the ETL republishes, into BENCHMARKS.md (raw JSON in bench-out/)
	$(PY) -m tests.benchmarks.load_bench --write $(LOAD_ARGS)

synth: $(STAMP)  ## regenerate the synthetic demo data in data/demo
	$(PY) -m etl.synth --scale 1 --out data/demo

dictionary: $(STAMP)  ## regenerate docs/DATA_DICTIONARY.md from etl/contract.py
	$(PY) -m etl.dictionary > docs/DATA_DICTIONARY.md

template: $(STAMP)  ## write the template workbook for your own data (data/templates/template.xlsx) from etl/contract.py
	$(PY) -m etl.template data/templates/template.xlsx

measures: $(STAMP)  ## regenerate docs/MEASURES.md and docs/LINEAGE.md from the measure layer and the pages' figures
	$(PY) -m dashboard.measures catalogue > docs/MEASURES.md
	$(PY) -m dashboard.measures lineage > docs/LINEAGE.md

clean:  ## remove the environment, warehouses and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache bench-out artifacts
	rm -f data/*.duckdb data/*.duckdb.wal data/*.rejects.csv
	rm -rf data/*.snapshots
