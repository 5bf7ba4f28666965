"""The domain of calls: reading transcript files into a faithful model of a
call, the corpus of many calls, speaker identity, and search.

Imports neither Textual nor ``annotations``.
"""

from transcripts.corpus import Corpus, load_corpus, parse_file
from transcripts.model import Call, Exchange, Problem, Sentence, Speaker, Turn


def __getattr__(name: str):
    """``parse_text`` on first use: the layouts it reads with are needed
    only by a parse, and a warm command parses nothing."""
    if name == "parse_text":
        from transcripts.parser import parse_text

        return parse_text
    raise AttributeError(f"module 'transcripts' has no attribute {name!r}")

__all__ = [
    "Call", "Corpus", "Exchange", "Problem", "Sentence", "Speaker", "Turn",
    "load_corpus", "parse_file", "parse_text",
]
