"""Grounding: does a draft say only what its cited events carry?

``verify_draft(draft, events)`` returns PIR1xx findings (unresolved citations, times and
figures no cited event states, uncited claims, links and instructions no trustworthy
source contains). The linter's grounding rules emit them; ``pir_ai.lint`` holds their
names and severities, so they are written once.
"""

from pir_ai.verify._draft import SourceIndex, verify_checked, verify_draft
from pir_ai.verify._scan import find_numbers, find_times
from pir_ai.verify._texts import Checked, checked_texts

__all__ = [
    "Checked",
    "SourceIndex",
    "checked_texts",
    "find_numbers",
    "find_times",
    "verify_checked",
    "verify_draft",
]
