"""The rule registry: every rule is a small unit with a stable code, a name and examples.

A rule module declares its rules with ``@rule(...)`` or ``register(...)``; the registry
imports every rule module once, so ``all_rules()`` always lists the full catalogue. The
blame rules are data evaluated on a parse (``_blame_rules``); ``@pattern_check`` declares
the pattern check each of them runs when no parser is installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pir_ai.findings import Category, Severity, rule_name

if TYPE_CHECKING:
    from pir_ai.lint._grammar_rules import BlameRule

RULE_MODULES = (
    "pir_ai.lint._structure",
    "pir_ai.lint._grounding",
    "pir_ai.lint._inputs",
    "pir_ai.lint._blame_rules",
    "pir_ai.lint._action_items",
    "pir_ai.lint._action_wording",
    "pir_ai.lint._action_unbounded",
)


class Kind(StrEnum):
    """What a rule looks at."""

    SENTENCE = "sentence"  # one sentence of prose
    ITEM = "item"  # one action item: text, owner, due, priority
    DOCUMENT = "document"  # a whole postmortem (sections, all items, timeline)
    DRAFT = "draft"  # a Postmortem with its events (grounding)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check function reports; the engine turns it into a ``Finding``.

    ``start``/``end`` are offsets in the checked text; ``field`` names an item field
    (``owner``, ``due``...) when the problem is a field rather than a span.
    """

    start: int = 0
    end: int = 0
    message: str | None = None
    suggestion: str | None = None
    confidence: float = 1.0
    severity: Severity | None = None
    field: str | None = None
    matched: str | None = None


Check = Callable[..., Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One lint rule. ``doc`` holds What it catches / Why / Example / Rewrite."""

    code: str
    name: str
    category: Category
    severity: Severity
    kind: Kind
    message: str
    suggestion: str
    check: Check
    doc: str
    fails: tuple[Any, ...] = field(default=())
    passes: tuple[Any, ...] = field(default=())
    triggers: frozenset[str] = field(default=frozenset())
    """Sentence rules: words one of which must occur (lower-case) before the check runs."""
    grammar: BlameRule | None = None
    """Blame rules: the rule as data, evaluated on a parse; ``check`` is then the pattern
    path, used only when no parser is installed."""
    pattern_fails: tuple[Any, ...] = field(default=())
    pattern_passes: tuple[Any, ...] = field(default=())
    """The pattern path's own examples (``fails``/``passes`` are the parsed path's)."""

    @property
    def summary(self) -> str:
        """The first line of the docs."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


_RULES: dict[str, Rule] = {}


def register(new: Rule) -> None:
    """Add ``new`` to the catalogue; a code may be registered once."""
    if new.code in _RULES and _RULES[new.code].check is not new.check:
        raise ValueError(f"rule code {new.code} registered twice")
    _RULES[new.code] = new


def rule(
    code: str,
    category: Category,
    severity: Severity,
    kind: Kind,
    *,
    message: str,
    suggestion: str,
    fails: Iterable[Any],
    passes: Iterable[Any],
    triggers: str = "",
) -> Callable[[Check], Check]:
    """Register the decorated check function as a rule."""

    def decorate(check: Check) -> Check:
        register(
            Rule(
                code=code,
                name=rule_name(code),
                category=category,
                severity=severity,
                kind=kind,
                message=message,
                suggestion=suggestion,
                check=check,
                doc=check.__doc__ or "",
                fails=tuple(fails),
                passes=tuple(passes),
                triggers=frozenset(triggers.split()),
            )
        )
        return check

    return decorate


@dataclass(frozen=True)
class PatternCheck:
    """A blame rule's pattern path: a check over a sentence's words, used without a parser."""

    code: str
    check: Check
    message: str
    suggestion: str
    doc: str
    fails: tuple[str, ...]
    passes: tuple[str, ...]
    triggers: frozenset[str]


def pattern_check(
    code: str,
    *,
    message: str,
    suggestion: str,
    fails: Iterable[str],
    passes: Iterable[str],
    triggers: str = "",
) -> Callable[[Check], PatternCheck]:
    """Declare the decorated function as the pattern path of blame rule ``code``."""

    def decorate(check: Check) -> PatternCheck:
        return PatternCheck(
            code=code,
            check=check,
            message=message,
            suggestion=suggestion,
            doc=check.__doc__ or "",
            fails=tuple(fails),
            passes=tuple(passes),
            triggers=frozenset(triggers.split()),
        )

    return decorate


_LOADED: list[bool] = []


def _load() -> None:
    if not _LOADED:
        for module in RULE_MODULES:
            importlib.import_module(module)
        _LOADED.append(True)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    _load()
    return [_RULES[c] for c in sorted(_RULES)]


def rules_of(kind: Kind) -> Iterator[Rule]:
    """The rules that look at ``kind``."""
    return (r for r in all_rules() if r.kind is kind)


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (``PIR201``) or name (``counterfactual-person``)."""
    _load()
    wanted = code.strip().upper().replace("-", "") if code.upper().startswith("PIR") else code
    for r in _RULES.values():
        if r.code == wanted or r.name == code.strip().lower():
            return r
    raise KeyError(code)
