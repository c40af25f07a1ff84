"""Drafters: what turns an incident and its facts into an unverified ``Postmortem``.

The offline drafter writes every section from the facts in code; the model drafter asks
a provider for the prose and checks each answer as it comes. Whichever drafts, the
draft is verified and linted once afterwards (``pir_ai.draft._validate``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pir_ai.draft._config import DraftConfig
from pir_ai.draft._model import adraft_with_model
from pir_ai.draft._offline.engine import draft_offline
from pir_ai.draft._prompts import load_prompts
from pir_ai.draft._redaction import redaction_hooks, should_redact, unredacted
from pir_ai.errors import ConfigError
from pir_ai.events import Incident
from pir_ai.facts import Facts
from pir_ai.postmortem import Postmortem
from pir_ai.providers import Provider, get_provider

OFFLINE = "offline"


@runtime_checkable
class Drafter(Protocol):
    """Turns an incident and its computed facts into a draft (verification comes after)."""

    @property
    def name(self) -> str:
        """What drafted, for messages and the draft's metadata."""
        ...

    async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
        """The draft of ``incident``; findings left by drafting are kept on it."""
        ...


class OfflineDrafter:
    """Drafts without a model: every section from the facts, or a question for the review."""

    name = OFFLINE

    def __repr__(self) -> str:
        return "OfflineDrafter()"

    async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
        """The offline draft; nothing leaves the machine."""
        config.report(OFFLINE, 0, 1)
        draft = draft_offline(incident, facts)
        config.report(OFFLINE, 1, 1)
        return draft


class ModelDrafter:
    """Drafts the prose with ``provider``; times, figures and the timeline stay computed.

    With redaction on (see ``DraftConfig.redact``) the model reads only a redacted copy of
    the incident, and the returned draft is unmasked.
    """

    def __init__(self, provider: Provider) -> None:
        self.provider = provider

    @property
    def name(self) -> str:
        """``provider:model``."""
        return f"{self.provider.name}:{self.provider.model}"

    def __repr__(self) -> str:
        return f"ModelDrafter({self.provider!r})"

    async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
        """The model's draft, each answer verified (and re-asked) as it comes."""
        hooks, session = config.hooks, None
        if should_redact(self.provider, config.redact, config.redaction):
            session = redaction_hooks(incident, config.redaction, hooks)
            hooks = session.hooks
        draft = await adraft_with_model(
            incident if session is None else session.incident,
            self.provider,
            prompts=load_prompts(config.prompts, overrides=config.instructions),
            hooks=hooks,
            concurrency=config.concurrency,
            progress=config.progress,
            context_tokens=config.context_tokens,
            max_output_tokens=config.max_output_tokens,
        )
        return unredacted(draft) if session is None else session.finish(draft)


def drafter_for(config: DraftConfig) -> Drafter:
    """The drafter ``config.provider`` names: offline, or a model provider."""
    spec = config.provider
    if spec == OFFLINE:
        if config.provider_options:
            raise ConfigError(f"offline takes no options, found {sorted(config.provider_options)}")
        return OfflineDrafter()
    if isinstance(spec, str):
        spec = get_provider(spec, **config.provider_options)
    return ModelDrafter(spec)
