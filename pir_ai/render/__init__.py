"""Pure renderings of a ``Postmortem``: Markdown, its JSON schema, and tracker payloads.

Nothing here touches the network; ``pir_ai.export`` sends the tracker payloads.
"""

from pir_ai.render._github import build_github_issues
from pir_ai.render._issue import DEFAULT_LABELS, IssueRequest, TrackerExport, TrackerName, item_key
from pir_ai.render._jira import DEFAULT_JIRA_PRIORITIES, build_jira_issues
from pir_ai.render._linear import DEFAULT_LINEAR_PRIORITIES, build_linear_issues
from pir_ai.render._markdown import render_markdown
from pir_ai.render._schema import postmortem_schema

__all__ = [
    "DEFAULT_JIRA_PRIORITIES",
    "DEFAULT_LABELS",
    "DEFAULT_LINEAR_PRIORITIES",
    "IssueRequest",
    "TrackerExport",
    "TrackerName",
    "build_github_issues",
    "build_jira_issues",
    "build_linear_issues",
    "item_key",
    "postmortem_schema",
    "render_markdown",
]
