"""``pir-ai formats``: the formats pir_ai reads and how each is recognised."""

from __future__ import annotations

import argparse

from pir_ai.ingest import formats


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("formats", help="list readable formats and how each is recognised")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per format, in sniffing order."""
    for fmt in formats():
        print(f"{fmt.name:<22} {fmt.kind:<11} {fmt.recognised_by}")
    return 0
