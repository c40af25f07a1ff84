"""From a spec string (``"openai:gpt-4.1-mini"``) to a provider instance.

Built-ins are imported lazily, so choosing ``offline`` never imports an SDK.
Third-party providers register a factory in the ``pir_ai.providers`` entry-point
group; the entry point's name is the spec prefix and the factory is called as
``factory(model, **options)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pir_ai.errors import AuthenticationError, ConfigError
from pir_ai.providers._base import Provider
from pir_ai.providers._cache import DEFAULT_CACHE_DIR, CachingProvider, ResponseCache
from pir_ai.providers._fake import FakeProvider

__all__ = ["ENTRY_POINT_GROUP", "available_providers", "get_provider"]

ENTRY_POINT_GROUP = "pir_ai.providers"
Factory = Callable[..., Provider]


def _key(env: str, options: dict[str, Any], provider: str, model: str) -> str:
    key = options.pop("api_key", None) or os.environ.get(env)
    if not key:
        raise AuthenticationError(
            f"no API key: set the {env} environment variable or pass api_key=",
            provider=provider,
            model=model,
        )
    return str(key)


def _require(env: str, option: str, options: dict[str, Any], provider: str) -> str:
    value = options.pop(option, None) or os.environ.get(env)
    if not value:
        raise ConfigError(f"{provider} needs {option}=: pass it or set {env}")
    return str(value)


def _openai(model: str, **options: Any) -> Provider:
    from pir_ai.providers._openai import OpenAIProvider

    key = _key("OPENAI_API_KEY", options, "openai", model)
    options.setdefault("base_url", os.environ.get("OPENAI_BASE_URL") or None)
    return OpenAIProvider(model, api_key=key, **options)


def _azure(deployment: str, **options: Any) -> Provider:
    from pir_ai.providers._openai import DEFAULT_AZURE_API_VERSION, AzureOpenAIProvider

    key = _key("AZURE_OPENAI_API_KEY", options, "azure", deployment)
    endpoint = _require("AZURE_OPENAI_ENDPOINT", "endpoint", options, "azure")
    version = options.pop("api_version", None) or os.environ.get("OPENAI_API_VERSION")
    return AzureOpenAIProvider(
        deployment,
        endpoint=endpoint,
        api_key=key,
        api_version=version or DEFAULT_AZURE_API_VERSION,
        **options,
    )


def _anthropic(model: str, **options: Any) -> Provider:
    from pir_ai.providers._anthropic import AnthropicProvider

    key = _key("ANTHROPIC_API_KEY", options, "anthropic", model)
    return AnthropicProvider(model, api_key=key, **options)


def _openai_compat(model: str, **options: Any) -> Provider:
    from pir_ai.providers._openai_compat import OpenAICompatProvider

    base_url = _require("OPENAI_BASE_URL", "base_url", options, "openai-compat")
    options.setdefault("api_key", os.environ.get("OPENAI_API_KEY"))
    return OpenAICompatProvider(model, base_url=base_url, **options)


def _llamacpp(model_path: str, **options: Any) -> Provider:
    from pir_ai.providers._llamacpp import LlamaCppProvider

    if not model_path:
        raise ConfigError("llamacpp needs a model file: 'llamacpp:/path/to/model.gguf'")
    return LlamaCppProvider(model_path, **options)


def _fake(model: str, **options: Any) -> Provider:
    return FakeProvider(options.pop("script", ()), model=model or "fake", **options)


_BUILTINS: dict[str, Factory] = {
    "openai": _openai,
    "azure": _azure,
    "anthropic": _anthropic,
    "openai-compat": _openai_compat,
    "llamacpp": _llamacpp,
    "fake": _fake,
}
_NEEDS_MODEL = {"openai", "azure", "anthropic", "openai-compat"}


def _plugins() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_providers() -> list[str]:
    """Spec prefixes that ``get_provider`` accepts: built-ins, then installed plugins."""
    plugins = sorted(name for name in _plugins() if name not in _BUILTINS)
    return [*_BUILTINS, *plugins]


def _factory(name: str) -> Factory:
    if name in _BUILTINS:
        return _BUILTINS[name]
    entry = _plugins().get(name)
    if entry is None and name == "offline":
        raise ConfigError(
            "'offline' is the offline drafter, not a model provider: draft with "
            "provider='offline' (the default) or drafter=OfflineDrafter()"
        )
    if entry is None:
        raise ConfigError(
            f"unknown provider {name!r}; expected one of {', '.join(available_providers())}"
        )
    try:
        loaded: Factory = entry.load()
    except Exception as err:  # a broken plugin must not look like a pir_ai bug
        raise ConfigError(
            f"provider plugin {name!r} ({entry.value}) failed to load: {err}"
        ) from err
    return loaded


def _with_cache(provider: Provider, cache: Any) -> Provider:
    if cache is None or cache is False:
        return provider
    if cache is True:
        store = ResponseCache(os.environ.get("PIR_AI_CACHE_DIR") or DEFAULT_CACHE_DIR)
    elif isinstance(cache, ResponseCache):
        store = cache
    elif isinstance(cache, str | Path):
        store = ResponseCache(cache)
    else:
        raise ConfigError(f"cache= must be a bool, a directory or a ResponseCache, found {cache!r}")
    return CachingProvider(provider, store)


def get_provider(spec: str | Provider, **options: Any) -> Provider:
    """The provider named by ``spec`` (``"name:model"``), or ``spec`` itself if already one.

    Options go to the provider (``api_key``, ``base_url``, ``max_retries``,
    ``timeout_s``, ``prices``, ``max_concurrency``, ``context_window``...), except
    ``cache``: ``True`` (directory ``.pir-ai-cache/`` or ``$PIR_AI_CACHE_DIR``), a
    directory, or a ``ResponseCache`` wraps the provider in an on-disk response cache.
    """
    cache = options.pop("cache", None)
    if not isinstance(spec, str):
        if options:
            raise ConfigError(f"options {sorted(options)} cannot apply to a provider instance")
        return _with_cache(spec, cache)
    name, _, model = spec.partition(":")
    name = name.strip().lower()
    if name in _NEEDS_MODEL and not model:
        raise ConfigError(f"{name} needs a model: '{name}:MODEL', e.g. 'openai:gpt-4.1-mini'")
    provider = _factory(name)(model, **options)
    if not isinstance(provider, Provider):
        raise ConfigError(f"provider {name!r} returned {provider!r}, which is not a Provider")
    return _with_cache(provider, cache)
