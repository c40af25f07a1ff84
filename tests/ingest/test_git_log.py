"""git log: default, fuller+stat, iso dates, the machine format, JSON; FORMATS.md 12.9 traps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name

from .fuzzing import FIXTURES

FORMAT = by_name("git-log")


GIT = FIXTURES / "git_log"
MERGE = "4dff2f38895b22940eec83eeb9ce9384735c3380"
POOL = "7c058b7e106348201ae6eddf41b5e916c13227ff"


def parse(name: str, **options: Any) -> ParseResult:
    return FORMAT.parse(GIT / name, IngestOptions(**options))


def by_commit(name: str) -> dict[str, Event]:
    return {e.attrs["commit"]: e for e in parse(name).events}


def test_default_layout_reads_every_commit_as_a_change() -> None:
    events = parse("medium.txt").events
    assert [e.attrs["commit"][:7] for e in events] == ["4dff2f3", "7c058b7", "11f6298", "5381eea"]
    assert {e.kind for e in events} == {EventKind.CHANGE}
    assert events[3].ts == datetime(2024, 5, 1, 11, 40, tzinfo=UTC)


def test_default_layout_keeps_refs_merge_parents_and_body() -> None:
    events = by_commit("medium.txt")
    merge, pool = events[MERGE], events[POOL]
    assert merge.attrs["refs"] == "HEAD -> main, tag: v2024.05.01-2"
    assert merge.attrs["parents"] == "11f6298 7c058b7"
    assert pool.text.splitlines()[:3] == [
        "Raise payment-gateway DB pool to 50",
        "",
        "The pool ran out under load during the 2024-04-12 incident.",
    ]


def test_hashes_inside_a_message_do_not_start_commits() -> None:
    events = parse("medium.txt").events
    assert len(events) == 4
    assert "commit 9d1e5f3a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e" in events[1].text


def test_fuller_uses_the_commit_date_and_keeps_the_author_date() -> None:
    pool = by_commit("fuller_stat.txt")[POOL]
    assert pool.ts == datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC)
    assert pool.attrs["author_date"] == "Mon Apr 29 09:15:00 2024 -0400"
    assert pool.actor == "Tom Becker"
    assert pool.attrs["committer"] == "Priya Raman"


def test_fuller_stat_lines_are_not_message_text() -> None:
    pool = by_commit("fuller_stat.txt")[POOL]
    assert "config.yaml" not in pool.text
    assert pool.attrs["stat"] == "1 file changed, 1 insertion(+), 1 deletion(-)"


def test_machine_format_matches_fuller() -> None:
    machine = {e.attrs["commit"]: e.ts for e in parse("machine.txt").events}
    fuller = {e.attrs["commit"]: e.ts for e in parse("fuller_stat.txt").events}
    assert machine == fuller
    assert by_commit("machine.txt")[MERGE].attrs["parents"].count(" ") == 1


def test_iso_date_layout_reads_offsets() -> None:
    pool = by_commit("date_iso.txt")[POOL]
    assert pool.ts == datetime(2024, 4, 29, 13, 15, tzinfo=UTC)


def test_blank_author_gives_no_actor_and_keeps_the_commit() -> None:
    events = parse("blank_author.txt").events
    assert [e.actor for e in events] == [None, "deploy-bot"]
    assert "author_email" not in events[0].attrs


def test_relative_date_is_skipped_with_its_line() -> None:
    report = parse("relative_dates.txt").report
    assert [(s.location, s.reason) for s in report.skipped] == [
        ("line 1", "expected a commit date, found '3 days ago'")
    ]


def test_local_date_without_offset_uses_tz_or_warns_naive() -> None:
    naive = parse("relative_dates.txt")
    assert naive.events[0].ts == datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert naive.report.warnings[0].startswith("naive")
    paris = parse("relative_dates.txt", tz=ZoneInfo("Europe/Paris"))
    assert paris.events[0].ts == datetime(2024, 5, 1, 7, tzinfo=UTC)
    assert paris.report.warnings == []


def test_json_array_of_commits() -> None:
    result = parse("commits.json")
    assert [(e.actor, e.ts) for e in result.events] == [
        ("Tom Becker", datetime(2024, 4, 29, 13, 15, tzinfo=UTC)),
        (None, datetime(2024, 5, 1, 11, 50, tzinfo=UTC)),
    ]
    assert [s.location for s in result.report.skipped] == ["[2]"]


def test_oneline_is_refused_with_the_format_to_use() -> None:
    with pytest.raises(MalformedSourceError) as caught:
        parse("oneline.txt")
    assert caught.value.found == "--oneline (no dates)"
    assert "%x1f" in caught.value.expected


def test_same_commit_has_the_same_id_in_every_layout() -> None:
    ids = {name: by_commit(name)[POOL].id for name in ("medium.txt", "machine.txt", "commits.json")}
    assert len(set(ids.values())) == 1


def test_sniff_is_content_based() -> None:
    assert all(FORMAT.sniff(Sniff(p, p.read_bytes())) for p in GIT.iterdir())
    assert not FORMAT.sniff(Sniff(Path("x"), b'[{"ts": "1714560000.000100", "text": "hi"}]'))
    assert not FORMAT.sniff(Sniff(Path("x"), b"committed the fix\nsee abc\n"))
