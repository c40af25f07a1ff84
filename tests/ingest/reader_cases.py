"""One case per registered reader: its valid samples, the fixtures it must refuse, the
files its bytes are garbled in, and the inputs hypothesis generates for it.

``test_every_reader`` runs the same checks on every case, and fails when a reader is
registered without one.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import orjson
from hypothesis import strategies as st

from pir_ai.ingest import IngestOptions

from .fuzzing import FIXTURES, MEETING_START, Edit, Input, dumps, json_values, one_file

NO_OPTIONS = IngestOptions()
MEETING = IngestOptions(meeting_start=MEETING_START)
RECEIVED = IngestOptions(received_at=datetime(2024, 5, 1, tzinfo=UTC))

Garble = Callable[[Edit], Input]
"""Builds an input from valid files with one edit applied to their bytes."""


@dataclass(frozen=True)
class ReaderCase:
    """How one reader is exercised."""

    samples: tuple[tuple[Path, IngestOptions], ...]
    """Valid inputs (and options): each parses with an exact account."""
    garbles: tuple[Garble, ...]
    """Valid files to mutate and truncate."""
    inputs: dict[str, st.SearchStrategy[Input]]
    """Generated inputs by kind; "bytes" (arbitrary bytes) is in every case."""
    empty: frozenset[str] = frozenset()
    """Names of samples that hold no record (a schema sidecar, a users list)."""
    refused: tuple[tuple[Path, IngestOptions], ...] = ()
    """Fixtures the reader refuses whole, with a ``MalformedSourceError`` naming them."""


def file_garble(
    source: Path, name: str | None = None, options: IngestOptions = NO_OPTIONS
) -> Garble:
    """``source``'s bytes, edited, saved as ``name`` (its own name by default)."""
    return lambda edit: one_file(name or source.name, edit(source.read_bytes()), options)


def samples(
    paths: list[Path], options: IngestOptions = NO_OPTIONS
) -> tuple[tuple[Path, IngestOptions], ...]:
    return tuple((p, options) for p in paths)


def prefixed(
    prefix: bytes, name: str, options: IngestOptions, max_size: int
) -> st.SearchStrategy[Input]:
    """Arbitrary bytes after ``prefix``, saved as ``name``."""
    return st.binary(max_size=max_size).map(lambda data: one_file(name, prefix + data, options))


def shapes(
    keys: list[str],
    body: Callable[[object], object],
    name: str = "input.json",
    options: IngestOptions = NO_OPTIONS,
) -> st.SearchStrategy[Input]:
    """Arbitrary JSON values placed in ``body``, saved as ``name``."""
    return json_values(keys).map(lambda value: one_file(name, dumps(body(value)), options))


def shuffled(
    lines: list[str], name: str, options: IngestOptions, header: str = ""
) -> st.SearchStrategy[Input]:
    """Lines of a valid file in any order and number."""
    return st.lists(st.sampled_from(lines)).map(
        lambda chosen: one_file(name, (header + "\n".join(chosen)).encode(), options)
    )


# --- alerts ---------------------------------------------------------------------------

ALERTMANAGER = FIXTURES / "alertmanager"
CLOUDWATCH = FIXTURES / "cloudwatch"
DATADOG = FIXTURES / "datadog"
GRAFANA = FIXTURES / "grafana"
OPSGENIE = FIXTURES / "opsgenie"
PAGERDUTY = FIXTURES / "pagerduty"
GRAFANA_UNIFIED = GRAFANA / "unified_firing_and_resolved.json"
GRAFANA_LEGACY = GRAFANA / "legacy_dashboard_alerts.jsonl"


