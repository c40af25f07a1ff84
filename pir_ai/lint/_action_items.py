"""Action-item field rules: one named owner, a real date, a priority.

Field checks carry almost no false-positive risk, so the owner and deadline rules are
errors by default (LINT.md §3.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil import parser as dateparser

from pir_ai.findings import Category, Severity
from pir_ai.lint._context import LintContext
from pir_ai.lint._registry import Hit, Kind, rule

_I = re.IGNORECASE


@dataclass(frozen=True)
class ItemInput:
    """One action item as the rules see it, from a ``Postmortem`` or a Markdown table/list."""

    text: str
    owner: str | None = None
    due: str | date | None = None
    priority: str | None = None
    outcome: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Offsets of ``owner``/``due``/``priority`` in the document, when read from Markdown."""


def _item(example: str | dict[str, str]) -> ItemInput:
    if isinstance(example, str):
        return ItemInput(text=example)
    return ItemInput(
        text=example["text"],
        owner=example.get("owner"),
        due=example.get("due"),
        priority=example.get("priority"),
    )


_GOOD = {"owner": "Priya Raman", "due": "2025-06-13", "priority": "P1"}
_TEXT = "Add a consumer-lag alert at >10k messages for 5 min on the events topic."
_UNSET = re.compile(
    r"^\s*(?:|tbd|tbc|\?+|n/?a|none|null|unassigned|unknown|-+|—|pending|owner)\s*$", _I
)


