"""Action items as issues in Jira, Linear and GitHub: payloads first, sending on request.

Builders are pure (no network): ``build_jira_issues``, ``build_linear_issues`` and
``build_github_issues`` turn a ``Postmortem`` into a ``TrackerExport`` of requests
with warnings. ``send_issues`` posts them with an endpoint made from the
environment (``jira_endpoint``, ``linear_endpoint``, ``github_endpoint``).
"""

from pir_ai.render.trackers.github import build_github_issues, github_endpoint
from pir_ai.render.trackers.issue import (
    DEFAULT_LABELS,
    IssueRequest,
    TrackerExport,
    TrackerName,
    item_key,
)
from pir_ai.render.trackers.jira import DEFAULT_JIRA_PRIORITIES, build_jira_issues, jira_endpoint
from pir_ai.render.trackers.linear import (
    DEFAULT_LINEAR_PRIORITIES,
    build_linear_issues,
    linear_endpoint,
)
from pir_ai.render.trackers.send import SendResult, TrackerEndpoint, send_issues

__all__ = [
    "DEFAULT_JIRA_PRIORITIES",
    "DEFAULT_LABELS",
    "DEFAULT_LINEAR_PRIORITIES",
    "IssueRequest",
    "SendResult",
    "TrackerEndpoint",
    "TrackerExport",
    "TrackerName",
    "build_github_issues",
    "build_jira_issues",
    "build_linear_issues",
    "github_endpoint",
    "item_key",
    "jira_endpoint",
    "linear_endpoint",
    "send_issues",
]
