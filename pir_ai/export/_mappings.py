"""The two JSON files kept beside a draft: who is who in each tracker, and what was exported.

Owners map: owner name -> id, either one id for every tracker or one per tracker::

    {"Priya Raman": "praman",
     "Marco Bellini": {"jira": "5b10ac8d82e05b22cc7d4ef5", "github": "mbellini"}}

Ledger: tracker -> item key -> external id, written after each created issue::

    {"jira": {"pir-3fa2c1d9e0": "OPS-12"}, "github": {"pir-3fa2c1d9e0": "#41"}}
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pir_ai.errors import ConfigError
from pir_ai.render import TrackerName


def _read_object(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the {what}: {err.strerror or err}") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ConfigError(f"{path}: expected the {what} as a JSON object, found: {err}") from err
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: expected the {what} as a JSON object, found {type(data).__name__}"
        )
    return data


def read_owner_ids(path: Path, tracker: TrackerName) -> dict[str, str]:
    """Owner name -> this tracker's id (account id, user id or login) from an owners map."""
    ids: dict[str, str] = {}
    for name, value in _read_object(path, "owners map").items():
        if isinstance(value, dict):
            value = value.get(tracker)
            if value is None:
                continue  # this owner has no account in this tracker
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{path}: owner {name!r}: expected an id string or an object of "
                f"tracker -> id, found {value!r}"
            )
        ids[name] = value.strip()
    return ids


def read_ledger(path: Path, tracker: TrackerName) -> dict[str, str]:
    """Item key -> external id already exported to ``tracker``; empty when the file is absent."""
    if not path.exists():
        return {}
    section = _read_object(path, "export ledger").get(tracker, {})
    if not isinstance(section, dict) or not all(isinstance(v, str) for v in section.values()):
        raise ConfigError(f"{path}: {tracker}: expected an object of item key -> issue id")
    return dict(section)


def record_in_ledger(path: Path, tracker: TrackerName, exported: Mapping[str, str]) -> None:
    """Add ``exported`` (item key -> external id) to the ledger, replacing the file whole."""
    data = _read_object(path, "export ledger") if path.exists() else {}
    section = data.setdefault(tracker, {})
    section.update(exported)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", "utf-8")
    os.replace(partial, path)  # a crash mid-write never leaves half a ledger
