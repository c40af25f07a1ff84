"""Where redaction meets the drafting pipeline: when it runs, and the two hooks."""

from __future__ import annotations

from pir_ai.events import Incident
from pir_ai.postmortem import Postmortem
from pir_ai.providers.base import Provider
from pir_ai.redact.patterns import RedactionConfig
from pir_ai.redact.redactor import Redactor
from pir_ai.sections.request import DraftHooks

__all__ = ["redaction_hooks", "should_redact"]


def should_redact(
    provider: Provider, redact: bool | None = None, config: RedactionConfig | None = None
) -> bool:
    """The caller's choice, else the config's, else on exactly for remote providers.

    A provider that does not say whether it is remote is treated as remote.
    """
    if redact is not None:
        return redact
    if config is not None and config.enabled is not None:
        return config.enabled
    return bool(getattr(provider, "remote", True))


def redaction_hooks(
    incident: Incident,
    config: RedactionConfig | None = None,
    inner: DraftHooks | None = None,
) -> tuple[Incident, DraftHooks, Redactor]:
    """The redacted incident to draft from, hooks that redact and unmask, and the redactor.

    The model reads only the redacted incident; ``to_prompt`` pseudonymises again whatever
    reaches a prompt (a safety net: it changes nothing already redacted) and hashes it;
    ``to_draft`` unmasks the draft, records the report in ``metadata.redaction`` and
    saves the map when the config names a file.
    """
    redactor = Redactor.for_incident(incident, config)
    redacted = redactor.redact_incident(incident)
    inner = inner or DraftHooks()

    def to_prompt(text: str) -> str:
        # Secrets already went with the incident pass; searching the rendered lines
        # again would take channel ids (long hex) for secrets.
        again = redactor.redact_text(inner.to_prompt(text), count=False, secrets=False)
        return redactor.sent(again)

    def to_draft(draft: Postmortem) -> Postmortem:
        unmasked = redactor.unmask_draft(draft)
        if redactor.config.mapping_path is not None:
            redactor.map.save(redactor.config.mapping_path)
        report = redactor.report().model_dump(mode="json")
        metadata = unmasked.metadata.model_copy(update={"redaction": report})
        return inner.to_draft(unmasked.model_copy(update={"metadata": metadata}))

    return redacted, DraftHooks(to_prompt=to_prompt, to_draft=to_draft), redactor
