# Thin task list. CI (.ci/run) calls the same targets.
PY      := .venv/bin/python
CONTENT ?= content
SITE    ?= site
DOCS    ?= build/docs
# The local authority's configuration (name, contacts, logo, colours, editions); OFFLINE=1 also builds the
# offline copy and puts its zip in $(SITE)/downloads/.
CONFIG  ?= $(CONTENT)/authority.yml
OFFLINE ?= 1
# `make test` runs the suite in this many processes (pytest-xdist): each test module stays on one worker, and the site
# crawl comes in parts (tests/crawl.py) that spread over the workers.
TEST_JOBS ?= 2
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test validate schema coverage clean browser bench extract extract-profile extract-eval extract-apply bench-extract what-changed zensical

# The generated Markdown goes to a folder of its own per SITE (scripts/site/build.py), so editions can be built at the same
# time; DOCS=... on the command line or in the environment picks one by hand.
BUILD    = $(PY) -m scripts.site.build --content $(CONTENT) --site $(SITE) --authority $(CONFIG)$(if $(filter 1,$(OFFLINE)), --offline)$(if $(filter command line environment,$(origin DOCS)), --docs $(DOCS))

site: .venv/.installed  ## Validate content, generate pages and build the site into site/
	$(BUILD)

serve: .venv/.installed  ## Live preview on http://127.0.0.1:8000/ that regenerates when content/ changes (honours CONFIG=)
	$(PY) -m scripts.site.serve --content $(CONTENT) --docs $(DOCS) --authority $(CONFIG)

validate: .venv/.installed  ## Check content only
	$(PY) -m scripts.content.validate $(CONTENT)

schema: .venv/.installed  ## Re-export content/schema/*.json from the models
	$(PY) -m scripts.content.schema

coverage: .venv/.installed  ## Content coverage table (need x phase x level)
	$(PY) -m scripts.checks.coverage $(CONTENT)

test: .venv/.installed .venv-bench/bin/zensical node_modules/.installed browser  ## Coverage table, readability report, then the test suite
	$(PY) -m scripts.checks.coverage $(CONTENT)
	$(PY) -m scripts.checks.quality $(CONTENT)
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup

bench: .venv/.installed .venv-bench/bin/zensical node_modules/.installed browser  ## Benchmark: writes BENCHMARKS.md
	$(PY) -m scripts.bench

.venv-bench/bin/zensical: requirements-bench.txt
	test -x .venv-bench/bin/python || python3 -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet -r requirements-bench.txt
	touch $@

zensical: .venv/.installed .venv-bench/bin/zensical  ## The same site built by Zensical (Material's successor) into build/zensical/site
	$(PY) -m scripts.site.zensical --content $(CONTENT) --authority $(CONFIG)

what-changed: .venv/.installed  ## Compare two editions: make what-changed OLD=HEAD~5 [NEW=content] (folders, git revisions or snapshots)
	$(PY) -m scripts.editions $(OLD) $(or $(NEW),$(CONTENT)) -o build/what-changed.md
	$(PY) -m scripts.editions $(OLD) $(or $(NEW),$(CONTENT)) --text

extract: .venv/.installed  ## Extract PDFs into build/staging and show the diff: make extract PDF="a.pdf [b.pdf ...]" [PROFILE="p.yml ..."] [OUT=dir]
	$(PY) -m scripts.extract $(PDF) --content $(CONTENT) $(foreach p,$(PROFILE),--profile $(p)) $(if $(OUT),--out $(OUT))

extract-profile: .venv/.installed  ## Propose a layout profile for a new PDF: make extract-profile PDF=file.pdf -> build/staging/<stem>.profile.yml
	$(PY) -m scripts.extract.propose "$(PDF)" --out build/staging --content $(CONTENT)

extract-eval: .venv/.installed  ## Exact bullet precision and recall of extract-profile + extract on each corpus layout
	$(PY) -m scripts.extract.evaluate --content $(CONTENT)

extract-apply: .venv/.installed  ## Merge the staged extraction into content/ (with PDF=, extract first); exit 1 lists conflicts
	$(PY) -m scripts.extract $(PDF) --apply --content $(CONTENT) $(foreach p,$(PROFILE),--profile $(p)) $(if $(OUT),--out $(OUT))

bench-extract: .venv/.installed  ## Extraction speed: ours vs naive pdfplumber vs pdftotext on a generated 100-page PDF
	@command -v pdftotext >/dev/null || { echo "make: the benchmark needs pdftotext: apt-get install poppler-utils" >&2; exit 1; }
	$(PY) -m scripts.bench.extract

clean:  ## Remove generated files (keeps .venv)
	rm -rf build site site.new-* site.old .pytest_cache .coverage htmlcov

browser:  ## Debian's chromium for the browser tests (installed with apt-get when missing and run as root)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  { echo "make: the browser tests need chromium: apt-get install chromium" >&2; exit 1; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.venv/.installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

.PHONY: manifest linkcheck-external

manifest: .venv/.installed  ## Build, then add the site's new pages and per-level anchors to content/published-urls.txt (creating it; run deliberately)
	$(BUILD) --manifest

linkcheck-external: site  ## Fetch every external link of the built site (needs the internet; allow-list: tests/external-links-allowed.yml)
	$(PY) -m scripts.checks.check_external $(SITE)
