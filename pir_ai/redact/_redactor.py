"""Redact an incident before a model reads it, and unmask the draft it writes.

Order matters: token parameters leave URLs first, then secrets go for good, then
emails, customer ids, people (see ``pir_ai.redact._people``), phone numbers, IP
addresses and host names become pseudonyms.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from pir_ai.events import Event, Incident
from pir_ai.postmortem import Postmortem
from pir_ai.redact._patterns import (
    SECRET_MARK,
    Kind,
    RedactionConfig,
    clean_url,
    find_emails,
    find_hosts,
    find_ips,
    find_phones,
    find_urls,
)
from pir_ai.redact._people import People
from pir_ai.redact._pseudonyms import Pseudonyms, longest_first
from pir_ai.redact._report import RedactionReport
from pir_ai.redact._secrets import find_secrets

__all__ = ["Redactor"]

SEEN_LIMIT = 200_000
"""Texts whose redaction is remembered (repeated alerts and bot lines cost nothing)."""
NAME_ATTRS = ("source_actor", "real_name", "author", "committer")
"""Event attributes holding another name of the actor."""
EMAIL_ATTRS = ("email", "author_email", "committer_email")
KEPT_ATTRS = frozenset(
    {"fingerprint", "commit", "parent", "sha", "alert_id", "incident_id", "log_entry_id", "ts",
     "thread_ts", "edited_ts", "cue_id", "offset", "end_offset", "count", "copy_of", "clock",
     "author_date", "rule_id", "bot_id", "user_id"}
)  # fmt: skip
"""Ids, hashes and clocks: kept as they are, so grouping and linking still work."""


class Redactor:
    """Pseudonymises people and contact details, removes secrets, and unmasks drafts.

    Make one per draft with ``Redactor.for_incident``; the map lives in memory (and in
    ``config.mapping_path`` when set).
    """

    def __init__(self, config: RedactionConfig | None = None) -> None:
        self.config = config or RedactionConfig()
        self.map = Pseudonyms()
        self._replaced: Counter[str] = Counter()
        self._unknown = 0
        self._sent = hashlib.sha256()
        self._prompts = 0
        self._seen: dict[tuple[str, bool], tuple[str, Counter[str]]] = {}
        self._keep = {k.casefold() for k in self.config.keep}
        self.people = People(self.map, self.config)

    @classmethod
    def for_incident(cls, incident: Incident, config: RedactionConfig | None = None) -> Redactor:
        """A redactor that knows every person acting in ``incident``."""
        redactor = cls(config)
        redactor.learn_people(incident.events)
        return redactor

    def learn_people(self, events: Iterable[Event]) -> None:
        """Give every human actor, and their other names, one pseudonym each."""
        people = [e for e in events if e.actor and not e.is_bot]
        # Full names first, so a handle ("priya.raman") joins the person it names.
        for event in sorted(people, key=lambda e: -len((e.actor or "").split())):
            token = self.add_person(event.actor or "")
            for attr in NAME_ATTRS:
                other = event.attrs.get(attr)
                if other and other.strip() and "@" not in other:
                    self.people.alias(other.strip(), token)

    def add_person(self, name: str, aliases: Iterable[str] = ()) -> str:
        """The pseudonym of person ``name`` (canonical), known by ``aliases`` too."""
        return self.people.add(name, aliases)

    # --- redaction -------------------------------------------------------------------

    def redact_text(self, text: str, *, count: bool = True, secrets: bool = True) -> str:
        """``text`` with secrets removed and personal data pseudonymised.

        ``secrets=False`` skips secret detection, for names and ids (a Teams channel id
        is long random hex, yet no secret).
        """
        if not text:
            return text
        seen = self._seen.get((text, secrets))
        if seen is not None:  # bots and alerts repeat themselves
            if count:
                self._replaced.update(seen[1])
            return seen[0]
        redacted, tally = self._redact(text, secrets)
        if len(self._seen) < SEEN_LIMIT:
            self._seen[(text, secrets)] = (redacted, tally)
        if count:
            self._replaced.update(tally)
        return redacted

    def _redact(self, text: str, secrets: bool) -> tuple[str, Counter[str]]:
        tally: Counter[str] = Counter()
        for url in sorted(set(find_urls(text)), key=len, reverse=True):
            cleaned, removed = clean_url(url, self.config.token_params)
            if removed:
                tally["URL_TOKEN"] += removed * text.count(url)
                text = text.replace(url, cleaned)
        for secret in find_secrets(text) if secrets else ():
            if secret in text:
                tally["SECRET"] += text.count(secret)
                text = text.replace(secret, SECRET_MARK)
        text = self._replace(text, Kind.EMAIL, find_emails(text), tally)
        for regex in self.config.customer_regexes():
            found = (m.group(1) if regex.groups else m.group(0) for m in regex.finditer(text))
            text = self._replace(text, Kind.CUSTOMER, found, tally)
        text = self.people.replace(text, tally)
        text = self._replace(text, Kind.PHONE, find_phones(text), tally)
        text = self._replace(text, Kind.IP, find_ips(text), tally)
        if self.config.hostnames:
            text = self._replace(text, Kind.HOST, find_hosts(text, self.config), tally)
        return text, tally

    def _replace(self, text: str, kind: Kind, found: Iterable[str], tally: Counter[str]) -> str:
        for value in longest_first(v for v in found if v and v.casefold() not in self._keep):
            if value in text:
                tally[kind.value] += text.count(value)
                text = text.replace(value, self.map.token(kind, value))
        return text

    def redact_event(self, event: Event) -> Event:
        """``event`` with its text, actor, channel and attributes redacted."""
        actor = event.actor
        if actor and not event.is_bot:
            actor = self.add_person(actor)
        elif actor:
            actor = self.redact_text(actor)
        attrs = {k: v if k in KEPT_ATTRS else self.redact_text(v) for k, v in event.attrs.items()}
        return event.trusted_copy(
            {
                "text": self.redact_text(event.text),
                "actor": actor,
                "channel": self.redact_text(event.channel, secrets=False)
                if event.channel
                else event.channel,
                "attrs": attrs,
            }
        )

    def redact_incident(self, incident: Incident) -> Incident:
        """A copy of ``incident`` whose every event is redacted (same ids, same times)."""
        for event in incident.events:
            for attr in EMAIL_ATTRS:
                if event.attrs.get(attr):
                    self.map.token(Kind.EMAIL, event.attrs[attr])
        events = [self.redact_event(e) for e in incident.events]
        return incident.model_copy(update={"events": events})

    # --- the way back ----------------------------------------------------------------

    def unmask(self, text: str) -> str:
        """``text`` with every pseudonym this redactor gave replaced by the real value."""
        return self.map.unmask(text)

    def unmask_draft(self, draft: Postmortem) -> Postmortem:
        """``draft`` with every pseudonym in every text field (findings too) unmasked."""
        data = draft.model_dump(mode="json")
        return Postmortem.model_validate(_walk(data, self._unmask_counting))

    def _unmask_counting(self, text: str) -> str:
        self._unknown += len(self.map.unknown(text))
        return self.map.unmask(text)

    def sent(self, text: str) -> str:
        """Record ``text`` as sent to the model (for the report's hash), and return it."""
        self._sent.update(text.encode("utf-8"))
        self._prompts += 1
        return text

    def report(self) -> RedactionReport:
        """Counts per kind and the hash of what was sent; never a value."""
        path = self.config.mapping_path
        return RedactionReport(
            ran=True,
            pseudonyms=self.map.counts(),
            replaced=dict(sorted(self._replaced.items())),
            secrets_removed=self._replaced["SECRET"],
            url_tokens_removed=self._replaced["URL_TOKEN"],
            unknown_pseudonyms=self._unknown,
            prompts=self._prompts,
            sent_sha256=self._sent.hexdigest() if self._prompts else None,
            mapping_file=str(path) if path is not None else None,
        )


def _walk(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_walk(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, change) for k, v in value.items()}
    return value
