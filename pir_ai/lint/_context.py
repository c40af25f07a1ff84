"""What every check function receives besides its subject: who counts as a person."""

from __future__ import annotations

from dataclasses import dataclass, field

from pir_ai.lint._grammar_agents import Known
from pir_ai.lint._people import PersonDetector


@dataclass
class LintContext:
    """Shared state for one lint run."""

    detector: PersonDetector = field(default_factory=PersonDetector)
    weak_verbs: frozenset[str] = frozenset()
    known: Known = field(default_factory=Known)
    cache: dict[str, object] = field(default_factory=dict)
