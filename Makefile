# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test demo bench clean token browser-tools

$(STAMP): requirements-dev.txt contracts/pyproject.toml kernel/pyproject.toml chassis/pyproject.toml services/*/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/phoihop run

# make demo YEAR=2023: a province-year dated in 2023 (default: last year).
demo: $(STAMP)
	$(BIN)/python -m demo $(if $(YEAR),--year $(YEAR))

test: $(STAMP) browser-tools
	$(BIN)/ruff check .
	$(BIN)/mypy contracts/src kernel/src chassis/src services/*/src demo benchmarks
	$(BIN)/pytest

# The portal's browser tests: Debian's Chromium (never a browser download) and axe-core.
browser-tools:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	@command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q npm)
	@test -f tests/browser/node_modules/axe-core/axe.min.js || (cd tests/browser && npm ci --no-audit --no-fund)

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python -m benchmarks

token: $(STAMP)
	$(BIN)/phoihop token --agency hdnd --role staff

clean:
	rm -rf $(VENV) var
