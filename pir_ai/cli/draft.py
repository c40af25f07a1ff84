"""``pir-ai draft``: incident files in, a postmortem draft out, with progress on long work."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from pir_ai.cli.common import add_input_arguments, parse_meeting_start, parse_tz
from pir_ai.draft import draft_postmortem
from pir_ai.errors import ConfigError
from pir_ai.postmortem import Postmortem
from pir_ai.redact import load_redaction_config
from pir_ai.render import render_markdown

STAGE_LABELS = {
    "offline": "Drafting offline",
    "condense": "Condensing events",
    "map": "Summarising parts",
    "reduce": "Merging notes",
    "sections": "Drafting sections",
    "verify": "Validating draft",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("draft", help="draft a postmortem from incident files")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--format", choices=["md", "json"], default="md", help="output format")
    parser.add_argument(
        "--provider", default="offline", help="'offline' (default) or e.g. 'openai:gpt-4.1-mini'"
    )
    parser.add_argument("--prompts", default="v1", help="prompt set to draft with (default v1)")
    parser.add_argument(
        "--instructions",
        type=Path,
        metavar="FILE.toml",
        help='TOML file of section = "instructions" replacing the shipped prompts per section',
    )
    parser.add_argument(
        "--concurrency", type=int, default=4, help="model requests in flight (default 4)"
    )
    parser.add_argument(
        "--context-tokens", type=int, help="plan for this context window instead of the model's"
    )
    parser.add_argument(
        "--redact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pseudonymise people and contact details and drop secrets before anything is "
        "sent (default: on for remote providers, off for offline and local models)",
    )
    parser.add_argument(
        "--redaction-config",
        type=Path,
        metavar="FILE.toml",
        help="redaction patterns and names ([redaction] or [tool.pir-ai.redaction])",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on stderr (default: when stderr is a terminal)",
    )
    parser.set_defaults(run=run)


def read_instructions(path: Path | None) -> dict[str, str] | None:
    """Section overrides from a TOML file: ``actions = "..."``; ``ConfigError`` if invalid."""
    if path is None:
        return None
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"--instructions {path}: expected a readable TOML file ({err})") from err
    bad = sorted(k for k, v in table.items() if not isinstance(v, str))
    if bad:
        raise ConfigError(f'--instructions {path}: expected section = "text", found {bad}')
    return {k: str(v) for k, v in table.items()}


class ProgressDisplay:
    """A rich progress bar per stage on stderr; a callable usable as ``progress=``."""

    def __init__(self, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        task = self._tasks.get(stage)
        if task is None:
            label = STAGE_LABELS.get(stage, stage)
            task = self._tasks[stage] = self._progress.add_task(label, total=total)
        self._progress.update(task, completed=done, total=total)

    def __enter__(self) -> ProgressDisplay:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()


def run(args: argparse.Namespace) -> int:
    """Draft, render, write."""
    show = sys.stderr.isatty() if args.progress is None else args.progress
    if show:
        with ProgressDisplay() as display:
            draft = _draft(args, display)
    else:
        draft = _draft(args, None)
    text = render_markdown(draft) if args.format == "md" else draft.to_json() + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _draft(args: argparse.Namespace, progress: ProgressDisplay | None) -> Postmortem:
    return draft_postmortem(
        args.paths,
        provider=args.provider,
        tz=parse_tz(args.tz),
        meeting_start=parse_meeting_start(args.meeting_start),
        strict=args.strict,
        prompts=args.prompts,
        instructions=read_instructions(args.instructions),
        concurrency=args.concurrency,
        context_tokens=args.context_tokens,
        progress=progress,
        redact=args.redact,
        redaction=(load_redaction_config(args.redaction_config) if args.redaction_config else None),
    )
