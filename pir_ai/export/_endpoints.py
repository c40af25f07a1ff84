"""Where each tracker's requests go: base URL, credentials from the environment, and how
to read the created issue from its answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pir_ai.errors import ConfigError
from pir_ai.export._send import RejectedResponse, TrackerEndpoint, require_env

GITHUB_API_URL = "https://api.github.com"
GITHUB_API_VERSION = "2022-11-28"
LINEAR_API_URL = "https://api.linear.app"


def _github_created(data: Any) -> tuple[str, str | None]:
    if not isinstance(data, dict) or "number" not in data:
        raise RejectedResponse(f"expected an issue number, found {str(data)[:120]}")
    return f"#{data['number']}", data.get("html_url")


def github_endpoint(env: Mapping[str, str]) -> TrackerEndpoint:
    """GitHub from GITHUB_TOKEN; GITHUB_API_URL (set by Actions) points at GitHub Enterprise."""
    token = require_env(env, "GITHUB_TOKEN", "github")
    base = (env.get("GITHUB_API_URL") or GITHUB_API_URL).rstrip("/")
    return TrackerEndpoint(
        tracker="github",
        base_url=base,
        read_created=_github_created,
        auth_hint="Check GITHUB_TOKEN (it needs Issues: write on the repository)",
        headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "X-GitHub-Api-Version": GITHUB_API_VERSION,
        },
    )


def jira_endpoint(env: Mapping[str, str]) -> TrackerEndpoint:
    """Jira Cloud from JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN (basic auth)."""
    base = require_env(env, "JIRA_BASE_URL", "jira").rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ConfigError(
            f"JIRA_BASE_URL: expected a URL like https://your-site.atlassian.net, found {base!r}"
        )
    email = require_env(env, "JIRA_EMAIL", "jira")
    token = require_env(env, "JIRA_API_TOKEN", "jira")

    def read_created(data: Any) -> tuple[str, str | None]:
        if not isinstance(data, dict) or not data.get("key"):
            raise RejectedResponse(f"expected an issue key, found {str(data)[:120]}")
        return str(data["key"]), f"{base}/browse/{data['key']}"

    return TrackerEndpoint(
        tracker="jira",
        base_url=base,
        read_created=read_created,
        auth_hint="Check JIRA_EMAIL and JIRA_API_TOKEN (an Atlassian API token, not a password)",
        headers={"Accept": "application/json"},
        basic_auth=(email, token),
    )


def _linear_created(data: Any) -> tuple[str, str | None]:
    # GraphQL reports failures inside a 200 answer.
    if not isinstance(data, dict):
        raise RejectedResponse(f"expected a GraphQL answer, found {str(data)[:120]}")
    if data.get("errors"):
        messages = [str(e.get("message", e)) for e in data["errors"] if isinstance(e, dict)]
        raise RejectedResponse("; ".join(messages) or str(data["errors"])[:200])
    created = (data.get("data") or {}).get("issueCreate") or {}
    issue = created.get("issue") or {}
    if not created.get("success") or not issue.get("identifier"):
        raise RejectedResponse(f"issueCreate did not succeed: {str(created)[:120]}")
    return str(issue["identifier"]), issue.get("url")


def linear_endpoint(env: Mapping[str, str]) -> TrackerEndpoint:
    """Linear from LINEAR_API_KEY, sent as the Authorization header as Linear asks."""
    key = require_env(env, "LINEAR_API_KEY", "linear")
    return TrackerEndpoint(
        tracker="linear",
        base_url=LINEAR_API_URL,
        read_created=_linear_created,
        auth_hint="Check LINEAR_API_KEY (a personal API key from Linear's security settings)",
        headers={"Authorization": key, "Content-Type": "application/json"},
    )
