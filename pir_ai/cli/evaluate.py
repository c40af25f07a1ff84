"""``pir-ai eval``: score drafts against datasets with known answers.

The eval suite lives in the repository's ``evals/`` folder, not in the wheel: run
this from a pir_ai checkout (or point ``--evals-dir`` at one).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from pir_ai.errors import ConfigError

EXIT_REGRESSION = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser("eval", help="score drafts on datasets with known answers")
    parser.add_argument("--provider", default="offline", help="provider string (default offline)")
    parser.add_argument("--dataset", action="append", help="only this dataset (repeatable)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--record", action="store_true", help="record provider traffic to cassettes")
    mode.add_argument("--replay", action="store_true", help="replay recorded cassettes only")
    parser.add_argument("--out", type=Path, default=Path("eval-out"), help="scorecard folder")
    parser.add_argument("--tolerance", type=float, default=0.02, help="allowed absolute drop")
    parser.add_argument(
        "--judge",
        metavar="PROVIDER",
        help="also grade each draft's narrative with this live model (evals/judge.py rubric; "
        "reported, not gated)",
    )
    parser.add_argument(
        "--update-baseline", action="store_true", help="store this scorecard as the baseline"
    )
    parser.add_argument("--evals-dir", type=Path, default=Path("evals"), help="the evals folder")
    parser.add_argument(
        "--base-url",
        help="server of an OpenAI-compatible provider (default: $OPENAI_BASE_URL); "
        "a replay uses the recording's",
    )
    parser.add_argument(
        "--provider-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="option for the provider, VALUE read as JSON when it parses "
        "(e.g. json_mode=json_object, context_window=8192); repeatable",
    )
    parser.add_argument("--max-output-tokens", type=int, help="output limit of each model request")
    parser.set_defaults(run=run)


def provider_options(pairs: list[str]) -> dict[str, Any]:
    """``["context_window=8192", "json_mode=json_object"]`` -> options, values read as JSON."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--provider-option takes KEY=VALUE, found {pair!r}")
        try:
            options[key.strip()] = json.loads(value)
        except ValueError:
            options[key.strip()] = value
    return options


def _runner(evals_dir: Path) -> Any:
    if not (evals_dir / "runner.py").is_file():
        raise ConfigError(
            f"{evals_dir}/runner.py not found: run `pir-ai eval` from a pir_ai checkout "
            "or pass --evals-dir"
        )
    root = str(evals_dir.resolve().parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(f"{evals_dir.resolve().name}.runner")


def run(args: argparse.Namespace) -> int:
    """Run, write the scorecard, compare with the baseline; exit 1 on regression."""
    runner = _runner(args.evals_dir)
    mode = "record" if args.record else "replay" if args.replay else None
    settings = runner.resolve_settings(
        args.provider,
        mode,
        base_url=args.base_url,
        provider_options=provider_options(args.provider_option),
        max_output_tokens=args.max_output_tokens,
    )
    card = runner.run_eval(
        args.provider, args.dataset, mode=mode, settings=settings, judge_with=args.judge
    )
    md_path, json_path = runner.write_scorecard(card, args.out)
    print(runner.render_markdown(card))
    print(f"scorecard: {md_path} {json_path}")
    if args.update_baseline:
        target = runner.baseline_path(args.provider)
        runner.write_scorecard(card, target.parent)
        print(f"baseline updated: {target}")
        return 0
    baseline = runner.load_baseline(args.provider)
    if baseline is None:
        print(f"no baseline for {args.provider}; pass --update-baseline to store one")
        return 0
    if set(card.datasets) != set(baseline.datasets):
        baseline = runner.Scorecard(
            provider=baseline.provider,
            generated_at=baseline.generated_at,
            datasets={k: v for k, v in baseline.datasets.items() if k in card.datasets},
        )
        baseline.aggregate = runner.aggregate_rows(list(baseline.datasets.values()))
    regressions = runner.compare(card, baseline, args.tolerance)
    for regression in regressions:
        print(f"REGRESSION {regression}", file=sys.stderr)
    return EXIT_REGRESSION if regressions else 0
