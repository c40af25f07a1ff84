"""Arguments shared by the subcommands that read incident files."""

from __future__ import annotations

import argparse
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pir_ai.errors import ConfigError


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH... plus the options every reader honours."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or Slack zips")
    parser.add_argument(
        "--tz", help="IANA zone for naive timestamps (default: UTC, with a warning)"
    )
    parser.add_argument(
        "--meeting-start",
        help="ISO-8601 wall-clock start of the recorded call, to place transcript offsets",
    )
    parser.add_argument("--strict", action="store_true", help="fail on any unreadable record")
    parser.add_argument(
        "--source-format", dest="force_format", help="force an input format (see `pir-ai formats`)"
    )


def parse_tz(value: str | None) -> ZoneInfo | None:
    """The ``--tz`` value as a zone."""
    if value is None:
        return None
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ConfigError(f"--tz: unknown time zone {value!r}; expected an IANA name") from err


def parse_meeting_start(value: str | None) -> datetime | None:
    """The ``--meeting-start`` value as a datetime (aware when an offset is given)."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as err:
        raise ConfigError(
            f"--meeting-start: expected ISO-8601 like 2024-05-01T14:00:00Z, found {value!r}"
        ) from err
