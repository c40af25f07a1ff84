"""Findings as readable text, JSON, or SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pir_ai.findings import Finding, Severity
from pir_ai.lint._registry import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
JSON_VERSION = 1
_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "note",
    Severity.INFO: "note",
}


def format_text(findings: Sequence[Finding], path: str = "<text>") -> str:
    """``path:line:col: CODE [severity] message (name)`` plus an indented rewrite."""
    lines: list[str] = []
    for f in findings:
        where = (
            f"{f.location.line}:{f.location.column or 1}"
            if f.location.line
            else (f.location.field or "document")
        )
        lines.append(f"{path}:{where}: {f.code} [{f.severity.value}] {f.message} ({f.name})")
        if f.suggestion:
            lines.append(f"    rewrite: {f.suggestion}")
    counts = {s: sum(1 for f in findings if f.severity is s) for s in reversed(Severity)}
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    lines.append(f"{len(findings)} finding(s)" + (f": {summary}" if summary else ""))
    return "\n".join(lines) + "\n"


def format_json(findings: Sequence[Finding], path: str = "<text>") -> str:
    """A versioned JSON document: ``{"version": 1, "path": ..., "findings": [...]}``."""
    payload = {
        "version": JSON_VERSION,
        "path": path,
        "findings": [f.model_dump(mode="json") for f in findings],
    }
    return json.dumps(payload, indent=2) + "\n"


def _region(f: Finding) -> dict[str, int]:
    region = {"startLine": f.location.line or 1, "startColumn": f.location.column or 1}
    if f.location.end_line:
        region["endLine"] = f.location.end_line
    if f.location.end_column:
        region["endColumn"] = f.location.end_column
    return region


def sarif_log(findings: Sequence[Finding], path: str, version: str = "0.1.0") -> dict[str, Any]:
    """The SARIF 2.1.0 log as a dict: one run, every rule described, one result each."""
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": " ".join(r.doc.split())},
            "help": {"text": r.doc.strip()},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"category": r.category.value},
        }
        for r in rules
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" Rewrite: {f.suggestion}" if f.suggestion else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": path},
                        "region": _region(f),
                    }
                }
            ],
            "properties": {"confidence": f.confidence, "category": f.category.value},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.location.field:
            result["properties"]["field"] = f.location.field
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pir-ai",
                        "informationUri": "https://github.com/pir-ai/pir-ai",
                        "version": version,
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }


def format_sarif(findings: Sequence[Finding], path: str = "<text>") -> str:
    """SARIF 2.1.0 as JSON text."""
    return json.dumps(sarif_log(findings, path), indent=2) + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "sarif": format_sarif}


def reaches(findings: Sequence[Finding], threshold: Severity) -> bool:
    """Whether any finding is at or above ``threshold`` (the CI gate)."""
    return any(f.severity.rank >= threshold.rank for f in findings)
