"""Linear: the GraphQL ``issueCreate(input: IssueCreateInput!)`` mutation, one per item.

Input fields set: ``teamId``, ``title``, ``description`` (Markdown), ``priority``
(0 none, 1 urgent, 2 high, 3 normal, 4 low), ``dueDate`` ("YYYY-MM-DD", a
TimelessDate) and ``assigneeId`` (a Linear user id, only when the owners map has one).
Labels are not set: Linear takes label ids, not names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pir_ai.errors import ConfigError
from pir_ai.postmortem import Postmortem, Priority
from pir_ai.render._issue import (
    IssueRequest,
    TrackerExport,
    assignee_for,
    describe_items,
    markdown_body,
)

GRAPHQL_PATH = "/graphql"
ISSUE_CREATE = (
    "mutation IssueCreate($input: IssueCreateInput!) { "
    "issueCreate(input: $input) { success issue { id identifier url } } }"
)
# High, Normal, Low: Urgent (1) is left for people to choose.
DEFAULT_LINEAR_PRIORITIES: dict[Priority, int] = {
    Priority.MUST_FIX: 2,
    Priority.SHOULD_FIX: 3,
    Priority.NICE_TO_HAVE: 4,
}


def build_linear_issues(
    pm: Postmortem,
    *,
    team_id: str,
    priorities: Mapping[Priority, int] = DEFAULT_LINEAR_PRIORITIES,
    user_ids: Mapping[str, str] | None = None,
) -> TrackerExport:
    """One ``issueCreate`` request per action item, for the Linear team ``team_id``."""
    if not team_id.strip():
        raise ConfigError("Linear export needs a team id, e.g. --team 9cfb482a-…")
    for level, value in priorities.items():
        if value not in range(5):
            raise ConfigError(f"Linear priority for {level}: expected 0-4, found {value!r}")
    requests = []
    for facts in describe_items(pm):
        issue: dict[str, Any] = {
            "teamId": team_id,
            "title": facts.title,
            "description": markdown_body(facts),
        }
        item = facts.item
        if item.priority is not None and item.priority in priorities:
            issue["priority"] = priorities[item.priority]
        if item.due is not None:
            issue["dueDate"] = item.due.isoformat()
        user_id, unmapped = assignee_for(facts, "linear", user_ids or {})
        if user_id is not None:
            issue["assigneeId"] = user_id
        requests.append(
            IssueRequest(
                tracker="linear",
                item=facts.key,
                index=facts.index,
                title=facts.title,
                path=GRAPHQL_PATH,
                body={"query": ISSUE_CREATE, "variables": {"input": issue}},
                warnings=[*facts.warnings, *unmapped],
            )
        )
    return TrackerExport(tracker="linear", requests=requests)
