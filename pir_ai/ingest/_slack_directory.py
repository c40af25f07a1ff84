"""Who and where in a Slack workspace: user, bot and channel ids to readable names.

Built from an export's users.json / channels.json / groups.json, or from the Web
API's ``users.list`` / ``conversations.list`` responses saved next to a dump.
Name order for a user (FORMATS.md 1.3): ``profile.display_name``,
``profile.real_name``, ``real_name``, ``name``, then the id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SlackPerson:
    """A users.json entry reduced to what naming and actor matching need."""

    name: str
    real_name: str | None = None
    email: str | None = None
    is_bot: bool = False


@dataclass
class SlackDirectory:
    """Ids to names for one workspace: users (U…/W…), bots (B…) and channels (C…/G…/D…)."""

    people: dict[str, SlackPerson] = field(default_factory=dict)
    bots: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)

    def add_users(self, entries: Iterable[object]) -> None:
        """Add users.json entries; name order: display_name, real_name, name, then id."""
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            profile = as_object(entry.get("profile"))
            real = first_text(profile.get("real_name"), entry.get("real_name"))
            name = first_text(profile.get("display_name"), real, entry.get("name"))
            person = SlackPerson(
                name=name or entry["id"],
                real_name=real,
                email=first_text(profile.get("email")),
                is_bot=bool(entry.get("is_bot")),
            )
            self.people[entry["id"]] = person
            bot_id = profile.get("bot_id")
            if isinstance(bot_id, str):
                self.bots[bot_id] = person.name

    def learn_from(self, message: object) -> None:
        """Remember a user known only from a message's ``user_profile`` snapshot."""
        if not isinstance(message, dict) or "user_profile" not in message:
            return  # checked first: this runs once per message of an export
        user, profile = message.get("user"), as_object(message.get("user_profile"))
        if not isinstance(user, str) or user in self.people or not profile:
            return
        real = first_text(profile.get("real_name"))
        name = first_text(profile.get("display_name"), real, profile.get("name"))
        if name:
            self.people[user] = SlackPerson(name=name, real_name=real)

    def add_channels(self, entries: Iterable[object]) -> None:
        """Add channels.json / groups.json / mpims.json entries (id to name)."""
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                self.channels[entry["id"]] = first_text(entry.get("name")) or entry["id"]

    def people_facts(self) -> list[dict[str, str]]:
        """Name, real name and email of every human, for cross-source actor matching."""
        facts = []
        for person in self.people.values():
            if person.is_bot:
                continue
            entry = {"name": person.name}
            if person.real_name:
                entry["real_name"] = person.real_name
            if person.email:
                entry["email"] = person.email
            facts.append(entry)
        return facts

    def name_of(self, slack_id: str) -> str | None:
        """A display name for any id, or None when unknown."""
        person = self.people.get(slack_id)
        if person is not None:
            return person.name
        return self.channels.get(slack_id) or self.bots.get(slack_id)


def as_object(value: object) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty dict (fields may be null or absent)."""
    return value if isinstance(value, dict) else {}


def first_text(*values: object) -> str | None:
    """The first value that is a non-blank string, stripped; None when there is none."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
