"""What kind of thing a noun phrase names, and the phrase found around a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pir_ai.lint._lexicons as lx
from pir_ai.lint._text import Token


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


def looks_past_tense(word: str) -> bool:
    """A regular past tense or participle ("restarted"), not "need" or "speed"."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def nounish(tok: Token) -> bool:
    """The token can head a noun phrase: not a verb, preposition or clause word."""
    word = tok.lower
    return (
        word[:1].isalpha()
        and word not in lx.COMMON_VERBS
        and word not in lx.PREPOSITIONS
        and word not in lx.CLAUSE_BREAKERS
        and word not in lx.COMPLEMENT_VERBS
        and not looks_past_tense(word)
    )


CONTROL_VERBS = lx.words("decided chose opted elected tried attempted proceeded")
"""Verbs whose subject is also the agent of the infinitive after them."""


def control_verb_start(tokens: list[Token], trigger: int) -> int:
    """For "X decided to ignore ..." or "X went on to drop ...", the token where the verb
    group that owns the subject starts: the subject of "ignore" is the subject of
    "decided"."""
    j = trigger
    while j >= 2 and tokens[j - 1].lower == "to":
        before = tokens[j - 2].lower
        if before in CONTROL_VERBS:
            j -= 2
        elif before == "on" and j >= 3 and tokens[j - 3].lower in ("went", "goes", "go"):
            j -= 3
        else:
            break
    return j
