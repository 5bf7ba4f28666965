"""The domain of calls: reading transcript files into a faithful model of a
call, the corpus of many calls, speaker identity, and search.

Imports neither Textual nor ``annotations``.
"""

from transcripts.corpus import Corpus, load_corpus, parse_file
from transcripts.model import Call, Exchange, Problem, Sentence, Speaker, Turn
from transcripts.parser import parse_text

__all__ = [
    "Call", "Corpus", "Exchange", "Problem", "Sentence", "Speaker", "Turn",
    "load_corpus", "parse_file", "parse_text",
]
