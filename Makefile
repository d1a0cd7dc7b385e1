# Two entry points: `make run` (set up and start the assistant on the demo draft)
# and `make test` (set up and run every test). Both need only Python 3.11+ and make.
# `make lint` checks style, types and the import layers; `make test-fast` is the quick loop
# (no LibreOffice, no tmux, nothing slow); `make format` rewrites the code in the project's style.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider
# Three workers on two cores, handed tests one at a time. Three, because a test waits for about 45 % of
# its wall time (Pilot pauses, timers, LibreOffice starting), and a third worker fills those waits: the
# parallel part took 216 s with two and 172 s with three on an idle 2-core machine, for the same CPU.
# One at a time, because the long tests are collected first (tests/conftest.py), and xdist's default
# first hand-out (a quarter of the suite each) would give them all to one worker.
PARALLEL := -n 3 --maxschedchunk 1
FAST   := not libreoffice and not tmux and not slow and not thorough and not pilot
# Compiled bytecode (and pytest's rewritten test modules) kept in the venv, not the tree, even where the
# shell says PYTHONDONTWRITEBYTECODE: without it every xdist worker and every `python -m assistant`
# subprocess a test starts compiles everything again (collection alone 4.2 -> 1.5 s of CPU per worker).
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-thorough test-seeds setup lint format bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Ansökan needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || \
	  { echo "Python's venv support is missing; on Debian: apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/ansokan demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The timing-sensitive tests (real terminals, autosave timers: marked serial) use little CPU but want it
# on time, so they run beside the parallel part, which runs at a lower priority (nice): the scheduler
# gives them the core the moment they wake. Their output is kept and shown after the parallel part's.
# The further seeds of the seeded tests (marked thorough) only in `make test-thorough`.
test: $(STAMP)
	$(BIN)/lint-imports
	@$(call beside_the_serial_tests,not thorough)

# $(1): the marker expression both parts add. Exit codes: the parallel part's, else the serial part's
# (5, none collected, as after a -k or in a trimmed tree, is no failure).
define beside_the_serial_tests
log=$$(mktemp); \
( $(PYTEST) -m "serial and $(1)" >$$log 2>&1; echo $$? >$$log.rc ) & serial_pid=$$!; \
trap 'kill $$serial_pid 2>/dev/null' INT TERM; \
nice -n 10 $(PYTEST) $(PARALLEL) -m "not serial and $(1)"; parallel=$$?; \
wait; serial=$$(cat $$log.rc); echo "== the serial tests, run beside the others:"; cat $$log; rm -f $$log $$log.rc; \
[ $$parallel -eq 0 ] && { [ $$serial -eq 0 ] || [ $$serial -eq 5 ]; }
endef

test-thorough: test test-seeds

# Only the further seeds (marked thorough), for after `make test`: together they are `make test-thorough`.
# CI runs it, so the random-key test presses 2,000 keys on every screen there (4 seeds of 500).
test-seeds: $(STAMP)
	@$(call beside_the_serial_tests,thorough)

# The quick loop leaves out the serial tests too: they wait on real timers and want the machine; and the
# Pilot tests of the terminal UI (tests/tui/, marked pilot): ~85 of them were 96 of its 133 s of CPU.
test-fast: $(STAMP)
	$(PYTEST) $(PARALLEL) -m "$(FAST) and not serial"

bench: $(STAMP)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