def _all(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _grafana_garble(edit: Edit) -> Input:
    data = GRAFANA_LEGACY.read_bytes() + GRAFANA_UNIFIED.read_bytes()
    return one_file("input.jsonl", edit(data), RECEIVED)


def _pagerduty_csv_rows(rows: list[list[str]]) -> Input:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Incident Number", "Created", "Acknowledged", "seconds_to_resolve", "Urgency"])
    writer.writerows(rows)
    return one_file("input.csv", buffer.getvalue().encode("utf-8"))


def _any_bytes(name: str, options: IngestOptions = NO_OPTIONS) -> st.SearchStrategy[Input]:
    return prefixed(b"", name, options, 400)


def json_alerts(
    paths: list[Path],
    garbled: Path,
    keys: list[str],
    body: Callable[[object], object],
    garbled_as: str = "input.jsonl",
) -> ReaderCase:
    """A JSON alert reader: its samples, one of them garbled, arbitrary bytes, and arbitrary
    JSON values (objects keyed by ``keys``) placed in ``body``."""
    return ReaderCase(
        samples=samples(paths),
        garbles=(file_garble(garbled, garbled_as),),
        inputs={"bytes": _any_bytes("input.json"), "shapes": shapes(keys, body)},
    )


def _cloudwatch_body(v: object) -> object:
    inner = dumps({"AlarmName": "a", "NewStateValue": "ALARM", "Trigger": v}).decode()
    return {"Records": [v, {"Sns": {"Message": inner}}, {"Sns": v}]}


ALERT_CASES: dict[str, ReaderCase] = {
    "alertmanager": json_alerts(
        _all(ALERTMANAGER),
        ALERTMANAGER / "repeats_and_resolve.jsonl",
        ["alerts", "labels", "status", "startsAt", "endsAt", "fingerprint"],
        lambda v: {"alerts": [v, {"labels": v, "startsAt": v}]},
    ),
    "cloudwatch": json_alerts(
        _all(CLOUDWATCH),
        CLOUDWATCH / "http_subscription.jsonl",
        ["Records", "Sns", "Message", "Type", "AlarmName", "NewStateValue", "Trigger"],
        _cloudwatch_body,
    ),
    "datadog": json_alerts(
        _all(DATADOG),
        DATADOG / "monitor_webhook_default.jsonl",
        ["events", "title", "date", "body", "alert_transition", "tags", "id"],
        lambda v: {"events": [v, {"title": v, "date_happened": v}]},
    ),
    "grafana": ReaderCase(
        samples=tuple(
            (path, IngestOptions(received_at=received))
            for path in (GRAFANA_UNIFIED, GRAFANA_LEGACY)
            for received in (None, datetime(2024, 5, 1, tzinfo=UTC))
        ),
        garbles=(_grafana_garble,),
        inputs={
            "bytes": _any_bytes("input.json", RECEIVED),
            # a naive received time, as a caller without --tz passes it
            "shapes": shapes(
                ["alerts", "ruleId", "evalMatches", "state", "values", "orgId", "startsAt"],
                lambda v: [v, {"ruleId": v, "evalMatches": v, "state": v}],
                options=IngestOptions(received_at=datetime(2024, 5, 1)),
            ),
        },
    ),
    "opsgenie": json_alerts(
        _all(OPSGENIE),
        OPSGENIE / "webhook_lifecycle.jsonl",
        ["alert", "action", "createdAt", "updatedAt", "report", "ackTime", "log"],
        lambda v: [
            {"action": "Close", "alert": {"updatedAt": v, "message": v}},
            {"data": {"createdAt": "2024-05-01T00:00:00Z", "report": {"ackTime": v}}},
            {"data": [v, {"log": v, "offset": v}]},
        ],
    ),
    "pagerduty": json_alerts(
        [PAGERDUTY / "log_entries_newest_first.json", PAGERDUTY / "incidents.json"],
        PAGERDUTY / "log_entries_newest_first.json",
        ["log_entries", "incidents", "type", "created_at", "agent", "incident"],
        lambda v: [
            {"log_entries": [v, {"type": "notify_log_entry", "created_at": v, "user": v}]},
            {"incidents": [v, {"created_at": "2024-05-01T00:00:00Z", "acknowledgements": v}]},
        ],
        garbled_as="input.json",
    ),
    "pagerduty-webhook": json_alerts(
        [
            PAGERDUTY / "webhook_v3_events.jsonl",
            PAGERDUTY / "webhook_v3_annotated.json",
            PAGERDUTY / "webhook_v2_messages.json",
        ],
        PAGERDUTY / "webhook_v3_events.jsonl",
        ["event", "event_type", "occurred_at", "data", "incident", "messages"],
        lambda v: [
            {"event": {"event_type": "incident.annotated", "occurred_at": v, "data": v}},
            {"event": v},
            {"messages": [v, {"log_entries": v}]},
        ],
    ),
    "pagerduty-csv": ReaderCase(
        samples=samples(
            [PAGERDUTY / "incidents_ui_export.csv", PAGERDUTY / "incidents_analytics.csv"]
        ),
        garbles=(file_garble(PAGERDUTY / "incidents_ui_export.csv", "input.csv"),),
        inputs={
            "bytes": _any_bytes("input.csv"),
            "rows": st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=5).map(
                _pagerduty_csv_rows
            ),
        },
    ),
}

