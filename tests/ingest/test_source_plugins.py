"""Third parties add a format through the ``pir_ai.sources`` entry-point group."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai import load_incident
from pir_ai.errors import UnknownFormatError
from pir_ai.events import Event, EventKind, FileReport, SourceRef, make_event_id
from pir_ai.ingest import ENTRY_POINT_GROUP, IngestOptions, ParseResult, Sniff, formats


class PagerTapeFormat:
    """A made-up line format: ``<ISO time> | <who> | <text>`` after a ``#pager-tape`` header."""

    name = "pager-tape"
    kind = "alerts"
    recognised_by = "first line '#pager-tape'"

    def sniff(self, sample: Sniff) -> bool:
        return (sample.head or b"").startswith(b"#pager-tape")

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        events = []
        for number, line in enumerate(lines, start=2):
            when, who, text = (part.strip() for part in line.split("|", 2))
            events.append(
                Event(
                    id=make_event_id(self.name, when, who),
                    ts=datetime.fromisoformat(when).astimezone(UTC),
                    source=self.name,
                    kind=EventKind.ALERT_TRIGGERED,
                    actor=who,
                    text=text,
                    ref=SourceRef(path=str(path), record=f"line {number}", line=number),
                )
            )
        report = FileReport(
            path=str(path), format=self.name, records_read=len(events), events_produced=len(events)
        )
        return ParseResult(events=events, report=report)


FORMAT = PagerTapeFormat()


@pytest.fixture
def plugin_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """An installed distribution whose entry point names ``FORMAT``, as pip would leave it."""
    dist = tmp_path / "site" / "pager_tape-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pager-tape\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\npager-tape = {__name__}:FORMAT\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    formats.cache_clear()
    yield
    formats.cache_clear()


def test_a_plugin_format_is_listed_after_the_builtins(plugin_installed: None) -> None:
    names = [f.name for f in formats()]
    assert names[-1] == "pager-tape"
    assert "slack-export" in names


def test_a_plugin_format_reads_files_through_load_incident(
    plugin_installed: None, tmp_path: Path
) -> None:
    tape = tmp_path / "pages.tape"
    tape.write_text(
        "#pager-tape\n2024-05-14T06:18:30+00:00 | pager | checkout 5xx above 5%\n",
        encoding="utf-8",
    )
    incident = load_incident(tape)
    [event] = incident.events
    assert event.source == "pager-tape"
    assert event.text == "checkout 5xx above 5%"


def test_without_the_plugin_the_same_file_is_unknown(tmp_path: Path) -> None:
    formats.cache_clear()
    tape = tmp_path / "pages.tape"
    tape.write_text("#pager-tape\n2024-05-14T06:18:30+00:00 | pager | x\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match="known format"):
        load_incident(tape)
