"""Structure rules: the sections a postmortem needs, filled and in order."""

from __future__ import annotations

from collections.abc import Iterator

from pir_ai.findings import Category, Severity
from pir_ai.lint._context import LintContext
from pir_ai.lint._document import REQUIRED, SECTION_TITLES, DocInput
from pir_ai.lint._registry import Hit, Kind, rule

_FULL = """# Checkout outage
## Summary
Checkout returned errors for 41 minutes.
## Impact
12,400 orders failed.
## Timeline
| Time (UTC) | Event |
|---|---|
| 14:02 | Error rate alert fired. |
| 14:43 | Rollback completed. |
## Contributing factors
The canary stage was optional.
## Action items
| Action | Owner | Due | Priority |
|---|---|---|---|
| Make the canary stage mandatory for checkout-api. | Priya | 2025-06-13 | P1 |
"""


@rule(
    "PIR001",
    Category.STRUCTURE,
    Severity.WARNING,
    Kind.DOCUMENT,
    message="The postmortem has no {m} section.",
    suggestion="Add the section; a reader needs summary, impact, timeline, contributing "
    "factors and action items.",
    fails=(
        _FULL.replace("## Impact\n12,400 orders failed.\n", ""),
        _FULL.split("## Action items")[0],
    ),
    passes=(_FULL,),
)
def missing_section(doc: DocInput, ctx: LintContext) -> Iterator[Hit]:
    """A required section is missing: summary, impact, timeline, causes, action items.

    What it catches: no heading (or, in a draft, no content) for one of the five sections.
    Synonyms count: "Overview", "Contributing factors", "Follow-ups"...
    Why: Google's and PagerDuty's templates agree on these five; without them the review
    has nothing to check.
    Example: a document with Summary and Timeline only.
    Rewrite: add "## Impact", "## Contributing factors", "## Action items".
    """
    for key in REQUIRED:
        if not doc.has(key):
            yield Hit(message=f"The postmortem has no {SECTION_TITLES[key]} section.", field=key)


@rule(
    "PIR002",
    Category.STRUCTURE,
    Severity.WARNING,
    Kind.DOCUMENT,
    message="Section '{m}' is empty.",
    suggestion="Fill the section, or write what is unknown and who will find out.",
    fails=(
        _FULL.replace("The canary stage was optional.\n", ""),
        _FULL.replace("The canary stage was optional.\n", "### Details\n"),
    ),
    passes=(_FULL, _FULL.replace("## Timeline\n", "## Timeline\n### Day one\n")),
)
def empty_section(doc: DocInput, ctx: LintContext) -> Iterator[Hit]:
    """A section heading with nothing under it.

    What it catches: a heading followed directly by the next heading of its level or
    higher, or the end; content under its subsections (text, a list, a table) counts.
    Why: an empty "Contributing factors" reads as "none", which is never true.
    Example: "## Contributing factors" then "## Action items".
    Rewrite: "## Contributing factors\\nUnknown yet; Priya will confirm with the DB team."
    """
    for section in doc.sections:
        if section.empty and section.key is not None:
            yield Hit(section.start, section.end, message=f"Section '{section.title}' is empty.")


@rule(
    "PIR003",
    Category.STRUCTURE,
    Severity.SUGGESTION,
    Kind.DOCUMENT,
    message="All {m} action items share one priority.",
    suggestion="Rank the items: at least one Must-fix, and say what can wait.",
    fails=(
        _FULL.replace(
            "| P1 |",
            "| P1 |\n| Add a lag alert at >10k for 5 min. | Hugo | "
            "2025-06-20 | P1 |\n| Remove the /v1/export endpoint. | Ines | "
            "2025-06-30 | P1 |",
        ),
    ),
    passes=(
        _FULL,
        _FULL.replace(
            "| P1 |",
            "| P1 |\n| Add a lag alert at >10k for 5 min. | "
            "Hugo | 2025-06-20 | P2 |\n| Remove the /v1/export endpoint."
            " | Ines | 2025-06-30 | P1 |",
        ),
    ),
)
def equal_priorities(doc: DocInput, ctx: LintContext) -> Iterator[Hit]:
    """Three or more action items, all with the same priority.

    What it catches: every item P1, or every item Must-fix.
    Why: the SRE workbook's bad example gave all items equal priority: nothing comes first.
    Example: three items, all "P1".
    Rewrite: one P0/Must-fix, the rest P1/P2 by impact.
    """
    priorities = [(i.priority or "").strip().lower() for i in doc.items]
    if len(priorities) >= 3 and all(priorities) and len(set(priorities)) == 1:
        yield Hit(
            message=f"All {len(priorities)} action items share one priority.", field="action_items"
        )


@rule(
    "PIR004",
    Category.STRUCTURE,
    Severity.WARNING,
    Kind.DOCUMENT,
    message="Timeline entry at {m} is earlier than the entry before it.",
    suggestion="Order the timeline by time; a reader builds the story from its order.",
    fails=(_FULL.replace("| 14:43 | Rollback completed. |", "| 13:43 | Rollback completed. |"),),
    passes=(
        _FULL,
        _FULL.replace(
            "| 14:43 | Rollback completed. |", "\n### Day two\n- 13:43 Rollback completed."
        ),
    ),
)
def timeline_order(doc: DocInput, ctx: LintContext) -> Iterator[Hit]:
    """Timeline rows out of time order.

    What it catches: a row whose time is earlier than the row above (a wrap past midnight
    without dates is allowed); a timeline split into days under subheadings is ordered
    within each day.
    Why: the timeline is read top to bottom; out-of-order rows hide what was known when.
    Example: 14:02, then 13:43.
    Rewrite: sort the rows; give dates when the incident crosses midnight.
    """
    previous = None
    part = None
    for row in doc.timeline:
        if row.ts is None:
            continue
        if row.part != part:
            previous, part = None, row.part
        if previous is not None and row.ts < previous:
            wrapped = previous.hour >= 20 and row.ts.hour < 4 and previous.date() == row.ts.date()
            if not wrapped:
                yield Hit(row.start, row.end)
        previous = row.ts
