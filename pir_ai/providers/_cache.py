"""An on-disk response cache, so evals and re-runs do not pay twice for the same answer.

Entries are keyed by a SHA-256 of (provider, model, request JSON) and stored one
JSON file each under a directory (default ``.pir-ai-cache/``). A hit comes back
as the stored ``Completion`` with ``cached=True``. Callers decide when to use it:
evals turn it on, drafting leaves it off unless asked (``get_provider(...,
cache=True)`` or ``cache="path/"``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pir_ai.providers._base import Completion, CompletionRequest, Provider

__all__ = ["DEFAULT_CACHE_DIR", "CachingProvider", "ResponseCache", "request_hash"]

log = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = ".pir-ai-cache"
# Fields that do not change the answer stay out of the key.
_NOT_IN_KEY = {"timeout_s"}


def request_hash(provider: str, model: str, request: CompletionRequest) -> str:
    """Stable SHA-256 hex digest of what determines the answer to ``request``."""
    payload = {
        "provider": provider,
        "model": model,
        "request": request.model_dump(mode="json", exclude=_NOT_IN_KEY),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class ResponseCache:
    """Completions stored as ``<dir>/<key[:2]>/<key>.json``."""

    def __init__(self, directory: str | Path = DEFAULT_CACHE_DIR) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        """The stored completion for ``key``, or None (also for an unreadable entry)."""
        path = self._path(key)
        try:
            return Completion.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValidationError) as err:
            log.warning("ignoring unreadable cache entry %s: %s", path, err)
            return None

    def put(self, key: str, completion: Completion) -> None:
        """Store ``completion`` under ``key``, atomically."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(completion.model_dump_json(), encoding="utf-8")
        partial.replace(path)


class CachingProvider:
    """Wraps any provider: answers from the cache when it can, stores fresh answers."""

    def __init__(self, inner: Provider, cache: ResponseCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.model = inner.model
        self.remote = inner.remote

    def __getattr__(self, attribute: str) -> Any:
        # Adapter-specific attributes (requests, context_window, ...) stay reachable.
        return getattr(self.inner, attribute)

    def __repr__(self) -> str:
        return f"CachingProvider({self.inner!r}, {str(self.cache.directory)!r})"

    def _lookup(self, request: CompletionRequest) -> tuple[str, Completion | None]:
        key = request_hash(self.name, self.model, request)
        hit = self.cache.get(key)
        return key, hit.model_copy(update={"cached": True, "latency_s": 0.0}) if hit else None

    def complete(self, request: CompletionRequest) -> Completion:
        """The cached answer to ``request``, or the inner provider's (then stored)."""
        key, hit = self._lookup(request)
        if hit is not None:
            return hit
        completion = self.inner.complete(request)
        self.cache.put(key, completion)
        return completion

    async def acomplete(self, request: CompletionRequest) -> Completion:
        """Async twin of ``complete``."""
        key, hit = self._lookup(request)
        if hit is not None:
            return hit
        completion = await self.inner.acomplete(request)
        self.cache.put(key, completion)
        return completion
