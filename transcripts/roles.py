"""Who speaks in what capacity, and where the Q&A begins.

A speaker's role comes first from their title (``Analyst``, ``CFO``) and
otherwise from where they speak: whoever speaks in the prepared remarks is
management; whoever the operator hands the line to in the Q&A is an analyst.
An analyst's firm comes from the speaker line when it says so, or from the
operator's introduction ("We will go next to Walter Pritchard with
Soundview").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from transcripts.model import Call, Exchange, Speaker, Turn
from transcripts.names import fold, strip_marks, surname
from transcripts.speaker_lines import title_says_analyst

_EXECUTIVE = re.compile(
    r"\b(?:ceo|cfo|coo|cto|cio|cmo|evp|svp|vp|chief|president|chairman|chairwoman|chair|"
    r"director|officer|treasurer|controller|founder|head|secretary|counsel|manager|"
    r"vice|executive|investor relations|ir|finance|partner|general manager|principal)\b",
    re.I,
)
_QA_INSTRUCTIONS = re.compile(
    r"question[- ]and[- ]answer|\bq\s*&\s*a\b|\[operator instructions\]|star[, ]+(?:one|1)\b|"
    r"\*\s?1\b|first question|open (?:up )?the (?:call|line|lines|floor) (?:up )?(?:for|to) questions|"
    r"(?:begin|start|take|conduct)(?:ing)? (?:the |our )?questions?|"
    r"\bquestions? (?:comes |is |will come )?from\b|from the line of|your line is (?:open|live)|"
    r"\bnext question\b|\bgo (?:next|first) (?:to|over to)\b",
    re.I,
)
_INTRO = re.compile(
    r"(?:go (?:next |first )?(?:to|over to)|(?:question|questions) (?:is |comes |will come )?(?:from|of)|"
    r"move on to|line of|turn (?:it )?over to|we have|next is)\s+",
    re.I,
)
_STRONG_EXECUTIVE = re.compile(
    r"\b(?:ceo|cfo|coo|cto|cio|cmo|evp|svp|chief|(?<!vice )(?<!vice-)president|chairman|chairwoman|chair|treasurer|"
    r"controller|founder|secretary|counsel|officer|investor relations|ir)\b",
    re.I,
)
"""Titles only a company's own people hold. "Partner", "Director", "Head of
..." or "Vice President" are as common at a broker as at the company: such a
title gives way when the operator introduces the speaker with a firm."""
_CONNECTORS = frozenset({"&", "and", "of", "de", "du", "la", "the"})
_FIRM_STOP = frozenset({"please", "go", "your", "you", "ms", "mr", "mrs", "sir", "our", "we", "and", "thank"})
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")


def role_from_title(name: str, title: str | None) -> str | None:
    if fold(name) in ("operator", "moderator", "coordinator", "conference operator"):
        return "operator"
    if title_says_analyst(title) or "analyst" in fold(name):
        return "analyst"
    if title and _EXECUTIVE.search(title):
        return "executive"
    return None


def _find_qa_start(call: Call, banner_sections: list[str | None]) -> int | None:
    turns = call.turns
    for i, sec in enumerate(banner_sections):
        if sec == "qa":
            return i
    seen_other = False
    for t in turns:
        if t.speaker.role != "operator":
            seen_other = True
            continue
        if seen_other and _QA_INSTRUCTIONS.search(call.text, t.start, t.end):
            return t.index
    for t in turns:
        if t.speaker.role == "analyst":
            if t.index > 0 and turns[t.index - 1].speaker.role == "operator":
                return t.index - 1
            return t.index
    return None


def _mentions(text: str, name: str) -> bool:
    last = surname(name)
    if not last:
        return False
    for tok in re.findall(r"[\w'’\-]+", fold(strip_marks(text))):
        if tok == last or (len(last) >= 5 and fuzz.ratio(tok, last) >= 80):
            return True
    return False


def _clean_token(tok: str) -> str:
    return tok.strip(",;:()[]\"'“”‘’")


def _read_firm(words: list[str]) -> str | None:
    """Read a firm name from the words after a separator, stopping at the end
    of the sentence or at the first word of the operator's next sentence."""
    out: list[str] = []
    for raw in words:
        tok = raw.rstrip(",;:")
        clean = _clean_token(tok)
        if not clean:
            break
        low = clean.casefold().rstrip(".")
        if low in ("ph", "sp"):
            continue
        if low in _FIRM_STOP and not (low == "and" and out):
            break
        if clean in _CONNECTORS or low in _CONNECTORS:
            out.append(clean)
        elif clean[0].isupper() or clean[0].isdigit():
            ends_sentence = clean.endswith(".") and not _INITIALISM.match(clean)
            out.append(clean.rstrip(".") if ends_sentence else clean)
            if ends_sentence or raw.endswith((",", ";")):
                break
        else:
            break
        if len(out) >= 6:
            break
    while out and (out[-1] in _CONNECTORS or out[-1].casefold() in _CONNECTORS):
        out.pop()
    return " ".join(out) or None


