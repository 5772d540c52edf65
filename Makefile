# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CLUSTER_PORT ?= 8080
REPLICAS ?= 2
SESSIONS ?= 20
FOLLOWERS ?= 10

.PHONY: run test build lock check-sources bench clean cluster cluster-stop load

# Installs are the lock files' exact versions, each checked against its hashes; requirements*.txt hold the
# ranges a maintainer edits, and `make lock` resolves them into the locks again.
$(VENV)/.app-installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .  # the `ipsdash` command, running this checkout
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed requirements-test.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

# The newest releases the ranges allow, for Linux, macOS and Windows and every Python from 3.11, one
# version of each package for all of them; the test lock holds the app lock's versions.
LOCK_FLAGS := --universal --python-version 3.11 --fork-strategy fewest --generate-hashes --upgrade \
	--custom-compile-command "make lock" --quiet
lock: $(VENV)/.test-installed
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt requirements-test.txt -c requirements.lock \
		-o requirements-test.lock

build: $(VENV)/.app-installed
	$(PY) -m ipsdash build

run: build
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

test: $(VENV)/.test-installed build
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/deptry .
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
	$(PY) bench/load.py --sessions $(SESSIONS) --followers $(FOLLOWERS)

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.tmp* .pytest_cache .ruff_cache
