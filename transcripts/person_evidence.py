"""The evidence that two spellings are one person: titles that mean the
same (``Chairman & CEO`` / ``CEO and Chairman``), firms that are one firm
(``RBC`` / ``RBC Capital Markets``), company keys, and names that agree
(nicknames, initials, a middle name used as the given name, a close
surname). Each rule is memoised: a corpus asks the same pairs again and
again. Identity (``transcripts.identity``) and anchoring (a speaker's name
in an annotation file) both ask these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz

from transcripts.names import NICKNAMES, PARTICLES, SUFFIXES, fold, tokens

# -- titles -----------------------------------------------------------------

_TITLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{a})\b"), b)
    for a, b in [
        (r"chief executive officer", "ceo"),
        (r"chief financial officer", "cfo"),
        (r"chief operating officer", "coo"),
        (r"chief technology officer", "cto"),
        (r"chief information officer", "cio"),
        (r"chief marketing officer", "cmo"),
        (r"chief accounting officer", "cao"),
        (r"chief revenue officer", "cro"),
        (r"executive vice president", "evp"),
        (r"senior vice president", "svp"),
        (r"vice president", "vp"),
        (r"investor relations", "ir"),
        (r"sr", "senior"),
        (r"exec", "executive"),
        (r"mgr", "manager"),
        (r"mgmt", "management"),
        (r"dir", "director"),
        (r"pres", "president"),
        (r"chmn", "chairman"),
        (r"chairwoman|chairperson|chair", "chairman"),
        (r"gen", "general"),
        (r"senior vp", "svp"),
        (r"executive vp", "evp"),
        (r"v ?p", "vp"),
    ]
]
_TITLE_FILLERS = frozenset({"and", "of", "the", "for", "&"})


@lru_cache(maxsize=1 << 16)
def normalize_title(title: str | None) -> str:
    """A comparison key: case, accents, punctuation, ``&``/``and``, word
    order and common abbreviations do not matter (``Chairman & CEO`` ==
    ``CEO and Chairman`` == ``Chairman and Chief Executive Officer``)."""
    if not title:
        return ""
    text = fold(title).replace("&", " and ")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # v.p. -> vp
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    for pattern, repl in _TITLE_PHRASES:
        text = pattern.sub(repl, text)
    words = [w for w in text.split() if w not in _TITLE_FILLERS]
    return " ".join(sorted(words))


def same_title(a: str | None, b: str | None) -> bool:
    return normalize_title(a) == normalize_title(b)


# -- firms ------------------------------------------------------------------

_FIRM_NOISE = frozenset(
    """and the co company companies inc incorporated corp corporation llc lp llp ltd
    limited plc group securities capital markets partners research associates holdings
    financial international asset management investments sa ag""".split()
)


@lru_cache(maxsize=1 << 16)
def firm_tokens(firm: str | None) -> tuple[str, ...]:
    """``Robert W. Baird & Company`` -> ``(robert, baird)``; ``S.G. Cowen`` ->
    ``(sg, cowen)``: the words that tell one firm from another."""
    if not firm:
        return ()
    text = fold(firm).replace("&", " and ")
    text = re.sub(r"[.'’]", "", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    kept = [w for w in words if w not in _FIRM_NOISE and len(w) > 1]
    return tuple(kept or words)


@lru_cache(maxsize=1 << 16)
def firms_compatible(a: str | None, b: str | None) -> bool:
    """Same firm, allowing the short forms operators use (``First Boston`` for
    ``Credit Suisse First Boston``, ``RBC`` for ``RBC Capital Markets``) and
    transcription slips (``S.G. Cohen`` / ``SG Cowen``)."""
    ta, tb = firm_tokens(a), firm_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    return fuzz.ratio(" ".join(ta), " ".join(tb)) >= 85


@lru_cache(maxsize=1 << 16)
def company_key(company: str | None) -> str:
    """``VeriSign``, ``Verisign, Inc.`` -> ``verisign``."""
    if not company:
        return ""
    words = re.sub(r"[^\w]+", " ", fold(company).replace("&", " and ")).split()
    while len(words) > 1 and words[-1] in _FIRM_NOISE:
        words.pop()
    return " ".join(words)


# -- names ------------------------------------------------------------------


_SOUNDEX = {
    **dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
    "l": "4", **dict.fromkeys("mn", "5"), "r": "6",
}


@lru_cache(maxsize=1 << 16)
def soundex(word: str) -> str:
    """A phonetic code so ``Muenster`` and ``Munster`` land in one bucket even
    when a first-letter bucket would not be enough on its own."""
    letters = [c for c in word if "a" <= c <= "z"]
    if not letters:
        return ""
    out = [letters[0]]
    last = _SOUNDEX.get(letters[0], "")
    for c in letters[1:]:
        code = _SOUNDEX.get(c, "")
        if code and code != last:
            out.append(code)
        if c not in "hw":
            last = code
    return "".join(out)[:4]


@dataclass(frozen=True, slots=True)
class NameParts:
    given: tuple[str, ...]
    """Given names and initials, in order (particles and suffixes dropped)."""
    surname: str


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"})


@lru_cache(maxsize=1 << 16)
def name_parts(name: str) -> NameParts:
    toks = [t for t in tokens(name) if t not in SUFFIXES]
    while len(toks) > 1 and toks[0] in _HONORIFICS:
        toks.pop(0)
    if not toks:
        return NameParts((), "")
    # "van der Berg" and "Vanderberg" are one surname: particles join it.
    start = len(toks) - 1
    while start > 1 and toks[start - 1] in PARTICLES:
        start -= 1
    surname = "".join(toks[start:]).replace("-", "").replace("'", "").replace("’", "")
    given = tuple(t for t in toks[:start] if t not in PARTICLES)
    return NameParts(given, surname)


def _first_names_score(a: str, b: str) -> float:
    """How well two given names agree: 1 same, .95 nickname or short form,
    .8 a likely misspelling, .7 an initial, 0 different."""
    if a == b:
        return 0.7 if len(a) == 1 else 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.7 if a[0] == b[0] else 0.0
    if a in NICKNAMES.get(b, ()) or b in NICKNAMES.get(a, ()):
        return 0.95
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.95
    if min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80:
        return 0.8
    if len(long_) == len(short) + 1 and len(short) >= 3 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    ):
        return 0.8  # one letter dropped: "Jon" / "John"
    return 0.0


def given_score(a: Sequence[str], b: Sequence[str]) -> float:
    """Given names of two spellings: ``Steve``/``Steven`` (nickname),
    ``C. Eugene``/``Gene`` (goes by the middle name), ``P.``/``Peter``
    (initial). 0.5 when one side has no given name at all."""
    if not a or not b:
        return 0.5
    best = _first_names_score(a[0], b[0])
    if len(a[0]) > 1 and len(b[0]) > 1 and best == 0.0:
        # Someone who goes by a spelled-out middle name: "Andrew Jamie
        # Gregory" / "Jamie Gregory". Surer evidence is asked for
        # (an exact surname, see names_match).
        for x, y in ((a, b), (b, a)):
            if len(x) > 1 and len(y) == 1 and _first_names_score(x[1], y[0]) >= 0.95:
                return MIDDLE_NAME_SCORE
        return 0.0  # two spelled-out first names that disagree
    # Someone who goes by a middle name: "C. Eugene" / "Gene".
    for x, y in ((a, b), (b, a)):
        if len(x) > 1 and len(x[0]) == 1 and len(y[0]) > 1:
            s = _first_names_score(x[1], y[0])
            if s >= 0.8:
                best = max(best, min(s, 0.9))
    return best


MIDDLE_NAME_SCORE = 0.85
"""A spelled-out middle name used as the given name: only with an exact
surname, and never with another spelled-out given name on the short side."""


def _surname_score(a: str, b: str) -> float:
    """Short surnames must match exactly: one letter is all that tells
    ``Chen`` from ``Cheng`` or ``Kim`` from ``Kin``."""
    if a == b:
        return 100.0
    if min(len(a), len(b)) < 5:
        return 0.0
    return fuzz.ratio(a, b)


@lru_cache(maxsize=1 << 16)
def names_match(a: str, b: str, *, strict: bool = False) -> float:
    """0 when two spellings cannot be one person, else a score (higher is
    surer). ``strict`` asks for an exact surname and compatible spelled-out
    given names (used when other evidence, like firms, disagrees)."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa.surname or not pb.surname:
        return 0.0
    sur = _surname_score(pa.surname, pb.surname)
    if sur < 80.0:  # no rule accepts a surname this far off
        return 0.0
    giv = given_score(pa.given, pb.given)
    if giv <= 0.0:
        return 0.0
    if strict:
        ok = sur == 100.0 and giv >= 0.9
    elif giv >= 0.95:
        ok = sur >= 80.0
    elif giv == MIDDLE_NAME_SCORE:
        ok = sur == 100.0
    elif giv in (0.9, 0.7):  # a middle name or an initial: a close surname
        ok = sur >= 88.0
    else:  # a misspelt given name, or none on one side: the surname must be exact
        ok = sur == 100.0
    return sur * giv if ok else 0.0



def clear_caches() -> None:
    """Forget the memoised forms (benchmarks measure cold runs; a long
    session may want the memory back)."""
    for fn in (normalize_title, firm_tokens, firms_compatible, company_key, name_parts, names_match, soundex):
        fn.cache_clear()
