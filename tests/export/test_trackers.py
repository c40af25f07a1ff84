"""Action items as Jira, Linear and GitHub issues: payload shapes, warnings, sending, the CLI."""

from __future__ import annotations

import argparse
import base64
import functools
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx2
import jsonschema
import pytest

from pir_ai.cli import export as export_cli
from pir_ai.errors import ConfigError, MalformedSourceError, TrackerError
from pir_ai.export import (
    github_endpoint,
    jira_endpoint,
    linear_endpoint,
    read_ledger,
    read_owner_ids,
    send_issues,
)
from pir_ai.postmortem import ActionItem, ActionType, DraftMetadata, Postmortem, Priority
from pir_ai.render import build_github_issues, build_jira_issues, build_linear_issues, item_key
from tests import conftest

FIXTURES = conftest.FIXTURES / "trackers"
ADF_SCHEMA = json.loads((FIXTURES / "adf-schema-v1-full.json").read_text("utf-8"))
JIRA_ENV = {
    "JIRA_BASE_URL": "https://acme.atlassian.net/",
    "JIRA_EMAIL": "sre@acme.example",
    "JIRA_API_TOKEN": "jira-token-1",
}
MARCO_JIRA = "5b10ac8d82e05b22cc7d4ef5"

ALERT = ActionItem(
    text="Add an alert on connection-pool saturation above 90% for 5 minutes",
    outcome="Pages on-call before checkout errors reach 1%",
    owner="Marco Bellini",
    due=date(2024, 6, 14),
    priority=Priority.MUST_FIX,
    type=ActionType.DETECT,
    addresses="Pool exhaustion went unseen for 14 minutes",
    evidence=["ev_d57b120e595d", "ev_15ab9db84ad1"],
)
CANARY = ActionItem(
    text="Add a canary gate for pool-size changes",
    priority=Priority.NICE_TO_HAVE,
    type=ActionType.PREVENT,
    evidence=["ev_2b25e8209fff"],
)
RUNBOOK = ActionItem(
    text="Document the pgbouncer pool sizing math in the checkout runbook",
    owner="Lena Fischer",
    due=date(2024, 6, 28),
    priority=Priority.SHOULD_FIX,
)


def draft(*items: ActionItem) -> Postmortem:
    meta = DraftMetadata(
        generator="offline",
        produced_without_model=True,
        created_at=datetime(2024, 5, 15, 9, 0, tzinfo=UTC),
    )
    return Postmortem(title="Checkout 5xx on 2024-05-14", action_items=list(items), metadata=meta)


def adf_text(doc: dict[str, Any]) -> str:
    return "\n".join(
        "".join(node["text"] for node in paragraph["content"]) for paragraph in doc["content"]
    )


# --- Jira ---------------------------------------------------------------------------------


def test_jira_fields_map_priority_due_date_and_owner_account() -> None:
    export = build_jira_issues(
        draft(ALERT), project="OPS", account_ids={"Marco Bellini": MARCO_JIRA}
    )
    fields = export.requests[0].body["fields"]
    assert export.requests[0].path == "/rest/api/3/issue"
    assert fields["project"] == {"key": "OPS"}
    assert fields["issuetype"] == {"name": "Task"}
    assert fields["summary"] == ALERT.text
    assert fields["labels"] == ["postmortem", "pir-ai"]
    assert fields["priority"] == {"name": "High"}
    assert fields["duedate"] == "2024-06-14"
    assert fields["assignee"] == {"accountId": MARCO_JIRA}
    assert export.warnings == []


def test_jira_priority_names_are_configurable() -> None:
    export = build_jira_issues(
        draft(ALERT, CANARY),
        project="OPS",
        priorities={Priority.MUST_FIX: "Highest", Priority.NICE_TO_HAVE: "Lowest"},
    )
    names = [r.body["fields"]["priority"]["name"] for r in export.requests]
    assert names == ["Highest", "Lowest"]


def test_jira_description_is_valid_adf_stating_every_fact() -> None:
    export = build_jira_issues(draft(ALERT, CANARY), project="OPS")
    for request in export.requests:
        doc = request.body["fields"]["description"]
        jsonschema.validate(doc, ADF_SCHEMA)
        assert doc["type"] == "doc"
        assert doc["version"] == 1
        assert {node["type"] for node in doc["content"]} == {"paragraph"}
    text = adf_text(export.requests[0].body["fields"]["description"])
    for expected in (
        f"Action: {ALERT.text}",
        f"Outcome: {ALERT.outcome}",
        "Owner: Marco Bellini",
        "Due: 2024-06-14",
        "Priority: Must-fix",
        "Type: detect",
        f"Addresses: {ALERT.addresses}",
        "Evidence: ev_d57b120e595d, ev_15ab9db84ad1",
        "From postmortem: Checkout 5xx on 2024-05-14",
    ):
        assert expected in text


