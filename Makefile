# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CLUSTER_PORT ?= 8080
REPLICAS ?= 2
SESSIONS ?= 20

.PHONY: run test build check-sources bench lint clean cluster cluster-stop load

$(VENV)/.app-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

build: $(VENV)/.app-installed
	$(PY) -m ipsdash build

run: build
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

test: $(VENV)/.test-installed build
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

# Maintainers: data/ checked against the source documents in ../shared/sources (make test runs these too
# where that folder exists; here a missing folder is a failure).
check-sources: $(VENV)/.test-installed build
	$(PY) -m pytest tests/sources

bench: $(VENV)/.test-installed build
	$(PY) bench/run.py

# nginx (Debian's package, installed if missing) in front of $(REPLICAS) app processes, all on 127.0.0.1.
cluster: build
	$(PY) deploy/cluster.py start --replicas $(REPLICAS) --port $(CLUSTER_PORT) --install-nginx

cluster-stop:
	$(PY) deploy/cluster.py stop

load: $(VENV)/.test-installed build
	$(PY) bench/load.py --sessions $(SESSIONS)

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.tmp* .pytest_cache .ruff_cache
