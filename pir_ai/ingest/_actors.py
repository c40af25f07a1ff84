"""One name per person across sources: Slack user, PagerDuty user, meeting speaker.

Names and emails that match once case, spacing and a trailing ``(Guest)``-style
note are ignored belong to one person; so do the names and email of one Slack
user (display name, real name, profile email). A lone first name ("Priya", as a
transcript speaker) joins the one person whose full name starts with it, and
nobody when two people share that first name. Each person gets one canonical
display name: the fullest, capitalised name used for them.

Emails tell people apart. Two identities with one name but different emails (two
Slack users called "Alex Kim", each with a profile email) are two people, named
"Alex Kim [alex.kim]" and "Alex Kim [akim]": the name they share plus the local part
of their (alphabetically first) email, or its domain when the local parts are equal
("Marco Diaz [acme.example]"), or the whole email when neither tells them apart;
readable, and the same on every run. Square brackets, not parentheses:
a trailing "(...)" is a note ("(Guest)", "(she/her)") that name matching here and the
offline engine's ``people`` drop, which would merge the two again; and no "@" unless
needed, since redaction pseudonymises a name with an "@" as an email address.
A name with no email (a transcript speaker "Alex Kim") joins the one person
with an email it fits and, when two fit, stays as spoken, as does a lone "Alex".
People who act in the incident come first: a users.json lists the whole workspace,
so a namesake there who never acts neither splits nor tags the one who does.
Only an email the source gives (``attrs["email"]``, a people fact's ``email``, an
actor that is an email) counts; a git author email does not, since people commit
from personal addresses. Everyone whose name no two emails share is joined as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pir_ai.events import Event

_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


@dataclass
class _Identity:
    """One way a person shows up: a Slack user, a people fact, an event's actor."""

    names: list[str]
    """Stripped display forms, emails excluded."""
    emails: list[str]
    """``email:…`` keys."""
    uses: Counter[str] = field(default_factory=Counter)
    """How many events name the person by each of ``names``."""
    acting: bool = False
    """Named by events, not only listed in a directory."""

    def name_keys(self) -> list[str]:
        return ["name:" + name_key(n) for n in self.names]


def _identity(names: Iterable[str | None], emails: Iterable[str | None]) -> _Identity:
    identity = _Identity([], [])
    for name in names:
        if name and name.strip():
            if _EMAIL.match(name.strip()):
                identity.emails.append("email:" + name.strip().casefold())
            elif name_key(name) and name.strip() not in identity.names:
                identity.names.append(name.strip())
    identity.emails.extend("email:" + e.strip().casefold() for e in emails if e and e.strip())
    return identity


def _join(people: _People, identities: Iterable[_Identity]) -> dict[str, set[str]]:
    """Join names and emails into people; returns the full names two or more people share.

    Emails decide: a name joins the person whose email it came with, and a name that
    came with the emails of two people (two Alex Kims) joins neither, so a bare
    "Alex Kim" stays apart from both. People who act in the incident come first: a
    directory entry (users.json lists everyone) sharing the name of someone who acts
    does not count; only when no namesake acts do directory entries decide. Names
    without an email join each other, unless that would make one person of two.
    """
    identities = list(identities)
    for identity in identities:
        people.join(identity.emails)
    acting = {people.find(i.emails[0]) for i in identities if i.acting and i.emails}
    owners: dict[str, set[str]] = {}
    for identity in identities:
        if identity.emails:
            for key in identity.name_keys():
                owners.setdefault(key, set()).add(people.find(identity.emails[0]))
    fitting = {key: (roots & acting) or roots for key, roots in owners.items()}
    shared = {key: roots for key, roots in fitting.items() if len(roots) > 1}
    for identity in identities:
        if identity.emails:
            root = people.find(identity.emails[0])
            names = [
                key
                for key in identity.name_keys()
                if key not in shared and any(people.find(r) == root for r in fitting[key])
            ]
            people.join(identity.emails + names)
            continue
        fits = {people.find(r) for k in identity.name_keys() for r in fitting.get(k, ())}
        if len(fits) <= 1:
            people.join(identity.name_keys())
    return {key.removeprefix("name:"): roots for key, roots in shared.items()}


def _anchor(identity: _Identity, name: str) -> str:
    """The key whose person ``name`` names in this identity."""
    return identity.emails[0] if identity.emails else "name:" + name_key(name)


def _join_first_names(
    people: _People, human_names: set[str], shared: Mapping[str, set[str]]
) -> None:
    """Join a lone first name to the single person whose full name starts with it."""
    by_first: dict[str, set[str]] = {}
    for key in human_names:
        words = key.split()
        if len(words) > 1:
            roots = shared.get(key) or {people.find("name:" + key)}
            by_first.setdefault(words[0], set()).update(people.find(r) for r in roots)
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


