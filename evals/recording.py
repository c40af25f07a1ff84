"""Record a model provider's HTTP traffic into vcrpy cassettes, and replay it with no server.

One cassette per provider and dataset: ``evals/cassettes/<provider>/<dataset>.yaml``,
beside ``settings.json``, the options the recording was made with. A replay drafts
with the same options, so it sends the same requests, and vcrpy answers each from the
cassette (``record_mode="none"``): a request with no recorded match raises
``CannotOverwriteExistingCassetteException`` instead of reaching the network.

Requests match on method, path and body. Every request fences the incident data with
a random token made for it (``pir_ai.draft._sections.request.Fence``), so the body matcher
replaces those tokens by a constant first; the rest of the body (messages, schema,
output limit, temperature) must be identical. Matching by body makes replay
independent of the order requests are sent in; recording also drafts one request at
a time so a cassette reads in pipeline order.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pir_ai.errors import ConfigError

CASSETTES = Path(__file__).parent / "cassettes"
SETTINGS_FILE = "settings.json"
FENCE_TOKEN = re.compile(r"<<<(END-)?INCIDENT-DATA [0-9a-f]{16}>>>")
SECRET_HEADERS = ["authorization", "x-api-key", "api-key", "openai-organization", "openai-project"]
RESPONSE_HEADERS_DROPPED = ("set-cookie", "openai-organization", "openai-project")
KEYED_PROVIDERS = {"openai", "azure", "anthropic", "openai-compat"}
REPLAY_KEY = "replay-without-a-key"
"""Replays need no key; the SDKs still insist on one, and this one is never sent anywhere."""


class RecordingSettings(BaseModel):
    """The options a recording was made with; a replay must draft with the same ones.

    Attributes:
        base_url: server the recording talked to (``--base-url`` or ``OPENAI_BASE_URL``).
            Replays never reach it: requests match on path, not host.
        provider_options: passed to ``get_provider`` (``json_mode``, ``context_window``...).
        max_output_tokens: output limit of each request (``None``: the pipeline default).
        concurrency: requests in flight while drafting; 1 keeps cassettes in pipeline order.
    """

    model_config = ConfigDict(extra="forbid")

    base_url: str | None = None
    provider_options: dict[str, Any] = Field(default_factory=dict)
    max_output_tokens: int | None = None
    concurrency: int = 1

    def draft_options(self, provider: str, mode: str | None) -> dict[str, Any]:
        """Keyword arguments of ``draft_postmortem`` for ``provider`` in ``mode``."""
        provider_options: dict[str, Any] = dict(self.provider_options)
        options: dict[str, Any] = {"concurrency": self.concurrency}
        if self.base_url:
            provider_options["base_url"] = self.base_url
        if self.max_output_tokens is not None:
            options["max_output_tokens"] = self.max_output_tokens
        if mode is not None and provider.partition(":")[0] in KEYED_PROVIDERS:
            if mode == "replay":
                provider_options.setdefault("api_key", REPLAY_KEY)
            provider_options["max_retries"] = 0  # a retried request would be recorded twice
        options["provider_options"] = provider_options
        return options


def provider_slug(provider: str) -> str:
    """``openai-compat:smollm2`` -> ``openai-compat_smollm2`` (a folder name)."""
    return provider.replace(":", "_").replace("/", "_")


def cassette_dir(provider: str) -> Path:
    """Where the cassettes of ``provider`` live."""
    return CASSETTES / provider_slug(provider)


def recorded_datasets(provider: str) -> list[str]:
    """Datasets with a cassette for ``provider``."""
    return sorted(p.stem for p in cassette_dir(provider).glob("*.yaml"))


def load_settings(provider: str) -> RecordingSettings:
    """The settings ``provider``'s cassettes were recorded with."""
    path = cassette_dir(provider) / SETTINGS_FILE
    if not path.is_file():
        raise ConfigError(
            f"no recording for {provider}: {path} not found; record first with "
            f"`pir-ai eval --provider {provider} --record`"
        )
    return RecordingSettings.model_validate_json(path.read_bytes())


def save_settings(provider: str, settings: RecordingSettings) -> Path:
    """Store the settings of a recording beside its cassettes."""
    path = cassette_dir(provider) / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(settings.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return path


def normalised_body(body: bytes | str | None) -> Any:
    """The request body as JSON with every fence token replaced by a constant."""
    if not body:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    text = FENCE_TOKEN.sub(lambda m: f"<<<{m.group(1) or ''}INCIDENT-DATA FENCE>>>", text)
    try:
        return json.loads(text)
    except ValueError:
        return text


def same_body_but_fences(r1: Any, r2: Any) -> None:
    """vcrpy matcher: bodies equal once fence tokens are normalised (raises if not)."""
    if normalised_body(r1.body) != normalised_body(r2.body):
        raise AssertionError("request bodies differ beyond their fence tokens")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in RESPONSE_HEADERS_DROPPED:
            del headers[name]
    return response


def recorder(mode: str) -> Any:
    """A vcrpy ``VCR``: ``record`` overwrites, ``replay`` never reaches the network."""
    import vcr  # dev dependency: only needed to record or replay

    if mode not in ("record", "replay"):
        raise ConfigError(f"cassette mode must be record or replay, found {mode!r}")
    machine = vcr.VCR(
        record_mode="all" if mode == "record" else "none",
        match_on=["method", "path", "body_but_fences"],
        filter_headers=SECRET_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )
    machine.register_matcher("body_but_fences", same_body_but_fences)
    return machine


@contextlib.contextmanager
def use_cassette(provider: str, dataset: str, mode: str) -> Iterator[Any]:
    """Record or replay ``provider``'s traffic for ``dataset``; yields the vcrpy cassette."""
    path = cassette_dir(provider) / f"{dataset}.yaml"
    if mode == "record":
        path.unlink(missing_ok=True)  # record_mode "all" would append to an old recording
    elif not path.is_file():
        raise ConfigError(f"no cassette {path}: record {dataset} with {provider} first")
    with recorder(mode).use_cassette(str(path)) as cassette:
        yield cassette
