"""Post the built requests to a tracker, one issue per action item, and say what happened.

Nothing is retried: creating an issue is not idempotent, and a retry after a lost
answer would file the item twice. Items the caller already exported (their keys in
``exported``) are skipped, so a run that stopped half way can be run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx2
from pydantic import BaseModel, ConfigDict

from pir_ai.errors import ConfigError, TrackerError
from pir_ai.render import IssueRequest, TrackerExport, TrackerName

DEFAULT_TIMEOUT_S = 15.0
USER_AGENT = "pir-ai"


class RejectedResponse(Exception):
    """A tracker answered with success but not with a created issue (e.g. GraphQL errors)."""


@dataclass(frozen=True)
class TrackerEndpoint:
    """How to reach one tracker: base URL, credentials, and how to read a created issue."""

    tracker: TrackerName
    base_url: str
    read_created: Callable[[Any], tuple[str, str | None]]
    auth_hint: str
    headers: Mapping[str, str] = field(default_factory=dict)
    basic_auth: tuple[str, str] | None = None


class SendResult(BaseModel):
    """What became of one action item: created (with its tracker id) or skipped."""

    model_config = ConfigDict(extra="forbid")

    tracker: TrackerName
    item: str
    status: Literal["created", "skipped"]
    external_id: str
    url: str | None = None


def require_env(env: Mapping[str, str], name: str, tracker: str) -> str:
    """An environment variable the sender needs, or a ConfigError naming it."""
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(
            f"{name} is not set: {tracker} needs it to send (a dry run needs no credentials)"
        )
    return value


def open_client(
    endpoint: TrackerEndpoint,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    transport: httpx2.BaseTransport | None = None,
) -> httpx2.Client:
    """An HTTP client for the endpoint; ``transport`` lets tests answer without a network."""
    return httpx2.Client(
        base_url=endpoint.base_url,
        headers={"User-Agent": USER_AGENT, **endpoint.headers},
        auth=httpx2.BasicAuth(*endpoint.basic_auth) if endpoint.basic_auth else None,
        timeout=httpx2.Timeout(timeout, connect=min(timeout, 5.0)),
        transport=transport,
    )


def _server_message(response: httpx2.Response) -> str:
    """The tracker's own words about a failure, short: each tracker names them differently."""
    try:
        data = response.json()
    except ValueError:
        return " ".join(response.text.split())[:300] or response.reason_phrase
    parts: list[str] = []
    if isinstance(data, dict):
        parts += [str(m) for m in data.get("errorMessages") or []]  # Jira
        errors = data.get("errors")
        if isinstance(errors, dict):  # Jira: field -> message
            parts += [f"{k}: {v}" for k, v in errors.items()]
        elif isinstance(errors, list):  # GraphQL (Linear), GitHub validation
            parts += [str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors]
        if data.get("message"):  # GitHub
            parts.insert(0, str(data["message"]))
    return "; ".join(parts)[:300] or response.reason_phrase


def _post(client: httpx2.Client, endpoint: TrackerEndpoint, request: IssueRequest) -> SendResult:
    where = f"action item {request.index} ({request.item}) “{request.title[:60]}”"
    tracker = endpoint.tracker
    try:
        response = client.request(request.method, request.path, json=request.body)
    except httpx2.TimeoutException as err:
        raise TrackerError(
            f"{where}: no answer in time ({err.__class__.__name__}); check the tracker "
            "before running again, the issue may have been created",
            tracker=tracker,
            item=request.item,
        ) from err
    except httpx2.HTTPError as err:
        raise TrackerError(
            f"{where}: request failed: {err}", tracker=tracker, item=request.item
        ) from err
    if response.status_code >= 400:
        message = _server_message(response)
        if response.status_code in (401, 403):
            message = f"{message.rstrip('. ')}. {endpoint.auth_hint}"
        raise TrackerError(
            f"{where}: {message}",
            tracker=tracker,
            item=request.item,
            status=response.status_code,
        )
    try:
        external_id, url = endpoint.read_created(response.json())
    except (ValueError, RejectedResponse, KeyError, TypeError) as err:
        raise TrackerError(
            f"{where}: no issue in the answer: {err}",
            tracker=tracker,
            item=request.item,
            status=response.status_code,
        ) from err
    return SendResult(
        tracker=tracker, item=request.item, status="created", external_id=external_id, url=url
    )


def send_issues(
    export: TrackerExport,
    endpoint: TrackerEndpoint,
    *,
    exported: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    transport: httpx2.BaseTransport | None = None,
) -> Iterator[SendResult]:
    """Create one issue per request, in order, yielding each result as soon as it is known.

    Items whose key is in ``exported`` (item key -> external id) are skipped. The first
    failure raises ``TrackerError`` naming the tracker and the item; the results
    yielded before it stand, so a caller that records them can run again safely.
    """
    if endpoint.tracker != export.tracker:
        raise ConfigError(f"requests for {export.tracker} cannot be sent to {endpoint.tracker}")
    done = dict(exported or {})
    with open_client(endpoint, timeout=timeout, transport=transport) as client:
        for request in export.requests:
            if request.item in done:
                yield SendResult(
                    tracker=export.tracker,
                    item=request.item,
                    status="skipped",
                    external_id=done[request.item],
                )
                continue
            yield _post(client, endpoint, request)
