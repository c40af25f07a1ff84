"""``pir-ai draft``: incident files in, a postmortem draft out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pir_ai.cli.common import add_input_arguments, parse_meeting_start, parse_tz
from pir_ai.drafting import draft_postmortem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("draft", help="draft a postmortem from incident files")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--format", choices=["md", "json"], default="md", help="output format")
    parser.add_argument(
        "--provider", default="offline", help="'offline' (default) or e.g. 'openai:gpt-4.1-mini'"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Draft, render, write."""
    draft = draft_postmortem(
        args.paths,
        provider=args.provider,
        tz=parse_tz(args.tz),
        meeting_start=parse_meeting_start(args.meeting_start),
        strict=args.strict,
    )
    text = draft.to_markdown() if args.format == "md" else draft.to_json() + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
