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


def _typed(value):
    """``value`` with the type of every scalar spelled out: ``1.0 == True``
    in Python, but a file that turns one into the other is wrong."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _comparable(a: Annotation):
    return _typed([a.id, a.start, a.end, a.quote, a.tags, a.prefix, a.suffix, a.speaker, a.note,
                   a.fields, a.created, a.extra])


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
    assert _typed(back.extra) == _typed(extra) and back.call == af.call and back.sha256 == af.sha256
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
    assert _typed(fast[0]) == _typed(yaml.load(text, Loader=yamlio.Loader))
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=annotations())
def test_fast_reader_never_disagrees_with_pyyaml_on_what_we_write(items):
    """Whatever the writer puts out, the fast reader reads exactly as PyYAML
    does, or declines (escaped strings, say) and leaves it to PyYAML;
    ``test_typical_files_take_the_fast_path_and_odd_ones_do_not`` shows it
    does read the usual files."""
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
            assert fastyaml.parse_document(text) is None  # never accept what PyYAML refuses
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


def test_equal_values_of_other_types_are_never_written_as_each_other():
    """The writer caches formatted values; ``True == 1 == 1.0`` and
    ``False == 0 == 0.0`` in Python, and must not share a cache entry."""
    path = Path("x.annotations.yaml")
    values = [True, 1.0, 1, False, 0.0, 0, None, "1.0", "true"]
    items = [Annotation(id=f"a{i:05d}", start=i, end=i + 1, quote="q", fields={"value": v}, extra={"flag": v})
             for i, v in enumerate(values)]
    text = codec.to_text(AnnotationFile(path=path, transcript="x.txt", annotations=items))
    back, problems = codec.read_text(text, path, "x.txt")
    assert problems == []
    assert [_typed(a.fields.get("value")) for a in back.annotations] == [_typed(v) for v in values[:6]] + [
        ("NoneType", None), ("str", "1.0"), ("str", "true")]
    assert [_typed(a.extra["flag"]) for a in back.annotations] == [_typed(v) for v in values]


def test_files_earmark_writes_for_real_calls_take_the_fast_path(tmp_path):
    """The fast reader is what keeps loading under its time budget: a file
    as the app writes it (quotes with $, %, commas, apostrophes; notes with
    colons and line breaks; fields) must not fall back to PyYAML."""
    from annotation_helpers import sample_call

    from annotations.session import CallAnnotations

    _, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    for i in range(0, call.sentence_count, 7):
        s.add(call.sentence_starts[i], call.sentence_ends[i], ["metric", "q&a"] if i % 2 else ["guidance"],
              note="Q1: soft\nsee 'guide'" if i % 3 else "", fields={"value": 220, "unit": "USD million"})
    text = codec.to_text(s.file)
    assert _agrees(text)


def test_ids_and_text_that_other_yaml_tools_read_as_numbers_are_avoided_or_quoted(monkeypatch):
    """PyYAML reads 12e345 as text, YAML 1.2 tools (yq, ruamel, Go) as a
    float: an id must never look like that, and such text is quoted."""
    from annotations import ids

    drawn = iter(["123456", "12e345", "0e1234", "ab12cd"])
    monkeypatch.setattr(ids.secrets, "token_hex", lambda n: next(drawn))
    assert ids.new_id() == "ab12cd"
    a = Annotation(id="7e1234", start=1, end=2, quote="1e5", tags=["2E10"], note=".5")
    text = codec.to_text(AnnotationFile(path=Path("x"), transcript="x.txt", annotations=[a]))
    assert "id: '7e1234'" in text and "quote: '1e5'" in text and "tags: ['2E10']" in text and "note: '.5'" in text
    back, problems = codec.read_text(text, Path("x"), "x.txt")
    assert problems == [] and _comparable(back.annotations[0]) == _comparable(a)


def test_an_empty_annotations_key_is_left_to_pyyaml():
    assert not _agrees("version: 1\nannotations:\n")
    assert not _agrees("version: 1\nannotations:\ntranscript: x.txt\n")


def test_minus_zero_beside_zero_is_written_as_itself():
    """0.0 and -0.0 are equal in Python: the writer once reused the text of
    one for the other, and then refused the whole save (hypothesis found a
    field ``links: -0.0``)."""
    for first, second in ((0.0, -0.0), (-0.0, 0.0)):
        items = [Annotation(id="a1", start=0, end=1, quote="x", extra={"links": first}),
                 Annotation(id="a2", start=0, end=1, quote="x", extra={"links": second})]
        af = AnnotationFile(path=Path("x.annotations.yaml"), transcript="x.txt", annotations=items)
        text = codec.to_text(af)
        got = yaml.load(text, Loader=yamlio.Loader)
        assert [repr(a["links"]) for a in got["annotations"]] == [repr(first), repr(second)]
