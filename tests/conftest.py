"""Shared fixtures: every test runs with its own EARMARK_HOME, so nothing a
test does touches the real user data, cache or config directories."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"
Q1_2003 = "001_c59ed768412944d4.txt"


@pytest.fixture(scope="session", autouse=True)
def earmark_home_of_shared_fixtures(tmp_path_factory):
    """Module- and session-scoped fixtures (a corpus loaded once for a
    file of tests) run before any test's own home is set: without this
    they wrote their catalog and parsed calls into the real cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("EARMARK_HOME", str(tmp_path_factory.mktemp("earmark-home-shared")))
    for var in ("EARMARK_DATA_DIR", "EARMARK_CACHE_DIR", "EARMARK_CONFIG_DIR"):
        patch.delenv(var, raising=False)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def earmark_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("earmark-home")
    monkeypatch.setenv("EARMARK_HOME", str(home))
    for var in ("EARMARK_DATA_DIR", "EARMARK_CACHE_DIR", "EARMARK_CONFIG_DIR"):
        monkeypatch.delenv(var, raising=False)
    # No user's git name leaks into annotations a test writes (``author:``):
    # git sees no global or system config, and nothing is cached from before.
    empty = home / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    from annotations import authors

    authors.forget()
    return home


@pytest.fixture
def samples_copy(tmp_path) -> Path:
    """A writable copy of the two bundled sample calls."""
    dest = tmp_path / "calls"
    shutil.copytree(SAMPLES, dest, ignore=shutil.ignore_patterns("*.yaml", "__pycache__"))
    return dest


@pytest.fixture(scope="module", params=["disk", "memory"])
def search_engine(request) -> str:
    """Runs a module's tests once per search engine (the on-disk tantivy
    index, the in-memory one): both must answer alike."""
    import os

    from transcripts.search.searcher import ENGINE_VARIABLE

    if request.param == "disk":
        pytest.importorskip("tantivy")  # its wheels need Python 3.11+
    old = os.environ.get(ENGINE_VARIABLE)
    os.environ[ENGINE_VARIABLE] = request.param
    yield request.param
    if old is None:
        os.environ.pop(ENGINE_VARIABLE, None)
    else:
        os.environ[ENGINE_VARIABLE] = old


_REAL_CACHE = Path(platformdirs.user_cache_dir("earmark"))


def _stamp_of(folder: Path) -> tuple | None:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()))
    except OSError:
        return None


_REAL_CACHE_BEFORE = _stamp_of(_REAL_CACHE)


def pytest_sessionfinish(session, exitstatus):
    """On CI, a test that wrote into the real cache (a shared fixture or a
    child process that missed its EARMARK_HOME) fails the run."""
    if os.environ.get("CI") and "EARMARK_HOME" not in os.environ and _stamp_of(_REAL_CACHE) != _REAL_CACHE_BEFORE:
        session.config.get_terminal_writer().line(
            f"a test wrote into the real cache {_REAL_CACHE}; every test must use its own EARMARK_HOME", red=True)
        session.exitstatus = 1
