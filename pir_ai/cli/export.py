"""``pir-ai export``: a draft's action items as Jira, Linear or GitHub issues.

A dry run (the default) prints one JSON line per issue request and sends nothing.
``--send`` posts them with credentials from the environment and prints one JSON
line per item; with ``--ledger`` the created ids are kept, and items already in
the ledger are skipped on the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from pir_ai.errors import ConfigError, EmptyInputError, MalformedSourceError, SourceError
from pir_ai.export import (
    DEFAULT_TIMEOUT_S,
    TrackerEndpoint,
    github_endpoint,
    jira_endpoint,
    linear_endpoint,
    read_ledger,
    read_owner_ids,
    record_in_ledger,
    send_issues,
)
from pir_ai.postmortem import Postmortem, Priority
from pir_ai.render import (
    DEFAULT_LABELS,
    TrackerExport,
    TrackerName,
    build_github_issues,
    build_jira_issues,
    build_linear_issues,
)

TRACKERS: tuple[TrackerName, ...] = ("jira", "linear", "github")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    parser = sub.add_parser(
        "export",
        help="print (or send) a draft's action items as Jira, Linear or GitHub issues",
        description="Dry run by default: prints one JSON line per issue. --send creates them.",
    )
    parser.add_argument("draft", metavar="DRAFT.json", help="a draft from `pir-ai draft -f json`")
    parser.add_argument("--to", required=True, choices=TRACKERS, help="the tracker")
    parser.add_argument("--project", metavar="KEY", help="Jira project key (jira)")
    parser.add_argument("--issue-type", default="Task", help="Jira issue type name (jira)")
    parser.add_argument("--team", metavar="ID", help="Linear team id (linear)")
    parser.add_argument("--repo", metavar="OWNER/NAME", help="GitHub repository (github)")
    parser.add_argument(
        "--owners-map", metavar="FILE.json", help="owner name -> tracker account id / login"
    )
    parser.add_argument(
        "--priority",
        action="append",
        default=[],
        metavar="LEVEL=VALUE",
        help="map a priority, e.g. Must-fix=Highest (jira), Must-fix=1 (linear), "
        "Must-fix=P1 (github label); repeatable",
    )
    parser.add_argument(
        "--label",
        action="append",
        metavar="NAME",
        help=f"label to set, repeatable (default: {', '.join(DEFAULT_LABELS)}; not linear)",
    )
    parser.add_argument(
        "--ledger", metavar="FILE.json", help="ids already exported; --send adds new ones"
    )
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", dest="send", action="store_false", help="print payloads only (default)"
    )
    mode.add_argument("--send", dest="send", action="store_true", help="create the issues")
    parser.set_defaults(run=run, send=False)


def read_draft(path: Path) -> Postmortem:
    """A draft JSON file as a ``Postmortem``, or a SourceError naming file and field."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(path, "a readable draft JSON file", found=err.strerror) from err
    if not data.strip():
        raise EmptyInputError(path, "a draft JSON file", found="an empty file")
    try:
        return Postmortem.model_validate_json(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or None
        raise MalformedSourceError(
            path,
            "a pir-ai draft (Postmortem JSON)",
            location=where,
            found=f"{first['msg']} ({err.error_count()} problem(s))",
        ) from err


def _priorities(pairs: Sequence[str]) -> dict[Priority, str]:
    levels = {p.value.casefold(): p for p in Priority}
    mapped: dict[Priority, str] = {}
    for pair in pairs:
        level, sep, value = pair.partition("=")
        if not sep or level.strip().casefold() not in levels or not value.strip():
            raise ConfigError(
                f"--priority: expected LEVEL=VALUE with LEVEL one of "
                f"{', '.join(p.value for p in Priority)}, found {pair!r}"
            )
        mapped[levels[level.strip().casefold()]] = value.strip()
    return mapped


def _need(value: str | None, option: str, tracker: str) -> str:
    if not value:
        raise ConfigError(f"--to {tracker} needs {option}")
    return value


def build_export(args: argparse.Namespace, pm: Postmortem) -> TrackerExport:
    """The requests for ``--to``, with the options that tracker takes."""
    tracker: TrackerName = args.to
    owners = read_owner_ids(Path(args.owners_map), tracker) if args.owners_map else {}
    labels = args.label if args.label is not None else DEFAULT_LABELS
    priorities = _priorities(args.priority)
    if tracker == "jira":
        project = _need(args.project, "--project KEY", tracker)
        return build_jira_issues(
            pm,
            project=project,
            issue_type=args.issue_type,
            labels=labels,
            account_ids=owners,
            **({"priorities": priorities} if priorities else {}),
        )
    if tracker == "linear":
        team = _need(args.team, "--team ID", tracker)
        try:
            numbers = {level: int(value) for level, value in priorities.items()}
        except ValueError as err:
            raise ConfigError(f"--priority: Linear priorities are numbers 0-4: {err}") from err
        return build_linear_issues(
            pm, team_id=team, user_ids=owners, **({"priorities": numbers} if numbers else {})
        )
    repo = _need(args.repo, "--repo OWNER/NAME", tracker)
    return build_github_issues(
        pm, repo=repo, labels=labels, priority_labels=priorities, logins=owners
    )


def _endpoint(tracker: TrackerName) -> TrackerEndpoint:
    makers = {"jira": jira_endpoint, "linear": linear_endpoint, "github": github_endpoint}
    return makers[tracker](os.environ)


def run(args: argparse.Namespace) -> int:
    """Print the payloads, or send them and print what was created."""
    pm = read_draft(Path(args.draft))
    export = build_export(args, pm)
    err = sys.stderr
    for warning in export.warnings:
        err.write(f"pir-ai: warning: {export.tracker}: {warning}\n")
    if not export.requests:
        err.write(f"pir-ai: {args.draft} has no action items; nothing to export\n")
        return 0
    ledger = Path(args.ledger) if args.ledger else None
    exported = read_ledger(ledger, export.tracker) if ledger else {}
    out = sys.stdout
    if not args.send:
        for request in export.requests:
            if request.item in exported:
                err.write(f"pir-ai: {request.item} already exported as {exported[request.item]}\n")
                continue
            out.write(json.dumps(request.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return 0
    if ledger is None:
        err.write("pir-ai: warning: no --ledger: running again will create these issues again\n")
    endpoint = _endpoint(export.tracker)
    for result in send_issues(export, endpoint, exported=exported, timeout=args.timeout):
        if ledger is not None and result.status == "created":
            record_in_ledger(ledger, export.tracker, {result.item: result.external_id})
        out.write(result.model_dump_json() + "\n")
        out.flush()
    return 0