def test_the_adf_schema_rejects_what_jira_would() -> None:
    # The check above is only worth something if the schema catches a broken document.
    broken = {
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": ""}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, ADF_SCHEMA)


def test_jira_leaves_an_unmapped_owner_unassigned_with_a_warning() -> None:
    export = build_jira_issues(draft(RUNBOOK), project="OPS", account_ids={})
    request = export.requests[0]
    assert "assignee" not in request.body["fields"]
    assert any("'Lena Fischer'" in w and "Jira" in w for w in request.warnings)


def test_jira_labels_with_spaces_are_refused() -> None:
    with pytest.raises(ConfigError, match="spaces"):
        build_jira_issues(draft(ALERT), project="OPS", labels=["post mortem"])


# --- Linear and GitHub ----------------------------------------------------------------------


def test_linear_input_maps_priority_due_date_and_assignee() -> None:
    user = "f3a9b2c4-1d2e-4f50-8a6b-7c8d9e0f1a2b"
    export = build_linear_issues(
        draft(ALERT, RUNBOOK), team_id="team-uuid", user_ids={"marco bellini": user}
    )
    first, second = (r.body["variables"]["input"] for r in export.requests)
    assert "issueCreate(input: $input)" in export.requests[0].body["query"]
    assert export.requests[0].path == "/graphql"
    assert first["teamId"] == "team-uuid"
    assert first["title"] == ALERT.text
    assert (first["priority"], second["priority"]) == (2, 3)
    assert first["dueDate"] == "2024-06-14"
    assert first["assigneeId"] == user
    assert "assigneeId" not in second
    assert "- **Evidence:** `ev_d57b120e595d`, `ev_15ab9db84ad1`" in first["description"]


def test_linear_priorities_outside_0_to_4_are_refused() -> None:
    with pytest.raises(ConfigError, match="0-4"):
        build_linear_issues(draft(ALERT), team_id="t", priorities={Priority.MUST_FIX: 7})


def test_github_body_labels_and_assignee() -> None:
    export = build_github_issues(
        draft(ALERT, CANARY),
        repo="octo-org/checkout",
        logins={"Marco Bellini": "mbellini"},
        priority_labels={Priority.MUST_FIX: "P1"},
    )
    alert, canary = (r.body for r in export.requests)
    assert export.requests[0].path == "/repos/octo-org/checkout/issues"
    assert alert["title"] == ALERT.text
    assert alert["labels"] == ["postmortem", "pir-ai", "P1"]
    assert canary["labels"] == ["postmortem", "pir-ai"]
    assert alert["assignees"] == ["mbellini"]
    assert "assignees" not in canary
    for line in (
        "- **Owner:** Marco Bellini",
        "- **Due:** 2024-06-14",
        "- **Priority:** Must-fix",
        "- **Type:** detect",
        "From postmortem: Checkout 5xx on 2024-05-14",
    ):
        assert line in alert["body"]


def test_github_repo_must_be_owner_slash_name() -> None:
    with pytest.raises(ConfigError, match="owner/name"):
        build_github_issues(draft(ALERT), repo="checkout")


# --- warnings: nothing dropped -------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        functools.partial(build_jira_issues, project="OPS"),
        functools.partial(build_linear_issues, team_id="t"),
        functools.partial(build_github_issues, repo="o/r"),
    ],
    ids=["jira", "linear", "github"],
)
def test_unowned_and_undated_items_are_exported_with_warnings(
    build: Callable[[Postmortem], Any],
) -> None:
    export = build(draft(ALERT, CANARY))
    assert [r.title for r in export.requests] == [ALERT.text, CANARY.text]
    canary = export.requests[1]
    assert len(canary.warnings) == 2
    assert all(f"action item 2 ({item_key(CANARY)})" in w for w in canary.warnings)
    assert any("no owner" in w for w in canary.warnings)
    assert any("no due date" in w for w in canary.warnings)
    rendered = json.dumps(canary.body)
    assert "unassigned (needs an owner)" in rendered
    assert "none (needs a due date)" in rendered


def test_item_keys_are_stable_and_distinct_for_repeated_text() -> None:
    twice = build_github_issues(draft(CANARY, CANARY), repo="o/r")
    keys = [r.item for r in twice.requests]
    assert keys[0] == item_key(CANARY) == item_key(CANARY.model_copy(update={"owner": "X"}))
    assert keys[1] != keys[0]


