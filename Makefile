# The two commands of the README: `make run` and `make test`.
# Both create .venv in the repository when needed and install into it exactly
# the versions in requirements.lock (hashed), then the project itself
# (editable), so a fresh machine needs only Python and gets what was tested.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.earmark-installed
# uv resolves the lock; pinned so a refresh is repeatable. Only `make lock` uses it.
UV_VERSION := 0.13.9

.PHONY: run test bench lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

run: $(STAMP)
	$(VENV)/bin/earmark $(ARGS)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/run.py $(BENCH_ARGS) $(BENCH_EXTRA)

# `make bench BENCH_ARGS=--scale 30` without quotes makes `30` a goal of its
# own; next to `bench`, such words are passed on to the benchmarks instead.
ifneq ($(filter bench,$(MAKECMDGOALS)),)
BENCH_EXTRA := $(filter-out bench run test lock clean,$(MAKECMDGOALS))
ifneq ($(BENCH_EXTRA),)
.PHONY: $(BENCH_EXTRA)
$(BENCH_EXTRA):
	@:
endif
endif

# Refresh the lock after changing dependencies in pyproject.toml.
lock:
	test -x .lock-venv/bin/uv || { $(PYTHON) -m venv .lock-venv && .lock-venv/bin/python -m pip install -q uv==$(UV_VERSION); }
	.lock-venv/bin/uv pip compile pyproject.toml requirements-build.in --extra test \
	    --universal --python-version 3.10 --generate-hashes --no-header \
	    -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
