"""The skeleton of a JSON alert reader: recognised by its keys, read payload by payload.

A format (``JsonAlertFormat``) says what its files hold and which keys give it away in
the sniffed JSON; a ``PayloadReader`` reads one file's decoded payloads, keeping the
account in an ``AlertFileBuilder``. The skeleton skips the JSON Lines lines that did not
decode, gives every event the file's source and place, and folds a repeat delivery
of an event already kept instead of keeping it twice.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from pir_ai.events import Event, EventKind, SourceRef
from pir_ai.ingest._alert_payloads import AlertFileBuilder, Payload, iter_payloads, json_head
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._timeparse import TimestampError


class PayloadReader(ABC):
    """Reads the decoded payloads of one file into its builder."""

    def __init__(self, builder: AlertFileBuilder, options: IngestOptions) -> None:
        self.builder = builder
        self.options = options
        self._kept: set[str] = set()

    @abstractmethod
    def read_payload(self, payload: Payload) -> None:
        """Count every record of ``payload`` and make each an event or a skip."""

    def time_or_skip(self, value: object, location: str, what: str) -> datetime | None:
        """``value`` as a UTC time; None once the record is skipped (``"{what} {reason}"``)."""
        try:
            return self.builder.timestamp(value)
        except TimestampError as err:
            self.builder.skip(location, f"{what} {err}")
            return None

    def result(self) -> ParseResult:
        """The file's events and account, after its last payload (file-level warnings here)."""
        return self.builder.result()

    def add(
        self,
        payload: Payload,
        location: str,
        *,
        event_id: str,
        ts: datetime,
        kind: EventKind,
        actor: str,
        text: str,
        channel: str,
        attrs: Mapping[str, str],
        is_bot: bool = True,
        repeat: str | None = None,
    ) -> None:
        """Keep an event of this file (empty attrs left out).

        With ``repeat`` (why it would be one), an id already kept is skipped as folded.
        """
        if repeat is not None:
            if event_id in self._kept:
                self.builder.skip(location, repeat, folded=True)
                return
            self._kept.add(event_id)
        self.builder.add(
            Event(
                id=event_id,
                ts=ts,
                source=self.builder.format_name,
                kind=kind,
                actor=actor or None,
                text=text,
                ref=SourceRef(path=self.builder.path_text, record=location, line=payload.line),
                channel=channel or None,
                is_bot=is_bot,
                attrs={k: v for k, v in attrs.items() if v},
            )
        )


class JsonAlertFormat(ABC):
    """An alert format delivered as JSON: one payload, an array of them, or JSON Lines."""

    name: str
    kind = "alerts"
    recognised_by: str
    holds: ClassVar[str]
    """What a file of the format holds, named when the file is not valid JSON."""
    reader: ClassVar[type[PayloadReader]]

    def sniff(self, sample: Sniff) -> bool:
        """True when the sample opens a JSON document with this format's keys."""
        text = json_head(sample.head)
        return bool(text) and self.sniff_json(text)

    @abstractmethod
    def sniff_json(self, text: str) -> bool:
        """True when the sniffed JSON text has this format's keys."""

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every payload of ``path``; a line that is not JSON is one skipped record."""
        reader = self.reader(AlertFileBuilder(path, self.name, options.tz), options)
        for payload in iter_payloads(path, self.holds):
            if payload.error is None:
                reader.read_payload(payload)
            else:
                reader.builder.read()
                reader.builder.skip(payload.location, payload.error)
        return reader.result()
