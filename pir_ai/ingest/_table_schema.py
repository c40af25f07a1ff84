"""The small declared schema that maps a CSV / JSON Lines table (or a log) to events.

Write it next to the data as ``<file>.schema.json``, e.g. for ``deploys.csv``::

    deploys.csv.schema.json
    {"timestamp": "finished_at", "text": "summary", "actor": "who",
     "kind": "change", "tz": "Europe/Paris", "dayfirst": true}

Every key is optional. Without a schema, columns are found by common names.
``dayfirst`` says how numeric dates like ``03/04/2024`` read: true for 3 April, false
for 4 March; unset, the file's own dates decide (see ``date_order``).
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest._date_order import DateOrder
from pir_ai.ingest._jsonio import read_json

SCHEMA_SUFFIX = ".schema.json"
TIMESTAMP_NAMES = (
    "timestamp", "@timestamp", "time", "ts", "datetime", "date", "created_at", "createdat",
    "event_time", "occurred_at", "started_at", "start_time", "when",
)  # fmt: skip
TEXT_NAMES = ("message", "text", "summary", "description", "msg", "event", "title", "details")
ACTOR_NAMES = ("user", "actor", "author", "username", "user_name", "owner", "who", "by")


class TableSchema(BaseModel):
    """Which columns hold the time, text and actor; what kind of event a row is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timestamp: str | None = Field(default=None, description="Column with the time of the row.")
    text: str | None = Field(default=None, description="Column with the text of the event.")
    actor: str | None = Field(default=None, description="Column naming who acted.")
    channel: str | None = Field(default=None, description="Column with a service or channel.")
    kind: EventKind = Field(default=EventKind.CHANGE, description="Event kind of every row.")
    tz: str | None = Field(default=None, description="IANA zone for naive times in this file.")
    dayfirst: bool | None = Field(
        default=None,
        description="Numeric dates like 03/04/2024: true = 3 April, false = 4 March.",
    )
    pattern: str | None = Field(
        default=None,
        description="Logs only: a regex with named groups ts (required), text, actor, level.",
    )

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as err:
                raise ValueError(f"unknown time zone {value!r}") from err
        return value

    def zone(self) -> ZoneInfo | None:
        """The declared zone, if any."""
        return ZoneInfo(self.tz) if self.tz else None


def schema_path(data: Path) -> Path:
    """Where the schema of ``data`` lives: ``<file>.schema.json`` beside it."""
    return data.with_name(data.name + SCHEMA_SUFFIX)


def is_schema_file(path: Path) -> bool:
    """True for a ``<file>.schema.json`` whose data file sits beside it."""
    name = path.name
    return name.endswith(SCHEMA_SUFFIX) and path.with_name(name[: -len(SCHEMA_SUFFIX)]).is_file()


def load_schema(data: Path) -> TableSchema | None:
    """The declared schema of ``data``, None when there is no sidecar.

    Raises:
        MalformedSourceError: the sidecar is not valid JSON or not a valid schema.
    """
    path = schema_path(data)
    if not path.is_file():
        return None
    raw = read_json(path, "a JSON schema object")
    try:
        return TableSchema.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise MalformedSourceError(
            path,
            "a schema {timestamp, text, actor, channel, kind, tz, dayfirst, pattern}",
            location=where,
            found=first["msg"],
        ) from err


def date_order(data: Path, schema: TableSchema | None) -> DateOrder:
    """How ``data``'s numeric dates read: the schema's ``dayfirst``, else the file's evidence."""
    return DateOrder(schema.dayfirst if schema else None, schema_path(data).name)


def pick_column(columns: list[str], declared: str | None, names: tuple[str, ...]) -> str | None:
    """The declared column, else the first column whose name is a common one (any case)."""
    if declared is not None:
        return declared if declared in columns else None
    lowered = {c.strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)
