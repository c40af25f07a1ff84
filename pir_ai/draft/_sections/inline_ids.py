"""Short ids a model wrote into its prose, "(E12)" or "[E3, E7]", lifted into the evidence.

Models asked to cite through an ``evidence`` list still often cite inline as well. Left
in the text, "(E12)" would reach the reader as an id that means nothing outside the
prompt; dropped, the citation would be lost. So a bracketed group made only of short
ids is cut from the text and its ids join the evidence, where they are mapped to event
ids and verified like any other (an id the prompt never showed is reported as PIR101).
A bare "E12" in a sentence is left alone: cutting it would break the sentence.
"""

from __future__ import annotations

import re

_SHORT_ID = r"E\d+"
_GROUP = re.compile(
    rf"\s*[(\[]\s*(?:see\s+|events?\s+)?({_SHORT_ID}(?:\s*(?:,|;|/|&|\band\b)\s*{_SHORT_ID})*)\s*[)\]]",
    re.IGNORECASE,
)
_ID = re.compile(_SHORT_ID, re.IGNORECASE)


def lift_inline_ids(text: str) -> tuple[str, list[str]]:
    """``text`` without bracketed short-id groups, and the ids they held, in order."""
    found: list[str] = []

    def cut(match: re.Match[str]) -> str:
        found.extend(m.group(0).upper() for m in _ID.finditer(match.group(1)))
        return ""

    return _GROUP.sub(cut, text).strip(), found
