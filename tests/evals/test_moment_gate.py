"""The eval gate catches a moment that regresses (issue 13): shown with a broken detector.

The detector is broken on purpose through the public ``Drafter`` protocol: it takes the
first event of the incident as the detection. Scored like every eval run and compared with
the committed offline baseline, the gate must name the moment metrics that got worse.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from evals.metrics import score
from evals.runner import (
    DATASETS,
    Scorecard,
    aggregate_rows,
    compare,
    dataset_names,
    load_baseline,
    load_bundle,
)
from pir_ai import (
    DraftConfig,
    Facts,
    Incident,
    OfflineDrafter,
    Postmortem,
    draft_postmortem,
)
from pir_ai.postmortem import DetectionSource, Moment


class FirstEventDetector:
    """A drafter whose facts say the first event of the incident detected it."""

    name = "broken-detector"

    async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
        first = facts.events[0]
        metrics = facts.metrics.model_copy(
            update={
                "detected": Moment(ts=first.ts, event_id=first.id),
                "detection_source": DetectionSource.EMPLOYEE,
            }
        )
        broken = dataclasses.replace(facts, metrics=metrics)
        return await OfflineDrafter().adraft(incident, broken, config)


def _scorecard() -> Scorecard:
    rows = {}
    for name in dataset_names():
        gold, incident = load_bundle(DATASETS / name)
        draft = draft_postmortem(incident, drafter=FirstEventDetector())
        rows[name] = score(draft, incident, gold, 0.0)
    return Scorecard(
        provider="offline",
        generated_at=datetime.now(UTC),
        datasets=rows,
        aggregate=aggregate_rows(list(rows.values())),
    )


def test_a_broken_detector_fails_the_eval_gate() -> None:
    baseline = load_baseline("offline")
    assert baseline is not None
    regressed = {r.metric for r in compare(_scorecard(), baseline)}
    assert {"detected_exact", "detection_source_right"} <= regressed
