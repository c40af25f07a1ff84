"""The one error tree of pir_ai.

Every error names what failed, where, and what was expected, so that a user can
act on a single line of output. SDK and parser errors are wrapped with
``raise ... from err`` so the original cause is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PirError(Exception):
    """Base class of every error pir_ai raises on purpose."""


class ConfigError(PirError):
    """A setting, option or configuration file is invalid."""


class SourceError(PirError):
    """An input file could not be read as the format it claims or was detected as.

    Attributes:
        path: the file (or export folder) that failed.
        location: where in it: ``"line 14"``, ``"record 3"``, ``"general/2024-01-02.json[7]"``.
        expected: what the parser expected to find there.
        found: what it found instead (short, never the whole record).
    """

    def __init__(
        self,
        path: str | Path,
        expected: str,
        *,
        location: str | None = None,
        found: str | None = None,
    ) -> None:
        self.path = str(path)
        self.location = location
        self.expected = expected
        self.found = found
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The single line the CLI prints: ``path:location: expected X, found Y``."""
        where = f"{self.path}:{self.location}" if self.location else self.path
        text = f"{where}: expected {self.expected}"
        if self.found is not None:
            text += f", found {self.found}"
        return text


class EmptyInputError(SourceError):
    """A path holds nothing pir_ai could read (empty folder, empty file)."""


class UnknownFormatError(SourceError):
    """No registered format recognised the file's content."""


class MalformedSourceError(SourceError):
    """The file was recognised but is not valid in its format (truncated JSON, broken cue)."""


class MissingMeetingStartError(MalformedSourceError):
    """A transcript's times are offsets and nothing says when the call started."""


class StrictModeError(SourceError):
    """``strict=True`` was set and a record had to be skipped."""


class ProviderError(PirError):
    """A model provider failed. Names the provider and the model.

    Attributes:
        provider: provider name, e.g. ``"openai"``.
        model: model name, e.g. ``"gpt-4.1-mini"``.
        status: HTTP status when there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        model: str,
        status: int | None = None,
    ) -> None:
        self.provider = provider
        self.model = model
        self.status = status
        prefix = f"{provider}:{model}"
        if status is not None:
            prefix += f" (HTTP {status})"
        super().__init__(f"{prefix}: {message}")


class AuthenticationError(ProviderError):
    """The key is missing, invalid or not allowed to use the model."""


class RateLimitError(ProviderError):
    """The provider kept refusing with 429 after the allowed retries."""

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        model: str,
        status: int | None = 429,
        retry_after: float | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, provider=provider, model=model, status=status)


class ProviderTimeoutError(ProviderError):
    """The call did not finish within its timeout, retries included."""


class ProviderUnavailableError(ProviderError):
    """The server failed (5xx, connection error) after the allowed retries."""


class BadRequestError(ProviderError):
    """The provider rejected the request itself (400, 404, 422)."""


class ContextLengthError(ProviderError):
    """The request cannot fit the model's context window."""


class RefusalError(ProviderError):
    """The model refused to answer."""


class TruncationError(ProviderError):
    """The answer was cut off at the output-token limit."""


class InvalidOutputError(ProviderError):
    """The answer did not match the requested schema after the allowed re-asks.

    Attributes:
        completions: every answer received (``Completion`` objects), so their usage and
            cost are still accounted for although none was kept.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        model: str,
        status: int | None = None,
        completions: Sequence[object] = (),
    ) -> None:
        self.completions = list(completions)
        super().__init__(message, provider=provider, model=model, status=status)


class DraftValidationError(PirError):
    """A draft could not be made to satisfy its schema or grounding checks."""


class TrackerError(PirError):
    """An issue tracker did not create an issue. Names the tracker and the action item.

    Attributes:
        tracker: ``"jira"``, ``"linear"`` or ``"github"``.
        item: the action item's export key, e.g. ``"pir-3fa2c1d9e0"``.
        status: HTTP status when there was one.
    """

    def __init__(self, message: str, *, tracker: str, item: str, status: int | None = None) -> None:
        self.tracker = tracker
        self.item = item
        self.status = status
        prefix = tracker if status is None else f"{tracker} (HTTP {status})"
        super().__init__(f"{prefix}: {message}")