# --- chat -----------------------------------------------------------------------------

SLACK_API = FIXTURES / "slack_api"
SLACK_HISTORY = SLACK_API / "C01INCCHK.history.json"
SLACK_REPLIES = SLACK_API / "C01INCCHK.replies.1714607110.001000.json"
SLACKDUMP = SLACK_API / "slackdump" / "CHY5HUESG.json"
SLACK_DAY_FILE = SLACK_API / "day-file.json"
SLACK_USERS = SLACK_API / "users.json"
WORKSPACE = FIXTURES / "slack_export" / "workspace"
BROKEN_DAY = FIXTURES / "slack_export" / "broken_day"
WORKSPACE_DAY = WORKSPACE / "inc-checkout-errors" / "2024-05-01.json"
TEAMS = FIXTURES / "teams"
TEAMS_CHAT = TEAMS / "chat_messages.json"
TEAMS_CHANNEL = TEAMS / "channel_replies.json"

SLACK_API_KEYS = ["ok", "error", "messages", "channel_id", "name", "members", "channels", "value"]
SLACK_API_MESSAGE_KEYS = [
    "ts",
    "type",
    "user",
    "text",
    "thread_ts",
    "slackdump_thread_replies",
    "blocks",
]
SLACK_EXPORT_MESSAGE_KEYS = [
    "type",
    "subtype",
    "ts",
    "user",
    "text",
    "thread_ts",
    "bot_id",
    "username",
    "attachments",
    "fields",
    "title",
    "files",
    "name",
    "edited",
    "blocks",
    "elements",
    "user_profile",
    "bot_profile",
]
SLACK_TS_VALUES = st.sampled_from(
    ["1714607110.001000", "NaN", "1e999", "-1", "99999999999999999999", ""]
)
TEAMS_KEYS = [
    "value",
    "id",
    "replyToId",
    "messageType",
    "createdDateTime",
    "from",
    "user",
    "application",
    "displayName",
    "body",
    "contentType",
    "content",
    "attachments",
    "mentions",
    "eventDetail",
    "members",
    "channelIdentity",
    "channelId",
]


def zip_folder(folder: Path, target: Path | IO[bytes], prefix: str = "") -> None:
    """A Slack export zip of ``folder``'s JSON files, under ``prefix`` inside the archive."""
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*.json")):
            archive.write(file, prefix + file.relative_to(folder).as_posix())


def slack_export(day: bytes, users: bytes = b"[]") -> Input:
    """A one-channel export whose only day file is ``day``."""
    files = {
        "export/channels.json": b'[{"id": "C1", "name": "general"}]',
        "export/users.json": users,
        "export/general/2024-05-01.json": day,
    }
    return Input(files, "export")


def _zipped_broken_day() -> bytes:
    buffer = io.BytesIO()
    zip_folder(BROKEN_DAY, buffer)
    return buffer.getvalue()


def _slack_api_garble(source: Path) -> Garble:
    def build(edit: Edit) -> Input:
        files = {
            source.name: edit(source.read_bytes()),
            "users.json": edit(SLACK_USERS.read_bytes()),
        }
        return Input(files, source.name)

    return build


def _slack_message(text: str) -> Input:
    """A person's and an alert bot's message saying ``text``: mrkdwn and alert recognition."""
    day = [
        {"type": "message", "ts": "1714607110.001000", "user": "U1", "text": text},
        {
            "type": "message",
            "subtype": "bot_message",
            "ts": "1714607111.001000",
            "bot_id": "B1",
            "username": "Alertmanager",
            "text": text,
        },
    ]
    return slack_export(dumps(day))


def _teams_html(html: str) -> Input:
    message = {
        "id": "1714607250000",
        "messageType": "message",
        "createdDateTime": "2024-05-01T23:47:30.000Z",
        "from": {"user": {"id": "u1", "displayName": "Priya Raman"}},
        "body": {"contentType": "html", "content": html},
    }
    return one_file("messages.json", dumps({"value": [message]}))


MRKDWN_TEXT = st.text(max_size=200) | st.sampled_from(["<@U1|", "<!date^1^{x}|y>", "&amp;lt;<>"])
TEAMS_HTML = st.text(max_size=200) | st.sampled_from(["<at id='0'>x", "<a href='u'>", "</a><p"])

