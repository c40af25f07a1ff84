"""GitHub Issues: ``POST /repos/{owner}/{repo}/issues`` bodies.

Fields set: ``title``, ``body`` (Markdown), ``labels`` and ``assignees`` (logins,
only when the owners map has one). GitHub issues have no priority or due date
field: both are stated in the body, and a priority can also become a label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pir_ai.errors import ConfigError
from pir_ai.postmortem import Postmortem, Priority
from pir_ai.render._issue import (
    DEFAULT_LABELS,
    IssueRequest,
    TrackerExport,
    assignee_for,
    describe_items,
    markdown_body,
)

_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def issues_path(repo: str) -> str:
    """``/repos/{owner}/{repo}/issues`` for ``owner/name``, or a ConfigError."""
    if not _REPO.match(repo):
        raise ConfigError(f"--repo: expected owner/name like octo-org/checkout, found {repo!r}")
    return f"/repos/{repo}/issues"


def build_github_issues(
    pm: Postmortem,
    *,
    repo: str,
    labels: Sequence[str] = DEFAULT_LABELS,
    priority_labels: Mapping[Priority, str] | None = None,
    logins: Mapping[str, str] | None = None,
) -> TrackerExport:
    """One create-issue body per action item, for the repository ``owner/name``.

    ``priority_labels`` adds a label per priority (e.g. Must-fix -> "P1") when given.
    """
    path = issues_path(repo)
    requests = []
    for facts in describe_items(pm):
        item_labels = list(labels)
        priority = facts.item.priority
        if priority is not None and priority_labels and priority in priority_labels:
            item_labels.append(priority_labels[priority])
        body: dict[str, Any] = {
            "title": facts.title,
            "body": markdown_body(facts),
            "labels": item_labels,
        }
        login, unmapped = assignee_for(facts, "github", logins or {})
        if login is not None:
            body["assignees"] = [login]
        requests.append(
            IssueRequest(
                tracker="github",
                item=facts.key,
                index=facts.index,
                title=facts.title,
                path=path,
                body=body,
                warnings=[*facts.warnings, *unmapped],
            )
        )
    return TrackerExport(tracker="github", requests=requests)
