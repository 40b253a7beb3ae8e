# Thin task list. CI (.ci/run) calls the same targets.
PY      := .venv/bin/python
CONTENT ?= content
SITE    ?= site
DOCS    ?= build/docs
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test validate schema coverage clean

site: .venv/.installed  ## Validate content, generate pages and build the site into site/
	$(PY) -m scripts.build --content $(CONTENT) --site $(SITE) --docs $(DOCS)

serve: .venv/.installed  ## Live preview on http://127.0.0.1:8000/ that regenerates when content/ changes
	$(PY) -m scripts.generate $(CONTENT) $(DOCS)
	SEN_CONTENT=$(CONTENT) $(PY) -m mkdocs serve --config-file mkdocs.yml

validate: .venv/.installed  ## Check content only
	$(PY) -m scripts.load $(CONTENT)

schema: .venv/.installed  ## Re-export content/schema/*.json from the models
	$(PY) -m scripts.schema

coverage: .venv/.installed  ## Content coverage table (need x phase x level)
	$(PY) -m scripts.coverage $(CONTENT)

test: .venv/.installed  ## Content coverage table, then the whole test suite with code coverage
	$(PY) -m scripts.coverage $(CONTENT)
	$(PY) -m pytest

clean:  ## Remove generated files (keeps .venv)
	rm -rf build site site.new-* site.old .pytest_cache .coverage htmlcov

.venv/.installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@
