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


def test_the_judge_rubric_grades_each_criterion_from_a_model_answer() -> None:
    from evals.judge import CRITERIA, judge
    from pir_ai.providers import FakeProvider

    verdict = {name: {"score": 4, "reason": "ok"} for name in CRITERIA}
    verdict["systems_focus"] = {"score": 2, "reason": "the cause names a person"}
    fake = FakeProvider([verdict])
    scores = judge(draft_with(("38%", "error rate")), fake)
    assert scores["judge_systems_focus"] == 2
    assert scores["judge_clarity"] == 4
    assert scores["judge_mean"] == (4 * 3 + 2) / 4
    [request] = fake.requests
    assert "38%" not in request.messages[0].content  # the draft is data, in the user turn


def test_a_judge_answer_outside_the_scale_is_re_asked() -> None:
    from evals.judge import CRITERIA, judge
    from pir_ai.providers import FakeProvider

    bad = {name: {"score": 9, "reason": "x"} for name in CRITERIA}
    good = {name: {"score": 3, "reason": "x"} for name in CRITERIA}
    fake = FakeProvider([bad, good])
    assert judge(draft_with(), fake)["judge_mean"] == 3
    assert len(fake.requests) == 2


def test_the_offline_engine_cannot_be_the_judge() -> None:
    import pytest

    from evals.judge import judge
    from pir_ai.draft import OfflineDrafter
    from pir_ai.errors import ConfigError

    with pytest.raises(ConfigError, match="live model"):
        judge(draft_with(), OfflineDrafter())  # type: ignore[arg-type]
