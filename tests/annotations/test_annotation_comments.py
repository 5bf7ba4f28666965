"""Comments written by hand in an annotation file survive every save: they
stay next to the key or annotation they were written next to."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from annotation_helpers import sample_call, sidecar, span_of
from annotations import codec
from annotations.model import Annotation, AnnotationFile
from annotations.session import CallAnnotations
from transcripts.corpus import parse_file

GUIDE = "we would look for revenues in Q1 to come in at approximately $220 million"
GROWTH = "we sold over 108,000 web search during the quarter up 16% sequentially"
EPS = "Pro forma earnings per share for Q4 was 17 cents"


def _comments(text: str) -> list[str]:
    """Every comment in a file as PyYAML's scanner sees it: what the parser
    skips, found by comparing tokens with the text (no reuse of our code)."""
    found = []
    lines = text.split("\n")
    spans = []
    for t in yaml.scan(text, Loader=yaml.SafeLoader):
        start = t.start_mark.index
        if getattr(t, "style", None) in ("|", ">"):  # the header line may end in a comment
            start = text.index("\n", start)
        spans.append((start, t.end_mark.index))
    pos = 0
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines):
        p = line.find("#")
        while p >= 0:
            at = offsets[i] + p
            if (p == 0 or line[p - 1] in " \t") and not any(a <= at < b for a, b in spans):
                found.append(line[p:].rstrip())
                break
            p = line.find("#", p + 1)
    return found


def _three(tmp_path):
    """A sample call with three annotations saved by Earmark."""
    path, call = sample_call(tmp_path)
    s = CallAnnotations(call)
    for q, tag in ((GUIDE, "guidance"), (GROWTH, "metric"), (EPS, "metric")):
        s.add(*span_of(call.text, q), [tag])
    ids = [a.id for a in s.annotations]  # text order
    s.set_note(ids[1], "unit sales")
    assert s.save().ok
    return path, call, ids


def _hand_comment(path: Path, ids: list[str]) -> str:
    """Comments of every kind added to the saved file, as a user would."""
    text = sidecar(path).read_text()
    text = "# Acme Q4 2003, reviewed by the team\n\n" + text
    text = text.replace("annotations:\n", "# keep in text order\nannotations:\n", 1)
    text = text.replace(f"- id: {ids[0]}\n", f"# the guide\n- id: {ids[0]}\n")
    text = text.replace(f"- id: {ids[1]}\n", f"\n# growth: check against Q3\n- id: {ids[1]}\n")
    text = text.replace("  note: unit sales\n", "  # from the CFO\n  note: unit sales  # why: units not dollars\n")
    text = re.sub(rf"(- id: {ids[2]}\n  tags: \[[a-z, ]*\])", r"\1  # or guidance?", text)
    text += "\n# TODO: tag the margin numbers\n"
    sidecar(path).write_text(text)
    return text


WRITTEN = [
    "# Acme Q4 2003, reviewed by the team", "# keep in text order", "# the guide",
    "# growth: check against Q3", "# from the CFO", "# why: units not dollars",
    "# or guidance?", "# TODO: tag the margin numbers",
]


def _line_after(text: str, comment: str) -> str:
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.strip() == comment)
    return next(line for line in lines[i + 1 :] if line.strip() and not line.lstrip().startswith("#"))


def test_adding_an_annotation_keeps_every_comment_in_place(tmp_path):
    path, call, ids = _three(tmp_path)
    _hand_comment(path, ids)
    s = CallAnnotations(call)
    assert not s.read_only
    first = s.add(0, 40, ["metric"])  # before all others in text order
    assert s.save().ok
    text = sidecar(path).read_text()
    assert Counter(_comments(text)) == Counter(WRITTEN)
    assert text.startswith("# Acme Q4 2003, reviewed by the team\n\nversion: 1\n")
    assert _line_after(text, "# keep in text order") == "annotations:"
    assert _line_after(text, "# the guide") == f"- id: {ids[0]}"
    assert _line_after(text, "# growth: check against Q3") == f"- id: {ids[1]}"
    assert _line_after(text, "# from the CFO") == "  note: unit sales  # why: units not dollars"
    assert re.search(rf"- id: {ids[2]}\n  tags: \[[a-z, ]*\]  # or guidance\?\n", text)
    assert text.endswith("\n# TODO: tag the margin numbers\n")
    assert f"- id: {first.id}\n" in text
    doc = yaml.safe_load(text)
    assert [a["id"] for a in doc["annotations"]] == [first.id, *ids]


def test_removing_an_annotation_keeps_its_comments_under_a_marker(tmp_path):
    path, call, ids = _three(tmp_path)
    _hand_comment(path, ids)
    s = CallAnnotations(call)
    s.remove(ids[1])
    assert s.save().ok
    text = sidecar(path).read_text()
    assert Counter(_comments(text)) == Counter(WRITTEN + [f"# (comments of removed annotation {ids[1]})"])
    tail = text[text.index(f"# (comments of removed annotation {ids[1]})"):]
    for c in ("# growth: check against Q3", "# from the CFO", "# why: units not dollars"):
        assert c in tail
    assert ids[1] not in [a["id"] for a in yaml.safe_load(text)["annotations"]]
    # Opening and saving again changes nothing: the comments have a home now.
    again = CallAnnotations(parse_file(path))
    again.set_note(ids[0], "guide")
    again.set_note(ids[0], "")
    assert again.save().ok
    assert Counter(_comments(sidecar(path).read_text())) == Counter(_comments(text))


def test_editing_a_note_keeps_the_comment_on_its_line_or_above_it(tmp_path):
    path, call, ids = _three(tmp_path)
    _hand_comment(path, ids)
    s = CallAnnotations(call)
    s.set_note(ids[1], "units, not dollars")
    assert s.save().ok
    text = sidecar(path).read_text()
    assert "  # from the CFO\n  note: units, not dollars  # why: units not dollars\n" in text
    s.set_note(ids[1], "two lines\nof note")  # a block: the comment follows its header
    assert s.save().ok
    text = sidecar(path).read_text()
    assert "  note: |-  # why: units not dollars\n    two lines\n    of note\n" in text
    assert Counter(_comments(text)) == Counter(WRITTEN)
    assert CallAnnotations(call).get(ids[1]).note == "two lines\nof note"
    s.set_note(ids[1], "")  # the key is gone: its comments stay in the annotation
    assert s.save().ok
    text = sidecar(path).read_text()
    assert Counter(_comments(text)) == Counter(WRITTEN)
    item = text[text.index(f"- id: {ids[1]}"): text.index(f"- id: {ids[2]}")]
    assert "# from the CFO" in item and "# why: units not dollars" in item


def test_a_hand_edit_made_while_open_is_merged_with_its_comments(tmp_path):
    path, call, ids = _three(tmp_path)
    s = CallAnnotations(call)  # opened before the hand edit
    _hand_comment(path, ids)
    s.set_note(ids[0], "Q1 revenue guide")  # our edit, made meanwhile
    result = s.save()
    assert result.state == "merged", result
    text = sidecar(path).read_text()
    assert Counter(_comments(text)) == Counter(WRITTEN)
    assert _line_after(text, "# the guide") == f"- id: {ids[0]}"
    assert yaml.safe_load(text)["annotations"][0]["note"] == "Q1 revenue guide"
    # A second hand edit that deletes a comment: the deletion is kept too.
    sidecar(path).write_text(text.replace("# the guide\n", ""))
    s.remove(ids[2])
    assert s.save().state == "merged"
    text = sidecar(path).read_text()
    assert "# the guide" not in text
    assert Counter(_comments(text)) == Counter(
        [c for c in WRITTEN if c != "# the guide"] + [f"# (comments of removed annotation {ids[2]})"]
    )


def test_rewrite_after_reanchoring_keeps_comments_with_their_annotations(tmp_path):
    path, call, ids = _three(tmp_path)
    _hand_comment(path, ids)
    path.write_text("Editor's note: corrected transcript.\n" + call.text, encoding="utf-8")
    s = CallAnnotations(parse_file(path))
    assert all(a.status == "moved" for a in s.annotations)
    s.add_tags(ids[0], ["revenue"])  # an edit: the file is rewritten with new offsets
    assert s.save().ok
    text = sidecar(path).read_text()
    assert Counter(_comments(text)) == Counter(WRITTEN)
    assert _line_after(text, "# the guide") == f"- id: {ids[0]}"
    doc = yaml.safe_load(text)
    new_text = parse_file(path).text
    for a in doc["annotations"]:
        assert new_text[a["start"] : a["end"]] == a["quote"]


def test_comments_follow_their_annotation_when_it_moves_in_text_order(tmp_path):
    path = tmp_path / "x.annotations.yaml"
    text = (
        "version: 1\ntranscript: x.txt\nsha256: ''\nannotations:\n"
        "# about the later one\n- id: later\n  start: 50\n  end: 60\n  quote: later\n"
        "  # before note of later\n  note: n\n"
        "# about the earlier one\n- id: early\n  start: 5\n  end: 9\n  quote: early\n"
    )
    af, problems = codec.read_text(text, path, "x.txt")
    assert not problems
    out = codec.to_text(af)
    assert out == (
        "version: 1\ntranscript: x.txt\nsha256: ''\nannotations:\n"
        "# about the earlier one\n- id: early\n  tags: []\n  start: 5\n  end: 9\n  quote: early\n"
        "# about the later one\n- id: later\n  tags: []\n  start: 50\n  end: 60\n  quote: later\n"
        "  # before note of later\n  note: n\n"
    )
    assert codec.to_text(codec.read_text(out, path, "x.txt")[0]) == out


def test_hashes_inside_text_are_text_not_comments(tmp_path):
    path = tmp_path / "x.annotations.yaml"
    text = (
        "version: 1\ntranscript: x.txt\nsha256: ''\nannotations:\n"
        "- id: a1\n  start: 1\n  end: 9\n  quote: 'rank #1 # of 3'\n"
        "  note: |\n    # a heading in the note\n    item #2\n"
        "  speaker: \"Dana # Evan\"  # real comment\n"
    )
    af, problems = codec.read_text(text, path, "x.txt")
    assert not problems
    out = codec.to_text(af)
    assert _comments(out) == ["# real comment"]
    again = yaml.safe_load(out)["annotations"][0]
    assert again["quote"] == "rank #1 # of 3"
    assert again["note"] == "# a heading in the note\nitem #2\n"
    assert again["speaker"] == "Dana # Evan"


def test_comments_inside_nested_values_stay_with_their_key(tmp_path):
    path = tmp_path / "x.annotations.yaml"
    text = (
        "version: 1\ntranscript: x.txt\nsha256: ''\ncall:\n  # fixed by hand\n  company: Acme  # was ACME\n"
        "annotations:\n- id: a1\n  start: 1\n  end: 9\n  quote: q\n"
        "  fields:\n    # from the 10-K\n    value: 220  # millions\n  created: '2026'\n"
    )
    af, _ = codec.read_text(text, path, "x.txt")
    out = codec.to_text(af)
    assert Counter(_comments(out)) == Counter(["# fixed by hand", "# was ACME", "# from the 10-K", "# millions"])
    assert _line_after(out, "# was ACME") == "call:"
    assert _line_after(out, "# millions").startswith("  fields:")
    assert yaml.safe_load(out)["call"] == {"company": "Acme"}


def test_a_file_without_comments_is_written_byte_for_byte_as_before(tmp_path):
    path, call, ids = _three(tmp_path)
    before = sidecar(path).read_bytes()
    af, problems = codec.read_text(before.decode(), sidecar(path), path.name)
    assert not problems and af.comments == []
    assert codec.to_text(af).encode() == before


# -- property: any placement of comments survives load -> modify -> save ----

_WORDS = st.text(alphabet="ab #:'\"-|\n", min_size=1, max_size=12)


@st.composite
def _documents(draw):
    n = draw(st.integers(1, 5))
    items = []
    for k in range(n):
        start = draw(st.integers(0, 500))
        items.append(Annotation(
            id=f"i{k}", start=start, end=start + draw(st.integers(1, 30)),
            quote=draw(_WORDS.filter(lambda s: s.strip())), tags=draw(st.lists(st.sampled_from(["metric", "guidance"]), max_size=2, unique=True)),
            note=draw(st.one_of(st.just(""), _WORDS)), fields=draw(st.sampled_from([{}, {"value": 220, "unit": "USD"}])),
            extra=draw(st.sampled_from([{}, {"links": ["a", "b"]}, {"meta": {"by": "kim"}}])),
        ))
    af = AnnotationFile(path=Path("x.annotations.yaml"), transcript="x.txt", annotations=items,
                        call=draw(st.sampled_from([{}, {"company": "Acme"}])),
                        extra=draw(st.sampled_from([{}, {"team": "tech"}])))
    return codec.to_text(af)


def _safe_load(text):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=_documents(),
    places=st.lists(st.tuples(st.integers(0, 200), st.booleans(), st.integers(0, 6), st.booleans()), min_size=1, max_size=12),
    op=st.sampled_from(["add", "remove", "note", "none"]),
    which=st.integers(0, 10),
)
def test_random_comment_placements_all_survive(doc, places, op, which):
    data = yaml.safe_load(doc)
    lines = doc.split("\n")[:-1]
    placed = []
    for n, (where, eol, indent, blank) in enumerate(places):
        token = f"#c{n}x"
        at = where % (len(lines) + 1)
        if eol:
            if at >= len(lines) or "#" in lines[at] or not lines[at].strip():
                continue
            trial = lines[:at] + [lines[at] + "  " + token] + lines[at + 1 :]
        else:
            extra = [""] if blank else []
            trial = lines[:at] + extra + [" " * indent + token] + lines[at:]
        if _safe_load("\n".join(trial) + "\n") != data:
            continue  # inside a text, or not valid YAML there: not a comment
        lines = trial
        placed.append(token)
    event(f"comments placed: {min(len(placed), 4)}{'+' if len(placed) >= 4 else ''}")
    text = "\n".join(lines) + "\n"
    af, problems = codec.read_text(text, Path("x.annotations.yaml"), "x.txt")
    assert not [p for p in problems if p.severity == "error"]
    if op == "add":
        af.annotations.append(Annotation(id="new1", start=which * 7, end=which * 7 + 3, quote="new", tags=["metric"]))
    elif op == "remove":
        af.annotations.pop(which % len(af.annotations))
    elif op == "note":
        af.annotations[which % len(af.annotations)].note = "edited\nnote" if which % 2 else "edited"
    out = codec.to_text(af)
    kept = [c for c in _comments(out) if not c.startswith("# (comments of removed")]
    assert Counter(kept) == Counter(placed)
    back, problems = codec.read_text(out, Path("x.annotations.yaml"), "x.txt")
    assert not [p for p in problems if p.severity == "error"]
    assert [codec.annotation_data(a) for a in back.annotations] == [
        codec.annotation_data(a) for a in sorted(af.annotations, key=lambda a: (a.start, a.end, a.id))
    ]
    assert (back.call, back.extra) == (af.call, af.extra)
    assert codec.to_text(back) == out  # stable from the first save on
