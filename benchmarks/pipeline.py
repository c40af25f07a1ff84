"""Pipeline rows: files to offline draft per 10,000 events, its growth, and prompt tokens."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

from benchmarks.rows import Row, best_time
from pir_ai import load_incident
from pir_ai.budget import condense_ratio
from pir_ai.draft import draft_postmortem


def incident_inputs(folder: Path) -> list[Path]:
    """The source files of a generated incident, without its gold answers."""
    return sorted(p for p in folder.iterdir() if p.name != "gold.json")


def _pipeline_seconds(folder: Path, repeat: int) -> tuple[int, float, float]:
    """(events, load seconds, draft seconds): best of ``repeat`` for each stage."""
    inputs = incident_inputs(folder)
    incident = load_incident(inputs)
    load_s = best_time(lambda: load_incident(inputs), repeat)
    draft_s = best_time(lambda: draft_postmortem(incident), repeat)
    return len(incident.events), load_s, draft_s


def pipeline_rows(small: Path, large: Path, repeat: int) -> list[Row]:
    """Load + offline draft per 10,000 events for a small and a large incident, and the growth.

    Growth is per-10k time at the large size over per-10k time at the small size:
    1.0 is linear scaling.
    """
    draft_postmortem(load_incident(incident_inputs(small)))  # warm imports and lexicons
    rows = []
    per_10k: list[float] = []
    for folder in (small, large):
        events, load_s, draft_s = _pipeline_seconds(folder, repeat)
        per = (load_s + draft_s) / (events / 10_000)
        per_10k.append(per)
        rows.append(
            Row(
                f"Pipeline (load + offline draft) per 10k events, {events:,} events",
                f"{per:.3f} CPU s per 10k (load {load_s:.2f} s + draft {draft_s:.2f} s)",
                per,
                "reference for growth",
                lambda r: True,
            )
        )
    growth = per_10k[1] / per_10k[0]
    rows.append(
        Row(
            "Growth of per-10k pipeline time, small -> large",
            f"x{growth:.2f} ({per_10k[0]:.3f} s -> {per_10k[1]:.3f} s per 10k)",
            growth,
            "<= 1.5 (near linear)",
            lambda r: r <= 1.5,
        )
    )
    return rows


def token_row(folder: Path) -> Row:
    """Prompt tokens of the condensed incident against a naive dump of every event.

    Also checks that the gold key events of the generated story survive condensing.
    """
    incident = load_incident(incident_inputs(folder))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    expected = [(datetime.fromisoformat(k["ts"]), k["contains"]) for k in gold["key_events"]]
    started = time.perf_counter()
    stats = condense_ratio(incident, "gpt-4.1-mini", expected=expected)
    seconds = time.perf_counter() - started
    kept = len(expected) - len(stats.missing_expected)
    return Row(
        f"Prompt tokens vs naive dump ({stats.events:,} events)",
        f"{stats.condensed_tokens:,} vs {stats.naive_tokens:,} tokens;"
        f" gold key events kept {kept}/{len(expected)}; {seconds:.1f} s",
        stats.ratio,
        "<= 0.2, all gold kept",
        lambda r: r <= 0.2 and kept == len(expected),
    )