CHAT_CASES: dict[str, ReaderCase] = {
    "slack-export": ReaderCase(
        samples=samples([WORKSPACE, BROKEN_DAY]),
        garbles=(
            lambda edit: slack_export(edit(WORKSPACE_DAY.read_bytes())),
            lambda edit: one_file("export.zip", edit(_zipped_broken_day())),
        ),
        inputs={
            "bytes": st.binary(max_size=400).map(slack_export),
            "messages": st.lists(
                json_values(SLACK_EXPORT_MESSAGE_KEYS)
                | st.fixed_dictionaries({"ts": SLACK_TS_VALUES})
            ).map(lambda messages: slack_export(dumps(messages))),
            "users": json_values(
                ["id", "profile", "real_name", "display_name", "email", "bot_id"]
            ).map(lambda users: slack_export(WORKSPACE_DAY.read_bytes(), users=dumps(users))),
            "mrkdwn": MRKDWN_TEXT.map(_slack_message),
        },
    ),
    "slack-api": ReaderCase(
        samples=samples([SLACK_HISTORY, SLACK_REPLIES, SLACKDUMP, SLACK_DAY_FILE, SLACK_USERS]),
        empty=frozenset({"users.json"}),
        garbles=tuple(_slack_api_garble(s) for s in (SLACK_HISTORY, SLACKDUMP, SLACK_DAY_FILE)),
        inputs={
            "bytes": _any_bytes("C0123456.json"),
            "shapes": shapes(SLACK_API_KEYS + SLACK_API_MESSAGE_KEYS, lambda v: v, "C0123456.json"),
        },
    ),
    "teams-graph": ReaderCase(
        samples=samples([TEAMS_CHAT, TEAMS_CHANNEL]),
        garbles=(file_garble(TEAMS_CHAT), file_garble(TEAMS_CHANNEL)),
        inputs={
            "bytes": _any_bytes("messages.json"),
            "shapes": shapes(TEAMS_KEYS, lambda v: v, "messages.json"),
            "html": TEAMS_HTML.map(_teams_html),
        },
    ),
}

# --- transcripts ----------------------------------------------------------------------

VTT = FIXTURES / "webvtt"
VTT_ZOOM = VTT / "GMT20240501-143000_Recording.transcript.vtt"
SRT = FIXTURES / "srt"
SRT_ZOOM = SRT / "GMT20240301-091000_call.srt"
TXT = FIXTURES / "transcript_txt"
VTT_MEETING = IngestOptions(meeting_start=datetime(2024, 5, 1, tzinfo=UTC))
VTT_REFUSED = ("broken_cue.vtt", "missing_timing.vtt")

TRANSCRIPT_CASES: dict[str, ReaderCase] = {
    "webvtt": ReaderCase(
        samples=samples([p for p in _all(VTT) if p.name not in VTT_REFUSED], VTT_MEETING),
        empty=frozenset({"header_only.vtt"}),
        refused=samples([VTT / name for name in VTT_REFUSED], VTT_MEETING),
        garbles=(file_garble(VTT_ZOOM, "t.vtt", MEETING),),
        inputs={
            "bytes": prefixed(b"WEBVTT\n\n", "t.vtt", MEETING, 400),
            "lines": shuffled(
                [*VTT_ZOOM.read_text().splitlines(), "", "-->", "NOTE", "<v"],
                "t.vtt",
                MEETING,
                header="WEBVTT\n\n",
            ),
        },
    ),
    "srt": ReaderCase(
        samples=samples([p for p in _all(SRT) if p.name != "broken.srt"], MEETING),
        refused=samples([SRT / "broken.srt"], MEETING),
        garbles=(file_garble(SRT_ZOOM, "t.srt", MEETING),),
        inputs={
            "bytes": prefixed(b"", "t.srt", MEETING, 400),
            "lines": shuffled(
                [*SRT_ZOOM.read_text("utf-8-sig").splitlines(), "", "-->", "1"], "t.srt", MEETING
            ),
        },
    ),
    "transcript-text": ReaderCase(
        samples=samples(_all(TXT), MEETING),
        garbles=(file_garble(TXT / "zoom_saved_transcript.txt", "t.txt", MEETING),),
        inputs={
            "bytes": prefixed(b"", "t.txt", MEETING, 400),
            "text": st.text(max_size=400).map(
                lambda text: one_file("t.txt", text.encode("utf-8", "surrogatepass"), MEETING)
            ),
            "lines": shuffled(
                (TXT / "zoom_saved_transcript.txt").read_text().splitlines(), "t.txt", MEETING
            ),
        },
    ),
}

