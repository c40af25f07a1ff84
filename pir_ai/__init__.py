"""pir_ai: turn what an incident left behind into a blameless postmortem draft.

The public API is this module's ``__all__``; everything else may change.
"""

from pir_ai.errors import (
    ConfigError,
    DraftValidationError,
    PirError,
    ProviderError,
    SourceError,
)
from pir_ai.events import Event, EventKind, FileReport, Incident, IngestReport, SourceRef
from pir_ai.findings import Category, Finding, Location, Severity
from pir_ai.ingest.load import load_incident
from pir_ai.postmortem import ActionItem, Claim, Postmortem, TimelineEntry

__all__ = [
    "ActionItem",
    "Category",
    "Claim",
    "ConfigError",
    "DraftValidationError",
    "Event",
    "EventKind",
    "FileReport",
    "Finding",
    "Incident",
    "IngestReport",
    "Location",
    "PirError",
    "Postmortem",
    "ProviderError",
    "Severity",
    "SourceError",
    "SourceRef",
    "TimelineEntry",
    "load_incident",
]
