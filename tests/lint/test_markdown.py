"""The Markdown reader: sections, tables, lists, quotes, code and inline ignores."""

from __future__ import annotations

from pir_ai.lint import lint_markdown
from pir_ai.lint._markdown import read_markdown

DOC = """# Incident
## Summary
Hugo should have waited for the canary.

```
Hugo should have waited (inside a code block)
```

> Ines: "I forgot to drain the node" (a quoted participant)

## Timeline
| Time (UTC) | Event |
|---|---|
| 14:02 | The alert fired. |
| 14:05 | Tomasz forgot to page the DB team. |

## Action items
| Action | Owner | Due | Priority |
|---|---|---|---|
| Add a lag alert at >10k messages for 5 min. | Priya | 2025-06-13 | P1 |

- Look into the cache misses (owner: @hugo, due: 2025-07-01, P2)
"""


def test_reader_finds_sections_items_and_timeline_rows() -> None:
    md = read_markdown(DOC)
    assert [s.key for s in md.doc.sections] == ["summary", "timeline", "action_items"]
    assert [i.text for i in md.doc.items] == [
        "Add a lag alert at >10k messages for 5 min.",
        "Look into the cache misses",
    ]
    assert md.doc.items[1].owner == "@hugo"
    assert md.doc.items[1].due == "2025-07-01"
    assert md.doc.items[1].priority == "P2"
    assert [r.ts.strftime("%H:%M") for r in md.doc.timeline if r.ts] == ["14:02", "14:05"]


def test_code_blocks_and_block_quotes_are_not_linted() -> None:
    lines = {(f.code, f.location.line) for f in lint_markdown(DOC)}
    assert ("PIR201", 3) in lines
    assert not any(line in (6, 9) for _, line in lines)


def test_findings_in_table_cells_point_at_the_cell() -> None:
    [finding] = [f for f in lint_markdown(DOC) if f.code == "PIR202"]
    assert finding.location.line == 15
    assert DOC.splitlines()[14][finding.location.column - 1 :].startswith("forgot to")


def test_inline_field_findings_point_at_the_field() -> None:
    [weak] = [f for f in lint_markdown(DOC) if f.code == "PIR301"]
    assert (weak.location.line, weak.matched) == (22, "Look")


def test_ignore_comment_silences_the_next_block_only() -> None:
    text = "<!-- pir-ai ignore PIR201 -->\nHugo should have waited.\n\nHugo should have waited.\n"
    found = [(f.code, f.location.line) for f in lint_markdown(text, config=None)]
    assert ("PIR201", 2) not in found
    assert ("PIR201", 4) in found


def test_bare_ignore_silences_every_rule_for_the_block() -> None:
    text = "<!-- pir-ai ignore -->\nRoot cause: human error. Hugo forgot to renew it.\n"
    assert [f for f in lint_markdown(text) if f.location.line == 2] == []


def test_disable_enable_range() -> None:
    text = (
        "<!-- pir-ai disable PIR202 -->\nMarta forgot to renew it.\n\n"
        "<!-- pir-ai enable PIR202 -->\nMarta forgot to renew it.\n"
    )
    lines = [f.location.line for f in lint_markdown(text) if f.code == "PIR202"]
    assert lines == [5]


def test_vale_style_toggle() -> None:
    text = "<!-- pir-ai PIR202 = NO -->\nMarta forgot to renew it.\n"
    assert not [f for f in lint_markdown(text) if f.code == "PIR202"]


def test_missing_sections_are_reported_once_each() -> None:
    codes = [
        f.message for f in lint_markdown("# Title\n## Summary\nAll good.\n") if f.code == "PIR001"
    ]
    assert len(codes) == 4
    assert any("Action items" in m for m in codes)
