"""What kind of thing a noun phrase names, and the phrase found around a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Agent(StrEnum):
    """What kind of thing a noun phrase names."""

    PERSON = "person"
    GROUP = "group"
    SELF = "self"
    SYSTEM = "system"
    UNKNOWN = "unknown"

    @property
    def is_people(self) -> bool:
        """A person, a group of people, or the writers themselves."""
        return self in (Agent.PERSON, Agent.GROUP, Agent.SELF)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase found around a trigger: its head's kind and its possessor's kind."""

    head: Agent
    possessor: Agent
    first: int
    last: int
    confidence: float

    @property
    def involves_people(self) -> bool:
        """The head or the possessor is people ("Ines", "Ines's deploy")."""
        return self.head.is_people or self.possessor.is_people


NOBODY = Phrase(Agent.UNKNOWN, Agent.UNKNOWN, -1, -1, 0.0)
