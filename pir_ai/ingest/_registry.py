"""The registry of source formats: built-ins in sniffing order, plus entry-point plugins."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import cache
from importlib.metadata import entry_points

from pir_ai.errors import ConfigError
from pir_ai.ingest._base import Sniff, SourceFormat

# Order matters: a more specific format comes before a more general one
# (an SNS-wrapped CloudWatch alarm is also JSON; the generic table reader is last).
_BUILTINS: tuple[str, ...] = (
    # chat formats
    "pir_ai.ingest._slack_export:FORMAT",
    "pir_ai.ingest._slack_api:FORMAT",
    "pir_ai.ingest._teams:FORMAT",
    # alert formats
    "pir_ai.ingest._cloudwatch:FORMAT",
    "pir_ai.ingest._grafana:FORMAT",
    "pir_ai.ingest._alertmanager:FORMAT",
    "pir_ai.ingest._datadog:FORMAT",
    "pir_ai.ingest._opsgenie:FORMAT",
    "pir_ai.ingest._pagerduty_webhook:FORMAT",
    "pir_ai.ingest._pagerduty_rest:FORMAT",
    "pir_ai.ingest._pagerduty_csv:FORMAT",
    # transcript formats
    "pir_ai.ingest._webvtt:FORMAT",
    "pir_ai.ingest._srt_transcript:FORMAT",
    "pir_ai.ingest._text_transcript:FORMAT",
    # change formats
    "pir_ai.ingest._gitlog:FORMAT",
    "pir_ai.ingest._k8s_events:FORMAT",
    # the most general readers, last of all: any table with a time column, any timestamped log
    "pir_ai.ingest._table:FORMAT",
    "pir_ai.ingest._deploy_log:FORMAT",
)

ENTRY_POINT_GROUP = "pir_ai.sources"


def _load(target: str) -> SourceFormat:
    module_name, _, attr = target.partition(":")
    obj = getattr(importlib.import_module(module_name), attr)
    if not isinstance(obj, SourceFormat):
        raise ConfigError(f"{target} is not a SourceFormat (needs name, kind, sniff, parse)")
    return obj


@cache
def formats() -> tuple[SourceFormat, ...]:
    """All registered formats, built-ins first, then plugins sorted by entry-point name."""
    found = [_load(target) for target in _BUILTINS]
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        plugin = ep.load()
        if not isinstance(plugin, SourceFormat):
            raise ConfigError(
                f"entry point {ep.name!r} in {ENTRY_POINT_GROUP} is not a SourceFormat"
            )
        found.append(plugin)
    names = [f.name for f in found]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ConfigError(f"two source formats share a name: {sorted(duplicated)}")
    return tuple(found)


def detect(sample: Sniff, candidates: Sequence[SourceFormat] | None = None) -> SourceFormat | None:
    """The first format whose ``sniff`` accepts the sample, or None."""
    for fmt in candidates if candidates is not None else formats():
        if fmt.sniff(sample):
            return fmt
    return None


def by_name(name: str) -> SourceFormat:
    """A format by its name, for forcing a format the sniffers would not pick."""
    for fmt in formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in formats())
    raise ConfigError(f"unknown format {name!r}; known formats: {known}")
