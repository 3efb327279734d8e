# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test demo bench clean token browser-tools asyncapi-tools

$(STAMP): requirements-dev.txt contracts/pyproject.toml kernel/pyproject.toml chassis/pyproject.toml services/*/pyproject.toml subscriber/pyproject.toml
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

test: $(STAMP) browser-tools asyncapi-tools
	$(BIN)/ruff check .
	$(BIN)/mypy contracts/src kernel/src chassis/src services/*/src subscriber/src subscriber/examples demo benchmarks
	$(BIN)/pytest

# The portal's browser tests: Debian's Chromium (never a browser download), axe-core, and
# the OpenID provider the production sign-in is tested against (oidc-provider, on Node).
browser-tools:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	@command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q npm)
	@test -f tests/browser/node_modules/axe-core/axe.min.js -a -f tests/browser/node_modules/oidc-provider/package.json \
		|| (cd tests/browser && npm ci --no-audit --no-fund)

# The AsyncAPI project's own CLI, which validates docs/asyncapi in the tests (pinned in
# tests/asyncapi/package-lock.json; install scripts off: it needs none, and none may download).
asyncapi-tools:
	@command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q npm)
	@test -x tests/asyncapi/node_modules/.bin/asyncapi || (cd tests/asyncapi && npm ci --no-audit --no-fund --ignore-scripts)

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python -m benchmarks

token: $(STAMP)
	$(BIN)/phoihop token --agency hdnd --role staff

clean:
	rm -rf $(VENV) var
