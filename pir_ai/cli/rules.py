"""``pir-ai rules`` lists the lint rules; ``pir-ai rules CODE`` prints one rule's docs."""

from __future__ import annotations

import argparse
import inspect
import sys

from pir_ai.errors import ConfigError
from pir_ai.lint import all_rules, get_rule


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("rules", help="list lint rules, or show one rule's documentation")
    parser.add_argument("code", nargs="?", help="a rule code (PIR201) or name")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue or one rule."""
    out = sys.stdout
    if not args.code:
        for r in all_rules():
            out.write(
                f"{r.code}  {r.name:28} {r.category.value:12} {r.severity.value:10} {r.summary}\n"
            )
        return 0
    try:
        r = get_rule(args.code)
    except KeyError as err:
        raise ConfigError(f"unknown rule {args.code!r}; run `pir-ai rules` for the list") from err
    out.write(f"{r.code} {r.name} ({r.category.value}, default {r.severity.value})\n\n")
    out.write(inspect.cleandoc(r.doc) + "\n")
    return 0
