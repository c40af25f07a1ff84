"""People: every name a person goes by, and finding names in text.

A person is known from the events' actors (already one name per person after
merging) and their other names, plus ``RedactionConfig.names``. Each gets one
pseudonym, also matched as ``first.last`` / ``first_last``, as a lone first or last
name when only one person has it (capitalised, as written), and as an ``@mention``.
Capitalised given names found in text (the linter's given-names list) become people
too, with the capitalised word after them as surname.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pir_ai.redact._names import given_names
from pir_ai.redact._patterns import Kind, RedactionConfig
from pir_ai.redact._pseudonyms import Pseudonyms, longest_first

__all__ = ["People"]

_MENTION = re.compile(r"(?<![\w@])@([A-Za-z][\w.-]*[A-Za-z0-9])")
"""A chat mention such as ``@priya``, matched to a known first name or handle."""
_CAPITALISED = re.compile(r"(?<![\w@.])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?!\w)")


class People:
    """Names -> pseudonyms, kept in the redactor's ``Pseudonyms`` map."""

    def __init__(self, pseudonyms: Pseudonyms, config: RedactionConfig) -> None:
        self.map = pseudonyms
        self._names: dict[str, str] = {}
        self._words: dict[str, str] = {}
        self._name_regex: re.Pattern[str] | None = None
        self._word_regex: re.Pattern[str] | None = None
        self._keep = {k.casefold() for k in config.keep}
        self._shared: set[str] = set()
        self._lexicon = given_names() if config.given_names else frozenset()
        for name in config.names:
            self.add(name)

    def add(self, name: str, aliases: Iterable[str] = ()) -> str:
        """The pseudonym of person ``name`` (canonical), known by ``aliases`` too."""
        name = " ".join(name.split())
        if "@" in name:
            return self.map.token(Kind.EMAIL, name)
        token = self.map.known(Kind.PERSON, name) or self.map.token(Kind.PERSON, name)
        self.alias(name, token, own=True)
        for alias in aliases:
            self.alias(alias, token)
        words = name.split()
        if len(words) > 1:
            for joined in (".".join(words), "_".join(words)):
                self.alias(joined, token)
            self._alias_word(words[0], token)
            self._alias_word(words[-1], token)
        return token

    def alias(self, name: str, token: str, *, own: bool = False) -> None:
        """``name`` stands for ``token``; a capitalised single word is matched as written."""
        folded = name.casefold()
        if len(name) < 2 or folded in self._keep:
            return
        claimed = self._names.get(folded)
        if not own and folded in self._shared:
            return
        if not own and claimed and claimed != token:
            # Namesakes: a name two people go by must not unmask to either of them. It
            # keeps being redacted, under a pseudonym of its own that unmasks to the name
            # as written (unless it is someone's own name, which stays theirs).
            self._shared.add(folded)
            self.map.forget_alias(Kind.PERSON, name)
            shared = self.map.known(Kind.PERSON, name) or self.map.token(Kind.PERSON, name)
            self._names[folded] = shared
            self._name_regex = None
            return
        self.map.alias(Kind.PERSON, name, token)
        if " " not in name and name[:1].isupper() and name[1:].islower():
            self._alias_word(name, token, own=own)
            return
        if own:
            self._names[folded] = token
        else:
            self._names.setdefault(folded, token)
        self._name_regex = None

    def _alias_word(self, word: str, token: str, *, own: bool = False) -> None:
        """A lone name, matched capitalised only; dropped when two people share it."""
        if len(word) < 3 or word.casefold() in self._keep:
            return
        if own:
            self._words[word] = token
        elif word in self._words and self._words[word] != token:
            self._words[word] = ""
        else:
            self._words.setdefault(word, token)
        self._word_regex = None

    def replace(self, text: str, tally: Counter[str]) -> str:
        """``text`` with every known (or newly found) person's names replaced."""
        for given, surname in _given_names(text):
            folded = given.casefold()
            if len(given) < 3 or folded not in self._lexicon or folded in self._keep:
                continue
            if folded in self._names or self._words.get(given):
                continue  # a person already known by this name
            full = f"{given} {surname}" if surname else given
            if full.casefold() not in self._names:
                self.add(full)

        def person(match: re.Match[str]) -> str:
            tally[Kind.PERSON.value] += 1
            return self._names[match.group(0).casefold()]

        def word(match: re.Match[str]) -> str:
            tally[Kind.PERSON.value] += 1
            return self._words[match.group(0)]

        def mention(match: re.Match[str]) -> str:
            handle = match.group(1)
            token = self._names.get(handle.casefold()) or self._words.get(handle.capitalize())
            if not token:
                return match.group(0)
            tally[Kind.PERSON.value] += 1
            return "@" + token

        names, words = self._regexes()
        if names is not None:
            text = names.sub(person, text)
        if words is not None:
            text = words.sub(word, text)
        return _MENTION.sub(mention, text)

    def _regexes(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        if self._name_regex is None and self._names:
            alternation = "|".join(re.escape(n) for n in longest_first(self._names))
            self._name_regex = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        usable = [w for w, t in self._words.items() if t]
        if self._word_regex is None and usable:
            alternation = "|".join(re.escape(w) for w in longest_first(usable))
            self._word_regex = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        return self._name_regex, self._word_regex


def _given_names(text: str) -> list[tuple[str, str]]:
    """(capitalised word, the capitalised word right after it or "") for each such word."""
    words = list(_CAPITALISED.finditer(text))
    pairs = []
    for i, m in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else None
        follows = after is not None and after.start() == m.end() + 1 and text[m.end()] == " "
        pairs.append((m.group(0), after.group(0) if follows and after is not None else ""))
    return pairs
