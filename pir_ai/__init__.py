"""pir_ai: turn what an incident left behind into a blameless postmortem draft.

The public API is this module's ``__all__``; everything else may change. The pipeline's
stages are its folders: ``ingest`` -> ``facts`` -> ``draft`` (``redact``, ``budget``,
``providers``) -> ``verify`` and ``lint`` -> ``render`` -> ``export``.
"""

from pir_ai.draft import (
    DraftConfig,
    Drafter,
    DraftHooks,
    DraftOptions,
    ModelDrafter,
    OfflineDrafter,
    Progress,
    Sources,
    adraft_postmortem,
    draft_postmortem,
)
from pir_ai.errors import (
    ConfigError,
    DraftValidationError,
    PirError,
    ProviderError,
    SourceError,
)
from pir_ai.events import Event, EventKind, FileReport, Incident, IngestReport, SourceRef
from pir_ai.facts import Facts, compute_facts
from pir_ai.findings import Category, Finding, Location, Severity
from pir_ai.ingest import load_incident
from pir_ai.lint import (
    LintConfig,
    lint_action_item,
    lint_markdown,
    lint_postmortem,
    lint_text,
)
from pir_ai.postmortem import (
    ActionItem,
    Claim,
    ImpactFigure,
    IncidentMetrics,
    Moment,
    Postmortem,
    TimelineEntry,
)
from pir_ai.providers import Completion, CompletionRequest, Message, Provider, Usage, get_provider
from pir_ai.redact import RedactionConfig
from pir_ai.render import render_markdown

__all__ = [
    "ActionItem",
    "Category",
    "Claim",
    "Completion",
    "CompletionRequest",
    "ConfigError",
    "DraftConfig",
    "DraftHooks",
    "DraftOptions",
    "DraftValidationError",
    "Drafter",
    "Event",
    "EventKind",
    "Facts",
    "FileReport",
    "Finding",
    "ImpactFigure",
    "Incident",
    "IncidentMetrics",
    "IngestReport",
    "LintConfig",
    "Location",
    "Message",
    "ModelDrafter",
    "Moment",
    "OfflineDrafter",
    "PirError",
    "Postmortem",
    "Progress",
    "Provider",
    "ProviderError",
    "RedactionConfig",
    "Severity",
    "SourceError",
    "SourceRef",
    "Sources",
    "TimelineEntry",
    "Usage",
    "adraft_postmortem",
    "compute_facts",
    "draft_postmortem",
    "get_provider",
    "lint_action_item",
    "lint_markdown",
    "lint_postmortem",
    "lint_text",
    "load_incident",
    "render_markdown",
]