@rule(
    "PIR302",
    Category.ACTION_ITEM,
    Severity.ERROR,
    Kind.ITEM,
    message="Action item has no owner.",
    suggestion="Assign a single named owner (e.g. @handle); the team can be a separate field.",
    fails=(
        {"text": _TEXT, "owner": "TBD", "due": "2025-06-13", "priority": "P1"},
        {"text": _TEXT, "due": "2025-06-13", "priority": "P1"},
    ),
    passes=({"text": _TEXT, **_GOOD},),
)
def missing_owner(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """An action item with no owner: empty, "TBD", "?", "n/a", "unassigned".

    What it catches: a missing or placeholder owner.
    Why: SMART's "assignable": an item nobody owns is an item nobody does.
    Example: owner: "TBD"
    Rewrite: owner: "Priya Raman" (team: Platform)
    """
    if item.owner is None or _UNSET.match(item.owner):
        yield Hit(field="owner")


_GROUP = re.compile(
    r"\b(?:team|teams|squad|guild|group|everyone|everybody|all|we|us|engineering|sre|ops|devops"
    r"|on-?call|oncall|platform|security|qa|infra|infrastructure|eng|dev|devs|support|leadership"
    r"|management)\b|@[\w-]*(?:team|oncall|on-call|sre|ops|eng|squad|group)[\w-]*",
    _I,
)


@rule(
    "PIR303",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Owner '{m}' is a group, not a person.",
    suggestion="Name one directly responsible person; keep the team as a separate field: "
    "'Owner: Priya Raman; team: Platform.'",
    fails=(
        {"text": _TEXT, "owner": "Platform team", "due": "2025-06-13", "priority": "P1"},
        {"text": _TEXT, "owner": "SRE", "due": "2025-06-13", "priority": "P1"},
        {"text": _TEXT, "owner": "@payments-oncall", "due": "2025-06-13", "priority": "P1"},
    ),
    passes=(
        {"text": _TEXT, **_GOOD},
        {"text": _TEXT, "owner": "@priya", "due": "2025-06-13", "priority": "P1"},
    ),
)
def group_owner(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """The owner is a team, a role, an alias, "we" or "everyone".

    What it catches: owners such as "Platform team", "SRE", "everyone", "@x-oncall".
    Why: the SRE workbook: "It's better to have a single owner and multiple collaborators".
    A roster name is never a group, even when it contains "team".
    Example: owner: "Platform team"
    Rewrite: owner: "Priya Raman"; team: Platform
    """
    owner = (item.owner or "").strip()
    if not owner or _UNSET.match(owner):
        return
    if owner.lower().lstrip("@") in ctx.detector.roster:
        return
    if _GROUP.search(owner):
        yield Hit(field="owner")


_SEPARATORS = re.compile(r"\s*(?:,|/|&|\+|;|\band\b)\s*", _I)


@rule(
    "PIR304",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Action item has several owners ('{m}').",
    suggestion="Keep one directly responsible owner and list the others as collaborators.",
    fails=(
        {"text": _TEXT, "owner": "Hugo, Ines", "due": "2025-06-13", "priority": "P1"},
        {"text": _TEXT, "owner": "@hugo and @ines", "due": "2025-06-13", "priority": "P1"},
    ),
    passes=({"text": _TEXT, **_GOOD},),
)
def multiple_owners(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """More than one person in the owner field.

    What it catches: "Hugo, Ines", "@a / @b", "Hugo and Ines".
    Why: shared ownership dilutes it; the SRE workbook asks for one owner and collaborators.
    Example: owner: "Hugo, Ines"
    Rewrite: owner: "Hugo"; collaborators: Ines
    """
    owner = (item.owner or "").strip()
    if owner and not _UNSET.match(owner):
        parts = [p for p in _SEPARATORS.split(owner) if p.strip()]
        if len(parts) > 1 and owner.lower() not in ctx.detector.roster:
            yield Hit(field="owner")


_QUARTER_WITH_YEAR = re.compile(
    r"\b(?:q[1-4]|h[12])\s*[-/ ]?\s*(?:fy)?(?:20)?\d{2}\b|\b20\d\d\s*[-/ ]?\s*(?:q[1-4]|h[12])\b",
    _I,
)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def parse_due(value: str | date | None) -> date | None:
    """The deadline as a date, or None when it is missing or not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip()
    if not text or not _HAS_YEAR.search(text):
        return None  # "ASAP", "Q2", "next sprint", "March 28" (which year?)
    if _QUARTER_WITH_YEAR.search(text):
        return date(int(_HAS_YEAR.findall(text)[0]), 12, 31)
    try:
        return dateparser.parse(text, fuzzy=False, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


@rule(
    "PIR305",
    Category.ACTION_ITEM,
    Severity.ERROR,
    Kind.ITEM,
    message="Action item deadline '{m}' is not a date.",
    suggestion="Set a calendar date, e.g. 'due: 2025-06-13' (15 days after a Sev-1 by policy).",
    fails=(
        {"text": _TEXT, "owner": "Priya", "due": "ASAP", "priority": "P1"},
        {"text": _TEXT, "owner": "Priya", "due": "Q2", "priority": "P1"},
        {"text": _TEXT, "owner": "Priya", "priority": "P1"},
    ),
    passes=(
        {"text": _TEXT, **_GOOD},
        {"text": _TEXT, "owner": "Priya", "due": "March 28, 2025", "priority": "P1"},
        {"text": _TEXT, "owner": "Priya", "due": "end of Q2 2025", "priority": "P1"},
    ),
)
def missing_deadline(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """No deadline, or one that is not a date: "ASAP", "soon", "Q2", "next sprint".

    What it catches: missing due dates and non-dates; a quarter with a year is accepted.
    Why: SMART's "time-related"; PagerDuty sets 15 days for Sev-1 items, 30 for Sev-2.
    Example: due: "ASAP"
    Rewrite: due: "2025-06-13"
    """
    if parse_due(item.due) is None:
        missing = item.due is None or not str(item.due).strip()
        yield Hit(
            field="due",
            message="Action item has no deadline." if missing else None,
        )


_PRIORITY = re.compile(
    r"^\s*(?:p[0-4]|sev[- ]?[0-4]|must[- ]fix|should[- ]fix|nice[- ]to[- ]have|critical|high"
    r"|medium|low|urgent|blocker|major|minor)\b",
    _I,
)


@rule(
    "PIR309",
    Category.ACTION_ITEM,
    Severity.SUGGESTION,
    Kind.ITEM,
    message="Action item has no priority.",
    suggestion="Set a priority: Must-fix / Should-fix / Nice-to-have, or P0–P2.",
    fails=(
        {"text": _TEXT, "owner": "Priya", "due": "2025-06-13"},
        {"text": _TEXT, "owner": "Priya", "due": "2025-06-13", "priority": "soonish"},
    ),
    passes=(
        {"text": _TEXT, **_GOOD},
        {"text": _TEXT, "owner": "Priya", "due": "2025-06-13", "priority": "Must-fix"},
    ),
)
def missing_priority(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """No priority, or one that is not on a known scale.

    What it catches: items without Must-fix / Should-fix / Nice-to-have or P0–P4.
    Why: the SRE workbook's bad example had no priorities, so nothing got done first.
    Example: priority: (empty)
    Rewrite: priority: Must-fix
    """
    if not item.priority or not _PRIORITY.match(item.priority):
        yield Hit(field="priority")


def item_example(example: str | dict[str, str]) -> ItemInput:
    """Build the ``ItemInput`` of a registry example."""
    return _item(example)
