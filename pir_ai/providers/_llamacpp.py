"""In-process GGUF models through llama-cpp-python (the ``pir_ai[local]`` extra).

Nothing leaves the machine. Structured output is grammar-constrained: llama.cpp
turns the request's JSON schema into a GBNF grammar, so the sampler can only
produce JSON of that shape. One model instance is not thread-safe, so calls are
serialised with a lock; async calls run in a worker thread. A local call cannot
be interrupted, so ``timeout_s`` does not apply; bound it with ``max_output_tokens``.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from pir_ai.errors import ConfigError, ProviderError
from pir_ai.providers._base import Completion, CompletionRequest
from pir_ai.providers._metered import MeteredProvider
from pir_ai.providers._openai import completion_from_chat

__all__ = ["LlamaCppProvider"]

_INSTALL_HINT = "install the local extra: pip install 'pir_ai[local]'"


def _load_llama(model_path: Path, options: dict[str, Any]) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as err:
        raise ConfigError(
            f"llamacpp provider needs llama-cpp-python, which is not installed; {_INSTALL_HINT}"
        ) from err
    if not model_path.is_file():
        raise ConfigError(f"llamacpp: no GGUF model file at {model_path}")
    try:
        return Llama(model_path=str(model_path), **options)
    except (ValueError, RuntimeError) as err:
        raise ConfigError(f"llamacpp: cannot load {model_path} as a GGUF model: {err}") from err


class LlamaCppProvider(MeteredProvider):
    """``llamacpp:/path/model.gguf``: a local model run inside this process."""

    name = "llamacpp"
    remote = False

    def __init__(
        self,
        model_path: str | Path,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        seed: int = 0,
        verbose: bool = False,
        llama: Any | None = None,
        **metered: Any,
    ) -> None:
        path = Path(model_path).expanduser()
        options = {"n_ctx": n_ctx, "n_threads": n_threads, "seed": seed, "verbose": verbose}
        self.llama = llama if llama is not None else _load_llama(path, options)
        metered.setdefault("context_window", int(self.llama.n_ctx()))
        super().__init__(path.name, **metered)
        self.model_path = path
        self._lock = threading.Lock()

    def request_params(self, request: CompletionRequest) -> dict[str, Any]:
        """The keyword arguments of ``Llama.create_chat_completion`` for ``request``."""
        params: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_output_tokens,
            "temperature": request.temperature,
        }
        if request.json_schema is not None:
            params["response_format"] = {"type": "json_object", "schema": request.json_schema}
        return params

    def _send(self, request: CompletionRequest) -> Completion:
        with self._lock:
            try:
                body = self.llama.create_chat_completion(**self.request_params(request))
            except (ValueError, RuntimeError) as err:
                raise ProviderError(
                    f"llama.cpp failed: {err}", provider=self.name, model=self.model
                ) from err
        # llama.cpp reports the file path as the model; keep the short name.
        return completion_from_chat(
            {**body, "model": self.model}, provider=self.name, model=self.model
        )

    async def _asend(self, request: CompletionRequest) -> Completion:
        return await asyncio.to_thread(self._send, request)