def test_a_long_action_is_cut_in_the_title_and_kept_whole_in_the_body() -> None:
    long = ActionItem(text="Add " + "very " * 80 + "long alert", owner="A", due=date(2024, 7, 1))
    request = build_github_issues(draft(long), repo="o/r").requests[0]
    assert len(request.title) == 255
    assert long.text in request.body["body"]
    assert any("title cut" in w for w in request.warnings)


# --- sending through a mock transport --------------------------------------------------------


class Recorder:
    """A tracker that answers every request with one status and body, and keeps the requests."""

    def __init__(self, status: int, fixture: str) -> None:
        self.status = status
        self.content = (FIXTURES / fixture).read_bytes()
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return httpx2.Response(self.status, content=self.content)

    @property
    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self)


def test_send_to_jira_posts_each_body_with_basic_auth() -> None:
    export = build_jira_issues(draft(ALERT, RUNBOOK), project="OPS")
    tracker = Recorder(201, "jira_created_201.json")
    results = list(send_issues(export, jira_endpoint(JIRA_ENV), transport=tracker.transport))
    assert [r.status for r in results] == ["created", "created"]
    assert results[0].external_id == "OPS-17"
    assert results[0].url == "https://acme.atlassian.net/browse/OPS-17"
    credentials = base64.b64encode(b"sre@acme.example:jira-token-1").decode()
    for sent, request in zip(tracker.requests, export.requests, strict=True):
        assert sent.method == "POST"
        assert str(sent.url) == "https://acme.atlassian.net/rest/api/3/issue"
        assert sent.headers["Authorization"] == f"Basic {credentials}"
        assert json.loads(sent.content) == request.body


def test_send_to_linear_uses_the_key_as_authorization() -> None:
    export = build_linear_issues(draft(ALERT), team_id="team-uuid")
    tracker = Recorder(200, "linear_issue_created.json")
    env = {"LINEAR_API_KEY": "lin_api_123"}
    [result] = send_issues(export, linear_endpoint(env), transport=tracker.transport)
    assert (result.external_id, result.url) == (
        "ENG-123",
        "https://linear.app/acme/issue/ENG-123/add-an-alert-on-connection-pool-saturation",
    )
    [sent] = tracker.requests
    assert (sent.method, str(sent.url)) == ("POST", "https://api.linear.app/graphql")
    assert sent.headers["Authorization"] == "lin_api_123"
    assert json.loads(sent.content) == export.requests[0].body


def test_send_to_github_uses_a_bearer_token_and_the_api_version() -> None:
    export = build_github_issues(draft(ALERT), repo="octo-org/checkout")
    tracker = Recorder(201, "github_issue_created_201.json")
    env = {"GITHUB_TOKEN": "ghp_test"}
    [result] = send_issues(export, github_endpoint(env), transport=tracker.transport)
    assert (result.external_id, result.url) == (
        "#1347",
        "https://github.com/octo-org/checkout/issues/1347",
    )
    [sent] = tracker.requests
    assert str(sent.url) == "https://api.github.com/repos/octo-org/checkout/issues"
    assert sent.headers["Authorization"] == "Bearer ghp_test"
    assert sent.headers["X-GitHub-Api-Version"] == "2022-11-28"
    assert sent.headers["Accept"] == "application/vnd.github+json"
    assert json.loads(sent.content) == export.requests[0].body


def test_already_exported_items_are_skipped_without_a_request() -> None:
    export = build_jira_issues(draft(ALERT, RUNBOOK), project="OPS")
    tracker = Recorder(201, "jira_created_201.json")
    done = {item_key(ALERT): "OPS-9"}
    results = list(
        send_issues(export, jira_endpoint(JIRA_ENV), exported=done, transport=tracker.transport)
    )
    assert [(r.status, r.external_id) for r in results] == [
        ("skipped", "OPS-9"),
        ("created", "OPS-17"),
    ]
    assert len(tracker.requests) == 1
    assert json.loads(tracker.requests[0].content)["fields"]["summary"] == RUNBOOK.text


@pytest.mark.parametrize(
    ("build", "endpoint", "env", "fixture", "hint"),
    [
        (
            functools.partial(build_jira_issues, project="OPS"),
            jira_endpoint,
            JIRA_ENV,
            "jira_unauthenticated_401.txt",
            "JIRA_API_TOKEN",
        ),
        (
            functools.partial(build_github_issues, repo="o/r"),
            github_endpoint,
            {"GITHUB_TOKEN": "bad"},
            "github_bad_credentials_401.json",
            "GITHUB_TOKEN",
        ),
    ],
    ids=["jira", "github"],
)
def test_a_401_names_the_tracker_the_item_and_the_credentials(
    build: Callable[[Postmortem], Any],
    endpoint: Callable[[dict[str, str]], Any],
    env: dict[str, str],
    fixture: str,
    hint: str,
) -> None:
    export = build(draft(ALERT, RUNBOOK))
    tracker = Recorder(401, fixture)
    results = send_issues(export, endpoint(env), transport=tracker.transport)
    with pytest.raises(TrackerError) as caught:
        next(results)
    message = str(caught.value)
    assert message.startswith(f"{export.tracker} (HTTP 401): action item 1 ({item_key(ALERT)})")
    assert hint in message
    assert caught.value.item == item_key(ALERT)
    assert len(tracker.requests) == 1  # stopped at the first failure, nothing retried


