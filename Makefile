# One command each: `make lab` for teaching, `make test` for checking.
# Both create the virtual environment .venv from the pinned requirements.txt
# the first time (plain pip, no conda needed).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
FIRST  := notebooks/00_start_here.ipynb
# news_url=None and the overrides.json written at set-up: no news pop-up, no feed request
# (classrooms are often offline).
# JupyterLab refuses to run as root (containers, CI) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
# A fresh random token each run (override with TOKEN=...), so the printed URL is complete.
ifndef TOKEN
TOKEN := $(shell $(PYTHON) -c 'import secrets; print(secrets.token_hex(24))')
endif
PYTEST_ARGS ?=
SITE_PORT ?= 8000

# Two cores in class and in CI: keep numeric libraries from oversubscribing them.
export OMP_NUM_THREADS ?= 2
export OPENBLAS_NUM_THREADS ?= 2
export MKL_NUM_THREADS ?= 2
export PYTHONHASHSEED ?= 0

.PHONY: lab test bench bench-scale env reinstall clean-env strip help site serve-site clean-site

help:
	@echo "make lab    start JupyterLab on the first notebook (creates .venv if missing)"
	@echo "make test   run unit tests and execute every notebook with nbval"
	@echo "make bench  time every notebook and score every method (see benchmarks/)"
	@echo "make bench-scale  Kaggle-size stand-ins from SAMPLE=<Kaggle folder>, every notebook timed on them"
	@echo "make strip  remove outputs from notebooks before committing"
	@echo "make reinstall  reinstall the pinned packages and the course package into .venv"
	@echo "make site   build the course website (executed notebooks) into site/_build/html"
	@echo "make serve-site  serve the built website on http://127.0.0.1:$(SITE_PORT)/"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}' \
		> $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

env: $(STAMP)

# `make lab` installs only once (.venv/.installed); this really installs again: every pin of
# requirements.txt (missing or other versions) and the course package (`import utils`).
reinstall:
	rm -f $(STAMP)
	$(MAKE) env

lab: $(STAMP)
	@echo "JupyterLab is starting. Open the course at:"
	@echo "    http://127.0.0.1:$(PORT)/lab/tree/$(FIRST)?token=$(TOKEN)"
	@echo "(Ctrl-C twice to stop.)"
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.port_retries=0 --IdentityProvider.token=$(TOKEN) --LabApp.news_url=None \
		--ServerApp.root_dir=$(CURDIR) --ServerApp.default_url=/lab/tree/$(FIRST) \
		$(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py $(BENCH_ARGS)

# Stand-ins of 40k rows and of the full Kaggle size (benchmarks/standin/, git-ignored), then every
# notebook on each: wall time and peak kernel memory (12 + 16 minutes on 2 cores, measured, plus about a minute of CPU to generate).
SAMPLE ?=
SCALE_ROWS ?= --rows 40000 --rows full
bench-scale: $(STAMP)
	@test -n "$(SAMPLE)" || { echo "Give a Kaggle-format sample: make bench-scale SAMPLE=path/to/folder"; exit 1; }
	PYTHONPATH=$(CURDIR) $(BIN)/python benchmarks/scale.py generate --sample $(SAMPLE) --rows 40000
	PYTHONPATH=$(CURDIR) $(BIN)/python benchmarks/scale.py generate --sample $(SAMPLE)
	PYTHONPATH=$(CURDIR) $(BIN)/python benchmarks/scale.py run $(SCALE_ROWS)

strip: $(STAMP)
	$(BIN)/python -m utils.nbtools strip notebooks/*.ipynb

# The website: notebooks executed through a cache kept in site/_cache (re-runs only what changed).
site: $(STAMP)
	PYTHONPATH=$(CURDIR) $(BIN)/python site/build.py

serve-site:
	@test -f site/_build/html/index.html || { echo "No site built yet: run make site first."; exit 1; }
	@echo "The course website: http://127.0.0.1:$(SITE_PORT)/  (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(SITE_PORT) --bind 127.0.0.1 --directory site/_build/html

clean-site:
	rm -rf site/_stage site/_build site/_cache

clean-env:
	rm -rf $(VENV)
