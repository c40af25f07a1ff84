"""``pir-ai events``: the normalised events as JSON lines, the first debugging aid."""

from __future__ import annotations

import argparse
import sys

from pir_ai.cli.common import add_input_arguments, parse_meeting_start, parse_tz
from pir_ai.ingest import load_incident


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("events", help="print normalised events as JSON lines")
    add_input_arguments(parser)
    parser.add_argument("--report", action="store_true", help="print the ingest report to stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one JSON object per event, in time order."""
    incident = load_incident(
        args.paths,
        tz=parse_tz(args.tz),
        meeting_start=parse_meeting_start(args.meeting_start),
        strict=args.strict,
        format=args.force_format,
    )
    out = sys.stdout
    for event in incident.events:
        out.write(event.model_dump_json() + "\n")
    if args.report:
        sys.stderr.write(incident.report.model_dump_json(indent=2) + "\n")
    return 0