def test_jira_field_errors_are_quoted() -> None:
    export = build_jira_issues(draft(ALERT), project="OPS")
    tracker = Recorder(400, "jira_field_not_on_screen_400.json")
    with pytest.raises(TrackerError, match="duedate: Field 'duedate' cannot be set"):
        list(send_issues(export, jira_endpoint(JIRA_ENV), transport=tracker.transport))


def test_linear_graphql_errors_in_a_200_answer_fail_the_item() -> None:
    export = build_linear_issues(draft(ALERT), team_id="not-a-uuid")
    tracker = Recorder(200, "linear_graphql_error.json")
    endpoint = linear_endpoint({"LINEAR_API_KEY": "k"})
    with pytest.raises(TrackerError, match="Argument Validation Error") as caught:
        list(send_issues(export, endpoint, transport=tracker.transport))
    assert caught.value.tracker == "linear"


def test_a_timeout_says_the_issue_may_exist() -> None:
    def silent(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("no answer", request=request)

    export = build_github_issues(draft(ALERT), repo="o/r")
    endpoint = github_endpoint({"GITHUB_TOKEN": "t"})
    with pytest.raises(TrackerError, match="may have been created"):
        list(send_issues(export, endpoint, transport=httpx2.MockTransport(silent)))


def test_a_missing_credential_is_named() -> None:
    with pytest.raises(ConfigError, match="JIRA_API_TOKEN"):
        jira_endpoint({"JIRA_BASE_URL": "https://acme.atlassian.net", "JIRA_EMAIL": "a@b"})


# --- owners map and CLI ---------------------------------------------------------------------


def test_owners_map_takes_per_tracker_ids_and_shared_logins() -> None:
    path = FIXTURES / "owners.json"
    assert read_owner_ids(path, "jira") == {"Marco Bellini": MARCO_JIRA, "Priya Raman": "praman"}
    assert read_owner_ids(path, "github")["Marco Bellini"] == "mbellini"


def test_owners_map_with_a_number_for_an_id_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "owners.json"
    bad.write_text('{"Marco Bellini": 42}', "utf-8")
    with pytest.raises(ConfigError, match="'Marco Bellini'"):
        read_owner_ids(bad, "jira")


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pir-ai")
    export_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["export", *argv])
    code: int = args.run(args)
    return code


def write_draft(tmp_path: Path, *items: ActionItem) -> Path:
    path = tmp_path / "draft.json"
    path.write_text(draft(*items).to_json(), "utf-8")
    return path


def test_cli_dry_run_prints_one_payload_per_item_and_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_draft(tmp_path, ALERT, CANARY)
    owners = str(FIXTURES / "owners.json")
    assert cli(["--to", "jira", str(path), "--project", "OPS", "--owners-map", owners]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["item"] for line in lines] == [item_key(ALERT), item_key(CANARY)]
    assert lines[0]["body"]["fields"]["assignee"] == {"accountId": MARCO_JIRA}
    assert "no owner" in err and "no due date" in err


def test_cli_send_records_the_ledger_and_a_rerun_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = Recorder(201, "github_issue_created_201.json")
    monkeypatch.setattr(
        export_cli, "send_issues", functools.partial(send_issues, transport=tracker.transport)
    )
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    path, ledger = write_draft(tmp_path, ALERT), tmp_path / "ledger.json"
    argv = ["--to", "github", str(path), "--repo", "o/r", "--ledger", str(ledger), "--send"]
    assert cli(argv) == 0
    assert json.loads(capsys.readouterr().out)["external_id"] == "#1347"
    assert read_ledger(ledger, "github") == {item_key(ALERT): "#1347"}
    assert cli(argv) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "skipped"
    assert len(tracker.requests) == 1


def test_cli_refuses_a_file_that_is_not_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text('{"title": "x", "action_items": []}', "utf-8")
    with pytest.raises(MalformedSourceError, match="metadata"):
        cli(["--to", "github", str(path), "--repo", "o/r"])


def test_cli_needs_the_target_of_the_chosen_tracker(tmp_path: Path) -> None:
    path = write_draft(tmp_path, ALERT)
    with pytest.raises(ConfigError, match="--project"):
        cli(["--to", "jira", str(path)])
