"""Who is the agent of a phrase: a person, a group, ourselves, or a system.

Deterministic on purpose: a roster makes names exact; without one, given names, pronouns
and role nouns are people, and capitalised words that are not known systems are names
only when they cannot be a sentence-initial common word.
"""

from __future__ import annotations

from collections.abc import Iterable

import pir_ai.lint._lexicons as lx
from pir_ai.lint._agents import NOBODY, Agent, Phrase, control_verb_start, looks_past_tense, nounish
from pir_ai.lint._text import Sentence, Token
from pir_ai.redact import given_names

__all__ = ["NOBODY", "Agent", "PersonDetector", "Phrase"]

_SUFFIX_NOUN = ("ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "er", "or", "ics")


class PersonDetector:
    """Classifies tokens and finds the agent of a trigger within a sentence."""

    def __init__(
        self,
        roster: Iterable[str] = (),
        system_subjects: Iterable[str] = (),
        person_nouns: Iterable[str] = (),
    ) -> None:
        self.roster = frozenset(
            part.lower().lstrip("@") for name in roster for part in name.split() if part
        )
        self.system = lx.SYSTEM_NOUNS | frozenset(w.lower() for w in system_subjects)
        self.roles = lx.ROLE_NOUNS | frozenset(w.lower() for w in person_nouns)
        self.names = given_names()

    def classify(self, tokens: list[Token], i: int) -> tuple[Agent, float]:
        """The kind of token ``i`` and how sure we are."""
        tok = tokens[i]
        word = tok.lower
        if word in self.roster or word.lstrip("@") in self.roster:
            return Agent.PERSON, 1.0
        if tok.text.startswith("@"):
            return Agent.PERSON, 0.9
        if word in ("i", "we"):
            return Agent.SELF, 0.9
        if word in lx.PERSON_PRONOUNS:
            return (self._they(tokens, i), 0.85) if word == "they" else (Agent.PERSON, 0.9)
        if word in lx.INDEFINITE_PEOPLE or (
            word == "one" and i > 0 and tokens[i - 1].lower == "no"
        ):
            return Agent.PERSON, 0.9
        if word in lx.GROUP_NOUNS:
            return Agent.GROUP, 0.9
        if word in lx.GROUP_CUES and (tokens[i - 1].lower if i else "") in lx.GROUP_CUES[word]:
            return Agent.GROUP, 0.8
        if word in self.roles:
            return Agent.PERSON, 0.9
        if word in self.system:
            return Agent.SYSTEM, 0.9
        if tok.capitalised and word.isalpha():
            return self._capitalised(tokens, i)
        return Agent.UNKNOWN, 0.5

    def _capitalised(self, tokens: list[Token], i: int) -> tuple[Agent, float]:
        tok = tokens[i]
        word = tok.lower
        if word in self.names and not tok.text.isupper():
            return Agent.PERSON, 0.85
        if tok.text.isupper() or any(c.isupper() for c in tok.text[1:]):
            return Agent.SYSTEM, 0.7  # acronyms and CamelCase are products
        after_det = i > 0 and tokens[i - 1].lower in lx.DETERMINERS
        if after_det or word.endswith(_SUFFIX_NOUN) or word in lx.COMMON_VERBS:
            return Agent.UNKNOWN, 0.5
        if i == 0 or tokens[i - 1].lower in (",", ";", ":"):
            return self._initial(tokens, i)
        return Agent.PERSON, 0.6

    def _initial(self, tokens: list[Token], i: int) -> tuple[Agent, float]:
        """A capitalised word opening a clause is a name only when a person's verb follows at
        once: "Kai skipped ...". "Orion failed to ..." and "Phoenix should have ..." stay
        unknown: products are named like that too, and a roster settles it."""
        word = tokens[i].lower
        if len(word) > 9 or word.endswith(("s", "ly")) or word in lx.FUNCTION_WORDS:
            return Agent.UNKNOWN, 0.5
        nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if nxt == "," and i + 2 < len(tokens) and tokens[i + 2].lower == "who":
            return Agent.PERSON, 0.6  # "Aigerim, who ...": "who" stands for people
        verb = nxt not in lx.SYSTEM_VERBS and (
            nxt in lx.PERSON_VERBS
            or nxt in lx.COMMON_VERBS
            or (nxt.endswith("ed") and len(nxt) > 3)
        )
        return (Agent.PERSON, 0.55) if verb else (Agent.UNKNOWN, 0.5)

    def _they(self, tokens: list[Token], i: int) -> Agent:
        """``they`` is people unless a plural system noun precedes it in the sentence."""
        for j in range(i - 1, -1, -1):
            kind, _ = self.classify(tokens, j) if tokens[j].lower != "they" else (Agent.UNKNOWN, 0)
            if kind.is_people:
                return Agent.PERSON
            if kind is Agent.SYSTEM and tokens[j].lower.endswith("s"):
                return Agent.SYSTEM
        return Agent.PERSON

    def subject_before(
        self, sentence: Sentence, trigger: int, *, person_only: bool = False
    ) -> Phrase:
        """The subject of the verb group starting at token ``trigger``.

        ``person_only``: the predicate fits only people ("needs to learn that", "couldn't be
        bothered"), so a lone capitalised word as its subject is a name even when no list
        knows it ("Marguerite needs to learn that ..."); known systems stay systems.
        """
        phrase = self._subject_before(sentence.tokens, control_verb_start(sentence.tokens, trigger))
        if person_only and phrase.head is Agent.UNKNOWN and self._lone_name(sentence, phrase):
            return Phrase(Agent.PERSON, phrase.possessor, phrase.first, phrase.last, 0.6)
        return phrase

    def _lone_name(self, sentence: Sentence, phrase: Phrase) -> bool:
        """The phrase is one capitalised word that could only be a name: not an acronym or
        CamelCase product, not a common word opening the sentence."""
        if phrase.first != phrase.last or phrase.last < 0:
            return False
        tok = sentence.tokens[phrase.last]
        text = tok.text[:-2] if tok.possessive else tok.text
        return (
            tok.capitalised
            and text.isalpha()
            and text[1:].islower()
            and tok.lower not in lx.FUNCTION_WORDS
            and tok.lower not in lx.COMMON_VERBS
        )

    def _subject_before(self, tokens: list[Token], trigger: int) -> Phrase:
        j = trigger - 1
        while j >= 0 and tokens[j].lower in lx.AGENT_SKIP:
            j -= 1
        while j >= 0:
            word = tokens[j].lower
            if word in lx.POSTNOMINAL and j > 0 and self.classify(tokens, j - 1)[0].is_people:
                j -= 1  # "the engineers involved will be ...": the noun before
                continue
            if word in lx.RELATIVE_PRONOUNS:  # "Aigerim, who ...": the name before the comma
                return self._phrase_ending(tokens, j - 2 if tokens[j - 1].lower == "," else j - 1)
            if not word[:1].isalnum() and not word.startswith("@"):
                return self._subject_of_previous_clause(tokens, j) if word == "," else NOBODY
            if word in ("and", "but", "then", "or"):
                return self._subject_of_previous_clause(tokens, j)
            if word in lx.CLAUSE_BREAKERS or word in lx.PREPOSITIONS:
                return NOBODY
            phrase = self._phrase_ending(tokens, j)
            if phrase.first > 0 and _governed(tokens, phrase.first - 1):
                j = phrase.first - 2  # the phrase is the object of a preposition
                continue
            antecedent = self._relative_antecedent(tokens, phrase.first)
            return antecedent or phrase
        return NOBODY

    def _phrase_ending(self, tokens: list[Token], last: int) -> Phrase:
        """The noun phrase whose head is token ``last``, walking back over modifiers."""
        if last < 0:
            return NOBODY
        head, confidence = self.classify(tokens, last)
        verbish = tokens[last].lower in lx.COMMON_VERBS or looks_past_tense(tokens[last].lower)
        if verbish and head is Agent.UNKNOWN:
            return NOBODY
        possessor = Agent.UNKNOWN
        first = last
        while first - 1 >= 0:
            prev = tokens[first - 1]
            word = prev.lower
            if word in lx.DETERMINERS:
                first -= 1
                break
            if head is Agent.PERSON and tokens[last].capitalised and not prev.capitalised:
                break  # a name takes no noun modifier: "In my opinion Joaquín ..."
            if (
                word in lx.PREPOSITIONS
                or word in lx.CLAUSE_BREAKERS
                or word in lx.RELATIVE_PRONOUNS
                or not word[:1].isalnum()
                or word in lx.COMMON_VERBS
                or word in lx.AGENT_SKIP
            ):
                break
            if prev.possessive:
                kind, _ = self.classify(tokens, first - 1)
                if kind.is_people:
                    possessor = kind
            first -= 1
        return Phrase(head, possessor, first, last, confidence)

    def _relative_antecedent(self, tokens: list[Token], first: int) -> Phrase | None:
        """When the phrase sits inside a relative clause, the noun the clause describes."""
        for k in range(first - 1, -1, -1):
            word = tokens[k].lower
            if word in (",", ";", ":") or word in lx.CLAUSE_BREAKERS:
                return None
            if word in ("who", "which") or (word == "that" and k > 0 and nounish(tokens[k - 1])):
                before = tokens[k - 1].lower if k > 0 else ""
                if k > 0 and not looks_past_tense(before) and before not in lx.COMMON_VERBS:
                    if k - 1 == first - 1:
                        return None
                    return self._phrase_ending(tokens, k - 1)
        return None

    def _subject_of_previous_clause(self, tokens: list[Token], boundary: int) -> Phrase:
        """For ``X did A and forgot B``: the first noun phrase of the clause before."""
        start = boundary - 1
        while (
            start > 0
            and tokens[start - 1].lower not in (",", ";", ":")
            and (tokens[start - 1].lower not in lx.CLAUSE_BREAKERS)
        ):
            start -= 1
        k = start
        while k < boundary and (
            tokens[k].lower in lx.DETERMINERS or tokens[k].lower in lx.AGENT_SKIP
        ):
            k += 1
        while k < boundary:
            kind, conf = self.classify(tokens, k)
            if (
                kind is Agent.SYSTEM
                and k + 1 < boundary
                and self.classify(tokens, k + 1)[0].is_people
            ):
                k += 1  # "the database team": a system word modifying a group
                continue
            if kind is not Agent.UNKNOWN or k + 1 >= boundary:
                if tokens[k].possessive:
                    k += 1
                    continue
                return Phrase(kind, Agent.UNKNOWN, start, k, conf)
            nxt = tokens[k + 1].lower
            if nxt in lx.COMMON_VERBS or looks_past_tense(nxt) or nxt in lx.AGENT_SKIP:
                return Phrase(kind, Agent.UNKNOWN, start, k, conf)
            k += 1
        return NOBODY

    def clause_subject(self, sentence: Sentence, index: int) -> Phrase:
        """The first noun phrase of the clause that contains token ``index``."""
        return self._subject_of_previous_clause(sentence.tokens, index)

    def mentions_people(self, sentence: Sentence) -> bool:
        """Any token of the sentence names a person, a team or the writers."""
        tokens = sentence.tokens
        return any(self.classify(tokens, i)[0].is_people for i in range(len(tokens)))

    def phrase_after(self, sentence: Sentence, index: int, *, follow: bool = True) -> Phrase:
        """The noun phrase starting at token ``index`` (after a cause word or a verb)."""
        tokens = sentence.tokens
        k = index
        while k < len(tokens) and tokens[k].lower in lx.DETERMINERS:
            k += 1
        possessor = Agent.UNKNOWN
        head = NOBODY
        while k < len(tokens):
            tok = tokens[k]
            word = tok.lower
            if not word[:1].isalnum() and not word.startswith("@"):
                break
            if word in lx.PREPOSITIONS or word in lx.RELATIVE_PRONOUNS:
                if follow and word in ("from", "by", "of") and not head.involves_people:
                    later = self.phrase_after(sentence, k + 1, follow=False)
                    if later.involves_people:
                        return Phrase(head.head, later.head, index, later.last, later.confidence)
                break
            kind, conf = self.classify(tokens, k)
            if tok.possessive:
                if kind.is_people:
                    possessor = kind
                k += 1
                continue
            head = Phrase(kind, possessor, index, k, conf)
            if kind.is_people and not (
                k + 1 < len(tokens) and tokens[k + 1].lower in lx.ROLE_NOUNS
            ):
                break
            if kind is Agent.SYSTEM and not (k + 1 < len(tokens) and nounish(tokens[k + 1])):
                break
            k += 1
        if head is NOBODY and possessor.is_people:
            return Phrase(Agent.UNKNOWN, possessor, index, k, 0.8)
        return head


def _governed(tokens: list[Token], prep: int) -> bool:
    """Token ``prep`` is a preposition governing what follows, not part of an adverbial
    ("from now on", "later on", "early on")."""
    word = tokens[prep].lower
    if word == "on" and prep > 0 and tokens[prep - 1].lower in ("now", "later", "early"):
        return False
    return word in lx.PREPOSITIONS
