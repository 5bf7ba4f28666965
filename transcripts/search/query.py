"""The search line as a user types it: words, "quoted phrases" and filters.

``parse_query`` is public because the same filter words (``speaker:evan``,
``year:2003``, ``2003q4``, ``section:qa`` ...) select annotations for exports;
``matches_filters`` applies them to one turn of one call.

A bad filter is a ``QueryError`` with a one-line message, never silence: a
user who typed ``speakr:evan`` must learn that nothing was filtered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from rapidfuzz.distance import OSA

from transcripts.company_names import company_names
from transcripts.model import ROLES, Call, Speaker, Turn
from transcripts.search.tokens import max_edits, words
from transcripts.titles import OFFICES, holds, office


class QueryError(ValueError):
    """A search line that cannot be understood; ``str()`` is one line for the
    user."""


FILTER_KEYS: dict[str, str] = {
    "speaker": "speaker", "who": "speaker",
    "role": "role",
    "title": "title",
    "company": "company", "co": "company",
    "year": "year", "fy": "year",
    "q": "quarter", "quarter": "quarter",
    "section": "section",
    "tag": "tag",
    "author": "author", "by": "author",
    "reviewed": "reviewed",
}
"""Filter words a user may type, and the filter each one means. ``author:``
and ``reviewed:`` are about annotations (who wrote one, who reviewed it):
the annotations screen and exports apply them; a search of the text alone
refuses them with a message rather than ignore them."""

ANNOTATION_KEYS = ("tag", "author", "reviewed")
"""Filters judged on an annotation, not on the transcript."""

def refuse_annotation_words(filters: Iterable["Filter"]) -> None:
    """A search of the text cannot judge ``author:`` or ``reviewed:``:
    say so (every engine asks this) rather than ignore them."""
    for f in filters:
        if f.key in ANNOTATION_KEYS[1:]:
            raise QueryError(
                f"'{f.key}:' is about annotations: use it in the annotations screen (@) or an export, "
                "or search with tag: for annotated text")


FILTER_HELP = "speaker:, role:, title:, company:, year:, q:, section:, tag:, author:, reviewed: (or 2003q4)"

_SECTIONS = {
    "qa": "qa", "q&a": "qa", "q-a": "qa", "questions": "qa", "question": "qa",
    "prepared": "prepared", "remarks": "prepared", "presentation": "prepared",
    "pres": "prepared", "prep": "prepared",
}
_TOKEN = re.compile(r'(?P<key>[^\s:"]+):(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))|"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
_PERIOD = re.compile(r"^(?:fy)?(\d{4})[-_ ]?q([1-4])$|^q([1-4])[-_ ]?(?:fy)?(\d{4})$", re.I)
_LOOKS_LIKE_KEY = re.compile(r"^[A-Za-z][A-Za-z_-]*$")

AliasSource = Callable[[Call, Speaker], Iterable[str]]
"""Other names of a call's speaker (from ``transcripts.identity``)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One unit of the query: a word (typos forgiven) or a phrase (exact
    consecutive words)."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    """The last word while typing: also matches words it starts."""

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.phrase else joined


@dataclass(frozen=True, slots=True)
class Filter:
    key: str
    """Canonical name: speaker, role, company, year, quarter, section, tag."""
    value: str
    """Normalised: role and section names, digits for year and quarter."""

    def __str__(self) -> str:
        return f"{'q' if self.key == 'quarter' else self.key}:{self.value}"


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.filters

    def values(self, key: str) -> list[str]:
        return [f.value for f in self.filters if f.key == key]


def parse_query(text: str) -> Query:
    """Split a search line into terms and filters; raises ``QueryError`` for
    an unknown filter or a bad filter value."""
    terms: list[Term] = []
    filters: list[Filter] = []
    last_word_at: int | None = None
    for m in _TOKEN.finditer(text):
        if m.group("key") is not None:
            key = m.group("key")
            value = m.group("qval") if m.group("qval") is not None else m.group("val")
            if not _LOOKS_LIKE_KEY.match(key):
                _add_words(m.group(), terms)  # "3:00", "$5:1" are text
                last_word_at = len(terms) - 1 if terms else None
                continue
            filters.append(_filter(key, value or ""))
            last_word_at = None
        elif m.group("phrase") is not None:
            ws = tuple(words(m.group("phrase")))
            if ws:  # a quoted single word is that word exactly, no typos
                terms.append(Term(ws, phrase=True))
            last_word_at = None
        else:
            raw = m.group("word")
            period = _PERIOD.match(raw)
            if period:
                year = period.group(1) or period.group(4)
                quarter = period.group(2) or period.group(3)
                filters += [Filter("year", year), Filter("quarter", quarter)]
                last_word_at = None
                continue
            _add_words(raw, terms)
            last_word_at = len(terms) - 1 if terms else None
    typing = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    if typing and last_word_at is not None and last_word_at == len(terms) - 1:
        t = terms[-1]
        if not t.phrase:
            terms[-1] = Term(t.words, prefix=True)
    terms = _distinct(terms)
    if len(terms) > MAX_TERMS:
        raise QueryError(
            f"the query is too long: {len(terms)} words and phrases (at most {MAX_TERMS}); "
            "keep the words that matter or quote a phrase")
    return Query(text, tuple(terms), tuple(filters))


MAX_TERMS = 64
"""Distinct words and phrases in one query. Each is expanded against the
whole vocabulary, so a pasted page (thousands of words) took seconds and
matched nothing useful; a quoted phrase counts once."""


def _distinct(terms: list[Term]) -> list[Term]:
    """A word typed twice is one term (``revenue revenue``); it stays a
    prefix when its last copy is being typed."""
    seen: dict[tuple[tuple[str, ...], bool], int] = {}
    out: list[Term] = []
    for t in terms:
        key = (t.words, t.phrase)
        i = seen.get(key)
        if i is None:
            seen[key] = len(out)
            out.append(t)
        elif t.prefix and not out[i].prefix:
            out[i] = Term(t.words, t.phrase, prefix=True)
    return out


def _add_words(raw: str, terms: list[Term]) -> None:
    ws = tuple(words(raw))
    if len(ws) == 1:
        terms.append(Term(ws))
    elif ws:  # "dot-com", "p&l": the parts, next to each other
        terms.append(Term(ws, phrase=True))


def _filter(key: str, value: str) -> Filter:
    canonical = FILTER_KEYS.get(key.casefold())
    if canonical is None:
        raise QueryError(f"unknown filter '{key}:' (filters are {FILTER_HELP})")
    value = value.strip()
    if not value:
        raise QueryError(f"filter '{key}:' needs a value, e.g. {_EXAMPLES[canonical]}")
    folded = value.casefold()
    if canonical == "role":
        found = [r for r in ROLES if r.startswith(folded)]
        if found:
            return Filter("role", found[0])
        named = office(folded)
        if named is None:
            raise QueryError(
                f"unknown role '{value}' in '{key}:{value}' (roles are {', '.join(ROLES)}, "
                f"or an executive's office: {', '.join(OFFICES)})")
        return Filter("role", named)
    if canonical == "title":
        return Filter("title", office(folded) or " ".join(words(value)) or folded)
    if canonical == "reviewed":
        if folded in _YES or folded in _NO:
            return Filter("reviewed", "yes" if folded in _YES else "no")
        return Filter("reviewed", " ".join(words(value)) or folded)
    if canonical == "year":
        m = re.fullmatch(r"(?:fy)?'?(\d{2}|\d{4})", folded)
        if not m:
            raise QueryError(f"'{key}:{value}' is not a year (e.g. year:2003)")
        y = m.group(1)
        return Filter("year", y if len(y) == 4 else f"20{y}")
    if canonical == "quarter":
        m = re.fullmatch(r"q?([1-4])", folded)
        if not m:
            raise QueryError(f"'{key}:{value}' is not a quarter (q:1 to q:4)")
        return Filter("quarter", m.group(1))
    if canonical == "section":
        section = _SECTIONS.get(folded.replace(" ", ""))
        if section is None:
            raise QueryError(f"unknown section '{value}' in '{key}:{value}' (sections are qa, prepared)")
        return Filter("section", section)
    if canonical == "tag":
        return Filter("tag", folded)
    return Filter(canonical, " ".join(words(value)) or folded)


_YES = frozenset({"yes", "y", "true", "1", "done"})
_NO = frozenset({"no", "n", "false", "0", "not", "none"})

_EXAMPLES = {
    "title": "title:cfo", "author": "author:dana", "reviewed": "reviewed:yes (or no, or a name)",
    "speaker": "speaker:evan", "role": "role:analyst", "company": "company:verisign",
    "year": "year:2003", "quarter": "q:4", "section": "section:qa", "tag": "tag:guidance",
}


# -- applying filters -----------------------------------------------------

def word_matches(wanted: str, have: str) -> bool:
    """One word of a name filter against one word of a name: the same, a
    prefix of it, or within the typos ``max_edits`` forgives."""
    if have == wanted or (len(wanted) >= 2 and have.startswith(wanted)):
        return True
    k = max_edits(wanted)
    return k > 0 and OSA.distance(wanted, have, score_cutoff=k) <= k


def name_matches(value: str, names: Iterable[str]) -> bool:
    """Whether every word of ``value`` matches a word of one of ``names``
    (typos forgiven, prefixes allowed): ``evan`` and ``dana evn`` match
    "Dana Evan"."""
    wanted = value.split()
    for name in names:
        have = words(name)
        if have and all(any(word_matches(w, h) for h in have) for w in wanted):
            return True
    return False


@lru_cache(maxsize=200_000)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a company name, ticker or call id, kept across queries:
    every call's id is a name of its own, so a ``company:`` filter over
    30,000 calls would otherwise cut 30,000 ids into words at each query."""
    return tuple(words(name))


