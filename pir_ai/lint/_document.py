"""The document-level view the structure rules read, built from Markdown or a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pir_ai.lint._action_items import ItemInput

SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "overview",
        "tl;dr",
        "tldr",
        "what happened",
        "description",
        "executive summary",
        "incident summary",
        "abstract",
    ),
    "impact": (
        "impact",
        "blast radius",
        "customer impact",
        "user impact",
        "business impact",
        "severity and impact",
    ),
    "timeline": ("timeline", "chronology", "sequence of events", "time line"),
    "causes": (
        "root cause",
        "root causes",
        "contributing factors",
        "contributing factor",
        "causes",
        "cause",
        "rca",
        "trigger",
        "why it happened",
        "analysis",
        "what went wrong",
        "causal analysis",
        "technical analysis",
    ),
    "action_items": (
        "action items",
        "action item",
        "follow-ups",
        "follow ups",
        "followups",
        "follow-up items",
        "remediation",
        "remediations",
        "next steps",
        "corrective actions",
        "action plan",
        "actions",
        "preventive actions",
        "tasks",
        "todo",
        "to do",
        "follow-up actions",
    ),
}
REQUIRED = ("summary", "impact", "timeline", "causes", "action_items")
SECTION_TITLES = {
    "summary": "Summary",
    "impact": "Impact",
    "timeline": "Timeline",
    "causes": "Contributing factors (or Root cause)",
    "action_items": "Action items",
}
_NON_WORD = re.compile(r"[^a-z;\- ]+")


def section_key(title: str) -> str | None:
    """The canonical section a heading names, or None."""
    clean = _NON_WORD.sub(" ", title.lower()).strip()
    clean = re.sub(r"^(?:\d+\s*)", "", clean).strip()
    for key, names in SECTION_KEYS.items():
        for name in names:
            if clean == name or clean.startswith(name + " ") or clean.endswith(" " + name):
                return key
    return None


@dataclass
class Section:
    """A heading and its body: where its title is and whether it says anything.

    The body runs to the next heading of the same or a higher level, so content under a
    subsection makes its parent non-empty.
    """

    title: str
    key: str | None
    start: int
    end: int
    empty: bool


@dataclass
class TimelineRow:
    """One timeline entry's time (None when unreadable) and where it is.

    ``part`` numbers the heading the entry sits under: a timeline split into days under
    subheadings restarts its clock in each, so entries are ordered within one part.
    """

    ts: datetime | None
    start: int
    end: int
    part: int = 0


@dataclass
class DocInput:
    """Everything a structure rule needs: sections, action items, timeline rows."""

    sections: list[Section] = field(default_factory=list)
    items: list[ItemInput] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    from_draft: bool = False

    def has(self, key: str) -> bool:
        """Whether a section with this canonical key exists."""
        return any(s.key == key for s in self.sections)
