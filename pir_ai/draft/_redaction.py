"""Where redaction meets the drafting pipeline: when it runs, what the model reads, the way back.

With redaction on, the whole model run happens in pseudonym space: the run reads a
redacted copy of the incident, so prompts, the short-id map and the grounding checks
of each section (and the errors sent back on a re-ask) all use the same pseudonyms,
and nothing real can reach the model through a re-ask either. The finished draft is
unmasked once, after the run, by ``RedactionSession.finish``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pir_ai.draft._sections.request import DraftHooks
from pir_ai.events import Incident
from pir_ai.postmortem import Postmortem
from pir_ai.providers import Provider
from pir_ai.redact import RedactionConfig, RedactionReport, Redactor

__all__ = ["RedactionSession", "redaction_hooks", "should_redact", "unredacted"]


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


@dataclass
class RedactionSession:
    """One redacted draft: the incident the model run reads, its hooks, and ``finish``.

    Attributes:
        incident: the redacted copy of the incident (same ids and times).
        hooks: hooks for the model run. ``to_prompt`` pseudonymises again whatever
            reaches a prompt (a safety net that changes nothing already redacted) and
            hashes it; ``to_draft`` leaves the draft in pseudonym space.
        redactor: the redactor holding the map.
        outer: the caller's own hooks, applied around ours.
    """

    incident: Incident
    hooks: DraftHooks
    redactor: Redactor
    outer: DraftHooks

    def finish(self, draft: Postmortem) -> Postmortem:
        """``draft`` unmasked, with the report in ``metadata.redaction``; saves the map if asked."""
        redactor = self.redactor
        unmasked = redactor.unmask_draft(draft)
        if redactor.config.mapping_path is not None:
            redactor.map.save(redactor.config.mapping_path)
        report = redactor.report().model_dump(mode="json")
        metadata = unmasked.metadata.model_copy(update={"redaction": report})
        return self.outer.to_draft(unmasked.model_copy(update={"metadata": metadata}))


def redaction_hooks(
    incident: Incident,
    config: RedactionConfig | None = None,
    outer: DraftHooks | None = None,
) -> RedactionSession:
    """Redact ``incident`` and make the hooks a model run needs (see ``RedactionSession``)."""
    redactor = Redactor.for_incident(incident, config)
    redacted = redactor.redact_incident(incident)
    outer = outer or DraftHooks()

    def to_prompt(text: str) -> str:
        # Secrets already went with the incident pass; searching the rendered lines
        # again would take channel ids (long hex) for secrets.
        again = redactor.redact_text(outer.to_prompt(text), count=False, secrets=False)
        return redactor.sent(again)

    hooks = DraftHooks(to_prompt=to_prompt)
    return RedactionSession(incident=redacted, hooks=hooks, redactor=redactor, outer=outer)


def unredacted(draft: Postmortem) -> Postmortem:
    """``draft`` with ``metadata.redaction`` saying that the model read the sources as they are."""
    report = RedactionReport(ran=False).model_dump(mode="json")
    return draft.model_copy(
        update={"metadata": draft.metadata.model_copy(update={"redaction": report})}
    )
