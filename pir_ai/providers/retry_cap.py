"""Bound how long the SDKs may sleep on a server's ``Retry-After``.

The SDKs honour ``Retry-After`` (OpenAI up to two minutes, Anthropic without a
limit). A wait longer than ``max_retry_wait_s`` would look like a hang, so an
httpx response hook marks such a response ``x-should-retry: false``, a header
both SDKs obey: the call then fails at once with ``RateLimitError`` (or
``ProviderUnavailableError``) carrying the server's wait in ``retry_after``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx2

from pir_ai.providers.sdk_errors import retry_after_seconds

__all__ = ["DEFAULT_MAX_RETRY_WAIT_S", "async_retry_cap_hooks", "retry_cap_hooks"]

DEFAULT_MAX_RETRY_WAIT_S = 60.0
_SHOULD_RETRY = "x-should-retry"


def _refuse_long_waits(response: httpx2.Response, max_wait_s: float) -> None:
    if response.status_code != 429 and response.status_code < 500:
        return
    wait = retry_after_seconds(response.headers)
    if wait is not None and wait > max_wait_s:
        response.headers[_SHOULD_RETRY] = "false"


def retry_cap_hooks(max_wait_s: float) -> dict[str, list[Callable[[httpx2.Response], None]]]:
    """``event_hooks`` for a sync httpx2 client."""

    def hook(response: httpx2.Response) -> None:
        _refuse_long_waits(response, max_wait_s)

    return {"response": [hook]}


def async_retry_cap_hooks(
    max_wait_s: float,
) -> dict[str, list[Callable[[httpx2.Response], Awaitable[None]]]]:
    """``event_hooks`` for an async httpx2 client."""

    async def hook(response: httpx2.Response) -> None:
        _refuse_long_waits(response, max_wait_s)

    return {"response": [hook]}
