"""Jira Cloud: ``POST /rest/api/3/issue`` bodies, description in Atlassian Document Format.

Fields set: ``project`` (by key), ``issuetype`` (by name), ``summary``,
``description`` (ADF), ``labels``, ``priority`` (by name), ``duedate``
("YYYY-MM-DD") and ``assignee`` (by ``accountId``, only when the owners map
names one: Jira Cloud no longer takes user names).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pir_ai.errors import ConfigError
from pir_ai.postmortem import Postmortem, Priority
from pir_ai.render._issue import (
    DEFAULT_LABELS,
    IssueRequest,
    ItemFacts,
    TrackerExport,
    assignee_for,
    describe_items,
)

CREATE_ISSUE_PATH = "/rest/api/3/issue"
DEFAULT_JIRA_PRIORITIES: dict[Priority, str] = {
    Priority.MUST_FIX: "High",
    Priority.SHOULD_FIX: "Medium",
    Priority.NICE_TO_HAVE: "Low",
}

Node = dict[str, Any]


def _text(value: str, *marks: str) -> Node:
    node: Node = {"type": "text", "text": value}
    if marks:
        node["marks"] = [{"type": m} for m in marks]
    return node


def _paragraph(*content: Node) -> Node:
    return {"type": "paragraph", "content": list(content)}


def adf_description(facts: ItemFacts) -> Node:
    """The item as an ADF document: one paragraph per fact, then the link-back line."""
    paragraphs = [
        _paragraph(_text(f"{label}: ", "strong"), _text(value)) for label, value in facts.facts
    ]
    evidence: list[Node] = [_text("Evidence: ", "strong")]
    for n, event_id in enumerate(facts.evidence):
        evidence += [_text(", ")] if n else []
        evidence.append(_text(event_id, "code"))
    if not facts.evidence:
        evidence.append(_text("none cited"))
    paragraphs.append(_paragraph(*evidence))
    paragraphs.append(_paragraph(_text(facts.link_back)))
    paragraphs.append(_paragraph(_text("Exported by pir-ai as item "), _text(facts.key, "code")))
    return {"type": "doc", "version": 1, "content": paragraphs}


def _check_labels(labels: Sequence[str]) -> list[str]:
    for label in labels:
        if not label or any(c.isspace() for c in label):
            raise ConfigError(f"Jira label {label!r}: Jira labels cannot be empty or hold spaces")
    return list(labels)


def build_jira_issues(
    pm: Postmortem,
    *,
    project: str,
    issue_type: str = "Task",
    labels: Sequence[str] = DEFAULT_LABELS,
    priorities: Mapping[Priority, str] = DEFAULT_JIRA_PRIORITIES,
    account_ids: Mapping[str, str] | None = None,
) -> TrackerExport:
    """One create-issue body per action item, for the Jira project with key ``project``.

    ``account_ids`` maps owner names to Atlassian account ids; an owner not in it is
    exported unassigned with a warning. Items without a priority leave Jira's default.
    """
    if not project.strip():
        raise ConfigError("Jira export needs a project key, e.g. --project OPS")
    checked_labels = _check_labels(labels)
    requests = []
    for facts in describe_items(pm):
        fields: Node = {
            "project": {"key": project},
            "issuetype": {"name": issue_type},
            "summary": facts.title,
            "description": adf_description(facts),
            "labels": checked_labels,
        }
        item = facts.item
        if item.priority is not None and item.priority in priorities:
            fields["priority"] = {"name": priorities[item.priority]}
        if item.due is not None:
            fields["duedate"] = item.due.isoformat()
        account_id, unmapped = assignee_for(facts, "jira", account_ids or {})
        if account_id is not None:
            fields["assignee"] = {"accountId": account_id}
        requests.append(
            IssueRequest(
                tracker="jira",
                item=facts.key,
                index=facts.index,
                title=facts.title,
                path=CREATE_ISSUE_PATH,
                body={"fields": fields},
                warnings=[*facts.warnings, *unmapped],
            )
        )
    return TrackerExport(tracker="jira", requests=requests)
