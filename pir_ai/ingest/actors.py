"""One name per person across sources: Slack user, PagerDuty user, meeting speaker.

Names and emails that match once case, spacing and a trailing ``(Guest)``-style
note are ignored belong to one person; so do the names and email of one Slack
user (display name, real name, profile email). A lone first name ("Priya", as a
transcript speaker) joins the one person whose full name starts with it, and
nobody when two people share that first name. Each person gets one canonical
display name: the fullest, capitalised name used for them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from pir_ai.events import Event

_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NAME_ATTRS = ("real_name",)


def name_key(name: str) -> str:
    """The form names are compared in: casefolded, single-spaced, without a trailing note."""
    stripped = _TRAILING_NOTE.sub("", name.strip()) or name.strip()
    return " ".join(stripped.casefold().split())


class _People:
    """Union-find over alias keys (``name:…`` and ``email:…``)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, keys: Iterable[str]) -> None:
        roots = [self.find(k) for k in keys]
        for other in roots[1:]:
            self.parent[self.find(other)] = self.find(roots[0])


def _alias_keys(names: Iterable[str | None], emails: Iterable[str | None]) -> list[str]:
    keys = []
    for name in names:
        if name and name.strip():
            if _EMAIL.match(name.strip()):
                keys.append("email:" + name.strip().casefold())
            elif name_key(name):
                keys.append("name:" + name_key(name))
    keys.extend("email:" + e.strip().casefold() for e in emails if e and e.strip())
    return keys


def _join_first_names(people: _People, human_names: set[str]) -> None:
    """Join a lone first name to the single person whose full name starts with it."""
    by_first: dict[str, set[str]] = {}
    for key in human_names:
        words = key.split()
        if len(words) > 1:
            by_first.setdefault(words[0], set()).add(people.find("name:" + key))
    for key in human_names:
        if len(key.split()) == 1:
            owners = by_first.get(key, set()) - {people.find("name:" + key)}
            already_full = any(
                people.find("name:" + k) == people.find("name:" + key)
                for k in human_names
                if len(k.split()) > 1
            )
            if len(owners) == 1 and not already_full:
                people.join(["name:" + key, next(iter(owners))])


def _canonical_names(people: _People, uses: Counter[str]) -> dict[str, str]:
    """Cluster root to its display name.

    Preference: most words, then the longest ("Alex Moreau" over "Alex M"), capitalised,
    without a "(Guest)" note, most used.
    """
    best: dict[str, tuple[int, int, bool, bool, int, str]] = {}
    for name, count in uses.items():
        key = name_key(name)
        if not key or _EMAIL.match(name.strip()):
            continue
        plain = not _TRAILING_NOTE.search(name)
        score = (len(key.split()), len(key), name != name.lower(), plain, count, name.strip())
        root = people.find("name:" + key)
        if root not in best or score > best[root]:
            best[root] = score
    return {root: score[-1] for root, score in best.items()}


def actor_renames(
    events: Iterable[Event], people: Sequence[Mapping[str, str]] = ()
) -> dict[str, str]:
    """Actor name to canonical name, for every actor whose name changes.

    ``people`` are side facts from parsers (``{"name", "real_name", "email"}``),
    e.g. a Slack users.json.
    """
    union = _People()
    uses: Counter[str] = Counter()
    human_names: set[str] = set()
    for person in people:
        names = [person.get("name"), person.get("real_name")]
        union.join(_alias_keys(names, [person.get("email")]))
        for name in names:
            if name and name_key(name):
                uses[name.strip()] += 0
                human_names.add(name_key(name))
    identities = Counter(
        (e.actor, e.attrs.get("real_name"), e.attrs.get("email"), e.is_bot)
        for e in events
        if e.actor
    )
    for (actor, real_name, email, is_bot), count in identities.items():
        names = [actor, real_name]
        union.join(_alias_keys(names, [email]))
        for name in names:
            if name and name_key(name) and not _EMAIL.match(name.strip()):
                uses[name.strip()] += count if name == actor else 0
                if not is_bot:
                    human_names.add(name_key(name))
    _join_first_names(union, human_names)
    canonical = _canonical_names(union, uses)
    renames: dict[str, str] = {}
    for actor, *_ in identities:
        keys = _alias_keys([actor], [])
        name = canonical.get(union.find(keys[0])) if keys else None
        if name is not None and name != actor:
            renames[actor] = name
    return renames


def apply_renames(events: list[Event], renames: Mapping[str, str]) -> None:
    """Rename actors in place; a renamed event keeps its original in ``attrs["source_actor"]``.

    Events are replaced in the list, not the list copied, so a large export is
    not held in memory twice.
    """
    for index, event in enumerate(events):
        name = renames.get(event.actor) if event.actor else None
        if name is None:
            continue
        attrs = {**event.attrs, "source_actor": event.actor or ""}
        events[index] = event.trusted_copy({"actor": name, "attrs": attrs})


def unify_actors(events: list[Event], people: Sequence[Mapping[str, str]] = ()) -> list[Event]:
    """Make each person's actor name canonical across ``events``, in place; returns them."""
    apply_renames(events, actor_renames(events, people))
    return events
