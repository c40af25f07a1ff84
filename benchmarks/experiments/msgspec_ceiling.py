"""One-off experiment: would a lighter event type lift the ingest ceiling to 0.5?

Not part of ``make bench`` and not a dependency: ``pip install msgspec`` first. Run
``python benchmarks/experiments/msgspec_ceiling.py EXPORT_DIR`` on a Slack export made by
``evals.generate.generate_slack_export``. It times, against the same bare ``orjson.loads``
pass as the ingest rows:

- one constant ``msgspec.Struct`` event per message (frozen, untracked by the GC), the
  analogue of the pydantic ceiling row;
- a minimal realistic reader: messages decoded by msgspec into typed structs, then per
  message the UTC time, the hashed stable id, a per-record source reference and the event.

Measured on 2026-11-27 (2-core machine, 100,000 messages): constant events 0.88 of the
bare decode, the minimal realistic reader 0.23. A cheaper event type removes the object
cost but not the per-record Python work, so 0.5 still needs that work compiled.
"""

from __future__ import annotations

import gc
import hashlib
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import orjson

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Ref(msgspec.Struct, frozen=True, gc=False):
    path: str
    record: str
    line: int | None = None


class LightEvent(msgspec.Struct, frozen=True, gc=False):
    id: str
    ts: datetime
    source: str
    kind: str
    ref: Ref
    actor: str | None = None
    text: str = ""
    channel: str | None = None
    is_bot: bool = False
    attrs: dict[str, str] = {}


class Message(msgspec.Struct):
    ts: str
    text: str = ""
    user: str | None = None
    bot_id: str | None = None


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best CPU time of ``repeat`` runs with the collector paused, as ingest runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
        gc.enable()
    return min(times)


def main(export: Path) -> None:
    days = [p.read_bytes() for p in sorted(export.glob("*/*.json"))]
    decoder = msgspec.json.Decoder(list[Message])
    ref = Ref(str(export), "record")

    def bare() -> None:
        for data in days:
            orjson.loads(data)

    def constant() -> None:
        for data in days:
            for _ in orjson.loads(data):
                LightEvent("ev", EPOCH, "slack", "message", ref)

    def realistic() -> None:
        for data in days:
            for index, message in enumerate(decoder.decode(data)):
                seconds, _, fraction = message.ts.partition(".")
                key = "slack\x1fC1\x1f" + message.ts
                LightEvent(
                    "ev_" + hashlib.sha1(key.encode()).hexdigest()[:12],
                    EPOCH + timedelta(0, int(seconds), int(fraction.ljust(6, "0") or 0)),
                    "slack",
                    "message",
                    Ref(str(export), f"day[{index}]"),
                    message.user,
                    message.text,
                    "incident",
                    message.bot_id is not None,
                    {"ts": message.ts},
                )

    base = best(bare)
    print(f"constant msgspec events: {base / best(constant):.2f} of bare orjson")
    print(f"minimal realistic reader: {base / best(realistic):.2f} of bare orjson")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
