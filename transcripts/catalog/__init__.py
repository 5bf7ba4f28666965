"""The on-disk catalog of calls (issue 14): metadata, speakers and turn
offsets of every transcript in one SQLite file, so a corpus opens, lists and
filters its calls without reading a single call's text.

- ``entry``: ``CallEntry``, the light metadata of a call (same attribute
  names as ``Call``), and the plain record a parse produces for it.
- ``store``: the SQLite file itself (schema, parser fingerprint, damage).
- ``full_calls``: a bounded cache of whole calls opened on demand.
- ``load``: ``load_corpus`` on top of the catalog (resumable, parallel).
"""

from transcripts.catalog.entry import CallEntry, CallRecord, TurnEntry, record_of

__all__ = ["CallEntry", "CallRecord", "TurnEntry", "record_of"]
