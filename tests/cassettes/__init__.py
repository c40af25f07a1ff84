"""Hand-written vcrpy cassettes in each vendor's wire format, and how tests replay them.

Every cassette replays with ``record_mode="none"``: a request that matches no
recorded interaction raises instead of reaching the network. Keys never appear:
``Authorization`` and ``x-api-key`` are filtered and the tests use dummy keys.
Requests match on method and URL, and on the conversation (each message's role
and the start of its text), so a re-ask must send the bad answer and the errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import vcr
from vcr.request import Request

from pir_ai.providers import CompletionRequest, Message

CASSETTES = Path(__file__).parent

SYSTEM = "You draft blameless postmortems. Cite only what the sources say."
USER = (
    "Title and severity for INC-42: checkout returned HTTP 500 from 10:02 to 10:31 UTC "
    "after deploy 8812."
)
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "severity": {"type": "string", "enum": ["SEV1", "SEV2", "SEV3"]},
        "impact": {"type": "string"},
    },
    "required": ["title", "severity"],
}
_COMPARED_CHARS = 45


def incident_request(**changes: Any) -> CompletionRequest:
    """The request every cassette was written for."""
    request = CompletionRequest(
        messages=(Message(role="system", content=SYSTEM), Message(role="user", content=USER)),
        json_schema=SCHEMA,
        max_output_tokens=512,
        timeout_s=30.0,
    )
    return request.model_copy(update=changes)


def _turns(request: Request) -> list[tuple[str, str]]:
    body = json.loads(request.body or b"{}")
    return [(m["role"], str(m["content"])[:_COMPARED_CHARS]) for m in body.get("messages", [])]


def _same_conversation(r1: Request, r2: Request) -> None:
    if _turns(r1) != _turns(r2):
        raise AssertionError(f"{_turns(r1)} != {_turns(r2)}")


def cassette_vcr() -> vcr.VCR:
    """The replay-only VCR all provider tests use."""
    replay = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="none",
        filter_headers=["authorization", "x-api-key", "api-key"],
        match_on=["method", "scheme", "host", "port", "path", "query", "conversation"],
    )
    replay.register_matcher("conversation", _same_conversation)
    return replay


def never_answering_client() -> tuple[httpx2.Client, list[httpx2.Request]]:
    """An httpx2 client whose every request times out (vcrpy cannot replay a timeout)."""
    attempts: list[httpx2.Request] = []

    def time_out(request: httpx2.Request) -> httpx2.Response:
        attempts.append(request)
        raise httpx2.ReadTimeout("read timed out", request=request)

    return httpx2.Client(transport=httpx2.MockTransport(time_out)), attempts