def call_matches(call: Call, filters: Iterable[Filter]) -> bool:
    """The filters about the call as a whole (company, year, quarter)."""
    return call_matcher(filters)(call)


def call_matcher(filters: Iterable[Filter]) -> Callable[[Call], bool]:
    """``call_matches`` with these filters, for asking of many calls: a
    corpus has thousands of calls but few companies, tickers and id words,
    so each name and each pair of words is judged once. (A filtered query
    over 30,000 calls otherwise spends its time matching the same company
    name again for every quarter of it.)"""
    by_key = _group(filters)
    years, quarters, companies = by_key.get("year"), by_key.get("quarter"), by_key.get("company")
    wanted = [value.split() for value in companies] if companies else []
    by_name: dict[str, bool] = {}
    by_words: dict[tuple[str, str], bool] = {}

    def word_ok(w: str, h: str) -> bool:
        ok = by_words.get((w, h))
        if ok is None:
            ok = by_words[(w, h)] = word_matches(w, h)
        return ok

    def name_ok(name: str) -> bool:
        """Whether some company value matches this one name (as ``name_matches``)."""
        ok = by_name.get(name)
        if ok is None:
            have = name_words(name)
            ok = bool(have) and any(all(any(word_ok(w, h) for h in have) for w in value) for value in wanted)
            if len(by_name) < 100_000:
                by_name[name] = ok
        return ok

    def matches(call: Call) -> bool:
        if years is not None and str(call.fiscal_year) not in years:
            return False
        if quarters is not None and str(call.quarter) not in quarters:
            return False
        return not wanted or any(name_ok(n) for n in company_names(call))

    return matches


