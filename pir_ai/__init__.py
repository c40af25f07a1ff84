"""pir_ai: turn what an incident left behind into a blameless postmortem draft.

The public API is this module's ``__all__``; everything else may change.
"""

from pir_ai.drafting import adraft_postmortem, draft_postmortem
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
from pir_ai.lint import lint_action_item, lint_markdown, lint_postmortem, lint_text
from pir_ai.postmortem import ActionItem, Claim, Postmortem, TimelineEntry
from pir_ai.providers import Provider, get_provider

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
    "Provider",
    "ProviderError",
    "Severity",
    "SourceError",
    "SourceRef",
    "TimelineEntry",
    "adraft_postmortem",
    "draft_postmortem",
    "get_provider",
    "lint_action_item",
    "lint_markdown",
    "lint_postmortem",
    "lint_text",
    "load_incident",
]
