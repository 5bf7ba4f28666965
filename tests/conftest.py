"""Shared fixtures: every test runs with its own EARMARK_HOME, so nothing a
test does touches the real user data, cache or config directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "transcripts" / "samples"
Q4_2003 = "000_8965172836b0001b.txt"
Q1_2003 = "001_c59ed768412944d4.txt"


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
