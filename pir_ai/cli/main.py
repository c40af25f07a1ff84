"""``pir-ai``: the entry point, subcommands and exit codes.

Exit codes (stable, for scripts):

* 0: success.
* 1: findings at or above the ``--fail-on`` severity (``lint``), or an eval regression.
* 2: usage error (bad arguments).
* 3: an input could not be read (``SourceError``): missing, empty, unknown or malformed.
* 4: a model provider failed (``ProviderError``).
* 5: invalid configuration (``ConfigError``).
* 6: an issue tracker refused or failed an export (``TrackerError``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from pir_ai.cli import draft, evaluate, events, export, formats, lint, rules
from pir_ai.errors import ConfigError, PirError, ProviderError, SourceError, TrackerError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_PROVIDER = 4
EXIT_CONFIG = 5
EXIT_TRACKER = 6

_EXIT_CODES: tuple[tuple[type[PirError], int], ...] = (
    (SourceError, EXIT_INPUT),
    (ProviderError, EXIT_PROVIDER),
    (ConfigError, EXIT_CONFIG),
    (TrackerError, EXIT_TRACKER),
)
"""Each failure's exit code, the first matching class winning; any other ``PirError`` is 3."""


def _exit_code(err: PirError) -> int:
    """The exit code ``err`` ends the CLI with."""
    return next((code for kind, code in _EXIT_CODES if isinstance(err, kind)), EXIT_INPUT)


def _commands() -> list[ModuleType]:
    return [draft, events, formats, lint, rules, evaluate, export]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pir-ai",
        description="Draft blameless postmortems from incident exports.",
        epilog="Exit codes: 0 ok, 1 findings/regression, 2 usage, 3 input, 4 provider, 5 config, "
        "6 tracker.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _commands():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except PirError as err:
        message = err.one_line() if isinstance(err, SourceError) else str(err)
        print(f"pir-ai: error: {message}", file=sys.stderr)
        return _exit_code(err)
    except BrokenPipeError:
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
