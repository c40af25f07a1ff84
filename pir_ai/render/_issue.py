"""What every tracker's issue says about an action item, before any tracker's format.

An action item becomes one issue. Its body states the action, outcome, owner, due
date, priority, type, the factor it addresses, the evidence event ids and the
postmortem it comes from. Missing values are written out ("unassigned") and
reported as warnings: an item is never dropped for lacking an owner or a date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pir_ai.postmortem import ActionItem, Postmortem

TrackerName = Literal["jira", "linear", "github"]
TRACKER_TITLES: dict[TrackerName, str] = {"jira": "Jira", "linear": "Linear", "github": "GitHub"}
DEFAULT_LABELS = ("postmortem", "pir-ai")
# Jira's summary limit; GitHub and Linear accept at least as much.
TITLE_LIMIT = 255
UNASSIGNED = "unassigned (needs an owner)"
UNDATED = "none (needs a due date)"


class IssueRequest(BaseModel):
    """One HTTP request that would create one issue for one action item."""

    model_config = ConfigDict(extra="forbid")

    tracker: TrackerName
    item: str = Field(description="The item's export key, stable across runs: 'pir-3fa2c1d9e0'.")
    index: int = Field(description="1-based position among the draft's action items.")
    title: str
    method: Literal["POST"] = "POST"
    path: str = Field(description="Path under the tracker's API base URL.")
    body: dict[str, Any]
    warnings: list[str] = Field(default_factory=list)


class TrackerExport(BaseModel):
    """Every action item of a draft as requests for one tracker, with what to check first."""

    model_config = ConfigDict(extra="forbid")

    tracker: TrackerName
    requests: list[IssueRequest]

    @property
    def warnings(self) -> list[str]:
        """Every item's warnings, in item order."""
        return [w for r in self.requests for w in r.warnings]


@dataclass(frozen=True)
class ItemFacts:
    """An action item as labelled lines, ready for any tracker's body format."""

    key: str
    index: int
    item: ActionItem
    title: str
    facts: list[tuple[str, str]]
    evidence: list[str]
    link_back: str
    warnings: list[str]

    def warn(self, message: str) -> str:
        """A warning that names this item."""
        return f"action item {self.index} ({self.key}) “{_short(self.title)}”: {message}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def item_key(item: ActionItem) -> str:
    """A key that stays the same while the item's text does: 'pir-' + 10 hex digits."""
    digest = hashlib.sha256(_flat(item.text).casefold().encode("utf-8")).hexdigest()
    return f"pir-{digest[:10]}"


def _title(item: ActionItem, index: int) -> str:
    text = _flat(item.text) or f"Untitled action item {index}"
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"


def _describe(index: int, key: str, item: ActionItem, postmortem_title: str) -> ItemFacts:
    facts = ItemFacts(
        key=key,
        index=index,
        item=item,
        title=_title(item, index),
        facts=[
            ("Action", _flat(item.text) or "not stated"),
            ("Outcome", _flat(item.outcome or "") or "not stated"),
            ("Owner", _flat(item.owner or "") or UNASSIGNED),
            ("Due", item.due.isoformat() if item.due else UNDATED),
            ("Priority", item.priority.value if item.priority else "not set"),
            ("Type", item.type.value if item.type else "not set"),
            ("Addresses", _flat(item.addresses or "") or "not stated"),
        ],
        evidence=list(item.evidence),
        link_back=f"From postmortem: {_flat(postmortem_title)}",
        warnings=[],
    )
    problems = [
        (not _flat(item.text), "no action text; titled by its position"),
        (not _flat(item.owner or ""), "no owner; exported unassigned"),
        (item.due is None, "no due date; exported without one"),
        (
            len(_flat(item.text)) > TITLE_LIMIT,
            f"title cut to {TITLE_LIMIT} characters; the body has it whole",
        ),
    ]
    facts.warnings.extend(facts.warn(message) for found, message in problems if found)
    return facts


def describe_items(pm: Postmortem) -> list[ItemFacts]:
    """Each action item's labelled facts and warnings, in draft order."""
    seen: dict[str, int] = {}
    described = []
    for index, item in enumerate(pm.action_items, 1):
        key = item_key(item)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # the same text twice still makes two issues
            key = f"{key}-{seen[key]}"
        described.append(_describe(index, key, item, pm.title))
    return described


def assignee_for(
    facts: ItemFacts, tracker: TrackerName, ids: Mapping[str, str]
) -> tuple[str | None, list[str]]:
    """The tracker's id for the item's owner, or None with a warning when it is not mapped."""
    owner = _flat(facts.item.owner or "")
    if not owner:
        return None, []  # already warned: no owner at all
    found = ids.get(owner)
    if found is None:
        folded = {name.casefold(): value for name, value in ids.items()}
        found = folded.get(owner.casefold())
    if found is None:
        name = TRACKER_TITLES[tracker]
        return None, [
            facts.warn(f"owner {owner!r} has no {name} id in the owners map; exported unassigned")
        ]
    return found, []


def markdown_body(facts: ItemFacts) -> str:
    """The issue body in Markdown (Linear and GitHub)."""
    evidence = ", ".join(f"`{e}`" for e in facts.evidence) or "none cited"
    lines = [f"- **{label}:** {value}" for label, value in facts.facts]
    lines.append(f"- **Evidence:** {evidence}")
    lines += ["", facts.link_back, "", f"_Exported by pir-ai as item `{facts.key}`._"]
    return "\n".join(lines) + "\n"
