"""Inline suppressions in Markdown, as in alex, Vale and textlint.

* ``<!-- pir-ai ignore PIR201 -->`` silences the next block (bare: every rule);
* ``<!-- pir-ai disable PIR201 PIR207 -->`` ... ``<!-- pir-ai enable -->`` silences a range;
* ``<!-- pir-ai PIR201 = NO -->`` / ``= YES`` is the Vale-style alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(r"^\s*pir-?ai\s+(ignore|disable|enable)\b(.*)$", re.I | re.S)
_VALE = re.compile(r"^\s*pir-?ai\s+(PIR\d+)\s*=\s*(NO|YES)\s*$", re.I)
_ALL = "*"


@dataclass
class Suppressions:
    """Line ranges where given codes (or all, ``*``) are silenced."""

    ranges: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    open: dict[str, int] = field(default_factory=dict)
    next_block: list[tuple[int, frozenset[str]]] = field(default_factory=list)

    def close(self, last_line: int, block_ends: list[tuple[int, int]]) -> None:
        """Resolve open ranges and "next block" ignores once the document is read."""
        for code, line in self.open.items():
            self.ranges.append((line, last_line, frozenset({code})))
        self.open.clear()
        for line, codes in self.next_block:
            after = [b for b in block_ends if b[0] > line]
            if after:
                self.ranges.append((line, after[0][1], codes))
        self.next_block.clear()

    def silenced(self, code: str, line: int | None) -> bool:
        """Whether ``code`` is silenced at ``line``."""
        if line is None:
            return False
        return any(
            first <= line <= last and (_ALL in codes or any(code.startswith(c) for c in codes))
            for first, last, codes in self.ranges
        )


def _codes(rest: str) -> frozenset[str]:
    found = frozenset(c.upper().replace("-", "") for c in re.findall(r"PIR-?\d+", rest, re.I))
    return found or frozenset({_ALL})


def parse_directive(comment: str, line: int, into: Suppressions) -> None:
    """Record the directive in an HTML comment found at ``line`` (1-based)."""
    vale = _VALE.match(comment)
    if vale:
        verb = "disable" if vale.group(2).upper() == "NO" else "enable"
        comment = f"pir-ai {verb} {vale.group(1)}"
    m = _DIRECTIVE.match(comment)
    if not m:
        return
    verb, codes = m.group(1).lower(), _codes(m.group(2))
    if verb == "ignore":
        into.next_block.append((line, codes))
    elif verb == "disable":
        for code in codes:
            into.open.setdefault(code, line)
    else:
        targets = list(into.open) if _ALL in codes else [c for c in codes if c in into.open]
        for code in targets:
            into.ranges.append((into.open.pop(code), line, frozenset({code})))