def _firm_after(word: str, rest: list[str]) -> str | None:
    """The firm given right after the analyst's surname ``word``."""
    if word.endswith(".") and not _INITIALISM.match(_clean_token(word)) and not _is_suffix(word):
        return None  # "We will go next to Gregg Moskowitz."
    if rest and fold(rest[0]) in ("with", "from", "of", "at"):
        # "Walter Pritchard with Soundview", "Joe Noel (ph), with Pacific Growth"
        return _read_firm(rest[1:])
    if word.endswith(","):
        return _read_firm(rest)  # "Sarah Friar, Goldman Sachs"
    return None


_NAME_TAIL = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.|(?:jr|sr|ii|iii|iv)\.?,?)$", re.I)


def _end_of_name(words: list[str], hit: int) -> int:
    """The last word of the name that the surname at ``hit`` is part of: the
    operator may say more of the name than the speaker line ("Nicole Miller
    Regan with Piper Sandler" for ``Nicole Miller``), or a suffix
    ("Andrew Gregory Jr. with ...")."""
    end = hit
    while end + 1 < len(words) and end - hit < 2:
        here, nxt = words[end], _clean_token(words[end + 1])
        if here.endswith((",", ";", ":")) or (here.endswith(".") and not _is_suffix(here)):
            break
        if not nxt or fold(nxt) in ("with", "from", "of", "at") or not _NAME_TAIL.match(nxt):
            break
        if not (nxt[0].isupper() or _is_suffix(nxt)):
            break
        end += 1
    return end


def _is_suffix(word: str) -> bool:
    return fold(_clean_token(word)).rstrip(".,") in ("jr", "sr", "ii", "iii", "iv")


def firm_from_intro(intro: str, speaker_name: str) -> str | None:
    """The firm the operator gives for ``speaker_name`` in ``intro``."""
    words = re.sub(r"\s+([,.;:])", r"\1", strip_marks(intro)).split()
    last = surname(speaker_name)
    if not words:
        return None
    hits = []
    if last:
        for i, w in enumerate(words):
            tok = fold(_clean_token(w)).rstrip(".")
            if tok == last or (len(last) >= 5 and fuzz.ratio(tok, last) >= 80):
                hits.append(i)
    # The first mention that gives a firm wins: the surname may come again
    # in the firm ("Adam Baird with Robert Baird") or in "Mr. Sigmond, your
    # line is open".
    for hit in hits:
        end = _end_of_name(words, hit)
        firm = _firm_after(words[end], words[end + 1 :])
        if firm:
            return firm
    if hits:
        return None
    # The operator announced someone else (a colleague took the line): with a
    # single introduction, the firm still belongs to whoever speaks.
    intros = list(_INTRO.finditer(intro))
    if len(intros) != 1:
        return None
    after = intro[intros[0].end() :].split()
    initial = re.compile(r"[A-Z]\.")
    name_len = 0
    while name_len < len(after) and after[name_len][:1].isupper():
        w = after[name_len]
        name_len += 1
        if w.endswith((".", ",")) and not initial.fullmatch(w):
            break
        if name_len >= 3 or (name_len >= 2 and not initial.fullmatch(after[0])):
            break
    if name_len == 0 or after[name_len - 1].endswith("."):
        return None
    rest = after[name_len:]
    if rest and fold(rest[0]) in ("with", "from", "of", "at"):
        rest = rest[1:]
    return _read_firm(rest)


