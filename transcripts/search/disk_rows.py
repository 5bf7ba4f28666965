"""What the on-disk index stores of each sentence, worked out apart from
the index itself, so that a big build can do it in worker processes.

A first run over 30,000 calls indexes about 20 million sentences. Most of
the cost of a sentence is Python work: tokenising it, finding its turn,
encoding what its hit shows. Only making the tantivy document and adding
it must happen in the process that holds the index writer. So a sentence
becomes its JSON document here, a string that pickles cheaply to the writer.

A stored hit is ``start, end, sentence, turn, section, name length``
joined by the unit separator, then the speaker's name and the
sentence text run together: measured, that is ten times cheaper to encode
than JSON, and the two free-text parts (which may hold any character) sit
at the end, told apart by the name's length instead of by a separator.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from transcripts.model import Call, Speaker
from transcripts.search.tokens import words

SEP = "\x1f"
WHO_SEP = "\x1f"
"""Between a call's path and a speaker key in the ``who`` field."""


class StoredHit(NamedTuple):
    text: str
    start: int
    end: int
    sentence: int
    turn: int
    speaker: str
    section: str


def as_term(text: str) -> str:
    """``text`` as tantivy can hold it (valid UTF-8): a file name that is not
    UTF-8 (undecodable bytes kept as surrogates) is written as its bytes in
    hex behind a NUL, which no real path starts with."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "\0" + text.encode("utf-8", "surrogateescape").hex()


def from_term(term: str) -> str:
    if term.startswith("\0"):
        return bytes.fromhex(term[1:]).decode("utf-8", "surrogateescape")
    return term


def who_term(path: str, speaker_key: str) -> str:
    return as_term(f"{path}{WHO_SEP}{speaker_key}")


def person_term(speaker: Speaker | None) -> str:
    """The same for every call a speaker of this very description speaks on
    (name, title, role, firm): a people filter that allows a person on a
    thousand calls is one term, not a thousand ``who`` terms."""
    if speaker is None:
        return ""
    described = repr((speaker.name, speaker.title, speaker.role, speaker.firm, speaker.label, speaker.inferred))
    return hashlib.blake2b(described.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def encode_hit(text: str, start: int, end: int, sentence: int, turn: int, speaker: str, section: str) -> bytes:
    head = SEP.join((str(start), str(end), str(sentence), str(turn), section, str(len(speaker))))
    return f"{head}{SEP}{speaker}{text}".encode("utf-8", "surrogatepass")


def decode_hit(raw: bytes) -> StoredHit:
    """The stored hit of a sentence. Its words are not stored: tokenising
    the few hundred sentences a query ranks costs about a millisecond, and
    storing them was a fifth of the cost of adding a sentence to the index
    on a first run."""
    start, end, sentence, turn, section, n, rest = raw.decode("utf-8", "surrogatepass").split(SEP, 6)
    cut = int(n)
    return StoredHit(rest[cut:], int(start), int(end), int(sentence), int(turn), rest[:cut], section)


def sentence_docs(call: Call) -> list[str]:
    """One tantivy document per sentence of ``call``, in order, as the JSON
    ``IndexWriter.add_json`` reads: the cheapest form to make, to send
    from a worker (a string pickles at once) and to add (tantivy parses
    it in Rust). The stored hit is base64, as tantivy's JSON wants bytes.

    Written by hand, not by ``json.dumps``: the words are letters, digits
    and ``'.,`` only, the section and numbers need no escaping, and the
    path and speaker are escaped once per call and per turn."""
    text = call.text
    path_json = json.dumps(as_term(call.path))
    starts, ends, turns = call.sentence_starts, call.sentence_ends, call.turns
    docs: list[str] = []
    turn_no, turn_end = 0, turns[0].end_sentence if turns else 0
    made: dict[tuple[int, str], tuple[str, str, str]] = {}

    def said_by(turn) -> tuple[str, str, str]:
        """The speaker's name, the section, and the turn's part of the JSON:
        worked out once per speaker and section (a call has about a hundred
        turns by a dozen speakers)."""
        if turn is None:
            return "", "prepared", f'"who":{json.dumps(who_term(call.path, ""))},"section":"prepared","role":"","person":""'
        sp = turn.speaker
        key = (id(sp), turn.section)
        got = made.get(key)
        if got is None:
            got = made[key] = (sp.name, turn.section, (
                f'"who":{json.dumps(who_term(call.path, sp.key))},"section":"{turn.section}",'
                f'"role":{json.dumps(sp.role)},"person":"{person_term(sp)}"'))
        return got

    name, section, said = said_by(turns[0] if turns else None)
    b64, append = base64.b64encode, docs.append
    for local in range(len(starts)):
        while local >= turn_end and turn_no < len(turns):  # sentences come in turn order: walk, not bisect
            turn_no += 1
            if turn_no < len(turns):
                turn_end = turns[turn_no].end_sentence
                name, section, said = said_by(turns[turn_no])
            else:
                name, section, said = said_by(None)
        s, e = starts[local], ends[local]
        sentence = text[s:e]
        joined = " ".join(words(sentence))
        hit = b64(encode_hit(sentence, s, e, local, turn_no, name, section)).decode("ascii")
        append(f'{{"words":"{joined}","path":{path_json},{said},'
               f'"sentence":{local},"start":{s},"end":{e},"hit":"{hit}"}}')
    return docs


def doc_words(docs: list[str]) -> set[str]:
    """The words of documents ``sentence_docs`` made (its first field,
    which holds no quote or backslash)."""
    start = len('{"words":"')
    out: set[str] = set()
    for doc in docs:
        out.update(doc[start: doc.index('"', start)].split())
    return out


def docs_of_files(files: list[tuple[str, str]]) -> list[tuple[str, str, list[str]] | None]:
    """Runs in a worker: ``(path, sha256)`` of each call to index, read from
    the parsed-call cache (a first run has just put it there). None for a
    call the cache no longer holds: the writer's process opens that one
    itself, and reports whatever is wrong with it."""
    from transcripts import cache

    out: list[tuple[str, str, list[str]] | None] = []
    for path, sha in files:
        call = cache.load_entry(sha, Path(path).name)
        if call is None:
            out.append(None)
            continue
        call.path = path
        out.append((path, sha, sentence_docs(call)))
    return out