def turn_matches(
    call: Call,
    turn: Turn,
    filters: Iterable[Filter],
    aliases: AliasSource | None = None,
) -> bool:
    """The filters about one turn (section, and who speaks it)."""
    filters = list(filters)
    by_key = _group(filters)
    if "section" in by_key and turn.section not in by_key["section"]:
        return False
    return speaker_matches(call, turn.speaker, filters, aliases)


def speaker_matches(
    call: Call,
    speaker: Speaker,
    filters: Iterable[Filter],
    aliases: AliasSource | None = None,
) -> bool:
    """The filters about who speaks (speaker, role, title): one place that
    every search engine and the annotation filters ask, so a filter word
    about people added here works everywhere. ``role:cfo`` is an executive
    whose title holds the office; ``title:cfo`` any speaker's title that does
    (``title:`` with other words: the words of the title, typos forgiven)."""
    by_key = _group(filters)
    if "role" in by_key and not any(role_matches(v, speaker) for v in by_key["role"]):
        return False
    if "title" in by_key and not any(title_matches(v, speaker.title) for v in by_key["title"]):
        return False
    if "speaker" in by_key:
        names = [speaker.name]
        if aliases is not None:
            names += list(aliases(call, speaker))
        if not any(name_matches(v, names) for v in by_key["speaker"]):
            return False
    return True


def role_matches(value: str, speaker: Speaker) -> bool:
    """``value`` is a role (``analyst``) or an office (``cfo``): an office
    is held by an executive whose title names it."""
    if value in ROLES:
        return speaker.role == value
    return speaker.role == "executive" and holds(speaker.title, value)


def title_matches(value: str, title: str | None) -> bool:
    """An office (``cfo``: every spelling of it), else the title's words."""
    if not title:
        return False
    if value in OFFICES:
        return holds(title, value)
    return name_matches(value, [title])


def matches_filters(
    call: Call,
    turn: Turn | None,
    filters: Iterable[Filter],
    aliases: AliasSource | None = None,
    tags: Iterable[str] | None = None,
) -> bool:
    """Whether a place in ``call`` (the ``turn``, when known) passes every
    filter. Different filters must all pass; the same filter given twice
    passes either value (``speaker:evan speaker:sclavos``). ``tag:`` filters
    are checked against ``tags`` when given (an annotation's tags) and left
    to the caller otherwise (search checks them against annotated spans)."""
    filters = list(filters)
    if not call_matches(call, filters):
        return False
    if turn is not None and not turn_matches(call, turn, filters, aliases):
        return False
    wanted_tags = [f.value for f in filters if f.key == "tag"]
    if wanted_tags and tags is not None:
        have = {t.casefold() for t in tags}
        return any(t in have for t in wanted_tags)
    return True


def _group(filters: Iterable[Filter]) -> dict[str, set[str]]:
    by_key: dict[str, set[str]] = {}
    for f in filters:
        by_key.setdefault(f.key, set()).add(f.value)
    return by_key

