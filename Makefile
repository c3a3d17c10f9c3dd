# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system vendor demo test lint bench clean

setup: $(STAMP) vendor

# pip is upgraded first: pip 23 crashes on trafilatura's lxml extra. The lock pins every
# package, so no CUDA torch can sneak in through a loose range.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The web app's browser libraries, unpacked from npm packages (not committed): plotly.js's
# basic bundle (bar, scatter) for the charts, a quarter of the full bundle in the plotly
# wheel that the app falls back to without it; Swagger UI for the API docs at /docs.
WEB_VENDOR := src/tidings/interfaces/web/static/vendor
vendor: $(WEB_VENDOR)/plotly-basic.min.js $(WEB_VENDOR)/swagger-ui-bundle.js

$(WEB_VENDOR)/plotly-basic.min.js:
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent plotly.js-basic-dist-min@4.1.1 >/dev/null \
	  && tar xzf plotly.js-basic-dist-min-4.1.1.tgz --strip-components=1 package/plotly-basic.min.js \
	  && rm plotly.js-basic-dist-min-4.1.1.tgz

$(WEB_VENDOR)/swagger-ui-bundle.js:
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent swagger-ui-dist@5.35.0 >/dev/null \
	  && tar xzf swagger-ui-dist-5.35.0.tgz --strip-components=1 package/swagger-ui.css \
	    package/swagger-ui-bundle.js package/swagger-ui-bundle.js.LICENSE.txt \
	  && rm swagger-ui-dist-5.35.0.tgz

# Debian packages the test suite drives: Chromium for the dashboard tests. PostgreSQL 15
# ships with the machine image; tests/conftest.py starts a throwaway server.
system:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

demo: setup
	$(BIN)/tidings demo

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: setup system lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) build *.egg-info demo.duckdb demo-report.html
