"""Owner, due date and priority written inline in an action-item bullet.

Recognises "owner: @priya, due: 2025-06-13, P1", "(Owner: Hugo; Due 2025-06-13)",
"**Owner:** Hugo", "— @priya, by 2025-06-13", and the same on nested sub-bullets.
"""

from __future__ import annotations

import re

from pir_ai.lint._action_items import ItemInput

_I = re.IGNORECASE
_VALUE = r"\**\s*[:=\-–]\s*\**\s*(?P<v>[^,;|()\[\]\n]+?)\s*\**\s*(?=$|[,;|()\[\]\n]|\s+[-–—]\s)"
_OWNER = re.compile(r"\b(?:owner|assignee|assigned\s+to|dri)" + _VALUE, _I | re.M)
_OWNER_HANDLE = re.compile(r"(?:^|[\s(\[,;—–-])(?P<v>@[\w.-]+)")
_DUE = re.compile(r"\b(?:due(?:\s+date)?|deadline|eta|target\s+date)" + _VALUE, _I | re.M)
_DUE_BARE = re.compile(
    r"\b(?:due|by)\s+(?P<v>\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
    _I,
)
_PRIORITY = re.compile(
    r"\bpriority" + _VALUE + r"|(?P<p>\b(?:P[0-4]|must[- ]fix|should[- ]fix|nice[- ]to[- ]have)\b)",
    _I | re.M,
)
_TRAILER = re.compile(r"[\s,;:(\[—–-]+$")


def parse_item_line(block: str, start: int) -> ItemInput:
    """An ``ItemInput`` from a bullet's text (``start`` is its offset in the document)."""
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str | None] = {"owner": None, "due": None, "priority": None}
    cut = len(block)
    for name, patterns in (
        ("owner", (_OWNER, _OWNER_HANDLE)),
        ("due", (_DUE, _DUE_BARE)),
        ("priority", (_PRIORITY,)),
    ):
        for pattern in patterns:
            m = pattern.search(block)
            if not m:
                continue
            group = "v" if m.group("v") is not None else "p" if "p" in m.groupdict() else "v"
            value = m.group(group).strip().strip("*_`")
            values[name] = value
            spans[name] = (start + m.start(group), start + m.end(group))
            cut = min(cut, m.start())
            break
    first_line_end = block.find("\n")
    if first_line_end != -1:
        cut = min(cut, first_line_end)
    text = _TRAILER.sub("", block[:cut]).strip()
    lead = len(block) - len(block.lstrip())
    spans["text"] = (start + lead, start + lead + len(text))
    return ItemInput(
        text=text,
        owner=values["owner"],
        due=values["due"],
        priority=values["priority"],
        spans=spans,
    )
