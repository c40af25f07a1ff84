"""The local map between real values and pseudonyms (``PERSON_3``), both ways.

A pseudonym is given on first sight and kept for the whole run, so the same person
is the same ``PERSON_3`` in every source. Everything a person is called (full
name, a Slack handle, a lone first name) maps to that one pseudonym, which
unmasks to the person's canonical name. The map never leaves the machine; it can
be saved to a local JSON file to unmask later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from pir_ai.redact._patterns import Kind

__all__ = ["PSEUDONYM", "Pseudonyms"]

PSEUDONYM = re.compile(
    r"(?<![A-Za-z0-9])(" + "|".join(k.value for k in Kind) + r")_(\d+)(?!\d)", re.IGNORECASE
)
"""A pseudonym as a model may write it back (any case)."""


class Pseudonyms:
    """Real value <-> pseudonym, per kind. Values are matched casefolded."""

    def __init__(self) -> None:
        self._token_of: dict[tuple[Kind, str], str] = {}
        self._value_of: dict[str, str] = {}
        self._count: dict[Kind, int] = dict.fromkeys(Kind, 0)

    def token(self, kind: Kind, value: str, *, canonical: str | None = None) -> str:
        """The pseudonym of ``value`` (made on first sight); unmasks to ``canonical``."""
        key = (kind, _key(value))
        if key not in self._token_of:
            self._count[kind] += 1
            token = f"{kind.value}_{self._count[kind]}"
            self._token_of[key] = token
            self._value_of[token] = canonical if canonical is not None else value
        return self._token_of[key]

    def alias(self, kind: Kind, value: str, token: str) -> None:
        """Let ``value`` also stand for the existing ``token`` (a handle, a first name)."""
        self._token_of.setdefault((kind, _key(value)), token)

    def forget_alias(self, kind: Kind, value: str) -> None:
        """Let ``value`` stand for no pseudonym again (two people turned out to share it).

        A pseudonym's own value is never forgotten: it still unmasks to it.
        """
        key = (kind, _key(value))
        token = self._token_of.get(key)
        if token is not None and _key(self._value_of.get(token, "")) != key[1]:
            del self._token_of[key]

    def known(self, kind: Kind, value: str) -> str | None:
        """The pseudonym of ``value`` if it has one."""
        return self._token_of.get((kind, _key(value)))

    def values(self, kind: Kind) -> list[str]:
        """Every value (and alias) of ``kind`` that has a pseudonym."""
        return [value for k, value in self._token_of if k is kind]

    def counts(self) -> dict[str, int]:
        """Distinct pseudonyms per kind (never the values)."""
        return {kind.value: n for kind, n in self._count.items() if n}

    def unmask(self, text: str) -> str:
        """``text`` with every known pseudonym replaced by its real value."""

        def real(match: re.Match[str]) -> str:
            token = f"{match.group(1).upper()}_{match.group(2)}"
            return self._value_of.get(token, match.group(0))

        return PSEUDONYM.sub(real, text)

    def unknown(self, text: str) -> list[str]:
        """Pseudonyms in ``text`` this map never gave (a model invented them)."""
        found = (f"{m.group(1).upper()}_{m.group(2)}" for m in PSEUDONYM.finditer(text))
        return sorted({t for t in found if t not in self._value_of})

    def save(self, path: Path) -> None:
        """Write the map to a local JSON file (owner read/write only)."""
        data = {
            "values": self._value_of,
            "aliases": [[k.value, v, t] for (k, v), t in self._token_of.items()],
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        path.chmod(0o600)

    @classmethod
    def load(cls, path: Path) -> Pseudonyms:
        """A map saved by ``save``."""
        data = json.loads(path.read_text(encoding="utf-8"))
        made = cls()
        made._value_of = dict(data["values"])
        for kind, value, token in data["aliases"]:
            made._token_of[(Kind(kind), value)] = token
        for token in made._value_of:
            kind_name, _, number = token.rpartition("_")
            kind = Kind(kind_name)
            made._count[kind] = max(made._count[kind], int(number))
        return made


def _key(value: str) -> str:
    return " ".join(value.casefold().split())


def longest_first(values: Iterable[str]) -> list[str]:
    """Values sorted so a longer name is tried before a name it contains."""
    return sorted(set(values), key=lambda v: (-len(v), v))
