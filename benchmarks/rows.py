"""One row of the benchmark table: a measurement, its ratio or figure, and its target."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Row:
    """A benchmark result. ``meets`` judges ``figure`` against the stated target."""

    name: str
    detail: str
    figure: float
    target: str
    meets: Callable[[float], bool]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "detail": self.detail,
            "figure": self.figure,
            "target": self.target,
            "meets_target": self.meets(self.figure),
        }


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time of this process over ``repeat`` calls, each from a collected heap.

    CPU time, not wall time: the work measured is single-threaded and CPU-bound (files
    are in the page cache after the first read), and on a shared machine wall time
    mostly measures the neighbours, more so for long runs than for the short baseline.
    The minimum is the signal: other load only ever adds time.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def print_table(rows: list[Row]) -> None:
    """Print the rows as one table."""
    table = Table(title="pir_ai benchmarks (ratios against baselines measured in this run)")
    for column in ("benchmark", "measured", "figure", "target", "ok"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row.name,
            row.detail,
            f"{row.figure:,.3f}",
            row.target,
            "yes" if row.meets(row.figure) else "NO",
        )
    Console(width=160).print(table)
