"""Eval metrics measure what they say: a few hand-checked cases."""

from __future__ import annotations

from datetime import UTC, datetime

from evals.metrics import Gold, impact_recall
from pir_ai.postmortem import DraftMetadata, ImpactFigure, Postmortem

WHEN = datetime(2024, 6, 2, 0, 0, tzinfo=UTC)


def draft_with(*figures: tuple[str, str]) -> Postmortem:
    return Postmortem(
        title="t",
        impact=[ImpactFigure(value=v, measure=m, text=f"{v} {m}") for v, m in figures],
        metadata=DraftMetadata(generator="offline", produced_without_model=True, created_at=WHEN),
    )


def gold_with(*figures: str) -> Gold:
    return Gold(name="g", kind="k", moments={}, key_events=[], impact_figures=list(figures))


def test_a_figure_split_into_value_and_measure_matches_its_gold_spelling() -> None:
    assert impact_recall(draft_with(("3", "partners")), gold_with("3 partners")) == 1.0


def test_figures_are_compared_without_thousands_separators() -> None:
    assert impact_recall(draft_with(("4300", "calls")), gold_with("4,300")) == 1.0


def test_a_different_number_is_not_a_match() -> None:
    assert (
        impact_recall(
            draft_with(("4", "partners"), ("38%", "error rate")), gold_with("3 partners", "38%")
        )
        == 0.5
    )
