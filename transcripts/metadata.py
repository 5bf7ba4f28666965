"""Company, fiscal year and quarter: from the file name when it says so,
otherwise from what is said on the call.

File names: ``ACME_q3_2024.txt``, ``acme-2024-q3.txt``, ``Acme 2024Q3.txt``,
``acme_FY2024_Q3.txt``, ``acme-3Q24.txt``. Text: "welcome to VeriSign's fourth
quarter and fiscal 2003 earnings call", "the VeriSign Q1 Earnings Conference
Call", with a date ("before May 15, 2003") to settle the year when the call
only names the quarter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from transcripts.company_names import is_ticker
from transcripts.fiscal_calendar import is_non_calendar
from transcripts.model import period_label
from transcripts.period_year import infer_year, is_comparison, printable_words

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)} | {
    m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)
} | {"sept": 9}
_YEAR = r"(?:19|20)\d\d"

_FILE_PATTERNS = [
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*(?:fy)?(?P<y>{_YEAR})[\s_\-.]*q(?P<q>[1-4])(?![a-z0-9])", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*q(?P<q>[1-4])[\s_\-.]*(?:fy)?(?P<y>{_YEAR})(?!\d)", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*(?P<q>[1-4])q[\s_\-.]*(?P<y>{_YEAR}|\d\d)(?!\d)", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*q(?P<q>[1-4])[\s_\-.]*(?:fy)?(?P<y>\d\d)(?!\d)", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*(?:fy)?(?P<y>{_YEAR})[\s_\-.]*(?P<q>[1-4])q(?![a-z0-9])", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*fy(?P<y>\d\d)[\s_\-.]*q(?P<q>[1-4])(?![a-z0-9])", re.I),
]
_FILLER_WORDS = frozenset({"earnings", "call", "transcript", "conference", "results", "quarterly"})

_Q_WORD = r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter"
_Q_CODE = r"Q(?<!\wQ)(?P<qc>[1-4])\b"
_TEXT_PERIOD = [
    re.compile(rf"{_Q_WORD}(?:\s+(?:of\s+)?(?:and\s+)?(?:full[\s-]+year\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<y>{_YEAR}))?", re.I),
    re.compile(rf"{_Q_CODE}(?:[\s\-]+(?:fiscal\s+(?:year\s+)?)?(?:FY)?'?(?P<y>{_YEAR}))?"),
    # (word boundaries are checked after the first characters, so that the
    # search can skip ahead to the next "Q" or year)
    re.compile(rf"(?P<y2>{_YEAR})(?<!\w\d{{4}})\s+{_Q_WORD}", re.I),
    re.compile(rf"Q(?<=(?P<qn>[1-4])Q)(?<!\w[1-4]Q)\s?(?:FY\s?)?'?(?:(?P<y>{_YEAR})|(?P<yy>\d\d))?\b"),
]
_FISCAL_YEAR = re.compile(rf"\bfiscal(?:\s+year)?\s+(?P<y>{_YEAR})\b|\bFY\s?(?P<y2>{_YEAR})\b", re.I)
_YEAR_RX = re.compile(rf"{_YEAR}\b")
_MONTH_DAY_BEFORE = re.compile(r"\b(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+$")
"""``May 15, 2003``, ``Oct. 24, 2024``: found from the year (the search
skips ahead to the next "19" or "20"), then the month and day just before
it are read and the month checked against the month names."""
_COMPANY = [
    re.compile(
        r"welcome (?:everyone |everybody )?to (?:the )?(?P<co>(?-i:(?!\d+\s)[A-Z0-9][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?))"
        r"(?:['’]s)?\s+(?:(?:incorporated|inc\.?|corporation|corp\.?|ltd\.?|limited|plc|group)\s+)?"
        r"(?:Q[1-4]|first|second|third|fourth|fiscal|full|\d{4}|earnings|conference|quarterly|annual|results|year|call)\b",
        re.I,
    ),
]
_POSSESSIVE_QUARTER = re.compile(r"['’]s\s+(?:first|second|third|fourth|Q[1-4])\s+quarter")
_WORDS_BEFORE = re.compile(r"\b(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2})$")
"""``VeriSign's fourth quarter``: found from the possessive backwards, since
a search for capitalised words would start at every word of the text."""
_NOT_COMPANY = {
    "the", "our", "this", "today", "everyone", "you", "my", "your", "in", "on", "for", "we",
    "at", "during", "thank", "thanks", "good", "hello", "welcome", "operator", "and", "so",
}
_CORPORATE = r"(?:incorporated|inc\.?|corporation|corp\.?|co\.|company|ltd\.?|limited|plc|group|holdings|n\.?v\.|s\.?a\.|ag|se)"
_NAME_WORD = r"(?!(?:Q[1-4]|[1-4]Q|FY)\d*\b)[A-Z][\w&.\-]*"
_NAME_WORDS = rf"(?-i:{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}?)"
_HEADER_COMPANY = [
    # "Acme Corp (ACME) Q3 2024 Earnings Call Transcript"
    re.compile(
        rf"^(?P<co>{_NAME_WORDS})(?:\s+{_CORPORATE})?\s+(?:\([A-Z.:\s]{{1,16}}\)\s+)?"
        rf"(?:(?:Q[1-4]|[1-4]Q)(?:\s?(?:FY\s?)?'?\d{{2,4}})?|FY\s?(?:{_YEAR}|\d\d)|fiscal|first|second|third|fourth|{_YEAR})\b",
        re.I,
    ),
    # "Q3 2024 Apple Inc Earnings Call"
    re.compile(
        rf"^(?:Q[1-4]|[1-4]Q)\s+(?:FY\s?)?(?:{_YEAR}|\d\d)\s+(?P<co>{_NAME_WORDS})(?:\s+{_CORPORATE})?\s+"
        r"(?:earnings|results|conference|financial|quarterly|q[1-4])\b",
        re.I,
    ),
]
"""The title line of a transcript file, tried on its first few lines when
nobody on the call says "welcome to Acme"."""


@dataclass(slots=True)
class CallMetadata:
    company: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    date: str | None = None
    period_source: str = ""
    """Where the period came from: ``call`` (the call states it), ``inferred``
    (the year from the rest of the call), ``file name``; empty when unknown."""
    period_confidence: str = ""
    """``high`` (stated), ``medium`` or ``low`` (inferred); empty when unknown."""
    period_evidence: str = ""
    """The words that decided it, as the call wrote them."""
    fiscal: bool = False
    """The fiscal year is not the calendar year (see ``fiscal_calendar``)."""
    ticker: str | None = None
    """A ticker the file name gave (``DRI_q4_2021.txt``) when the call named
    the company in words."""
    warnings: list[str] = field(default_factory=list)
    """Where the file name and the call disagree, or the period is a guess:
    in words, for ``check``."""


_NAME_DATE = re.compile(rf"(?<!\d)(?:{_YEAR}[-_.]?[01]\d[-_.]?[0-3]\d|[0-3]?\d[-_.][01]?\d[-_.]{_YEAR})(?!\d)")
"""A date in a file name (``2024-10-24 Tesla Q3 2024``): not part of the company."""
_NAME_TICKER = re.compile(r"\(\s*[A-Z][A-Z.:]{0,9}\s*\)")
"""A ticker in brackets (``Netflix (NFLX) Q4 2023``): the company is the name."""


def _tidy_company(raw: str) -> str | None:
    raw = _NAME_TICKER.sub(" ", _NAME_DATE.sub(" ", raw)) if "(" in raw else _NAME_DATE.sub(" ", raw)
    words = re.sub(r"[\s_\-.]+", " ", raw).split()
    while words and words[-1].casefold() in _FILLER_WORDS:
        words.pop()
    while words and words[0].casefold() in _FILLER_WORDS:
        words.pop(0)
    raw = " ".join(words)
    if not raw or raw.isdigit() or not any(c.isalpha() for c in raw):
        return None
    if raw.islower():
        raw = raw.title()
    return raw


def _year(y: str) -> int:
    n = int(y)
    return 2000 + n if n < 100 else n


def from_file_name(path: str | Path) -> CallMetadata:
    stem = Path(path).stem
    if stem.endswith(".annotations"):
        stem = stem[: -len(".annotations")]
    for rx in _FILE_PATTERNS:
        m = rx.search(stem)
        if m:
            # "q3_2024_acme": the company may follow the period
            company = _tidy_company(m.group("co")) or _tidy_company(stem[m.end() :])
            return CallMetadata(company, _year(m.group("y")), int(m.group("q")))
    return CallMetadata()


def from_text(text: str, head_chars: int = 6000, *, infer_missing_year: bool = True) -> CallMetadata:
    head = text[:head_chars]
    meta = CallMetadata()
    for rx in _COMPANY:
        for m in rx.finditer(head):
            co = m.group("co").strip()
            if co.casefold() not in _NOT_COMPANY:
                meta.company = co
                break
        if meta.company:
            break
    if meta.company is None:
        for m in _POSSESSIVE_QUARTER.finditer(head):
            w = _WORDS_BEFORE.search(head, max(0, m.start() - 60), m.start())
            if w and w.group("co").casefold() not in _NOT_COMPANY:
                meta.company = w.group("co")
                break
    if meta.company is None:
        for line in [ln.strip() for ln in head[:1000].split("\n") if ln.strip()][:3]:
            m = next((m for rx in _HEADER_COMPANY if (m := rx.match(line))), None)
            if m and m.group("co").casefold() not in _NOT_COMPANY:
                meta.company = m.group("co")
                break
    # The first mention of a period is the call's own ("welcome to the
    # fourth quarter call"); later ones are guidance ("for the first quarter
    # we expect"), and one after "compared to" is a year ago: the earliest
    # match of any form that is not a comparison wins.
    found = _opening_period(head)
    if found is not None:
        m, at = found
        gd = m.groupdict()
        qw, qc = gd.get("qw"), gd.get("qc") or gd.get("qn")
        meta.quarter = _ORDINALS[qw.casefold()] if qw else int(qc)
        y = gd.get("y") or gd.get("y2") or gd.get("yy")
        if y:
            meta.fiscal_year = _year(y)
            meta.period_source = "call"
            meta.period_confidence = "high" if at < _OPENING_CHARS else "medium"
            meta.period_evidence = printable_words(m.group())
    d = _first_date(head[:_HEADER_CHARS])
    if d:  # a date in the header is the call's date
        meta.date = f"{d[1]:04d}-{d[2]:02d}-{d[3]:02d}"
    if meta.fiscal_year is None and meta.quarter and infer_missing_year:
        guess = infer_year(text, meta.quarter)
        if guess is not None:
            meta.fiscal_year = guess.year
            meta.period_source, meta.period_confidence = "inferred", guess.confidence
            meta.period_evidence = guess.evidence
        else:
            m = _FISCAL_YEAR.search(head)
            if m:
                meta.fiscal_year = int(m.group("y") or m.group("y2"))
                meta.period_source, meta.period_confidence = "inferred", "low"
                meta.period_evidence = printable_words(m.group())
    if meta.quarter and not meta.period_source:
        meta.period_source, meta.period_confidence = "call", "low"
    return meta


_OPENING_CHARS = 3000
"""A period named this early is the call's statement of itself (its title
line, the operator's welcome, the host's first words)."""


def _opening_period(head: str) -> tuple[re.Match[str], int] | None:
    """The earliest period mention in ``head`` that is not a comparison
    ("compared to the second quarter of 2019")."""
    found = {i: m for i, rx in enumerate(_TEXT_PERIOD) if (m := rx.search(head))}
    for _ in range(_MAX_SKIPPED):
        if not found:
            return None
        i, m = min(found.items(), key=lambda kv: kv[1].start())
        if not is_comparison(head, m.start()):
            return m, m.start()
        nxt = _TEXT_PERIOD[i].search(head, m.end())
        if nxt:
            found[i] = nxt
        else:
            del found[i]
    return None


_MAX_SKIPPED = 40
_HEADER_CHARS = 400


def _first_date(text: str) -> tuple[int, int, int, int] | None:
    """``(offset, year, month, day)`` of the first written-out date."""
    for y in _YEAR_RX.finditer(text):
        if y.start() and text[y.start() - 1].isalnum():
            continue
        m = _MONTH_DAY_BEFORE.search(text, max(0, y.start() - 20), y.start())
        if m:
            month = _MONTHS.get(m.group("m").casefold())
            if month:
                return m.start(), int(y.group()), month, int(m.group("d"))
    return None


def infer(path: str | Path, text: str) -> CallMetadata:
    """The call's own words first for the period (a file name can be wrong:
    files named ``*_q4_2020`` that hold the call for "the fourth quarter and
    full year 2019"), the file name where the call is silent or unsure; the
    company from the file name unless it is only a ticker."""
    named = from_file_name(path)
    # the year is read from the rest of the call only when the file name
    # does not give one (the costly part; a stated period is always read)
    said = from_text(text, infer_missing_year=None in (named.quarter, named.fiscal_year))
    meta = CallMetadata(date=said.date)
    meta.company = named.company or said.company
    if said.company and (named.company is None or is_ticker(named.company)):
        meta.company = said.company
        if named.company and named.company != said.company:
            meta.ticker = named.company
    named_period = (named.quarter, named.fiscal_year)
    said_period = (said.quarter, said.fiscal_year)
    stated = said.period_confidence == "high" and None not in said_period
    if None not in named_period and said_period != named_period and said.quarter and said.fiscal_year:
        file_label = period_label(*named_period)
        call_label = period_label(*said_period)
        if stated:
            meta.warnings.append(
                f"the file name says {file_label} but the call says {call_label} "
                f"(\"{said.period_evidence}\"); {call_label} is used")
        elif said.period_confidence == "medium" and said.quarter == named.quarter:
            meta.warnings.append(
                f"the file name says {file_label}; the rest of the call suggests {call_label} "
                f"(\"{said.period_evidence}\"); {file_label} is used")
    if stated or None in named_period:
        meta.quarter, meta.fiscal_year = said_period
        meta.period_source, meta.period_confidence = said.period_source, said.period_confidence
        meta.period_evidence = said.period_evidence
    else:
        meta.quarter, meta.fiscal_year = named_period
        meta.period_source, meta.period_confidence = "file name", "high"
    if meta.fiscal_year is None:
        meta.period_source = meta.period_confidence = meta.period_evidence = ""
    elif meta.period_source == "inferred" and meta.period_confidence == "low":
        meta.warnings.append(
            f"the call does not say its year; {meta.fiscal_year} is a guess from "
            f"\"{meta.period_evidence}\" (low confidence: set fiscal_year in the annotation file's call: block)")
    meta.fiscal = is_non_calendar(text, meta.quarter, meta.fiscal_year, meta.date)
    return meta
