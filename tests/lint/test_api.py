"""The public entry points: text, one action item, a draft, and the validation pass."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pir_ai import DraftConfig, Facts, draft_postmortem
from pir_ai.events import Event, EventKind, Incident, IngestReport, SourceRef
from pir_ai.findings import Category, Severity
from pir_ai.lint import LintConfig, lint_action_item, lint_postmortem, lint_text
from pir_ai.postmortem import ActionItem, Claim, DraftMetadata, Postmortem, Priority

T0 = datetime(2025, 3, 4, 14, 2, tzinfo=UTC)


def _event(i: int, actor: str, text: str, *, bot: bool = False) -> Event:
    return Event(
        id=f"ev_{i:012d}",
        ts=T0,
        source="slack",
        kind=EventKind.MESSAGE,
        actor=actor,
        text=text,
        ref=SourceRef(path="c.json", record=f"[{i}]"),
        is_bot=bot,
    )


def _draft(**fields: object) -> Postmortem:
    meta = DraftMetadata(generator="offline", produced_without_model=True, created_at=T0)
    return Postmortem.model_validate({"title": "Checkout errors", "metadata": meta, **fields})


def test_lint_text_reports_line_column_and_matched_text() -> None:
    text = "Errors rose at 14:02.\nZorbek should have waited for the canary."
    [finding] = lint_text(text, roster=["Zorbek"])
    assert finding.code == "PIR201"
    assert (finding.location.line, finding.location.column) == (2, 8)
    assert finding.matched == "should have waited"
    assert finding.category is Category.BLAME
    assert finding.suggestion


def test_roster_makes_an_unknown_name_a_person() -> None:
    sentence = "Xiomara forgot to renew the certificate."
    assert lint_text(sentence) == [] or lint_text(sentence)[0].confidence < 1.0
    assert [f.confidence for f in lint_text(sentence, roster=["Xiomara"])] == [1.0]


def test_lint_action_item_reports_owner_and_non_date_due_as_fields() -> None:
    found = {f.code: f for f in lint_action_item("Look into the cache misses.", None, "ASAP")}
    assert {"PIR301", "PIR302", "PIR305"} <= set(found)
    assert found["PIR305"].location.field == "due"
    assert found["PIR305"].matched == "ASAP"
    assert found["PIR302"].severity is Severity.ERROR


def test_lint_action_item_passes_a_bounded_owned_dated_item() -> None:
    found = lint_action_item(
        "Add a cache-miss-rate alert at >30% for 10 minutes, routed to the platform on-call.",
        "Priya",
        date(2025, 6, 13),
        priority="P1",
    )
    assert found == []


def test_config_ignore_by_prefix_and_severity_override() -> None:
    config = LintConfig(
        select=["PIR", "PIR301"], ignore=["PIR30"], severity={"PIR301": Severity.ERROR}
    )
    found = lint_action_item("Look into the cache misses.", config=config)
    assert [f.code for f in found] == ["PIR301"]
    assert found[0].severity is Severity.ERROR


def test_lint_postmortem_points_at_field_paths() -> None:
    pm = _draft(
        summary=[Claim(text="The reviewer overlooked the changed default.")],
        action_items=[
            ActionItem(
                text="Improve monitoring.",
                owner="Platform team",
                due=date(2025, 6, 13),
                priority=Priority.MUST_FIX,
            )
        ],
    )
    found = {(f.code, f.location.field) for f in lint_postmortem(pm)}
    assert ("PIR202", "summary[0].text") in found
    assert ("PIR306", "action_items[0].text") in found
    assert ("PIR303", "action_items[0].owner") in found


class Returns:
    """A drafter that hands back ``draft`` as it is, so only the one pass adds findings."""

    name = "returns"

    def __init__(self, draft: Postmortem) -> None:
        self.draft = draft

    async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
        return self.draft


def test_the_one_pass_uses_the_non_bot_actors_as_roster() -> None:
    incident = Incident(
        events=[_event(1, "Xiomara", "restarting"), _event(2, "Alertbot", "FIRING", bot=True)],
        report=IngestReport(),
    )
    draft = _draft(summary=[Claim(text="Xiomara forgot to drain the node.", evidence=[])])
    checked = draft_postmortem(incident, drafter=Returns(draft))
    linted = lint_postmortem(draft, events=incident.by_id(), roster=["Xiomara"])
    assert checked.findings == list(dict.fromkeys(linted))
    assert draft.findings == []
    codes = {f.code for f in checked.findings}
    assert "PIR202" in codes
    assert "PIR001" in codes