def _canonical_names(people: _People, identities: Iterable[_Identity]) -> dict[str, str]:
    """Cluster root to its display name.

    Preference: most words, then the longest ("Alex Moreau" over "Alex M"), capitalised,
    without a "(Guest)" note, most used. Two people with emails and one name are told
    apart by their email's local part: "Alex Kim [akim]" (see the module docstring).
    """
    uses: Counter[tuple[str, str]] = Counter()
    emails: dict[str, set[str]] = {}
    acting: set[str] = set()
    for identity in identities:
        for name in identity.names:
            root = people.find(_anchor(identity, name))
            uses[root, name] += identity.uses[name]
            if identity.acting:
                acting.add(root)
        for email in identity.emails:
            emails.setdefault(people.find(email), set()).add(email.removeprefix("email:"))
    best: dict[str, tuple[int, int, bool, bool, int, str]] = {}
    for (root, name), count in uses.items():
        key = name_key(name)
        plain = not _TRAILING_NOTE.search(name)
        score = (len(key.split()), len(key), name != name.lower(), plain, count, name)
        if root not in best or score > best[root]:
            best[root] = score
    named = {root: score[-1] for root, score in best.items()}
    holders: dict[str, list[str]] = {}
    for root in acting:  # a directory namesake who never acts shows nowhere: no tag needed
        holders.setdefault(name_key(named[root]), []).append(root)
    for roots in holders.values():
        tagged = {root: min(emails[root]) for root in sorted(roots) if root in emails}
        if len(roots) < 2 or not tagged:
            continue
        for part in (0, 2, None):  # the local part, else the domain, else the whole email
            tags = {r: e if part is None else e.partition("@")[part] for r, e in tagged.items()}
            if part is None or len(set(tags.values())) == len(tags):
                break
        for root, tag in tags.items():
            named[root] = f"{named[root]} [{tag}]"
    return named


class ActorRenames(dict[str, str]):
    """Actor name to canonical name, plus renames that depend on the actor's email.

    The mapping holds every actor name that means one person. An actor name two
    people share (two Slack users called "Alex Kim") is in ``by_email`` instead:
    actor name to {casefolded email, "" for none: canonical name}.
    """

    def __init__(self) -> None:
        super().__init__()
        self.by_email: dict[str, dict[str, str]] = {}

    def for_event(self, event: Event) -> str | None:
        """The canonical name of ``event``'s actor, None when it keeps its name."""
        if not event.actor:
            return None
        by_email = self.by_email.get(event.actor)
        if by_email is None:
            return self.get(event.actor)
        name = by_email.get(_event_email(event), event.actor)
        return None if name == event.actor else name


def _event_email(event: Event) -> str:
    email = event.attrs.get("email")
    return email.strip().casefold() if email else ""


def actor_renames(
    events: Iterable[Event], people: Sequence[Mapping[str, str]] = ()
) -> ActorRenames:
    """Actor name to canonical name, for every actor whose name changes.

    ``people`` are side facts from parsers (``{"name", "real_name", "email"}``),
    e.g. a Slack users.json. Apply the result with ``apply_renames``: an actor
    name two people share is renamed by email (``ActorRenames.by_email``).
    """
    facts = [_identity([p.get("name"), p.get("real_name")], [p.get("email")]) for p in people]
    human_names = {name_key(n) for f in facts for n in f.names}
    counted = Counter(
        (e.actor, e.attrs.get("real_name"), e.attrs.get("email"), e.is_bot)
        for e in events
        if e.actor
    )
    seen: list[_Identity] = []
    lookups: set[tuple[str, str]] = set()
    for (actor, real_name, email, is_bot), count in counted.items():
        identity = _identity([actor, real_name], [email])
        identity.acting = True
        if actor.strip() in identity.names:
            identity.uses[actor.strip()] += count
        if not is_bot:
            human_names.update(name_key(n) for n in identity.names)
        seen.append(identity)
        lookups.add((actor, (email or "").strip().casefold()))
    identities = facts + seen
    union = _People()
    shared = _join(union, identities)
    _join_first_names(union, human_names, shared)
    canonical = _canonical_names(union, identities)
    renames = ActorRenames()
    per_actor: dict[str, dict[str, str]] = {}
    for actor, email in lookups:
        anchor = _identity([actor], [email]).emails or _identity([actor], []).name_keys()
        name = canonical.get(union.find(anchor[0])) if anchor else None
        per_actor.setdefault(actor, {})[email] = name or actor
    for actor, names in per_actor.items():
        if len(set(names.values())) > 1:
            renames.by_email[actor] = names
        elif (name := next(iter(names.values()))) != actor:
            renames[actor] = name
    return renames


def apply_renames(events: list[Event], renames: Mapping[str, str]) -> None:
    """Rename actors in place; a renamed event keeps its original in ``attrs["source_actor"]``.

    Events are replaced in the list, not the list copied, so a large export is
    not held in memory twice.
    """
    # Only shared actor names need the event's email: the rest stay one dict lookup.
    by_email = renames.for_event if isinstance(renames, ActorRenames) and renames.by_email else None
    for index, event in enumerate(events):
        if by_email is not None:
            name = by_email(event)
        else:
            name = renames.get(event.actor) if event.actor else None
        if name is None:
            continue
        attrs = {**event.attrs, "source_actor": event.actor or ""}
        events[index] = event.trusted_copy({"actor": name, "attrs": attrs})


def unify_actors(events: list[Event], people: Sequence[Mapping[str, str]] = ()) -> list[Event]:
    """Make each person's actor name canonical across ``events``, in place; returns them."""
    apply_renames(events, actor_renames(events, people))
    return events
