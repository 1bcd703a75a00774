# Two entry points: `make run` (install + start the dashboard on data/)
# and `make test` (install dev tools + the whole suite, browser tests included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
DATA   ?= data

.PHONY: run test lint bench assets screenshot clean hostile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The project itself in editable mode, so `import geo` works from any directory (no
# sys.path patching); setuptools comes pinned with the dev requirements (no network).
$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.runtime

assets: $(VENV)/.runtime
	$(BIN)/python -m geo assets

# MALLOC_ARENA_MAX=2: glibc keeps freed memory per thread and Streamlit starts a thread per
# rerun; with two arenas a long-running server's memory stays flat (bench/RESULTS.md §5).
# serve.py: app.py, with the Map page's caches warmed in the background from the start
# (ui/warmup.py), so the first reader of a fresh server does not wait for them.
run: assets
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run serve.py --server.port $(PORT) -- --data $(DATA)

# Style (ruff), the layer rules (import-linter: pyproject.toml [tool.importlinter]) and types
# (mypy: [tool.mypy]); each stops `make test` with its own message.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Two pytest-xdist workers (a 2-core CI machine); tests sharing a module-scoped server or
# dataset stay on one worker (tests/conftest.py). PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test: $(VENV)/.dev assets lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

# The whole hostile set (tests/badinput) through the command line and the page's uploads:
# counts outcomes, tracebacks, partial writes and file modes; fails on any traceback.
hostile: $(VENV)/.dev
	$(BIN)/python tests/badinput/run_hostile.py

# Refresh docs/screenshot.png from a real browser session (also done by the browser tests).
screenshot: $(VENV)/.dev assets
	FRONTLINE_SCREENSHOT=docs/screenshot.png $(BIN)/python -m pytest tests/browser -k screenshot

clean:
	rm -rf $(VENV) static/leaflet .pytest_cache .ruff_cache .mypy_cache build *.egg-info

bench: $(VENV)/.runtime
	$(BIN)/python -m bench.import_area
	$(BIN)/python -m bench.resolution
	$(BIN)/python -m bench.payload
	$(BIN)/python -m bench.area_series
	$(BIN)/python -m bench.interaction
	$(BIN)/python -m bench.load_ws && $(BIN)/python -m bench.memory
