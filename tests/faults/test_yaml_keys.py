"""Issue 13 item 1: hand-written keys and values survive every save.

A key that is not plain-safe (a colon, a ``#``, a YAML word) used to be
written unquoted on the next save: ``'source: Q4 deck': slide 7`` became the
invalid ``source: Q4 deck: slide 7``, and ``'ticket: #42': open`` silently
became ``ticket: null``. The rule now: every write reads back, with the
safe loader, as exactly the data written, or it is not written."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from yaml_fault_kit import earmark, sample_call, sidecar, tagged

from annotations import codec, fastyaml, writeback, yamlio
from annotations.model import Annotation, AnnotationFile
from annotations.session import CallAnnotations

HOSTILE_KEYS = [
    "source: Q4 deck", "ticket: #42", "a #b", "#x", "k:", ":k", "- item", "? q", "[k]", "{k}", "k,v",
    "yes", "no", "null", "~", "on", "1", "0x1F", "1e5", ".inf", "2026-11-21", "' q", '"q', "&a", "*a",
    "!t", "|", ">", "%", "@", "`", " lead", "trail ", "tab\tkey", "line\nbreak", "", "ünïcödé: 日本",
]


def _safe_load(text: str):
    return yaml.load(text, Loader=yamlio.Loader)  # noqa: S506 - PyYAML's safe loader (timestamps kept as text)


def test_a_top_level_key_with_a_colon_survives_the_next_save(tmp_path):
    path, _ = sample_call(tmp_path)
    text = tagged(path)
    sidecar(path).write_text(text.replace("annotations:\n", "'source: Q4 deck': slide 7\nannotations:\n"))
    assert earmark("check", path).returncode == 0
    tagged(path, "Steven")  # the next save
    data = _safe_load(sidecar(path).read_text())
    assert data["source: Q4 deck"] == "slide 7" and len(data["annotations"]) == 2
    assert earmark("check", path).returncode == 0
    tagged(path, "Gateoff")  # and later edits are not refused
    assert len(_safe_load(sidecar(path).read_text())["annotations"]) == 3


def test_an_annotation_key_with_a_hash_keeps_its_value(tmp_path):
    path, _ = sample_call(tmp_path)
    text = tagged(path)
    sidecar(path).write_text(text.replace("  speaker: Operator\n", "  speaker: Operator\n  'ticket: #42': open\n"))
    tagged(path, "Steven")
    items = _safe_load(sidecar(path).read_text())["annotations"]
    assert [a.get("ticket: #42") for a in items] == ["open", None]


def test_every_hostile_key_is_written_so_that_it_reads_back(tmp_path):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    a = s.add(88, 96, ["metric"])
    s.file.extra = {k or "empty?": f"top {i}" for i, k in enumerate(HOSTILE_KEYS)}
    a.extra = {k or "empty?": i for i, k in enumerate(HOSTILE_KEYS)}
    assert s.save().ok
    data = _safe_load(sidecar(path).read_text())
    assert all(data[k] == v for k, v in s.file.extra.items())
    assert data["annotations"][0] | a.extra == data["annotations"][0]
    assert CallAnnotations(call).file.extra == s.file.extra  # and Earmark reads it as it was


def test_key_ok_accepts_only_plain_words():
    assert fastyaml.key_ok("source") and fastyaml.key_ok("reviewed_by")
    for key in HOSTILE_KEYS:
        assert not fastyaml.key_ok(key), key


def test_a_pair_the_fast_writer_gets_wrong_is_written_by_pyyaml_instead(monkeypatch):
    """The read-back check is the safety net, whatever the fast writer
    decides: make it write every text unquoted, and the save still comes
    back exactly."""
    monkeypatch.setattr(fastyaml, "plain_ok", lambda value, flow=False: True)
    monkeypatch.setattr(fastyaml, "key_ok", lambda key: isinstance(key, str))
    af = AnnotationFile(path=None, transcript="x.txt")  # type: ignore[arg-type]
    af.extra = {"source: Q4 deck": "slide 7: appendix", "n": "#42", "t": "yes"}
    af.annotations = [Annotation("abc123", 1, 5, "[Gateoff]: said", note="a # b")]
    text = codec.to_text(af)
    assert _safe_load(text) == codec.file_data(af)


def test_nothing_is_written_when_no_way_of_writing_reads_back(tmp_path, monkeypatch):
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    s.add(88, 96, ["metric"])
    assert s.save().ok
    before = sidecar(path).read_bytes()
    monkeypatch.setattr(writeback.PairCheck, "failures", lambda self: {("always", "wrong")})
    s.add(100, 110, ["guidance"])
    result = s.save()
    assert not result.ok and "could not be written so that they read back" in result.message
    assert sidecar(path).read_bytes() == before and s.pending


# -- fuzzing the writer and the reader -----------------------------------------

TEXT = st.one_of(st.sampled_from(HOSTILE_KEYS), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
KEY = TEXT.filter(lambda k: k not in codec.TOP_KEYS)
SCALAR = st.one_of(
    TEXT, st.integers(-10**30, 10**30), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=8)
COMMENT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(lambda t: "# " + t)


@st.composite
def files(draw):
    af = AnnotationFile(path=None, transcript="x.txt", sha256="ab" * 32)  # type: ignore[arg-type]
    af.extra = draw(st.dictionaries(KEY, VALUE, max_size=4))
    for i in range(draw(st.integers(0, 3))):
        extra = draw(st.dictionaries(KEY.filter(lambda k: k not in codec.ANNOTATION_KEYS), VALUE, max_size=3))
        note = draw(TEXT)
        af.annotations.append(Annotation(f"a{i:05d}", i * 10, i * 10 + 5, draw(TEXT.filter(bool)), ["metric"],
                                         note=note, extra=extra))
    return af


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_fuzz_what_the_writer_writes_reads_back_with_the_safe_loader(af):
    text = codec.to_text(af)
    assert writeback.freeze(_safe_load(text)) == writeback.freeze(codec.file_data(af))
    again, problems = codec.read_text(text, af.path, "x.txt")
    assert not [p for p in problems if p.severity == "error"], problems
    assert codec.to_text(again) == text  # stable: the next save writes the same bytes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files(), st.lists(st.tuples(st.integers(0, 10**6), COMMENT), min_size=1, max_size=4))
def test_fuzz_hand_written_comments_survive_and_the_file_still_reads_back(af, comments):
    """Comments put by hand above any top-level key or annotation: the
    next save keeps every one and still reads back as the same data."""
    lines = codec.to_text(af).split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] not in ("", " ")]
    for where, comment in sorted(comments, reverse=True):
        lines.insert(starts[where % len(starts)], comment)
    hand = "\n".join(lines)
    try:  # a comment put inside a value that spans lines is no hand edit a user makes
        same = writeback.freeze(_safe_load(hand)) == writeback.freeze(codec.file_data(af))
    except yaml.YAMLError:
        same = False
    assume(same)
    read, problems = codec.read_text(hand, af.path, "x.txt")
    assert not [p for p in problems if p.severity == "error"], problems
    read.annotations[0:0] = []  # a save of what was read
    text = codec.to_text(read)
    assert writeback.freeze(_safe_load(text)) == writeback.freeze(codec.file_data(read))
    written = [line.strip() for line in text.split("\n")]
    assert all(c.strip() in written for _, c in comments)
