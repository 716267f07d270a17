# Alliance Portal. `make run` serves the portal; `make test` runs the whole suite.
# Both start an embedded PostgreSQL and Redis when DATABASE_URL / REDIS_URL are unset.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format migrations bench-data check-deploy security-report clean
.PHONY: run test lint format migrations check-deploy security-report bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# `make run PORT=8765` serves on another port.
PORT ?= 8000

run: $(STAMP)
	$(BIN)/python -m alliance_portal.launcher run --port $(PORT)

# Two pytest-xdist workers, each with a test database of its own. `--dist load` hands each worker
# its tests in collection order, so pytest-django's order (transactional tests last) holds in
# each worker. `make test TEST_WORKERS=0` runs in one process (pdb, a narrow -k).
TEST_WORKERS ?= 2

test: $(STAMP)
	$(BIN)/python -m alliance_portal.launcher exec -- \
		$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Make migrations against the (embedded, when DATABASE_URL is unset) database.
migrations: $(STAMP)
	$(BIN)/python -m alliance_portal.launcher exec -- $(BIN)/python manage.py makemigrations

# The benchmark dataset (issue 19) in the (embedded, when DATABASE_URL is unset) database:
# `make bench-data SCALE=1` (the benchmark), SCALE=0.01 for a quick look. It refuses a database
# that holds organisations already; `make bench-data BENCH_ARGS=--force` adds it beside them.
SCALE ?= 1

bench-data: $(STAMP)
	$(BIN)/python -m alliance_portal.launcher exec -- $(BIN)/python manage.py migrate --no-input
	$(BIN)/python -m alliance_portal.launcher exec -- \
		$(BIN)/python manage.py seed_bench --scale $(SCALE) $(BENCH_ARGS)

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=alliance_portal.settings.production \
	DJANGO_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres ALLOWED_HOSTS=portal.example.org \
	PORTAL_BASE_URL=https://portal.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# The tests marked `security` record their figures; tools/security_report.py prints them and
# fails when a figure is missing or is not what it must be.
SECURITY_FIGURES := $(CURDIR)/.data/security-figures

security-report: $(STAMP)
	rm -rf $(SECURITY_FIGURES)
	SECURITY_FIGURES_DIR=$(SECURITY_FIGURES) SECURITY_REPORT=1 \
		$(BIN)/python -m alliance_portal.launcher exec -- \
		$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load -m security -q $(PYTEST_ARGS)
	$(BIN)/python tools/security_report.py $(SECURITY_FIGURES)

# The load benchmark (issue 19): gunicorn on loopback against the database DATABASE_URL names,
# as it is (it never seeds; `manage.py seed_bench` builds the benchmark dataset). Prints the table
# and writes bench/results/latest.{json,md}. `make bench BENCH_ARGS="--requests 200 --only decisions"`.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .data/staticfiles .mypy_cache .ruff_cache
