"""How far the computed moments are from the gold, per bundle: the facts scorecard.

Usage: python -m evals.moments [DIR ...]   (a bundle, or a folder of bundles; default
evals/datasets)

For each bundle: load it as the eval runner does, compute the facts (no draft), and score
the moments with ``evals.metrics.moment_scores``: error in seconds and exact within 60 s,
the detection source, TTD and TTM within 10 % (or 60 s), the gold impact start among the
candidates shown. A bundle whose load fails is reported with its one-line error: that is
a result, not a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from evals.metrics import moment_scores
from evals.runner import load_bundle
from pir_ai import PirError, compute_facts

HERE = Path(__file__).parent
SHARES = (
    "impact_start_exact",
    "impact_start_among_candidates",
    "detected_exact",
    "detection_source_right",
    "ttd_ok",
    "ttm_ok",
)


def score_bundle(folder: Path) -> dict[str, Any]:
    """The moment figures of one bundle."""
    row: dict[str, Any] = {"bundle": folder.name}
    try:
        gold, incident = load_bundle(folder)
    except PirError as err:
        row["error"] = str(err).splitlines()[0][:160]
        return row
    metrics = compute_facts(incident).metrics
    row.update(moment_scores(metrics, gold))
    row["impact_start_basis"] = metrics.impact_start.basis.value if metrics.impact_start else None
    return row


def _bundles(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/gold.json"))


def main(argv: list[str] | None = None) -> int:
    """Print one line per bundle and the shares over all of them."""
    args = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    roots = args or [HERE / "datasets"]
    folders = [
        bundle
        for root in roots
        for bundle in ([root] if (root / "gold.json").exists() else _bundles(root))
    ]
    rows = [score_bundle(f) for f in folders]
    for row in rows:
        print(row)

    def share(key: str) -> str:
        values = [r[key] for r in rows if r.get(key) is not None]
        return f"{round(sum(values))}/{len(values)}" if values else "-"

    shares = " ".join(f"{key}={share(key)}" for key in SHARES)
    print(f"bundles={len(rows)} failed_to_load={sum('error' in r for r in rows)} {shares}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
