"""Slack mrkdwn to readable plain text: mentions, channels, links, and the three escapes.

Slack writes ``<@U123>``, ``<#C123|general>``, ``<!subteam^S1|@oncall>``,
``<https://x|label>`` and escapes only ``&amp; &lt; &gt;``. Entities are resolved
first and escapes undone in the same single pass, so ``&amp;lt;`` becomes the
literal ``&lt;`` (never ``<``) and a resolved name is never unescaped twice.
Code spans are left alone apart from their escapes: their ``<`` and ``|`` are text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TOKEN = re.compile(
    r"(?P<block>```.*?```)"
    r"|(?P<code>`[^`\n]+`)"
    r"|<(?P<entity>[^<>\n]*)>"
    r"|&(?P<escape>amp|lt|gt);",
    re.DOTALL,
)
_MARKUP = re.compile(r"[<&`]")
_ESCAPES = {"amp": "&", "lt": "<", "gt": ">"}
_ESCAPE = re.compile(r"&(amp|lt|gt);")

NameOf = Callable[[str], str | None]
"""Looks up a Slack id (U…, W…, C…, G…) and returns a display name, or None."""


def unescape(text: str) -> str:
    """Undo Slack's three HTML escapes in one pass (so ``&amp;lt;`` stays ``&lt;``)."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def strip_url_tokens(url: str) -> str:
    """Drop query parameters that carry Slack tokens (``?t=xoxe-…``) from a URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not v.startswith("xox") and k.lower() != "token"]
    if len(kept) == len(query):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _mention(target: str, label: str | None, name_of: NameOf, sigil: str) -> str:
    if label:
        return label if label.startswith(sigil) else sigil + label
    return sigil + (name_of(target) or target)


def _entity(body: str, name_of: NameOf) -> str:
    target, _, label_raw = body.partition("|")
    label = unescape(label_raw) or None
    if target.startswith("@"):
        return _mention(target[1:], label, name_of, "@")
    if target.startswith("#"):
        return _mention(target[1:], label, name_of, "#")
    if target.startswith("!"):
        command = target[1:]
        if command.startswith("subteam^"):
            return label or "@" + command.removeprefix("subteam^")
        if command.startswith("date^"):
            return label or command
        return label or "@" + command
    url = strip_url_tokens(unescape(target))
    if url.startswith("mailto:"):
        return label or url.removeprefix("mailto:")
    if label is None or label == url:
        return url
    return f"{label} ({url})"


def render_mrkdwn(text: str, name_of: NameOf) -> str:
    """Readable text from Slack mrkdwn; ids become ``@Name`` / ``#channel`` via ``name_of``."""
    if not _MARKUP.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        kind = match.lastgroup
        if kind in ("block", "code"):
            return unescape(match.group(0))
        if kind == "escape":
            return _ESCAPES[match.group("escape")]
        return _entity(match.group("entity"), name_of)

    return _TOKEN.sub(replace, text)
