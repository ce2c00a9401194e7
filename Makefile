# `make demo` and `make test` do all their own set-up: a fresh clone needs nothing else.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint format bench bench-quick workbook clean

setup: $(STAMP)

# The editable install says only its errors (-qq): setuptools notes every editable
# install of a package whose folders are mapped (validators/ is pyaddin.validators)
# in ten lines of warning.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/realisasi demo out/demo

test: setup lint
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python benchmarks/run.py

bench-quick: setup
	$(BIN)/python benchmarks/run.py month board year --quick

# The two committed templates: the RunPython form, and the server form (its ribbon
# calls the office server; `new --server URL` sets the address).
workbook: setup
	$(BIN)/realisasi build-workbook --out workbook/RealisasiKegiatan.xlsm
	$(BIN)/realisasi build-workbook --server '' --out workbook/RealisasiKegiatan-Server.xlsm

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
