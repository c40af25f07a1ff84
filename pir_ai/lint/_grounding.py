"""Grounding rules for drafts: the PIR1xx findings of ``pir_ai.verify.verify_draft``,
emitted through the registry like every other rule. Nothing is re-implemented here; the
verifier runs once per draft (its findings are cached on the lint context)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime

from pir_ai.events import Event, EventKind, SourceRef
from pir_ai.findings import Category, Finding, Location, Severity, rule_name
from pir_ai.lint._context import LintContext
from pir_ai.lint._registry import Hit, Kind, rule
from pir_ai.postmortem import Claim, DraftMetadata, ImpactFigure, Postmortem
from pir_ai.verify import verify_draft

Example = tuple[Postmortem, dict[str, Event]]


def _verified(pm: Postmortem, events: Mapping[str, Event], ctx: LintContext) -> list[Finding]:
    key = f"verify:{id(pm)}"
    if key not in ctx.cache:
        ctx.cache[key] = verify_draft(pm, events)
    result: list[Finding] = ctx.cache[key]  # type: ignore[assignment]
    return result


def _hits(
    code: str, pm: Postmortem, events: Mapping[str, Event], ctx: LintContext
) -> Iterator[Hit]:
    for f in _verified(pm, events, ctx):
        if f.code == code:
            yield Hit(
                message=f.message,
                suggestion=f.suggestion,
                confidence=f.confidence,
                severity=f.severity,
                field=f.location.field,
                matched=f.matched,
            )


_T0 = datetime(2025, 3, 4, 14, 2, tzinfo=UTC)
_EVENT = Event(
    id="ev_000000000001",
    ts=_T0,
    source="slack",
    kind=EventKind.MESSAGE,
    actor="Priya",
    text="Error rate at 38% on checkout since 14:02, see https://status.example.com/incidents/1",
    ref=SourceRef(path="slack.json", record="[0]"),
)


def _draft(**fields: object) -> Example:
    meta = DraftMetadata(generator="offline", produced_without_model=True, created_at=_T0)
    pm = Postmortem.model_validate({"title": "Checkout errors", "metadata": meta, **fields})
    return pm, {_EVENT.id: _EVENT}


def _claim(text: str, evidence: tuple[str, ...] = (_EVENT.id,)) -> list[Claim]:
    return [Claim(text=text, evidence=list(evidence))]


def _good() -> Example:
    return _draft(summary=_claim("Checkout errors reached 38% from 14:02 UTC."))


def _register(
    code: str,
    severity: Severity,
    doc: str,
    bad: Callable[[], Example],
    category: Category = Category.GROUNDING,
) -> None:
    def check(pm: Postmortem, events: Mapping[str, Event], ctx: LintContext) -> Iterator[Hit]:
        return _hits(code, pm, events, ctx)

    check.__doc__ = doc
    rule(
        code,
        category,
        severity,
        Kind.DRAFT,
        message="{m}",
        suggestion="Cite the events that support it, or mark it for the review.",
        fails=(bad,),
        passes=(_good,),
    )(check)


_register(
    "PIR101",
    Severity.ERROR,
    """A cited event id does not exist.

    What it catches: a claim whose evidence lists an id that is not among the events.
    Why: a citation that resolves nowhere is an invented source.
    Example: evidence ["ev_doesnotexist"]
    Rewrite: cite an id from the incident's events, or drop the claim.
    """,
    lambda: _draft(summary=_claim("Checkout errors reached 38%.", ("ev_doesnotexist",))),
)
_register(
    "PIR102",
    Severity.ERROR,
    """A time in the text is not a cited event's time.

    Nor the time of a computed metric.

    What it catches: "at 13:15" when no cited event happened at 13:15.
    Why: times are facts computed from events, never free text.
    Example: "Errors began at 13:15." citing an event at 14:02.
    Rewrite: "Errors began at 14:02." (the cited event's time)
    """,
    lambda: _draft(summary=_claim("Checkout errors began at 13:15 UTC.")),
)
_register(
    "PIR103",
    Severity.ERROR,
    """An impact figure is not in the cited events.

    Nor is it a computed metric.

    What it catches: "52%" when the sources say 38%.
    Why: impact numbers drive severity and customer messaging; they must be traceable.
    Example: ImpactFigure(value="52%") citing an event that says 38%.
    Rewrite: use the figure the event states.
    """,
    lambda: _draft(
        impact=[
            ImpactFigure(
                value="52%",
                measure="error rate",
                text="52% of checkouts failed",
                evidence=[_EVENT.id],
            )
        ]
    ),
)
_register(
    "PIR104",
    Severity.WARNING,
    """A claim has no evidence and is not marked for review.

    What it catches: a Claim with an empty evidence list and needs_review false.
    Why: an uncited statement is either an invention or a question for the meeting.
    Example: Claim(text="The cache was cold.", evidence=[])
    Rewrite: cite the event, or set needs_review so the meeting confirms it.
    """,
    lambda: _draft(summary=_claim("The cache was cold.", ())),
)
_register(
    "PIR105",
    Severity.ERROR,
    """A link or instruction that no source contains.

    Model output only: injected or hallucinated links and commands.

    What it catches: URLs and instructions the sources never contained.
    Why: prompt injection and hallucinated links must not reach a published postmortem.
    Example: "See https://evil.example.net/fix for the fix."
    Rewrite: remove it, or cite the event that contains it.
    """,
    lambda: _draft(summary=_claim("See https://evil.example.net/fix for the fix.")),
    category=Category.SECURITY,
)


def _answer_rejected(
    pm: Postmortem, events: Mapping[str, Event], ctx: LintContext
) -> Iterator[Hit]:
    """A model answer stayed invalid after its re-asks; the section was drafted offline.

    The drafting step reports it on the draft (it alone saw the answers); linting a
    draft read back from JSON reports it again from there.

    What it catches: a section whose model answer failed the schema after every re-ask.
    Why: the section's text is the offline engine's, not the model's; say so for review.
    Example: a draft whose findings hold a PIR100 for the "summary" section.
    Rewrite: review the offline section, or draft again with a more capable model.
    """
    for f in pm.findings:
        if f.code == "PIR100":
            yield Hit(message=f.message, severity=f.severity, field=f.location.field)


def _rejected_draft() -> Example:
    pm, events = _good()
    rejected = Finding(
        code="PIR100",
        name=rule_name("PIR100"),
        category=Category.GROUNDING,
        severity=Severity.ERROR,
        message="summary: the model's answer failed the schema after 1 re-ask",
        location=Location(field="summary"),
    )
    return pm.model_copy(update={"findings": [rejected]}), events


rule(
    "PIR100",
    Category.GROUNDING,
    Severity.ERROR,
    Kind.DRAFT,
    message="{m}",
    suggestion="Review the section drafted without the model, or draft again.",
    fails=(_rejected_draft,),
    passes=(_good,),
)(_answer_rejected)
