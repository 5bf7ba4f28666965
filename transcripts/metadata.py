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
from dataclasses import dataclass
from pathlib import Path

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
_YEAR = r"(?:19|20)\d\d"

_FILE_PATTERNS = [
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*(?:fy)?(?P<y>{_YEAR})[\s_\-.]*q(?P<q>[1-4])(?![a-z0-9])", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*q(?P<q>[1-4])[\s_\-.]*(?:fy)?(?P<y>{_YEAR})(?!\d)", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*(?P<q>[1-4])q[\s_\-.]*(?P<y>{_YEAR}|\d\d)(?!\d)", re.I),
    re.compile(rf"^(?P<co>.*?)[\s_\-.]*q(?P<q>[1-4])[\s_\-.]*(?:fy)?(?P<y>\d\d)(?!\d)", re.I),
]

_Q_WORD = r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter"
_Q_CODE = r"\bQ(?P<qc>[1-4])\b"
_TEXT_PERIOD = [
    re.compile(rf"{_Q_WORD}(?:\s+(?:of\s+)?(?:and\s+)?(?:full[\s-]+year\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<y>{_YEAR}))?", re.I),
    re.compile(rf"{_Q_CODE}(?:\s+(?:fiscal\s+(?:year\s+)?)?(?:FY)?'?(?P<y>{_YEAR}))?"),
    re.compile(rf"\b(?P<y2>{_YEAR})\s+{_Q_WORD}", re.I),
]
_FISCAL_YEAR = re.compile(rf"\bfiscal(?:\s+year)?\s+(?P<y>{_YEAR})\b|\bFY\s?(?P<y2>{_YEAR})\b", re.I)
_DATE = re.compile(
    rf"\b(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)"
    rf"\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b",
    re.I,
)
_COMPANY = [
    re.compile(
        r"welcome (?:everyone |everybody )?to (?:the )?(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)"
        r"(?:['’]s)?\s+(?:(?:incorporated|inc\.?|corporation|corp\.?|ltd\.?|limited|plc|group)\s+)?"
        r"(?:Q[1-4]|first|second|third|fourth|fiscal|full|\d{4}|earnings|conference|quarterly|annual|results|year)",
        re.I,
    ),
    re.compile(r"\b(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2}?)['’]s\s+(?:first|second|third|fourth|Q[1-4])\s+quarter"),
]
_NOT_COMPANY = {"the", "our", "this", "today", "everyone", "you", "my", "your"}


@dataclass(slots=True)
class CallMetadata:
    company: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    date: str | None = None


def _tidy_company(raw: str) -> str | None:
    raw = re.sub(r"[\s_\-.]+", " ", raw).strip()
    if not raw or raw.isdigit():
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
            return CallMetadata(_tidy_company(m.group("co")), _year(m.group("y")), int(m.group("q")))
    return CallMetadata()


def from_text(text: str, head_chars: int = 6000) -> CallMetadata:
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
    for rx in _TEXT_PERIOD:
        m = rx.search(head)
        if m:
            gd = m.groupdict()
            qw, qc = gd.get("qw"), gd.get("qc")
            meta.quarter = _ORDINALS[qw.casefold()] if qw else int(qc)
            y = gd.get("y") or gd.get("y2")
            if y:
                meta.fiscal_year = int(y)
            break
    if meta.fiscal_year is None:
        m = _FISCAL_YEAR.search(head)
        if m:
            meta.fiscal_year = int(m.group("y") or m.group("y2"))
    d = _DATE.search(head)
    if d:
        month, year = _MONTHS[d.group("m").casefold()], int(d.group("y"))
        if d.start() < 400:  # a date in the header is the call's date
            day = int(re.search(r"\d{1,2}", d.group(0)).group())
            meta.date = f"{year:04d}-{month:02d}-{day:02d}"
        if meta.fiscal_year is None and meta.quarter:
            # A Q4 call is held early in the next calendar year.
            meta.fiscal_year = year - 1 if meta.quarter == 4 and month <= 3 else year
    return meta


def infer(path: str | Path, text: str) -> CallMetadata:
    """File name first (it is what the user chose), the text for the rest."""
    named = from_file_name(path)
    if named.company and named.fiscal_year and named.quarter:
        return named
    said = from_text(text)
    return CallMetadata(
        company=named.company or said.company,
        fiscal_year=named.fiscal_year or said.fiscal_year,
        quarter=named.quarter or said.quarter,
        date=said.date,
    )
