# remit — the two commands a newcomer needs are `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# pytest-xdist workers; each has its own SQLite file and PostgreSQL database.
TEST_WORKERS ?= auto
WHOP_SDKS := .venv-whop-0/.installed .venv-whop-2/.installed
CLIENT_GENERATOR := .venv-openapi-client/.installed

.PHONY: serve test lint lock clean install install-dev soak bench i18n client

serve: $(VENV)/.runtime ## create the venv if missing, install, migrate and serve on :8000
	$(BIN)/remit serve --host 127.0.0.1 --port 8000

test: $(VENV)/.dev ## install the dev extras, check the layers and the types, run the suite
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Mixed traffic with webhooks against a live server; memory and latency in soak/out/soak.png.
SOAK_MINUTES ?= 10
soak: $(VENV)/.dev ## run the soak (SOAK_MINUTES, SOAK_DATABASE_URL for PostgreSQL)
	$(BIN)/python soak/run.py --minutes $(SOAK_MINUTES)

# Benchmarks against live servers (docs/performance.md): BENCH_ARGS=--quick while developing;
# PostgreSQL too when REMIT_BENCH_POSTGRES_URL is set. Writes bench/results/<date>.json.
bench: $(VENV)/.dev
	$(BIN)/python -m bench $(BENCH_ARGS)

# The typed Python client clients/python (package remit-client, docs/api.md) written anew from
# the OpenAPI document; the suite fails while it is out of date (tests/clients).
client: $(VENV)/.dev
	$(BIN)/python clients/generate.py

# The customer's languages (docs/hosted.md, "Languages"): extract the texts of the code and the
# templates, merge them into every catalog, then check that each one compiles. The catalogs are
# compiled in memory when the server starts (kernel/i18n.py): no .mo file is kept.
LOCALES := src/remit/kernel/locale
i18n: $(VENV)/.dev
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --no-wrap --project remit --version 0.1.0 \
		--msgid-bugs-address "" -o $(LOCALES)/remit.pot src
	$(BIN)/pybabel update -i $(LOCALES)/remit.pot -d $(LOCALES) -D remit --no-wrap --ignore-obsolete --no-fuzzy-matching
	for po in $(LOCALES)/*/LC_MESSAGES/remit.po; do \
		$(BIN)/pybabel compile --statistics -i $$po -o /dev/null || exit 1; done

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests clients
	$(BIN)/ruff format --check src tests clients
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The lock files pin (with hashes) every package; the project itself goes in editable.
$(VENV)/.runtime: requirements/runtime.lock pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/runtime.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements/dev.lock pyproject.toml | $(BIN)/python $(WHOP_SDKS) $(CLIENT_GENERATOR)
	$(PIP) install --quiet --require-hashes -r requirements/dev.lock
	$(PIP) install --quiet --no-deps -e .
	$(PIP) install --quiet --no-deps -e clients/python
	touch $@ $(VENV)/.runtime

# whop-sdk 0.0.x and 2.x share an import name: each gets a venv of its own, which the Whop
# dialect's tests run SDK scripts in (tests/dialects/whop/test_sdks.py).
.venv-whop-0/.installed: requirements/whop-sdk-0.0.35.lock
	rm -rf .venv-whop-0 && $(PYTHON) -m venv .venv-whop-0
	.venv-whop-0/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes -r $<
	touch $@

.venv-whop-2/.installed: requirements/whop-sdk-2.6.0.lock
	rm -rf .venv-whop-2 && $(PYTHON) -m venv .venv-whop-2
	.venv-whop-2/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes -r $<
	touch $@

# openapi-python-client needs an older typer than remit's: `make client` runs it from a venv of
# its own.
.venv-openapi-client/.installed: requirements/openapi-python-client.lock
	rm -rf .venv-openapi-client && $(PYTHON) -m venv .venv-openapi-client
	.venv-openapi-client/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes -r $<
	touch $@

lock: | $(BIN)/python ## re-resolve requirements/*.lock from pyproject.toml
	$(PIP) install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o requirements/runtime.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .venv-whop-0 .venv-whop-2 .venv-openapi-client .pytest_cache .ruff_cache .hypothesis
