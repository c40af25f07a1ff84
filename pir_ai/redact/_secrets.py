"""Find secrets in text with detect-secrets' own plugins, used directly on each line.

Every plugin detect-secrets ships (AWS, Slack, GitHub, OpenAI, Stripe, JWT, private
keys, basic auth, keywords such as ``password:`` ...) is run through its
``analyze_string``; nothing is verified against a remote service. The high-entropy
plugins run without requiring quotes, as detect-secrets' ad-hoc string scan does,
keeping only values above the plugin's own entropy limit and at least
``MIN_ENTROPY_LENGTH`` long, so ordinary words never count.

Commit hashes and alert fingerprints are not secrets: a hex string of 7 to 16
characters, or exactly 40 (a git sha), is kept, since change events are cited by them.
Lines with no long token, no credential word and no ``user:pass@`` skip the plugins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector
from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
from detect_secrets.plugins.keyword import CONFIG_DENYLIST_REGEX_TO_GROUP, KeywordDetector

__all__ = ["MIN_ENTROPY_LENGTH", "find_secrets"]

MIN_ENTROPY_LENGTH = 16
"""High-entropy values shorter than this are not reported (words, short ids)."""

_COMMIT = re.compile(r"[0-9a-fA-F]{7,16}|[0-9a-fA-F]{40}")
_CANDIDATE = re.compile(
    r"[A-Za-z0-9+/=_.-]{16,}|://[^/\s]*:[^/\s]*@|pass|pwd|secret|token|key|auth|cred|BEGIN",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(r"(?:PERSON|EMAIL|PHONE|IP|HOST|CUSTOMER)_\d+")
_PRIVATE_KEY_BLOCK = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----.*?"
    r"(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\Z)",
    re.DOTALL,
)
_SLACK_TOKEN = re.compile(r"\bxox[a-z]-[A-Za-z0-9-]{8,}")


@functools.cache
def _plugins() -> tuple[BasePlugin, ...]:
    """One instance of every plugin detect-secrets ships, with its default settings."""
    classes: list[Callable[[], BasePlugin]] = list(get_mapping_from_secret_type_to_class().values())
    return tuple(make() for make in classes)


def _values(plugin: BasePlugin, line: str) -> Iterator[str]:
    if isinstance(plugin, HighEntropyStringsPlugin):
        with plugin.non_quoted_string_regex(is_exact_match=False):
            for value in plugin.analyze_string(line):
                if (
                    len(value) >= MIN_ENTROPY_LENGTH
                    and plugin.calculate_shannon_entropy(value) > plugin.entropy_limit
                    and not _COMMIT.fullmatch(value)
                    and not _PSEUDONYM.search(value)
                ):
                    yield value
    elif isinstance(plugin, KeywordDetector):
        yield from plugin.analyze_string(
            line, denylist_regex_to_group=CONFIG_DENYLIST_REGEX_TO_GROUP
        )
        yield from plugin.analyze_string(line)
    elif isinstance(plugin, RegexBasedDetector):
        for regex in plugin.denylist:
            for match in regex.finditer(line):
                groups = [g for g in match.groups() if g]
                longest = max(groups, key=len) if groups else ""
                # Some plugins capture only a prefix ("ghp"): then the whole match goes.
                yield longest if len(longest) >= 8 else match.group(0)
    else:
        yield from plugin.analyze_string(line)


def find_secrets(text: str) -> list[str]:
    """Secret values in ``text``, longest first (so a value inside another goes with it)."""
    found: set[str] = {m.group(0) for m in _PRIVATE_KEY_BLOCK.finditer(text)}
    found |= {m.group(0) for m in _SLACK_TOKEN.finditer(text)}
    for line in text.splitlines():
        if _CANDIDATE.search(line):
            found.update(_line_secrets(line))
    return sorted(found, key=len, reverse=True)


@functools.lru_cache(maxsize=65536)
def _line_secrets(line: str) -> frozenset[str]:
    """Secrets of one line (cached: bots repeat their lines)."""
    return frozenset(
        value for plugin in _plugins() for value in _values(plugin, line) if _worth_removing(value)
    )


def _worth_removing(value: str) -> bool:
    """Not blank, not a marker or pseudonym we wrote, not a bare keyword."""
    value = value.strip()
    return len(value) >= 4 and not _PSEUDONYM.fullmatch(value) and "SECRET REMOVED" not in value
