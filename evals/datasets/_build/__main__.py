"""Rewrite every eval bundle and examples/checkout-outage from the stories."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import checkout, stories_a, stories_b

REPO = Path(__file__).resolve().parents[3]
BUNDLES = (
    stories_a.bad_deploy, stories_a.db_failover, stories_a.cert_expiry, stories_a.dns,
    stories_a.cloud_region, stories_b.queue_backlog, stories_b.memory_leak,
    stories_b.config_push, stories_b.third_party, stories_b.near_miss,
)  # fmt: skip


def main(root: Path = REPO) -> None:
    """Write the ten bundles under evals/datasets and the example under examples/."""
    for build in BUNDLES:
        gold = build(root / "evals" / "datasets")
        print(gold["name"], gold["moments"])
    example = root / "examples" / "checkout-outage"
    for name in ("slack-export", "alerts", "transcript"):
        shutil.rmtree(example / name, ignore_errors=True)
    checkout.build(example)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO)
