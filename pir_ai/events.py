"""The typed event stream every input file is turned into, and the account of reading it."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class EventKind(StrEnum):
    """What an event records. Facts are computed from kinds, never from free text alone."""

    ALERT_TRIGGERED = "alert_triggered"
    ALERT_ACKNOWLEDGED = "alert_acknowledged"
    ALERT_ESCALATED = "alert_escalated"
    ALERT_NOTIFIED = "alert_notified"
    ALERT_ANNOTATED = "alert_annotated"
    ALERT_RESOLVED = "alert_resolved"
    MESSAGE = "message"
    TRANSCRIPT_CUE = "transcript_cue"
    CHANGE = "change"
    SYSTEM = "system"
    """Joins, leaves, topic changes, membership: kept for completeness, dropped from prompts."""


class SourceRef(BaseModel):
    """Where an event came from, precisely enough to open the file at the record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(description="File or export folder the event was read from.")
    record: str = Field(
        description="Record inside it: 'incident/2024-05-01.json[12]', 'alerts[3]', 'cue 14'."
    )
    line: int | None = Field(default=None, description="1-based line, when the format has lines.")

    @classmethod
    def trusted(cls, path: str, record: str, line: int | None = None) -> SourceRef:
        """A ``SourceRef`` from values a built-in parser typed itself, without validation.

        See ``Event.trusted`` for when this is safe; plugins use ``SourceRef(...)``.
        """
        ref = _new(cls)
        _set(ref, "__dict__", {"path": path, "record": record, "line": line})
        _set(ref, "__pydantic_fields_set__", _REF_FIELDS)
        _set(ref, "__pydantic_extra__", None)
        _set(ref, "__pydantic_private__", None)
        return ref


_new = object.__new__
_set = object.__setattr__


def utc(ts: datetime) -> datetime:
    """Return ``ts`` as an aware UTC datetime; naive values must be localised before."""
    if ts.tzinfo is None:
        raise ValueError("naive datetime: localise it before building an Event")
    return ts.astimezone(UTC)


def make_event_id(source: str, *key: str) -> str:
    """A stable id from the source name and the record's natural key.

    The same input always gives the same id, wherever the files live on disk, so
    citations survive a re-run or a move of the incident folder.
    """
    digest = hashlib.sha1("\x1f".join((source, *key)).encode("utf-8")).hexdigest()
    return f"ev_{digest[:12]}"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many events are built; restore it after.

    Reading a large export creates hundreds of thousands of long-lived objects, and each
    young-generation sweep promotes them until full collections re-scan every event read
    so far: about 40% of loading a 100,000-message Slack export. Events, their refs and
    attrs hold no reference cycles, and reference counting still frees everything else
    at once, so pausing loses nothing. Nesting is safe: only the outermost pause (the one
    that found the collector running) turns it back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Event(BaseModel):
    """One thing that happened, from one record of one source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable id: same input, same id.")
    ts: datetime = Field(description="When it happened, aware, in UTC.")
    source: str = Field(description="Format name that read it, e.g. 'slack', 'alertmanager'.")
    kind: EventKind
    actor: str | None = Field(default=None, description="Display name of who or what acted.")
    text: str = Field(default="", description="Plain text: markup resolved, names readable.")
    ref: SourceRef
    channel: str | None = Field(default=None, description="Channel, service, alert or meeting.")
    thread: str | None = Field(default=None, description="Id of the thread parent, if any.")
    is_bot: bool = Field(default=False, description="Written by a bot or integration.")
    attrs: dict[str, str] = Field(
        default_factory=dict,
        description="Format-specific facts: alertname, fingerprint, severity, commit, count...",
    )
    links: tuple[str, ...] = Field(
        default=(),
        description="Ids of events recording the same happening in another source.",
    )
    end_ts: datetime | None = Field(
        default=None, description="End of a span (aggregated k8s events, alert episodes)."
    )

    @field_validator("ts", "end_ts")
    @classmethod
    def _aware_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else utc(value)

    @classmethod
    def trusted(
        cls,
        *,
        id: str,
        ts: datetime,
        source: str,
        kind: EventKind,
        ref: SourceRef,
        actor: str | None = None,
        text: str = "",
        channel: str | None = None,
        thread: str | None = None,
        is_bot: bool = False,
        attrs: dict[str, str] | None = None,
        links: tuple[str, ...] = (),
        end_ts: datetime | None = None,
    ) -> Event:
        """An ``Event`` from values a built-in parser already typed, skipping pydantic validation.

        Validating every field costs more than the rest of reading a Slack message. The
        built-in parsers build each field from a typed expression (``str`` texts and ids,
        ``EventKind`` members, ``dict[str, str]`` attrs they assemble, timestamps from
        ``timeparse``), and mypy --strict checks those types at every call, so field
        validation would only repeat what the type checker proved. The one guarantee
        types cannot give, an aware UTC time, is still enforced here: a naive ``ts`` or
        ``end_ts`` raises ``ValueError`` and another zone is converted, as the validator does.
        ``attrs`` is kept, not copied: pass a dict nothing else will change.

        Third-party formats (entry point ``pir_ai.sources``) call ``Event(...)``, which
        validates everything; only use this with values your own code typed.
        """
        if ts.tzinfo is not UTC:
            ts = utc(ts)
        if end_ts is not None and end_ts.tzinfo is not UTC:
            end_ts = utc(end_ts)
        fields = {
            "id": id,
            "ts": ts,
            "source": source,
            "kind": kind,
            "actor": actor,
            "text": text,
            "ref": ref,
            "channel": channel,
            "thread": thread,
            "is_bot": is_bot,
            "attrs": {} if attrs is None else attrs,
            "links": links,
            "end_ts": end_ts,
        }
        return _event_from(cls, fields)

    def trusted_copy(self, update: Mapping[str, object]) -> Event:
        """A copy with ``update`` applied, for built-in code that typed the new values.

        The same contract as ``model_copy(update=...)``, which does not validate ``update``
        either, at a tenth of its cost: pydantic's copy goes through ``copy.copy`` and a
        ``__setattr__`` per field, which dominated renaming the actors of a large export.
        Times in ``update`` are still checked and converted to UTC like ``trusted``'s.
        """
        unknown = update.keys() - _EVENT_FIELDS
        if unknown:
            raise ValueError(f"not Event fields: {sorted(unknown)}")
        fields = {**self.__dict__, **update}
        for key in ("ts", "end_ts"):
            value = fields[key]
            if isinstance(value, datetime) and value.tzinfo is not UTC:
                fields[key] = utc(value)
        return _event_from(type(self), fields)


def _event_from(cls: type[Event], fields: dict[str, object]) -> Event:
    event = _new(cls)
    _set(event, "__dict__", fields)
    _set(event, "__pydantic_fields_set__", _EVENT_FIELDS)
    _set(event, "__pydantic_extra__", None)
    _set(event, "__pydantic_private__", None)
    return event


# One fields-set shared by every trusted instance, to save a set per event (~700 bytes):
# pydantic only grows a fields-set on attribute assignment, which frozen models refuse,
# and model_copy copies the set before updating it.
_EVENT_FIELDS = set(Event.model_fields)
_REF_FIELDS = set(SourceRef.model_fields)


class SkippedRecord(BaseModel):
    """A record that yields no event, and why: unreadable (the default), or ``folded``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    location: str = Field(description="Record or line inside the file.")
    reason: str = Field(description="What was expected and what was found.")
    folded: bool = Field(default=False, description="A repeat or copy kept in another event.")