def _previous_operator_turn(turns: list[Turn], index: int) -> Turn | None:
    if index > 0 and turns[index - 1].speaker.role == "operator":
        return turns[index - 1]
    return None


def assign_sections_roles_firms(call: Call, banner_sections: list[str | None]) -> None:
    turns = call.turns
    for sp in call.speakers:
        sp.role = role_from_title(sp.name, sp.title) or "unknown"

    qa = _find_qa_start(call, banner_sections)
    call.qa_start = qa
    for t in turns:
        t.section = "qa" if qa is not None and t.index >= qa else "prepared"

    # Roles from position, for speakers whose title did not say.
    undecided = {sp.key for sp in call.speakers if sp.role == "unknown" and sp.name != "Unknown"}
    if undecided:
        prepared = {t.speaker.key for t in turns if t.section == "prepared"}
        turns_of: dict[str, list[Turn]] = {}
        for t in turns:
            turns_of.setdefault(t.speaker.key, []).append(t)
        for sp in call.speakers:
            if sp.key not in undecided:
                continue
            if sp.key in prepared:
                sp.role = "executive"
                continue
            votes_analyst = votes_exec = 0
            for t in turns_of.get(sp.key, ()):
                op = _previous_operator_turn(turns, t.index)
                if op is not None:
                    votes_analyst += 2 if _mentions(call.text[op.start : op.end], sp.name) else 1
                elif t.index > 0 and turns[t.index - 1].speaker.role == "analyst":
                    votes_exec += 1
            if votes_analyst > votes_exec:
                sp.role = "analyst"
            elif votes_exec:
                sp.role = "executive"

    _analysts_by_introduction(call)

    # Firms from the operator's introductions.
    for t in turns:
        if t.speaker.role != "analyst" or t.speaker.firm:
            continue
        op = _previous_operator_turn(turns, t.index)
        if op is None:
            continue
        firm = firm_from_intro(call.text[op.start : op.end], t.speaker.name)
        if firm:
            t.speaker.firm = firm

    call.exchanges = _exchanges(turns, qa)


def _analysts_by_introduction(call: Call) -> None:
    """A speaker whose title made them an executive only by a word brokers
    use too ("Partner of US Life Insurance") is an analyst when they never
    speak in the prepared remarks and the operator hands them the line with
    a firm ("Erik Bass of Autonomous Research")."""
    turns = call.turns
    prepared = {t.speaker.key for t in turns if t.section == "prepared"}
    for sp in call.speakers:
        if sp.role != "executive" or sp.key in prepared or not sp.title:
            continue
        if _STRONG_EXECUTIVE.search(sp.title):
            continue
        for t in turns:
            if t.speaker is not sp:
                continue
            op = _previous_operator_turn(turns, t.index)
            if op is None:
                continue
            intro = call.text[op.start : op.end]
            if _mentions(intro, sp.name) and firm_from_intro(intro, sp.name):
                sp.role = "analyst"
                break


def _exchanges(turns: list[Turn], qa: int | None) -> list[Exchange]:
    if qa is None:
        return []
    out: list[Exchange] = []
    current: Speaker | None = None
    for t in turns[qa:]:
        if t.speaker.role == "analyst" and t.speaker is not current:
            current = t.speaker
            out.append(Exchange(analyst=t.speaker, first_turn=t.index, end_turn=t.index + 1))
        elif out and current is not None:
            out[-1].end_turn = t.index + 1
    for ex in out:
        # The operator closing the Q&A and the closing remarks that follow it
        # are nobody's answer: an exchange stops at an operator turn that
        # does not hand the line back to the same analyst.
        for i in range(ex.first_turn + 1, ex.end_turn):
            if turns[i].speaker.role != "operator":
                continue
            nxt = turns[i + 1] if i + 1 < len(turns) else None
            if nxt is None or nxt.speaker is not ex.analyst:
                ex.end_turn = i
                break
        while ex.end_turn - 1 > ex.first_turn and turns[ex.end_turn - 1].speaker.role == "operator":
            ex.end_turn -= 1
    return out
