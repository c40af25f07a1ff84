"""``pir-ai lint FILE.md``: blame language, action items and structure, for people and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pir_ai.errors import EmptyInputError, SourceError
from pir_ai.findings import Severity
from pir_ai.lint import FORMATTERS, find_config, lint_markdown, load_config, reaches, rescore


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("lint", help="lint a Markdown postmortem for blame and vague items")
    parser.add_argument("files", nargs="+", metavar="FILE", help="Markdown postmortems")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    parser.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        help="exit 1 when a finding reaches this severity (default: config, else error)",
    )
    parser.add_argument("--roster", help="comma-separated participant names")
    parser.add_argument("--config", help="a .pir-ai.toml or pyproject.toml (default: search up)")
    parser.add_argument("--select", help="comma-separated code prefixes or categories to run")
    parser.add_argument("--ignore", help="comma-separated code prefixes or categories to skip")
    parser.add_argument(
        "--second-opinion",
        metavar="PROVIDER",
        help="re-score candidates with a model, e.g. 'openai:gpt-4.1-mini' (optional)",
    )
    parser.set_defaults(run=run)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def run(args: argparse.Namespace) -> int:
    """Lint each file, print the findings, and return 1 when the gate is reached."""
    failed = False
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise SourceError(str(path), "a readable UTF-8 Markdown file", found=str(err)) from err
        if not text.strip():
            raise EmptyInputError(str(path), "a Markdown postmortem", found="an empty file")
        config = load_config(args.config) if args.config else find_config(path)
        updates: dict[str, object] = {}
        if args.select:
            updates["select"] = _split(args.select)
        if args.ignore:
            updates["ignore"] = [*config.ignore, *_split(args.ignore)]
        if updates:
            config = config.model_validate({**config.model_dump(), **updates})
        findings = lint_markdown(text, roster=_split(args.roster), config=config)
        if args.second_opinion:
            findings = rescore(findings, args.second_opinion, source=text)
        sys.stdout.write(FORMATTERS[args.format](findings, str(path)))
        threshold = Severity(args.fail_on) if args.fail_on else config.fail_on
        failed |= reaches(findings, threshold)
    return 1 if failed else 0
