"""Drafting: ``draft_postmortem(sources)`` turns an incident into a verified draft.

A ``Drafter`` writes the sections from the incident and its computed facts: the
``OfflineDrafter`` (default, no model) or a ``ModelDrafter`` around any provider.
``DraftConfig`` holds what a draft is made with; every draft is verified and linted once.
"""

from pir_ai.draft._api import Sources, adraft_postmortem, draft_postmortem
from pir_ai.draft._config import DraftConfig, DraftOptions
from pir_ai.draft._drafters import Drafter, ModelDrafter, OfflineDrafter
from pir_ai.draft._prompts import DEFAULT_SET, PromptSet, load_prompts, prompts_root
from pir_ai.draft._sections.request import DraftHooks
from pir_ai.draft._sections.run import Progress

__all__ = [
    "DEFAULT_SET",
    "DraftConfig",
    "DraftHooks",
    "DraftOptions",
    "Drafter",
    "ModelDrafter",
    "OfflineDrafter",
    "Progress",
    "PromptSet",
    "Sources",
    "adraft_postmortem",
    "draft_postmortem",
    "load_prompts",
    "prompts_root",
]
