"""People's names: what looks like one, and how to compare two.

Used by the parser (is this short line a speaker?), by firm detection (which
person did the operator announce?) and by identity across calls (are
``Gene Muenster`` and ``C. Eugene Munster`` the same analyst?).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "del", "della", "la", "le", "du", "bin", "al", "ten", "ter", "dos", "das"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "cfa"})
UNCERTAIN_MARKS = re.compile(r"\s*[\[(](?:ph|sp|phonetic|inaudible)[\])]\s*", re.I)
_BRACKETS = re.compile(r"[\[\]]")

# Words that make a capitalised short line something other than a name.
NOT_NAME_WORDS = frozenset(
    """
    thank thanks you good great okay ok yes no yeah yup sure right morning afternoon
    evening hello hi welcome question questions answer answers presentation session
    operator instructions remarks prepared statements statement results overview
    financial quarter quarterly revenue revenues call conference participants
    corporate executives analysts company disclaimer forward looking safe harbor
    agenda highlights outlook guidance summary closing opening end transcript
    the and of for to in on at with our we i it this that all
    sense fair enough sounds got makes very nice congratulations congrats absolutely
    exactly perfect helpful understood correct sorry please ahead hey oh so now let me us
    bye goodbye appreciate appreciated agreed indeed
    update business review discussion segment segments performance strategy operations
    financials metrics growth margin margins balance sheet income expenses products
    services customers sales marketing technology introduction conclusion notes note
    event date time copyright reserved rights section part key
    """.split()
)

NICKNAMES: dict[str, frozenset[str]] = {}
for _group in (
    "steven stephen steve", "eugene gene", "robert rob bob bobby", "william will bill billy",
    "richard rich rick dick", "michael mike mick", "james jim jimmy jamie", "john jack johnny",
    "thomas tom tommy", "christopher chris", "matthew matt", "andrew andy drew",
    "anthony tony", "edward ed eddie ted", "daniel dan danny", "david dave",
    "joseph joe joey", "kenneth ken kenny", "timothy tim", "gregory greg gregg",
    "benjamin ben", "nicholas nick", "patrick pat", "peter pete", "samuel sam",
    "charles charlie chuck", "jonathan jon", "katherine kathy katie kate catherine",
    "elizabeth liz beth betty", "jennifer jen jenny", "margaret maggie peggy",
    "alexander alex", "alexandra alex", "douglas doug", "donald don", "ronald ron",
    "raymond ray", "lawrence larry", "gerald jerry", "jeffrey jeff", "philip phil",
    "frederick fred", "walter walt", "zachary zach", "susan sue", "deborah debbie deb",
    "rebecca becky", "victoria vicky", "theodore ted", "leonard len", "albert al",
):
    _names = frozenset(_group.split())
    for _n in _names:
        NICKNAMES[_n] = NICKNAMES.get(_n, frozenset()) | _names


def strip_marks(name: str) -> str:
    """``Joe Noel (ph)`` -> ``Joe Noel``; ``Steven [Gateoff]`` -> ``Steven Gateoff``."""
    name = UNCERTAIN_MARKS.sub(" ", name)
    name = _BRACKETS.sub("", name)
    return " ".join(name.split())


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparisons."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form a speaker is keyed on within one call."""
    return " ".join(fold(strip_marks(name)).replace(".", " ").split())


def tokens(name: str) -> list[str]:
    """Lower-case name parts; ``Gregory, Jr.`` is ``gregory``, ``jr``."""
    return [t for t in re.split(r"[\s.,]+", fold(strip_marks(name))) if t]


_INITIALS = re.compile(r"(?:[^\W\d_]\.?|(?:[^\W\d_]\.){2,})")
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*[^\W\d_]\.?")


def _is_name_token(tok: str) -> bool:
    """A capitalised word (any script with case: ``Muñoz``, ``O'Brien``,
    ``McGuire``, ``Jean-Luc``), an initial (``C.``, ``J.P.``), a particle
    (``van``) or a suffix (``Jr.``)."""
    low = tok.casefold()
    if low in PARTICLES or low in SUFFIXES:
        return True
    if not tok[0].isupper():
        return False
    if _INITIALS.fullmatch(tok):
        return True
    return _NAME_WORD.fullmatch(tok) is not None


def looks_like_name(text: str, *, min_tokens: int = 1, max_tokens: int = 6) -> bool:
    """Shape only: capitalised words, initials and particles, no digits."""
    text = strip_marks(text)
    if not text or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    if text[-1] in "?!,;:" or (text.endswith(".") and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", text)):
        return False
    toks = text.split()
    if not (min_tokens <= len(toks) <= max_tokens):
        return False
    if not all(_is_name_token(t) for t in toks):
        return False
    capitalised = [t for t in toks if t[0].isupper()]
    return bool(capitalised)


def looks_like_bare_name(text: str) -> bool:
    """A line that is only a name needs at least a first and last name, and no
    word that a short line of speech would have (``Thank You``, ``Good
    Morning``)."""
    if not looks_like_name(text, min_tokens=2, max_tokens=5):
        return False
    words = {t.strip(".").casefold() for t in strip_marks(text).split()}
    return not (words & NOT_NAME_WORDS)


def given_names_compatible(a: str, b: str) -> bool:
    """``Steve``/``Steven``, ``Gene``/``Eugene``, ``C.``/``Chris``."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a in NICKNAMES.get(b, ()) or b in NICKNAMES.get(a, ()):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def surname(name: str) -> str:
    toks = [t for t in tokens(name) if t not in SUFFIXES]
    return toks[-1] if toks else ""
