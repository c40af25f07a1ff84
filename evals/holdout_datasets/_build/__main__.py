"""Rewrite every holdout bundle from its story."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import b1_log_gap, b2_exporter_key, b3_no_nodes, b4_api_route, b5_node_recur

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = [b1_log_gap, b2_exporter_key, b3_no_nodes, b4_api_route, b5_node_recur]


def main() -> int:
    for mod in BUNDLES:
        dest = ROOT / mod.NAME
        if dest.exists():
            shutil.rmtree(dest)
        g = mod.build(ROOT)
        mins = " ".join(f"{k}={g[k + '_min']}" for k in ("ttd", "tta", "ttm", "ttr"))
        print(f"{mod.NAME}: {mins}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
