"""The offline engine, seen as a provider.

It drafts whole postmortems from facts, without a model, so it cannot answer a
prompt. Drafting checks ``drafts_without_model`` and calls
``pir_ai.offline.engine.draft_offline`` instead of sending requests.
"""

from __future__ import annotations

from pir_ai.errors import BadRequestError
from pir_ai.providers.base import Completion, CompletionRequest

__all__ = ["OfflineProvider"]


class OfflineProvider:
    """``offline``: no model, nothing leaves the machine."""

    name = "offline"
    remote = False
    drafts_without_model = True

    def __init__(self, model: str = "offline-engine") -> None:
        self.model = model or "offline-engine"

    def __repr__(self) -> str:
        return f"OfflineProvider({self.model})"

    def complete(self, request: CompletionRequest) -> Completion:
        """Always refuses: the offline engine drafts whole postmortems, not prompts."""
        raise BadRequestError(
            "the offline engine drafts whole postmortems from the incident's facts and "
            "does not answer prompts; call draft_postmortem(..., provider='offline') or "
            "choose a model provider",
            provider=self.name,
            model=self.model,
        )

    async def acomplete(self, request: CompletionRequest) -> Completion:
        """Async twin of ``complete``; refuses the same way."""
        return self.complete(request)
