# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CLUSTER_PORT ?= 8080
REPLICAS ?= 2
SESSIONS ?= 20
FOLLOWERS ?= 10

.PHONY: run test build lock catalogs check-sources bench clean cluster cluster-stop load

# A virtualenv make cannot use is made again rather than failing on every later command: one without a
# working python or pip (a first `make` interrupted while `python -m venv` ran), one of another Python
# minor version than $(PYTHON), or one whose install did not finish (.installing is there from the start
# of an install until its end; pip would call a half-written package "already satisfied"). The markers
# .app-installed and .test-installed are touched only as an install's last step.
PYTHON_VERSION = $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV_PROBLEM := $(shell \
	if [ ! -e $(VENV) ]; then :; \
	elif [ -e $(VENV)/.installing ]; then echo "holds an install that did not finish"; \
	elif ! v=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); then \
		echo "has no python that runs"; \
	elif [ -n "$(PYTHON_VERSION)" ] && [ "$$v" != "$(PYTHON_VERSION)" ]; then echo "is Python $$v, not $(PYTHON_VERSION) ($(PYTHON))"; \
	elif ! $(PY) -c 'import pip' 2>/dev/null; then echo "has no pip"; \
	fi)

.PHONY: venv-unusable
venv-unusable:
	@echo "$(VENV) $(VENV_PROBLEM): making it again"
	@rm -rf $(VENV)

# Installs are the lock files' exact versions, each checked against its hashes; requirements*.txt hold the
# ranges a maintainer edits, and `make lock` resolves them into the locks again.
$(VENV)/.app-installed: requirements.lock pyproject.toml $(if $(VENV_PROBLEM),venv-unusable)
	mkdir -p $(VENV) && touch $(VENV)/.installing
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .  # the `ipsdash` command, running this checkout
	rm $(VENV)/.installing && touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed requirements-test.lock
	touch $(VENV)/.installing
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	rm $(VENV)/.installing && touch $@

# The newest releases the ranges allow, for Linux, macOS and Windows and every Python from 3.11, one
# version of each package for all of them; the test lock holds the app lock's versions.
LOCK_FLAGS := --universal --python-version 3.11 --fork-strategy fewest --generate-hashes --upgrade \
	--custom-compile-command "make lock" --quiet
lock: $(VENV)/.test-installed
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt requirements-test.txt -c requirements.lock \
		-o requirements-test.lock

# Maintainers: gather the messages marked in the code (_(), N_(), ngettext()) and bring each language's
# catalog, ipsdash/i18n/locale/LANG/LC_MESSAGES/ipsdash.po, up to date with them; then translate what is new
# (tests/unit/test_catalogs.py names every message a catalog lacks). Build compiles the catalogs.
catalogs: $(VENV)/.app-installed
	mkdir -p build
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --no-wrap \
		--add-comments=TRANSLATORS: --project=ipsdash -o build/ipsdash.pot .
	$(VENV)/bin/pybabel --quiet update -i build/ipsdash.pot -d ipsdash/i18n/locale -D ipsdash \
		--no-fuzzy-matching --ignore-obsolete --no-wrap

build: $(VENV)/.app-installed
	$(PY) -m ipsdash build

run: build
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

test: $(VENV)/.test-installed build
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/deptry .
	# The tests with no browser spread over the cores (pytest-xdist); the browser tests then one at a time
	# (each drives Chromium and a served app, which already keep the cores busy).
	$(PY) -m pytest -m "not browser" --numprocesses auto
	$(PY) -m pytest -m browser

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
