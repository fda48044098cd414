# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install system-deps bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests drive (OmegaT for TMX/glossary loading, Chromium for the HTML reports;
# a CJK font so screenshots of the reports show the Chinese).
# Needs root; skipped quietly when they are already present.
system-deps:
	@if ! command -v chromium >/dev/null || [ ! -f /usr/share/omegat/OmegaT.jar ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends omegat chromium fonts-wqy-microhei >/dev/null; \
	  else echo "note: run as root (or sudo make system-deps) to install omegat and chromium; their tests skip otherwise" >&2; fi; \
	fi

demo: $(STAMP)
	tools/demo.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	@ls tools/bench/*.py

clean:
	rm -rf out .pytest_cache .hypothesis
