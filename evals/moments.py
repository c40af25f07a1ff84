"""How far the computed moments are from the gold, per bundle: the facts scorecard.

Usage: python evals/moments.py [BUNDLE_DIR ...]   (default: every bundle of evals/datasets)

For each bundle: load it as the eval runner does, compute the facts, and compare each
moment with ``gold.json``: error in seconds, exact within 60 s; the detection source
(monitoring / customer / employee) against ``detection_source`` where the gold states
one; TTD and TTM within 10 % (or 60 s). A bundle whose load fails is reported with its
one-line error: that is a result, not a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from evals.metrics import Gold
from evals.runner import _sources
from pir_ai import EventKind, PirError, compute_facts, load_incident

HERE = Path(__file__).parent
MOMENTS = ("impact_start", "detected", "acknowledged", "mitigated", "resolved")
EXACT_S = 60.0


def _close(got: float | None, want: float | None) -> bool | None:
    if want is None:
        return None
    if got is None:
        return False
    return abs(got - want) <= max(EXACT_S, 0.10 * abs(want))


def score_bundle(folder: Path) -> dict[str, Any]:
    """The moment figures of one bundle."""
    gold = Gold.model_validate_json((folder / "gold.json").read_bytes())
    tz = ZoneInfo(gold.tz) if gold.tz else None
    row: dict[str, Any] = {"bundle": folder.name}
    try:
        incident = load_incident(_sources(folder), tz=tz, meeting_start=gold.meeting_start)
    except PirError as err:
        row["error"] = str(err).splitlines()[0][:160]
        return row
    facts = compute_facts(incident)
    metrics = facts.metrics
    for name in MOMENTS:
        want = gold.moments.get(name)
        got = getattr(metrics, name)
        if want is None:
            continue
        error = None if got is None else (got.ts - want).total_seconds()
        row[f"{name}_error_s"] = error
        row[f"{name}_exact"] = error is not None and abs(error) <= EXACT_S
    if gold.detection_source is not None:
        by_id = {e.id: e for e in facts.events}
        event = by_id.get(metrics.detected.event_id) if metrics.detected else None
        computed = "monitoring" if event and event.kind is EventKind.ALERT_TRIGGERED else "employee"
        row["detection_source_right"] = computed == gold.detection_source
    ttd = metrics.time_to_detect_s
    ttm = metrics.time_to_mitigate_s
    row["ttd_ok"] = _close(ttd, None if gold.ttd_min is None else gold.ttd_min * 60)
    row["ttm_ok"] = _close(ttm, None if gold.ttm_min is None else gold.ttm_min * 60)
    return row


def main(argv: list[str] | None = None) -> int:
    """Print one line per bundle and the shares over all of them."""
    args = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    folders = args or sorted(p.parent for p in (HERE / "datasets").glob("*/gold.json"))
    rows = [score_bundle(f) for f in folders]
    for row in rows:
        print(row)

    def share(key: str) -> str:
        values = [r[key] for r in rows if r.get(key) is not None]
        return f"{sum(values)}/{len(values)}" if values else "-"

    print(
        f"bundles={len(rows)} failed_to_load={sum('error' in r for r in rows)} "
        f"impact_start_exact={share('impact_start_exact')} "
        f"detected_exact={share('detected_exact')} "
        f"detection_source={share('detection_source_right')} ttd_ok={share('ttd_ok')} "
        f"ttm_ok={share('ttm_ok')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