class FileReport(BaseModel):
    """How one file was read. Invariant: ``records_read == events_produced + len(skipped)``.

    A record that yields no event on purpose (an Alertmanager repeat, a thread
    broadcast copy) is counted in ``skipped`` with its reason and ``folded=True``,
    so nothing disappears silently and nothing looks lost.
    """

    model_config = ConfigDict(extra="forbid")

    path: str
    format: str
    records_read: int = 0
    events_produced: int = 0
    skipped: list[SkippedRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _accounting_holds(self) -> FileReport:
        if self.records_read != self.events_produced + len(self.skipped):
            raise ValueError(
                f"{self.path}: read {self.records_read} != produced {self.events_produced}"
                f" + skipped {len(self.skipped)}"
            )
        return self


class IngestReport(BaseModel):
    """The account of reading every input: one ``FileReport`` per file, plus warnings."""

    model_config = ConfigDict(extra="forbid")

    files: list[FileReport] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    unplaced: list[str] = Field(
        default_factory=list,
        description="Transcripts left off the timeline: no start time, nothing aligned.",
    )

    @property
    def records_read(self) -> int:
        """Records read across all files."""
        return sum(f.records_read for f in self.files)

    @property
    def events_produced(self) -> int:
        """Events produced across all files."""
        return sum(f.events_produced for f in self.files)

    @property
    def skipped_count(self) -> int:
        """Records skipped across all files."""
        return sum(len(f.skipped) for f in self.files)

    @property
    def unreadable_count(self) -> int:
        """Records skipped as unreadable: what they said is not in the events."""
        return sum(not s.folded for f in self.files for s in f.skipped)

    @property
    def folded_count(self) -> int:
        """Records folded into another event (repeats, copies): nothing lost."""
        return sum(s.folded for f in self.files for s in f.skipped)


class Incident(BaseModel):
    """Everything read from an incident's files: the events in time order, and the report."""

    model_config = ConfigDict(extra="forbid")

    events: list[Event]
    report: IngestReport
    tz: str | None = Field(
        default=None,
        description="IANA zone naive times were read in (``load_incident(tz=...)``), if any.",
    )

    def by_id(self) -> dict[str, Event]:
        """Events indexed by id."""
        return {e.id: e for e in self.events}
