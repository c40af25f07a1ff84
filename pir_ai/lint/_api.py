"""The linter's public entry points: text, one action item, Markdown, a ``Postmortem``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from pir_ai.events import Event
from pir_ai.findings import Finding, Location
from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._commonmark_inline import Prose
from pir_ai.lint._config import LintConfig
from pir_ai.lint._draft_view import draft_document, draft_items, draft_prose
from pir_ai.lint._engine import (
    Locate,
    lint_document,
    lint_item,
    lint_prose,
    make_context,
    prepare,
    to_finding,
)
from pir_ai.lint._markdown import read_markdown
from pir_ai.lint._registry import Kind, rules_of
from pir_ai.postmortem import Postmortem


class LineIndex:
    """Offsets to 1-based line and column, computed once per text (never by hand)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        at = text.find("\n")
        while at != -1:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def locate(self, start: int, end: int) -> Location:
        """A Location spanning ``start``..``end``."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Location(line=line, column=column, end_line=end_line, end_column=end_column)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            f.location.line or 0,
            f.location.column or 0,
            f.location.field or "",
            f.code,
        ),
    )


def lint_text(
    text: str, *, roster: Sequence[str] = (), config: LintConfig | None = None
) -> list[Finding]:
    """Blame-language findings for free text (sentence rules only), with line and column."""
    config = config or LintConfig()
    ctx = make_context(config, roster)
    return _sorted(lint_prose(text, LineIndex(text).locate, ctx, config))


def lint_action_item(
    text: str,
    owner: str | None = None,
    due: str | date | None = None,
    *,
    priority: str | None = None,
    roster: Sequence[str] = (),
    config: LintConfig | None = None,
) -> list[Finding]:
    """Findings for one action item: wording, owner, deadline, priority, blame."""
    config = config or LintConfig()
    ctx = make_context(config, roster)
    item = ItemInput(text=text, owner=owner, due=due, priority=priority)
    index = LineIndex(text)
    return _sorted(lint_item(item, index.locate, lambda f: Location(field=f), ctx, config))


def lint_markdown(
    text: str, *, roster: Sequence[str] = (), config: LintConfig | None = None
) -> list[Finding]:
    """Findings for a postmortem written in Markdown, honouring inline pir-ai comments."""
    config = config or LintConfig()
    ctx = make_context(config, roster)
    md = read_markdown(text)
    index = LineIndex(text)
    chunks = [*md.prose, *md.quotes] if config.lint_quotes else md.prose
    prepare([*(p.text for p in chunks), *(i.text for i in md.doc.items)], ctx, config)
    findings: list[Finding] = []
    for prose in chunks:
        findings += lint_prose(prose.text, _in_source(prose, index), ctx, config)
    for item in md.doc.items:
        base = item.spans.get("text", (0, 0))[0]

        def at_text(start: int, end: int, base: int = base) -> Location:
            return index.locate(base + start, base + end)

        def at_field(name: str, item: ItemInput = item, base: int = base) -> Location:
            span = item.spans.get(name)
            return index.locate(*span) if span else index.locate(base, base)

        findings += lint_item(item, at_text, at_field, ctx, config)
    findings += lint_document(
        md.doc, index.locate, lambda f: Location(line=1, column=1, field=f), ctx, config, text
    )
    kept = [f for f in findings if not md.suppressions.silenced(f.code, f.location.line)]
    return _sorted(kept)


def lint_postmortem(
    pm: Postmortem,
    *,
    events: Mapping[str, Event] | None = None,
    roster: Sequence[str] = (),
    config: LintConfig | None = None,
) -> list[Finding]:
    """Findings for a draft: blame in every prose field, action items, structure and, when
    ``events`` are given, grounding (``pir_ai.verify._draft``)."""
    config = config or LintConfig()
    ctx = make_context(config, roster)
    prose = list(draft_prose(pm))
    items = list(draft_items(pm))
    prepare([*(text for _, text in prose), *(item.text for _, item in items)], ctx, config)
    findings: list[Finding] = []
    for path, text in prose:
        findings += lint_prose(text, _field_locator(path), ctx, config)
    for path, item in items:
        findings += lint_item(
            item,
            _field_locator(f"{path}.text"),
            _field_path(path),
            ctx,
            config,
        )
    findings += lint_document(
        draft_document(pm), _field_locator("document"), lambda f: Location(field=f), ctx, config
    )
    if events is not None:
        for r in rules_of(Kind.DRAFT):
            if config.enabled(r):
                for hit in r.check(pm, events, ctx):
                    finding = to_finding(r, hit, "", Location(field=hit.field), config)
                    if finding is not None:
                        findings.append(finding)
    return _sorted(findings)


def _in_source(prose: Prose, index: LineIndex) -> Locate:
    """Where a span of unwrapped prose sits in the file."""

    def locate(start: int, end: int) -> Location:
        return index.locate(*prose.source_span(start, end))

    return locate


def _field_locator(path: str) -> Locate:
    def locate(start: int, end: int) -> Location:
        return Location(field=path, column=start + 1, end_column=end + 1)

    return locate


def _field_path(prefix: str) -> Callable[[str], Location]:
    def locate(name: str) -> Location:
        return Location(field=f"{prefix}.{name}")

    return locate
