"""The cues that make a sentence worth proposing as a metric or guidance.

Each cue is a named pattern a reader can check by eye ("a per-share
amount", "a range of figures", "forward-looking verb"). A sentence's score
is the sum of the weights of the cues it shows (``scoring``). The weights
were fitted once, by logistic regression, on the sentences of the ECTSum
training calls against the figures a Reuters journalist picked for each
call's summary, and then rounded and frozen here, so they read as rules:
no model is loaded, nothing is downloaded, and a change to a weight is a
change a reviewer can see in a diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    """Short label, used in the suggestion's reason."""
    pattern: re.Pattern[str]
    """Searched in the lower-cased text."""
    kind: str = ""
    """``metric`` or ``guidance`` when the cue speaks for one tag."""


def _cue(name: str, pattern: str, kind: str = "") -> Cue:
    # Matched against the lower-cased sentence: a case-sensitive search is
    # about twice as fast as an IGNORECASE one, and this runs per sentence.
    return Cue(name, re.compile(pattern.lower()), kind)


CUES: tuple[Cue, ...] = (
    _cue("money", r"(?:\$|US\$|€|£)\s?\d"),
    _cue("scale", r"\b(?:million|billion|thousand)\b|\d\s?(?:mm|bn|m|b)\b"),
    _cue("percent", r"\d\s?%|\bpercent\b"),
    _cue("per share", r"per (?:diluted |basic )?share|\beps\b|a share\b", "metric"),
    _cue("diluted", r"\bdiluted\b", "metric"),
    _cue("earnings", r"\bearnings\b|\bnet (?:income|loss)\b|\bprofit\b", "metric"),
    _cue("revenue", r"\brevenues?\b|\bsales\b|\bturnover\b", "metric"),
    _cue("margin", r"\bmargins?\b"),
    _cue("ebitda", r"\bebitda\b|\boperating income\b"),
    _cue("ffo", r"\bffo\b|\bfunds from operations\b|\bnet interest income\b|\bbook value\b"),
    _cue("gaap", r"\bgaap\b"),
    _cue("adjusted", r"\badjusted\b|\bnon-gaap\b|\bcore\b"),
    _cue("comparable", r"\bcomparable\b|\bsame[- ]store\b|\borganic\b|\bcomps?\b"),
    _cue("range", r"\d\s?(?:%|[a-z]+)?\s?(?:to|-|–|—)\s?(?:\$|US\$)?\d"),
    _cue("between", r"\bbetween\b.{0,40}\band\b"),
    _cue("forward verb", r"\b(?:expects?|expected|expecting|anticipates?|anticipated|forecasts?|projects?|projected|projecting|targets?|targeting|sees|plan to|on track|look for|looking for|to come in at|will be|should be|going forward)\b", "guidance"),
    _cue("outlook", r"\b(?:guidance|outlook|guide|guiding)\b", "guidance"),
    _cue("revision", r"\b(?:rais(?:e|ed|ing)|lower(?:ed|ing)?|reaffirm(?:ed|ing|s)?|maintain(?:ed|ing|s)?|narrow(?:ed|ing)?|updat(?:e|ed|ing)|reiterat(?:e|ed|ing))\b", "guidance"),
    _cue("full year", r"\bfull[- ]year\b|\bfiscal (?:year )?(?:19|20)?\d\d\b|\bfor the (?:full )?year\b|\bfy\s?(?:19|20)?\d\d\b|\bannual\b"),
    _cue("next period", r"\bnext (?:quarter|year)\b|\b(?:first|second|third|fourth) quarter of (?:fiscal )?(?:19|20)\d\d\b|\bcoming (?:quarter|year)\b", "guidance"),
    _cue("quarter", r"\bquarter\b|\bq[1-4]\b"),
    _cue("change", r"\b(?:increased?|increases|grew|growth|rose|up|declined?|declines|decreased?|down|improved?|fell|dropped)\b"),
    _cue("comparison", r"\byear[- ]over[- ]year\b|\bcompared (?:to|with)\b|\bversus\b|\bvs\.?\b|\bprior[- ]year\b|\blast year\b|\bsequential"),
    _cue("record", r"\brecord\b"),
    _cue("total", r"\btotal\b|\bconsolidated\b"),
    _cue("cash return", r"\bdividends?\b|\brepurchase[ds]?\b|\bbuybacks?\b|\bbought back\b"),
    _cue("boilerplate", r"conference call|webcast|\breplay\b|forward-looking|press release|\bslides?\b|\bpage \d|\bsec\b|\bform 10-|\bwebsite\b|reconciliation|safe harbor"),
    _cue("question", r"\?\s*$"),
    _cue("past result", r"\b(?:was|were|came in|reported|delivered|ahead of|totaled|totalled|ended|achieved|grew|rose|fell)\b"),
    _cue("hedge", r"\b(?:maybe|perhaps|i think|i guess|kind of|sort of|you know)\b"),
)


COMBOS: tuple[tuple[str, str, str], ...] = (
    ("per-share figure", "per share", "money"),
    ("earnings figure", "earnings", "money"),
    ("opening figure", "opening", "money"),
    ("quarter figure", "quarter", "money"),
    ("full-year outlook", "full year", "forward verb"),
    ("change in percent", "change", "percent"),
    ("revenue growth", "revenue", "percent"),
    ("revenue amount", "revenue", "scale"),
    ("exact figure", "decimal", "money"),
)
"""Two cues that mean more together than apart: (name, cue, cue)."""

WEIGHTS: dict[str, float] = {
    # what the sentence says
    "per share": 0.60, "diluted": 0.67, "earnings": 0.21, "revenue": 0.15,
    "outlook": 0.52, "forward verb": 0.43, "next period": 0.39, "full year": 0.18,
    "comparable": 0.33, "gaap": 0.27, "adjusted": 0.17, "range": 0.23, "between": 0.20,
    "ffo": 0.08, "comparison": 0.07, "record": 0.07, "total": 0.05, "quarter": 0.05,
    "ebitda": -0.05, "hedge": -0.06, "cash return": -0.13, "change": -0.15,
    "boilerplate": -0.23, "margin": -0.27, "scale": -0.34, "percent": -0.39,
    # how many figures it holds (a lone figure is rarely the headline)
    "1 amount": -1.01, "2 amounts": -0.51, "3 amounts": -0.32, "4+ amounts": -0.18,
    "only dates": 0.51, "short": -0.06, "decimal": -0.04,
    # where it stands in the call
    "opening": 0.20, "closing": 0.03, "seen before": 0.28,
    # pairs
    "per-share figure": 0.88, "earnings figure": 0.55, "opening figure": 0.42,
    "quarter figure": 0.37, "full-year outlook": 0.35, "change in percent": 0.26,
    "revenue growth": 0.21, "revenue amount": 0.27, "exact figure": 0.39,
}
"""Fitted on ECTSum's training calls (see the module docstring); a cue not
listed weighs nothing. ``opening`` is the first tenth of the call,
``closing`` its last fifth."""

BIAS = -2.80

CONTEXT_WEIGHTS: dict[str, float] = {
    "executive": 0.30, "finance chief": 0.35, "chief executive": 0.10,
    "prepared remarks": 0.25, "analyst": -1.50, "operator": -3.00,
    "future period": 0.80,
}
"""Who speaks, where, and about when. ECTSum has no speakers, so these were
set by hand: figures come from management, above all the CFO, mostly in the
prepared remarks; an analyst quoting a number is asking, not reporting; a
sentence naming a period after the call's own ("Q1" on a fourth-quarter
call, next year) is most likely an outlook."""
