"""Reading what an incident left behind: ``load_incident(paths) -> Incident``.

One reader per format, recognised by content (``detect``), each returning typed events
in UTC and an exact account of every record it read or skipped. Readers of other
formats plug in through the ``pir_ai.sources`` entry point: implement ``SourceFormat``
(``sniff`` and ``parse``) and return a ``ParseResult``. ``merge_results`` is the
cross-source step ``load_incident`` ends with (duplicates counted, one name per person,
chat-posted alerts linked, time order), for results of readers called directly.
"""

from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff, SourceFormat
from pir_ai.ingest._load import load_incident, sniff_sample
from pir_ai.ingest._merge import merge_results
from pir_ai.ingest._registry import ENTRY_POINT_GROUP, by_name, detect, formats
from pir_ai.ingest._timeparse import TimestampError, parse_any, parse_epoch, parse_iso

__all__ = [
    "ENTRY_POINT_GROUP",
    "IngestOptions",
    "ParseResult",
    "Sniff",
    "SourceFormat",
    "TimestampError",
    "by_name",
    "detect",
    "formats",
    "load_incident",
    "merge_results",
    "parse_any",
    "parse_epoch",
    "parse_iso",
    "sniff_sample",
]
