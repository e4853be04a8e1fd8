# The one entry point. `make demo` runs the main job, `make test` the tests; both set up
# everything they need first (Debian packages, the locked Python environment).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# Some machines set PYTHONDONTWRITEBYTECODE=1: then every process compiles every module it
# imports again (about 5 s of CPU for `taskmine serve`, and for each server the tests start).
unexport PYTHONDONTWRITEBYTECODE
UV := uv
RUN := $(UV) run --frozen

.PHONY: setup demo test test-fast lint format bench openapi clean

setup:
	@bash scripts/setup-system.sh

demo: setup
	$(RUN) taskmine demo

test: setup
	$(RUN) pytest

test-fast: setup
	$(RUN) pytest -m "not desktop and not browser and not temporal and not slow"

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

format: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

bench: setup
	$(RUN) python bench/bench_import.py
	$(RUN) python bench/bench_ingest.py
	$(RUN) python bench/evaluate.py
	$(RUN) python bench/bench_scale.py
	$(RUN) python bench/bench_recorder.py
	$(RUN) python bench/bench_workflow.py
	$(RUN) python bench/bench_pii.py
	$(RUN) python bench/bench_pii_catalogs.py
	$(RUN) python bench/bench_pii_names.py
	$(RUN) python bench/bench_pii_fakerjs.py
	$(RUN) python bench/bench_pii_mimesis.py
	$(RUN) python bench/bench_pii_faker_rest.py
	$(RUN) python bench/bench_pii_long.py

openapi: setup
	$(RUN) python scripts/export_openapi.py
	$(RUN) python scripts/export_schemas.py

clean:
	rm -rf .taskmine .pytest_cache .ruff_cache .mypy_cache
