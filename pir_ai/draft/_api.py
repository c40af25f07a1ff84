"""``draft_postmortem``: files (or an ``Incident``) in, a verified ``Postmortem`` out.

The pipeline: ingest, compute the facts, draft (offline by default), verify and lint once.
The async function is the one definition; the sync twin is made from it.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, Unpack

from pir_ai.draft._config import DraftConfig, DraftOptions
from pir_ai.draft._drafters import Drafter, drafter_for
from pir_ai.draft._validate import verified
from pir_ai.events import Incident
from pir_ai.facts import compute_facts
from pir_ai.ingest import load_incident
from pir_ai.postmortem import Postmortem

Sources = str | Path | Iterable[str | Path] | Incident
"""Files and folders an incident left behind, or an already loaded ``Incident``."""

_P = ParamSpec("_P")
_T = TypeVar("_T")


async def adraft_postmortem(
    sources: Sources,
    *,
    drafter: Drafter | None = None,
    config: DraftConfig | None = None,
    **overrides: Unpack[DraftOptions],
) -> Postmortem:
    """Draft a blameless postmortem from an incident's files.

    Args:
        sources: files and folders the incident left behind, or a loaded ``Incident``.
        drafter: what drafts; by default the one ``config.provider`` names (the
            ``OfflineDrafter`` unless a model provider is configured).
        config: the settings to draft with (provider, prompts, redaction, limits,
            progress); see ``DraftConfig``.
        **overrides: any ``DraftConfig`` field, applied over ``config``.

    Returns:
        The draft, with findings for human review attached.

    Raises:
        SourceError: an input could not be read. ProviderError: the model failed.
        ConfigError: an unknown provider, prompt set or section.
    """
    settings = (config or DraftConfig()).replace(**overrides)
    incident = _incident(sources, settings)
    chosen = drafter if drafter is not None else drafter_for(settings)
    draft = await chosen.adraft(incident, compute_facts(incident), settings)
    return verified(draft, incident, settings)


def _incident(sources: Sources, settings: DraftConfig) -> Incident:
    if isinstance(sources, Incident):
        return sources
    return load_incident(
        sources, tz=settings.tz, meeting_start=settings.meeting_start, strict=settings.strict
    )


def _synchronous(function: Callable[_P, Coroutine[Any, Any, _T]]) -> Callable[_P, _T]:
    """The blocking twin of ``function``: same parameters, same docstring.

    Inside a running event loop (a notebook) the coroutine runs on a worker thread's loop.
    """

    @functools.wraps(function)
    def blocking(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(function(*args, **kwargs))
        with ThreadPoolExecutor(max_workers=1) as worker:
            return worker.submit(asyncio.run, function(*args, **kwargs)).result()

    return blocking


draft_postmortem = _synchronous(adraft_postmortem)
draft_postmortem.__name__ = draft_postmortem.__qualname__ = "draft_postmortem"
