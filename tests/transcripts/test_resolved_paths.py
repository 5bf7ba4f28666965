"""The corpus's absolute spelling of a path (the key of the catalog, the
search index and the annotation files) is ``os.path.abspath``'s, whether or
not the path was already plain."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from transcripts.path_keys import resolved

PART = st.sampled_from(["a", "b.txt", ".", "..", ".hidden", "", "x y", "é", "c.d"])


@given(st.lists(PART, max_size=6), st.booleans(), st.booleans())
def test_a_path_is_spelled_as_abspath_spells_it(parts, absolute, trailing):
    path = ("/" if absolute else "") + "/".join(parts) + ("/" if trailing else "")
    if path:
        assert resolved(path) == os.path.abspath(path)
