"""Transcripts as JSON, in the shapes datasets and transcript APIs use.

- The dataset shape: ``prepared_remarks`` and ``q_and_a`` (each a text or
  a list of turns) with ``participants`` giving titles and firms.
- The transcript-API shape: ``symbol``, ``quarter``, ``year``, ``date`` and
  ``content`` (or ``transcript``), a text of ``Name: speech`` lines (also
  as a one-item list, as APIs return it).
- A plain list of turns: ``[{"speaker": ..., "text": ...}, ...]``, also
  under a ``turns``, ``transcript`` or ``segments`` key.

Structured turns are rendered as the text layout the parser reads best: a
speaker line (``Jane Roe - Chief Financial Officer``, or ``Jane Roe:``
when no title is known), then the speech, one paragraph a line, with
``Prepared Remarks:`` / ``Questions and Answers:`` banners where the file
says which is which. What the file states about the call (symbol, period,
date, company) is handed over as metadata and wins over inference.
"""

from __future__ import annotations

import json
import re
from typing import Any

from transcripts.formats.base import Format, FormatError, Source, StatedMetadata, first_bytes, source_from_text
from transcripts.model import Problem
from transcripts.reading import decode_bytes

_SPEAKER_KEYS = ("speaker", "name", "speaker_name", "speakerName", "person")
_TEXT_KEYS = ("text", "speech", "content", "transcript", "paragraphs", "utterance")
_TITLE_KEYS = ("title", "role", "position", "speaker_title")
_FIRM_KEYS = ("firm", "company", "affiliation", "organization", "organisation")
_TURN_LIST_KEYS = ("turns", "transcript", "segments", "utterances", "speeches")
_QUARTER = re.compile(r"^\s*(?:q|fq)?\s*([1-4])\s*(?:q)?\s*$", re.I)
_YEAR = re.compile(r"((?:19|20)\d\d)")


def _sniff(data: bytes) -> int:
    return 1 if first_bytes(data)[:1] in (b"{", b"[") else 0


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    for k in keys:
        if k in obj and obj[k] not in (None, "", []):
            return obj[k]
    return None


