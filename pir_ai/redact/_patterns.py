"""What redaction looks for, and the settings a team can change.

Every pattern here is a plain regular expression so it can be read, tested and
extended; ``RedactionConfig`` adds customer-id patterns, host suffixes, token
parameter names and extra names without touching the code.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pir_ai.errors import ConfigError

__all__ = [
    "SECRET_MARK",
    "Kind",
    "RedactionConfig",
    "clean_url",
    "find_emails",
    "find_hosts",
    "find_ips",
    "find_phones",
    "load_redaction_config",
]

SECRET_MARK = "[SECRET REMOVED]"
"""What a removed secret becomes. Secrets are never pseudonymised: nothing can restore them."""


class Kind(StrEnum):
    """Kinds of value replaced by a pseudonym (``PERSON_3``) that ``unmask`` restores."""

    PERSON = "PERSON"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    IP = "IP"
    HOST = "HOST"
    CUSTOMER = "CUSTOMER"


DEFAULT_HOST_SUFFIXES = (
    "com", "net", "org", "io", "dev", "app", "cloud", "ai", "co", "uk", "de", "fr", "nl", "eu",
    "us", "internal", "local", "lan", "corp", "intra", "intranet", "svc", "example", "test",
)  # fmt: skip
DEFAULT_TOKEN_PARAMS = (
    "token", "access_token", "refresh_token", "id_token", "auth", "auth_token", "authorization",
    "key", "api_key", "apikey", "api-key", "sig", "signature", "secret", "client_secret",
    "password", "passwd", "pwd", "code", "session", "sessionid", "jwt", "credential",
    "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
    "x-goog-credential", "sv", "se", "sp", "skoid", "sktid",
)  # fmt: skip
DEFAULT_CUSTOMER_PATTERNS = (
    r"\bcus_[A-Za-z0-9]{6,}\b",
    r"\b(?:CUST|CUSTOMER|ACCT)-\d{3,}\b",
)


@dataclass(frozen=True)
class RedactionConfig:
    """How redaction behaves. Read from TOML with ``load_redaction_config``.

    Attributes:
        enabled: True/False forces redaction on or off; None (default) redacts for
            remote providers (``Provider.remote``) only.
        hostnames: replace host names (``db-7.prod.example.com``) by ``HOST_n``.
        host_suffixes: last labels that make a dotted name a host name.
        customer_patterns: regexes for customer identifiers (group 1, if any, is replaced).
        token_params: URL query parameters whose value is removed.
        names: extra names of people to pseudonymise (people who never wrote).
        keep: words never replaced (service names that look like given names).
        given_names: also pseudonymise capitalised given names found in text.
        mapping_path: save the pseudonym map here (local file, never sent).
    """

    enabled: bool | None = None
    hostnames: bool = True
    host_suffixes: tuple[str, ...] = DEFAULT_HOST_SUFFIXES
    customer_patterns: tuple[str, ...] = DEFAULT_CUSTOMER_PATTERNS
    token_params: tuple[str, ...] = DEFAULT_TOKEN_PARAMS
    names: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    given_names: bool = True
    mapping_path: Path | None = None
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def customer_regexes(self) -> list[re.Pattern[str]]:
        """The customer patterns, compiled once."""
        return [self._regex(p, 0) for p in self.customer_patterns]

    def host_regex(self) -> re.Pattern[str]:
        """Dotted names ending in one of ``host_suffixes``."""
        if "host" in self._compiled:
            return self._compiled["host"]
        suffixes = "|".join(sorted((re.escape(s) for s in self.host_suffixes), key=len)[::-1])
        label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
        pattern = rf"(?<![\w.@-])(?:{label}\.)+(?:{suffixes})(?![\w-]|\.\w)"
        self._compiled["host"] = self._regex(pattern, re.IGNORECASE)
        return self._compiled["host"]

    def _regex(self, pattern: str, flags: int) -> re.Pattern[str]:
        key = f"{flags}:{pattern}"
        if key not in self._compiled:
            try:
                self._compiled[key] = re.compile(pattern, flags)
            except re.error as err:
                raise ConfigError(
                    f"redaction pattern {pattern!r} is not a valid regex: {err}"
                ) from err
        return self._compiled[key]


def load_redaction_config(source: Path | str | Mapping[str, Any]) -> RedactionConfig:
    """A config from a TOML file (table ``[redaction]`` or ``[tool.pir-ai.redaction]``) or dict.

    Raises:
        ConfigError: an unknown key, or a pattern that is not a valid regex.
    """
    if isinstance(source, Mapping):
        table: Mapping[str, Any] = source
    else:
        try:
            data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"{source}: expected a readable TOML file ({err})") from err
        tool = data.get("tool", {})
        # Same table name as the linter's [tool.pir-ai.lint]; the underscore spelling is
        # accepted too, as the linter does.
        ours = tool.get("pir-ai", tool.get("pir_ai", {}))
        table = data.get("redaction") or ours.get("redaction", {})
    known = {f.name for f in fields(RedactionConfig) if not f.name.startswith("_")}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"unknown redaction settings {unknown}; known: {sorted(known)}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "mapping_path":
            values[key] = Path(value)
        elif isinstance(value, list):
            values[key] = tuple(value)
        else:
            values[key] = value
    config = RedactionConfig(**values)
    config.customer_regexes()
    return config


_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
_PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}(?![\w])"
    r"|(?<![\w(])\(\d{3}\)[ ]?\d{3}[ .-]\d{4}(?!\w)"
    r"|(?<![\w.-])\d{3}[.-]\d{3}[.-]\d{4}(?![\w.-])"
    r"|(?<![\w.-])0\d{2,4}[ ]\d{3,4}[ ]\d{3,4}(?![\w.-])"
)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}:?(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{1,4})*(?![\w:])"
)
_URL = re.compile(r"https?://[^\s<>\"'`|]+", re.IGNORECASE)


def find_emails(text: str) -> Iterator[str]:
    """Email addresses."""
    return (m.group(0) for m in _EMAIL.finditer(text))


def find_phones(text: str) -> Iterator[str]:
    """Phone numbers written with a country code, area code in brackets or 3-3-4 groups."""
    for m in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if 8 <= digits <= 15:
            yield m.group(0)


def find_ips(text: str) -> Iterator[str]:
    """IPv4 and IPv6 addresses (validated, so times like 14:02:33 never count)."""
    for pattern in (_IPV4, _IPV6):
        for m in pattern.finditer(text):
            try:
                ipaddress.ip_address(m.group(0))
            except ValueError:
                continue
            yield m.group(0)


def find_hosts(text: str, config: RedactionConfig) -> Iterator[str]:
    """Host names, as ``config`` defines them."""
    keep = {k.casefold() for k in config.keep}
    return (
        m.group(0) for m in config.host_regex().finditer(text) if m.group(0).casefold() not in keep
    )


def find_urls(text: str) -> Iterator[str]:
    """URLs, without trailing punctuation."""
    return (m.group(0).rstrip(".,;:!?)]}") for m in _URL.finditer(text))


def clean_url(url: str, token_params: tuple[str, ...]) -> tuple[str, int]:
    """``url`` without credentials and token parameters, and how many parts went.

    Works on the text so the rest of the URL stays byte for byte as written.
    """
    removed = 0
    scheme, _, rest = url.partition("://")
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        authority = authority.rsplit("@", 1)[1]
        removed += 1
    names = {p.casefold() for p in token_params}
    pieces = []
    for separator, part in _query_parts(slash + tail):
        if (
            separator in "?&#;"
            and "=" in part
            and unquote(part.split("=", 1)[0]).casefold() in names
        ):
            removed += 1
            continue
        pieces.append((separator, part))
    path = _rejoin(pieces)
    return f"{scheme}://{authority}{path}", removed


def _query_parts(path: str) -> list[tuple[str, str]]:
    """``/a?x=1&y=2#z`` -> [("", "/a"), ("?", "x=1"), ("&", "y=2"), ("#", "z")]."""
    parts: list[tuple[str, str]] = []
    for token in re.split(r"([?&#;])", path):
        if token in ("?", "&", "#", ";"):
            parts.append((token, ""))
        elif parts:
            parts[-1] = (parts[-1][0], parts[-1][1] + token)
        else:
            parts.append(("", token))
    return parts


def _rejoin(pieces: list[tuple[str, str]]) -> str:
    """Put the parts back, turning a leading ``&`` left by a removal into ``?``."""
    out = ""
    in_query = False
    for separator, part in pieces:
        if separator == "?" or (separator == "&" and not in_query):
            out += "?" + part
            in_query = True
        elif separator == "#":
            out += "#" + part
            in_query = False
        else:
            out += separator + part
    return out
