"""Run the eval: draft every dataset, score it, compare with the stored baseline.

``pir-ai eval`` calls ``main``; tests call ``run_eval`` and ``compare`` directly.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from evals.judge import judge
from evals.metrics import Gold, score
from evals.recording import (
    RecordingSettings,
    cassette_dir,
    load_settings,
    provider_slug,
    recorded_datasets,
    save_settings,
    use_cassette,
)
from pir_ai.draft import draft_postmortem
from pir_ai.errors import ConfigError
from pir_ai.events import Incident
from pir_ai.ingest import load_incident
from pir_ai.providers import Provider, get_provider

EVALS = Path(__file__).parent
DATASETS = EVALS / "datasets"
BASELINES = EVALS / "baselines"
NOT_SOURCES = {"gold.json", "README.md"}

HIGHER_IS_BETTER = (
    "key_event_recall",
    "key_event_precision",
    "moment_exactness",
    "impact_start_exact",
    "impact_start_among_candidates",
    "detected_exact",
    "detection_source_right",
    "basis_shown",
    "ttd_ok",
    "ttm_ok",
    "impact_recall",
    "citation_validity",
    "action_items_passing_lint",
    "section_completeness",
)
LOWER_IS_BETTER = (
    "unsupported_figure_rate",
    "blame_findings",
    "grounding_findings",
    "model_answers_rejected",
    "duration_error_max_min",
)
DEFAULT_TOLERANCE = 0.02


class Scorecard(BaseModel):
    """Metrics per dataset and their means, for one provider."""

    model_config = ConfigDict(extra="forbid")

    provider: str
    generated_at: datetime
    datasets: dict[str, dict[str, Any]]
    aggregate: dict[str, float | None] = Field(default_factory=dict)


class Regression(BaseModel):
    """A metric that got worse than the baseline by more than the tolerance."""

    metric: str
    baseline: float
    current: float | None

    def __str__(self) -> str:
        return f"{self.metric}: {self.current} vs baseline {self.baseline}"


def dataset_names(datasets_dir: Path = DATASETS) -> list[str]:
    """Every dataset folder that has a gold.json."""
    return sorted(p.parent.name for p in datasets_dir.glob("*/gold.json"))


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in NOT_SOURCES)


def load_bundle(folder: Path) -> tuple[Gold, Incident]:
    """A bundle's gold answers and its sources read the way its gold says (zone, call start).

    Raises:
        PirError: the sources cannot be read (a result for the scorers to report).
    """
    gold = Gold.model_validate_json((folder / "gold.json").read_bytes())
    tz = ZoneInfo(gold.tz) if gold.tz else None
    return gold, load_incident(_sources(folder), tz=tz, meeting_start=gold.meeting_start)


def resolve_settings(
    provider: str,
    mode: str | None,
    *,
    base_url: str | None = None,
    provider_options: Mapping[str, Any] | None = None,
    max_output_tokens: int | None = None,
) -> RecordingSettings:
    """The drafting options of a run: a replay starts from what the recording used.

    Options given here override the stored ones; a replay that changes what requests
    send then fails on the first unmatched request, which is the point.
    """
    if provider == "offline":
        return RecordingSettings()
    stored = load_settings(provider) if mode == "replay" else RecordingSettings()
    if mode == "record" and base_url is None:
        base_url = os.environ.get("OPENAI_BASE_URL") or None
    return stored.model_copy(
        update={
            "provider_options": {**stored.provider_options, **(provider_options or {})},
            **({"base_url": base_url} if base_url else {}),
            **({"max_output_tokens": max_output_tokens} if max_output_tokens else {}),
        }
    )


def run_dataset(
    folder: Path,
    provider: str = "offline",
    mode: str | None = None,
    settings: RecordingSettings | None = None,
    judge_with: Provider | None = None,
) -> dict[str, Any]:
    """Draft one dataset and score it (recording or replaying a model's traffic if asked).

    With ``judge_with`` (a live model), the narrative is also graded against the rubric
    in ``evals/judge.py``; those scores are reported, not gated.
    """
    gold, incident = load_bundle(folder)
    started = time.perf_counter()
    if provider == "offline":
        draft = draft_postmortem(incident)
    else:
        options = (settings or RecordingSettings()).draft_options(provider, mode)
        with use_cassette(provider, folder.name, mode) if mode else contextlib.nullcontext():
            draft = draft_postmortem(incident, provider=provider, **options)
    row = score(draft, incident, gold, time.perf_counter() - started)
    if judge_with is not None:
        row.update(judge(draft, judge_with))
    return row


def aggregate_rows(rows: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    """Mean of every numeric metric over datasets (None when no dataset has it)."""
    keys = [k for k in rows[0] if k != "wall_s"] if rows else []
    out: dict[str, float | None] = {}
    for key in keys:
        values = [r[key] for r in rows if isinstance(r.get(key), (int, float))]
        out[key] = round(statistics.fmean(values), 4) if values else None
    out["wall_s_total"] = round(sum(r["wall_s"] for r in rows), 3)
    return out


def run_eval(
    provider: str = "offline",
    names: Sequence[str] | None = None,
    *,
    datasets_dir: Path = DATASETS,
    mode: str | None = None,
    settings: RecordingSettings | None = None,
    judge_with: str | Provider | None = None,
) -> Scorecard:
    """Draft and score every dataset (or ``names``) with ``provider``.

    ``judge_with`` grades each draft's narrative with a live model (never recorded or
    replayed: a judge's scores are only meaningful from the model that gave them).

    ``mode`` is ``"record"`` or ``"replay"`` for a model provider (ignored offline).
    A replay without ``names`` runs the datasets that have a cassette. A recording
    stores ``settings`` beside its cassettes.
    """
    mode = None if provider == "offline" else mode
    if names:
        chosen = list(names)
    elif mode == "replay":
        chosen = recorded_datasets(provider)
    else:
        chosen = dataset_names(datasets_dir)
    if not chosen and mode == "replay":
        raise ConfigError(
            f"no cassette for {provider} in {cassette_dir(provider)}: record first with "
            f"`pir-ai eval --provider {provider} --record`"
        )
    if not chosen:
        raise ConfigError(f"no dataset to run in {datasets_dir}")
    if mode is not None:
        settings = settings or resolve_settings(provider, mode)
    if mode == "record":
        settings = settings or RecordingSettings()
        _refuse_mixed_settings(provider, settings, chosen)
    grader = None
    if judge_with is not None:
        if mode is not None:
            raise ConfigError("the judge runs only live: drop --record/--replay or --judge")
        grader = get_provider(judge_with) if isinstance(judge_with, str) else judge_with
    rows = {
        name: run_dataset(datasets_dir / name, provider, mode, settings, grader) for name in chosen
    }
    if mode == "record":
        save_settings(provider, settings or RecordingSettings())
    return Scorecard(
        provider=provider,
        generated_at=datetime.now(UTC),
        datasets=rows,
        aggregate=aggregate_rows(list(rows.values())),
    )


def _refuse_mixed_settings(provider: str, settings: RecordingSettings, chosen: list[str]) -> None:
    """One settings file serves every cassette of a provider: keep them consistent."""
    others = set(recorded_datasets(provider)) - set(chosen)
    if not others or load_settings(provider).model_dump(
        exclude={"base_url"}
    ) == settings.model_dump(exclude={"base_url"}):
        return
    raise ConfigError(
        f"the cassettes of {', '.join(sorted(others))} were recorded with other options "
        f"({cassette_dir(provider) / 'settings.json'}); record them too, or use the same options"
    )


def compare(
    current: Scorecard, baseline: Scorecard, tolerance: float = DEFAULT_TOLERANCE
) -> list[Regression]:
    """Metrics that regressed beyond ``tolerance`` (absolute) against the baseline."""
    found: list[Regression] = []
    for metric in (*HIGHER_IS_BETTER, *LOWER_IS_BETTER):
        base = baseline.aggregate.get(metric)
        if base is None:
            continue
        now = current.aggregate.get(metric)
        worse = (
            now is None
            or (metric in HIGHER_IS_BETTER and now < base - tolerance)
            or (metric in LOWER_IS_BETTER and now > base + tolerance)
        )
        if worse:
            found.append(Regression(metric=metric, baseline=base, current=now))
    return found


def render_markdown(card: Scorecard) -> str:
    """The scorecard as a Markdown table, one row per dataset plus the mean."""
    columns = [*HIGHER_IS_BETTER, *LOWER_IS_BETTER, "tokens_in", "wall_s"]
    lines = [
        f"# Eval scorecard: {card.provider}",
        "",
        f"Generated {card.generated_at:%Y-%m-%d %H:%M} UTC over {len(card.datasets)} datasets.",
        "",
        "| dataset | " + " | ".join(columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]

    def cell(value: object) -> str:
        return "-" if value is None else f"{value:.3g}" if isinstance(value, float) else str(value)

    for name, row in card.datasets.items():
        lines.append(f"| {name} | " + " | ".join(cell(row.get(c)) for c in columns) + " |")
    mean = card.aggregate
    lines.append(
        "| **mean** | "
        + " | ".join(cell(mean.get("wall_s_total" if c == "wall_s" else c)) for c in columns)
        + " |"
    )
    return "\n".join(lines) + "\n"


def write_scorecard(card: Scorecard, out_dir: Path) -> tuple[Path, Path]:
    """Write ``scorecard.md`` and ``scorecard.json`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md_path, json_path = out_dir / "scorecard.md", out_dir / "scorecard.json"
    md_path.write_text(render_markdown(card), encoding="utf-8")
    json_path.write_text(card.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return md_path, json_path


def baseline_path(provider: str) -> Path:
    """Where the stored baseline scorecard of ``provider`` lives."""
    return BASELINES / provider_slug(provider) / "scorecard.json"


def load_baseline(provider: str) -> Scorecard | None:
    """The stored baseline for ``provider``, if one was committed."""
    path = baseline_path(provider)
    return Scorecard.model_validate_json(path.read_bytes()) if path.exists() else None
