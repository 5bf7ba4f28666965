"""Save then load returns the same annotations, whatever people type in notes
and tags (quotes, colons, line breaks, unicode, leading spaces, YAML words)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import codec
from annotations.model import Annotation, AnnotationFile

TRICKY = st.sampled_from([
    "yes", "no", "null", "~", "true", "1.0", "0x1F", "2026-11-21T10:00:00Z", "- item", "key: value",
    "'single'", '"double"', "#hash", " leading", "trailing ", "a\nb", "a\n\nb\n", "\ttab", "café 日本語",
    "|", ">", "&anchor", "*alias", "!tag", "%", "@", "`", "", "\u2028", "{x: 1}", "[1, 2]",
])
TEXT = st.one_of(TRICKY, st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12).filter(
    lambda t: t.strip() == t and t
)
SCALAR = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False), TEXT, st.booleans(), st.none())


@st.composite
def annotations(draw):
    n = draw(st.integers(0, 6))
    out = []
    for i in range(n):
        start = draw(st.integers(0, 5000))
        length = draw(st.integers(1, 300))
        out.append(Annotation(
            id=f"a{i:05d}",
            start=start,
            end=start + length,
            quote=draw(TEXT.filter(bool)),
            tags=draw(st.lists(NAME, max_size=3, unique=True)),
            prefix=draw(TEXT),
            suffix=draw(TEXT),
            speaker=draw(st.one_of(st.none(), TEXT.filter(bool))),
            note=draw(TEXT),
            fields=draw(st.dictionaries(st.sampled_from(["metric", "value", "low", "unit", "period", "x"]), SCALAR, max_size=4)),
            created=draw(st.sampled_from(["", "2026-11-21T10:00:00Z"])),
            extra=draw(st.dictionaries(st.sampled_from(["confidence", "links", "reviewed"]), SCALAR, max_size=2)),
        ))
    return out


def _comparable(a: Annotation):
    return (a.id, a.start, a.end, a.quote, a.tags, a.prefix, a.suffix, a.speaker, a.note,
            a.fields, a.created, a.extra)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=annotations(), extra=st.dictionaries(st.sampled_from(["team", "reviewed_by"]), SCALAR, max_size=2))
def test_save_then_load_returns_the_same_annotations(items, extra):
    path = Path("/nowhere/x.annotations.yaml")
    af = AnnotationFile(path=path, transcript="x.txt", sha256="ab" * 32, annotations=items, extra=extra,
                        call={"company": "Acme", "quarter": 3})
    text = codec.to_text(af)
    back, problems = codec.read_text(text, path, "x.txt")
    assert problems == []
    want = sorted(items, key=lambda a: (a.start, a.end, a.id))
    assert [_comparable(a) for a in back.annotations] == [_comparable(a) for a in want]
    assert back.extra == extra and back.call == af.call and back.sha256 == af.sha256
    assert codec.to_text(back) == text  # and writing it again changes nothing


# -- the fast reader agrees with PyYAML -----------------------------------

import yaml  # noqa: E402

from annotations import fastyaml, yamlio  # noqa: E402


def _agrees(text: str) -> bool:
    """True when the fast reader read ``text`` (and then it must agree with
    PyYAML); False when it handed the text to PyYAML."""
    fast = fastyaml.parse_document(text)
    if fast is None:
        return False
    assert fast[0] == yaml.load(text, Loader=yamlio.Loader)
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=annotations())
def test_fast_reader_reads_what_we_write_exactly_as_pyyaml_does(items):
    af = AnnotationFile(path=Path("x.annotations.yaml"), transcript="x.txt", annotations=items)
    _agrees(codec.to_text(af))


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(TEXT, SCALAR))
def test_fast_reader_on_any_single_value(value):
    for text in (
        f"version: 1\nnote: {value}\n",
        f"annotations:\n- id: {value}\n  tags: [{value}]\n  fields: {{a: {value}}}\n",
        f"call:\n  company: {value}\n",
    ):
        try:
            yaml.load(text, Loader=yamlio.Loader)
        except yaml.YAMLError:
            assert fastyaml.parse_document(text) is None or True  # PyYAML decides on the slow path
            continue
        _agrees(text)


def test_typical_files_take_the_fast_path_and_odd_ones_do_not():
    typical = (
        "version: 1\ntranscript: a.txt\nsha256: ab12\ncall:\n  company: Acme\n  quarter: 3\n"
        "annotations:\n- id: 7f3c2a\n  tags: [guidance, risk]\n  start: 10\n  end: 20\n"
        "  quote: we would look for revenues of approximately $220 million\n"
        "  prefix: 'With that said, '\n  note: |-\n    Q1 guide: \"soft\"\n\n    second para\n"
        "  fields: {metric: revenue, value: 220, unit: USD million, low: 1.5}\n"
        "  created: 2026-11-21T10:00:00Z\n"
    )
    assert _agrees(typical)
    for odd in (
        "version: 1  # a comment\nannotations: []\n",
        "version: 1\nannotations:\n- &a {id: x}\n- *a\n",
        "version: 1\n\nannotations: []\n",
        "version: 1\nannotations:\n- id: x\n  links:\n  - a\n",
        "on: 1\n",
        "version: 1\nnote: 3:00\n",
        "version: 1\nversion: 2\n",
    ):
        assert not _agrees(odd), odd


import pytest  # noqa: E402


@pytest.mark.parametrize("note", [
    "ends with blank lines\n\n\n", "\n\nstarts with blank lines", "line\u2028separator", "nel\x85char",
    "  indented first line\nsecond", "tab\there", "trailing space \nnext", "'quoted' \"both\"",
    "crlf\r\nline", "bom\ufeffinside", "- looks like a list", "key: value\n- item",
])
def test_awkward_notes_and_keys_survive_a_round_trip_as_valid_yaml(note):
    path = Path("x.annotations.yaml")
    a = Annotation(id="abc123", start=1, end=5, quote=note, note=note, prefix=note,
                   extra={note.strip() or "k": {"nested": [note, None]}, "on": note})
    af = AnnotationFile(path=path, transcript="x.txt", annotations=[a, a.copy()], extra={"zz": note})
    af.annotations[1].id = "def456"
    text = codec.to_text(af)
    assert yaml.load(text, Loader=yamlio.Loader)["annotations"][0]["note"] == note
    back, problems = codec.read_text(text, path, "x.txt")
    assert problems == []
    assert [_comparable(x) for x in back.annotations] == [_comparable(x) for x in af.annotations]
    assert back.extra == {"zz": note}