def _text_of(value: Any) -> str:
    """Speech as text: a string, or a list of paragraphs (strings or
    ``{"text": ...}``), one paragraph a line."""
    if isinstance(value, str):
        return "\n".join(" ".join(p.split()) for p in value.splitlines() if p.strip())
    if isinstance(value, list):  # paragraphs: one level only (no recursion on hostile nesting)
        paras = [v.get("text") if isinstance(v, dict) else v for v in value]
        parts = [_text_of(p) for p in paras if isinstance(p, (str, int, float))]
        return "\n".join(p for p in parts if p)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _one_line(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _participants(value: Any) -> dict[str, tuple[str, str]]:
    """name (case-folded) -> (title, firm) from a participants list (dicts
    or ``Name - Title`` strings), also one grouped by kind
    (``{"executives": [...], "analysts": [...]}``)."""
    out: dict[str, tuple[str, str]] = {}
    if isinstance(value, dict):
        for group, items in value.items():
            if not isinstance(items, list):
                continue  # groups of people are lists; nothing deeper is read
            for name, (title, firm) in _participants(items).items():
                if not title and "analyst" in str(group).lower():
                    title = "Analyst"
                out.setdefault(name, (title, firm))
        return out
    if not isinstance(value, list):
        return out
    for item in value:
        if isinstance(item, dict):
            name = _one_line(_first(item, _SPEAKER_KEYS))
            if name:
                out.setdefault(name.casefold(), (_one_line(_first(item, _TITLE_KEYS)),
                                                 _one_line(_first(item, _FIRM_KEYS))))
        elif isinstance(item, str):
            parts = re.split(r"\s+[-\u2013\u2014]{1,2}\s+", " ".join(item.split()))
            if parts and parts[0]:
                title = parts[-1] if len(parts) > 1 else ""
                firm = parts[1] if len(parts) > 2 else ""
                out.setdefault(parts[0].casefold(), (title, firm))
    return out


def _speaker_line(name: str, title: str, firm: str) -> str:
    if firm and title:
        return f"{name}, {firm} - {title}"
    if firm:
        return f"{name}, {firm} - Analyst"
    if title:
        return f"{name} - {title}"
    return f"{name}:"


def _turns(items: list, people: dict[str, tuple[str, str]]) -> list[str]:
    """Lines for a list of turns; consecutive turns of one speaker are
    kept apart only by their paragraphs."""
    lines: list[str] = []
    last = None
    for item in items:
        if isinstance(item, str):
            speech, name, title, firm = _text_of(item), "", "", ""
        elif isinstance(item, dict):
            name = _one_line(_first(item, _SPEAKER_KEYS)) or "Unknown"
            speech = _text_of(_first(item, _TEXT_KEYS))
            known = people.get(name.casefold(), ("", ""))
            title = _one_line(_first(item, _TITLE_KEYS)) or known[0]
            firm = _one_line(_first(item, _FIRM_KEYS)) or known[1]
        else:
            continue
        if not speech:
            continue
        if name and name != last:
            lines.append(_speaker_line(name, title, firm))
            last = name
        lines.append(speech)
    return lines


def _section(value: Any, people: dict[str, tuple[str, str]]) -> list[str]:
    if isinstance(value, str):
        return [_text_of(value)] if value.strip() else []
    if isinstance(value, list):
        return _turns(value, people)
    return []


def _int(value: Any, pattern: re.Pattern) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        m = pattern.search(value)
        if m:
            return int(m.group(1))
    return None


def _metadata(doc: dict) -> StatedMetadata:
    date = _one_line(_first(doc, ("date", "call_date", "event_date", "datetime")))
    m = re.match(r"(\d{4}-\d\d-\d\d)", date)
    return StatedMetadata(
        company=_one_line(_first(doc, ("company", "company_name", "companyName"))) or None,
        symbol=_one_line(_first(doc, ("symbol", "ticker"))) or None,
        fiscal_year=_int(_first(doc, ("fiscal_year", "year", "fiscalYear")), _YEAR),
        quarter=_int(_first(doc, ("quarter", "fiscal_quarter", "fiscalQuarter")), _QUARTER),
        date=m.group(1) if m else None,
        title=_one_line(_first(doc, ("title", "headline"))) or None,
    )


def _render(doc: Any, path: str, warnings: list[Problem]) -> tuple[list[str], StatedMetadata]:
    if isinstance(doc, list) and doc and all(isinstance(d, dict) and "content" in d for d in doc):
        if len(doc) > 1:
            warnings.append(Problem(path, f"holds {len(doc)} transcripts; only the first is read "
                                          "(save one call a file)", None, "warning"))
        doc = doc[0]
    if isinstance(doc, list):
        return _turns(doc, {}), StatedMetadata()
    if not isinstance(doc, dict):
        raise FormatError(path, "JSON holds no transcript (a list of turns or an object was expected)")
    meta = _metadata(doc)
    people = _participants(doc.get("participants"))
    if "prepared_remarks" in doc or "q_and_a" in doc:
        lines: list[str] = []
        if meta.title:
            lines.append(meta.title)
        for banner, key in (("Prepared Remarks:", "prepared_remarks"), ("Questions and Answers:", "q_and_a")):
            part = _section(doc.get(key), people)
            if part:
                lines += [banner, *part]
        return lines, meta
    for key in ("content", "transcript", "text"):
        if isinstance(doc.get(key), str):
            return [doc[key]], meta
    for key in _TURN_LIST_KEYS:
        if isinstance(doc.get(key), list):
            return _turns(doc[key], people), meta
    keys = ", ".join(list(doc)[:6]) or "none"
    raise FormatError(path, "JSON in a shape Earmark does not read: expected 'prepared_remarks'/'q_and_a', "
                            f"'content', or a list of turns with 'speaker' and 'text' (its keys: {keys})")


def read(path: str, data: bytes) -> Source:
    decoded = decode_bytes(path, data)
    try:
        doc = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise FormatError(path, f"not valid JSON ({exc.msg}, column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise FormatError(path, "not readable JSON (nested too deeply)") from None
    warnings = list(decoded.warnings)
    lines, meta = _render(doc, path, warnings)
    text = "\n".join(line for line in lines if line) + "\n"
    if not text.strip():
        raise FormatError(path, "JSON holds no speech (its turns have no text)")
    source = source_from_text(path, data, text, "json", encoding=decoded.encoding, metadata=meta)
    source.warnings.extend(warnings)
    return source


FORMAT = Format("json", (".json",), _sniff, read)