# --- changes --------------------------------------------------------------------------

GIT = FIXTURES / "git_log"
K8S = FIXTURES / "k8s_events"
TABLE = FIXTURES / "table"
LOGS = FIXTURES / "deploy_log"
GIT_COMMIT_LINE = b"commit 0f4e2b1c9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f\n"

_git_values = st.recursive(
    st.none() | st.text(max_size=8) | st.integers(-(2**62), 2**62), st.lists, max_leaves=8
)
_k8s_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=10,
)
_k8s_keys = st.sampled_from(
    ["lastTimestamp", "eventTime", "firstTimestamp", "count", "series", "metadata",
     "involvedObject", "regarding", "message", "note", "reason", "type", "source"]
)  # fmt: skip
_table_scalars = st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=20)


def _git_machine(parts: list[bytes]) -> Input:
    data = b"\x1f".join([b"11f629833785242c8f5d208869659ce970c3c3bf", *parts])
    return one_file("log.txt", data, MEETING)


def _git_json(value: object) -> Input:
    body = orjson.dumps([{"hash": "0f4e2b1c9", "date": value, "author": value}, value])
    return one_file("commits.json", body, MEETING)


def _k8s_items(items: list[dict[str, object]]) -> Input:
    body = orjson.dumps({"kind": "EventList", "items": [{"kind": "Event", **i} for i in items]})
    return one_file("events.json", body, MEETING)


def _table_json_lines(rows: list[dict[str, object]]) -> Input:
    head = b'{"ts": "2024-05-01T12:00:00Z", "text": "a"}\n'
    return one_file("t.jsonl", head * 2 + b"\n".join(map(orjson.dumps, rows)), MEETING)


CHANGE_CASES: dict[str, ReaderCase] = {
    "git-log": ReaderCase(
        samples=samples([p for p in _all(GIT) if p.name != "oneline.txt"]),
        refused=samples([GIT / "oneline.txt"]),
        garbles=(file_garble(GIT / "medium.txt", "log.txt", MEETING),),
        inputs={
            "bytes": prefixed(GIT_COMMIT_LINE, "log.txt", MEETING, 300),
            "machine": st.lists(
                st.sampled_from((GIT / "machine.txt").read_bytes().split(b"\x1f")), max_size=20
            ).map(_git_machine),
            "shapes": _git_values.map(_git_json),
        },
    ),
    "k8s-events": ReaderCase(
        samples=samples(_all(K8S)),
        garbles=(file_garble(K8S / "core_v1_list.json", "events.json", MEETING),),
        inputs={
            "bytes": prefixed(b'{"kind": "EventList", "items": [', "e.json", MEETING, 200),
            "shapes": st.lists(st.dictionaries(_k8s_keys, _k8s_values, max_size=6), max_size=4).map(
                _k8s_items
            ),
        },
    ),
    "table": ReaderCase(
        samples=samples(_all(TABLE)),
        empty=frozenset(p.name for p in TABLE.glob("*.schema.json")),
        garbles=(
            file_garble(TABLE / "deploys.csv", "t.csv", MEETING),
            file_garble(TABLE / "flags.jsonl", "t.jsonl", MEETING),
        ),
        inputs={
            "bytes": prefixed(b"timestamp,message\n", "t.csv", MEETING, 300),
            "json-lines": st.lists(
                st.dictionaries(st.sampled_from(["ts", "text", "user", "x"]), _table_scalars)
            ).map(_table_json_lines),
        },
    ),
    "deploy-log": ReaderCase(
        samples=samples([p for p in _all(LOGS) if not p.name.endswith(".schema.json")]),
        garbles=(file_garble(LOGS / "python_logging.log", "t.log", MEETING),),
        inputs={
            "bytes": prefixed(b"2024-05-01T12:00:00Z start\n", "t.log", MEETING, 300),
            "lines": shuffled(
                (LOGS / "python_logging.log").read_text().splitlines(), "t.log", MEETING
            ),
        },
    ),
}

CASES: dict[str, ReaderCase] = ALERT_CASES | CHAT_CASES | TRANSCRIPT_CASES | CHANGE_CASES
