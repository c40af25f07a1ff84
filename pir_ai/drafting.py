"""Orchestration: incident in, validated ``Postmortem`` out.

The offline engine is the default and needs no model. Model providers plug in
through ``pir_ai.providers``; whatever drafts, the same validation pass runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path

from pir_ai.events import Incident
from pir_ai.ingest.load import load_incident
from pir_ai.offline.engine import draft_offline
from pir_ai.postmortem import Postmortem
from pir_ai.validate import validate_postmortem


def draft_postmortem(
    paths: str | Path | Iterable[str | Path] | Incident,
    *,
    provider: str = "offline",
    tz: tzinfo | None = None,
    meeting_start: datetime | None = None,
    strict: bool = False,
) -> Postmortem:
    """Draft a blameless postmortem from an incident's files.

    Args:
        paths: files and folders the incident left behind, or an already loaded ``Incident``.
        provider: ``"offline"`` (default, no model) or a provider string such as
            ``"openai:gpt-4.1-mini"``.
        tz: zone for naive timestamps in the sources.
        meeting_start: wall-clock start of a recorded call, for transcript offsets.
        strict: fail on any unreadable record instead of skipping it.

    Returns:
        The draft, with findings for human review attached.
    """
    incident = (
        paths
        if isinstance(paths, Incident)
        else load_incident(paths, tz=tz, meeting_start=meeting_start, strict=strict)
    )
    if provider != "offline":
        from pir_ai.errors import ConfigError

        raise ConfigError(f"provider {provider!r} is not available yet; use 'offline'")
    draft = draft_offline(incident)
    return validate_postmortem(draft, incident)
