"""Find draft text that repeats what an instruction hidden in a source asked for (issue 7).

A source "reads like an injection" when ``verify_scan.find_injection`` matches it; the
sentences that match are the instruction. A model that obeyed it repeats it: a run of
``ECHO_WORDS`` words of it, or a term with a digit ("SEV4", "07:15") that only such
sentences contain. Kept apart from ``pir_ai.verify._draft`` so the rule can be read alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pir_ai.events import Event
from pir_ai.findings import Category, Finding, Location, Severity, rule_name
from pir_ai.verify._scan import injected_sentences

__all__ = ["ECHO_WORDS", "InjectedText", "echo_findings", "severity_findings", "word_runs"]

ECHO_WORDS = 5
"""Draft text sharing this many words in a row with an injected sentence repeats it."""
_WORD = re.compile(r"\w+")
_TERM = re.compile(r"\b(?=[\w.:/-]*\d)[a-z0-9][\w.:/-]*[a-z0-9]\b")
"""A term with a digit: an id, a version, a severity, a time."""
_PSEUDONYM = re.compile(r"(?:person|email|phone|ip|host|customer)_\d+$")
"""Redaction's pseudonyms are no injected terms: they stand for people, not for an order."""


def word_runs(text: str, size: int = ECHO_WORDS) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words of ``text``, casefolded."""
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class InjectedText:
    """What the injected sentences of an incident say, in a form quick to look up."""

    runs: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    terms: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, events: Mapping[str, Event], suspect: frozenset[str], trusted_text: str
    ) -> InjectedText:
        """Index the injected sentences of the ``suspect`` events.

        ``trusted_text`` (every other event's text) removes terms a clean source states too.
        """
        sentences = [s.casefold() for i in suspect for s in injected_sentences(events[i].text)]
        known = set(_TERM.findall(trusted_text.casefold()))
        terms = {t for s in sentences for t in _TERM.findall(s) if not _PSEUDONYM.match(t)}
        runs = frozenset(run for sentence in sentences for run in word_runs(sentence))
        return cls(runs, frozenset(terms - known))

    def echoed(self, text: str) -> str | None:
        """The first phrase or term of ``text`` that repeats an injected sentence, if any."""
        if not self.runs:
            return None
        shared = sorted(word_runs(text) & self.runs)
        if shared:
            return " ".join(shared[0])
        terms = sorted(set(_TERM.findall(text.casefold())) & self.terms)
        return terms[0] if terms else None


def echo_findings(field: str, text: str, injected: InjectedText) -> list[Finding]:
    """PIR105 for draft ``text`` at ``field`` that repeats an injected sentence."""
    phrase = injected.echoed(text)
    if phrase is None:
        return []
    message = (
        f"repeats {phrase!r} from a source that reads like an instruction to a model: "
        "possible injection, confirm it in the review"
    )
    return [_finding(field, message, phrase)]


def severity_findings(
    severity: str | None, events: Mapping[str, Event], suspect: frozenset[str]
) -> list[Finding]:
    """PIR105 when only instruction-like sources state the draft's ``severity``."""
    severity = (severity or "").strip()
    if not severity or not _only_injected(severity, events, suspect):
        return []
    message = f"severity {severity!r} is stated only by a source that reads like an instruction"
    return [_finding("severity", message, severity)]


def _finding(field: str, message: str, matched: str) -> Finding:
    return Finding(
        code="PIR105",
        name=rule_name("PIR105"),
        category=Category.SECURITY,
        severity=Severity.ERROR,
        message=message,
        location=Location(field=field),
        matched=matched,
    )


def _only_injected(severity: str, events: Mapping[str, Event], suspect: frozenset[str]) -> bool:
    """True when only suspect events state ``severity`` (no clean text, no clean label)."""
    pattern = re.compile(rf"(?<!\w){re.escape(severity.casefold())}(?!\w)")
    stated = {i for i, e in events.items() if pattern.search(e.text.casefold())}
    if not stated or stated - suspect:
        return False
    return not any(
        pattern.search(value.casefold())
        for i, e in events.items()
        if i not in suspect
        for value in e.attrs.values()
    )
