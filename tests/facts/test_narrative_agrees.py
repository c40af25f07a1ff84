"""The draft's words about detection come from the same facts as its metrics (issue 13).

Every eval bundle (the original ten and the twelve modelled on real postmortems) is drafted
offline; its summary, detection section and what went well / poorly must agree with the
metrics table computed for the same draft.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.runner import load_bundle
from pir_ai import Postmortem, draft_postmortem
from pir_ai.facts import format_duration
from pir_ai.postmortem import DetectionSource, MomentBasis

EVALS = Path(__file__).resolve().parents[2] / "evals"
BUNDLES = sorted(
    p.parent for root in ("datasets", "real_datasets") for p in (EVALS / root).glob("*/gold.json")
)
TEN_MINUTES = 600
SAYS_DETECTED = {
    DetectionSource.MONITORING: "An alert detected the incident",
    DetectionSource.CUSTOMER: "A customer's report detected the incident",
    DetectionSource.EMPLOYEE: "no alert reached anyone first",
}


def _draft(folder: Path) -> Postmortem:
    _, incident = load_bundle(folder)
    return draft_postmortem(incident)


@pytest.fixture(scope="module", params=BUNDLES, ids=[b.name for b in BUNDLES])
def draft(request: pytest.FixtureRequest) -> Postmortem:
    return _draft(request.param)


def test_no_went_well_claim_about_detection_when_it_took_ten_minutes_or_more(
    draft: Postmortem,
) -> None:
    ttd = draft.metrics.time_to_detect_s
    about_detection = [c for c in draft.went_well if "detected" in c.text.lower()]
    if ttd is None or ttd >= TEN_MINUTES:
        assert not about_detection, about_detection
    if about_detection:
        assert draft.metrics.detection_source is DetectionSource.MONITORING


def test_the_detection_lines_say_what_the_metrics_say(draft: Postmortem) -> None:
    m = draft.metrics
    assert m.detection_source is not None and m.impact_start is not None
    text = " ".join(c.text for c in draft.detection)
    assert SAYS_DETECTED[m.detection_source] in text
    assert draft.summary[0].text == draft.detection[0].text
    if m.time_to_detect_s is None:
        assert m.impact_start.basis is MomentBasis.FIRST_SIGN
        assert "time to detect is unknown" in text
        assert "0 s" not in text
    else:
        assert f"Time to detect: {format_duration(m.time_to_detect_s)}" in text
        assert m.impact_start.basis.value in text


def test_what_went_poorly_names_a_person_or_customer_only_when_they_detected_it(
    draft: Postmortem,
) -> None:
    said = [c.text for c in draft.went_poorly if c.text.startswith("No alert reached anyone")]
    human = draft.metrics.detection_source is not DetectionSource.MONITORING
    assert bool(said) == human
