"""The walk every family's reader ends with: from lines whose kind the
layout has decided to turn drafts and notices.

Kinds a layout sets on ``Line.kind``:

- ``speaker``: opens a turn (``speaker`` set; ``head_end`` where its
  speaker line(s) end, ``speech`` where inline speech starts);
- ``head``: a further line of a speaker's heading (the title under a name);
- ``text``: speech (or, before the first speaker, a notice);
- ``banner``: a section banner (``banner`` holds ``prepared``/``qa``); it
  ends the turn before it;
- ``furniture``: page headers and footers, rules: never speech, noted once;
- ``skip``: a heading that says nothing by itself (``Corporate
  Participants``): dropped;
- ``notice``: boilerplate that ends the turn before it (a disclaimer, a
  participants list) and is kept as a notice.
"""

from __future__ import annotations

from transcripts.layouts.base import Line, Reading, TurnDraft

SKIPPED = ("head", "furniture", "skip")


def walk(text: str, lines: list[Line], reading: Reading, wrap_width: int | None = None) -> Reading:
    """Fill ``reading`` with the turns of ``lines``. With ``wrap_width``, the
    speech was hard-wrapped at about that many columns: a line that reaches
    the width continues on the next line, and the two are one paragraph."""
    notices = reading.notices
    noted: set[str] = set()
    section: str | None = None
    current: TurnDraft | None = None
    para: list[int] | None = None  # [start, end] of the paragraph being joined
    prev_text: Line | None = None

    def close_para() -> None:
        nonlocal para
        if para is not None and current is not None:
            current.spans.append((para[0], para[1]))
        para = None

    for ln in lines:
        kind = ln.kind
        if kind == "speaker":
            close_para()
            start = ln.speech if ln.speech >= 0 else -1
            head_end = ln.head_end if ln.head_end >= 0 else ln.end
            current = TurnDraft(ln.speaker, ln.line_start, head_end, [], section)
            reading.turns.append(current)
            prev_text = None
            if start >= 0 and start < ln.end:
                para = [start, ln.end]
                prev_text = ln
            continue
        if kind == "text" and current is not None:
            joined = (
                para is not None and wrap_width is not None and prev_text is not None
                and not ln.blank_before and prev_text.end - prev_text.start >= wrap_width
            )
            if joined:
                para[1] = ln.end
            else:
                close_para()
                para = [ln.start, ln.end]
            prev_text = ln
            continue
        if kind in SKIPPED:
            if kind == "furniture":
                close_para()
                prev_text = None
                content = text[ln.start : ln.end]
                if content not in noted and not _is_rule(content):
                    noted.add(content)
                    notices.append(content)
            continue
        close_para()
        prev_text = None
        if kind == "banner":
            section = ln.banner
            current = None
            continue
        # a notice, or text before the first speaker
        if kind == "notice":
            current = None
        notices.append(text[ln.start : ln.end])
    close_para()
    return reading


def _is_rule(content: str) -> bool:
    return len(content) >= 3 and not content.strip("=-_*#~. ")


def wrap_threshold(lines: list[Line], kinds: tuple[str, ...] = ("text",)) -> int | None:
    """The length past which a line of speech was cut by a hard wrap, or
    None when the speech is not hard-wrapped (one line per paragraph).

    Hard-wrapped speech has most of its long lines within a few columns of
    one width (about 90 in text taken from a PDF); paragraphs of their own
    on one line have lengths all over the place."""
    lengths = sorted(ln.end - ln.start for ln in lines if ln.kind in kinds and ln.end - ln.start > 30)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    if width > 160:
        return None
    near = sum(1 for n in lengths if n >= width - 20)
    if near < len(lengths) * 0.5:
        return None
    return max(20, width - 20)
