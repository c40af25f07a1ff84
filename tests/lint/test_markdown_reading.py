"""Markdown read as a document: structure is not prose, and unwrapped prose keeps its place."""

from __future__ import annotations

import re

from pir_ai.lint import LintConfig, lint_markdown
from pir_ai.lint._api import LineIndex
from pir_ai.lint._markdown import read_markdown
from pir_ai.lint._text import split_sentences

DOC = """# Payments outage

## Summary

Payments failed for 40 minutes after a configuration push. The on-call engineer
should have noticed the alert. The dashboard did not show the error rate.

## Timeline

### Day one

- 10:00 The config push started.
- 10:05 Alerts fired.

```
Hugo should have waited for the canary.
```

    Hugo forgot to drain the node (indented code).

2024-01-02T10:00:00Z WARN Hugo forgot the retry budget
2024-01-02T10:00:01Z ERROR careless operator skipped the check

> alice: I forgot to drain the node, my fault.

[10:02] bob: Marta should have checked the dashboard.

| Time | Event |
|---|---|
| 10:07 | Tomasz forgot to page the DB team. |

<script>
var note = "Hugo should have waited";
</script>

## Contributing factors

See [the runbook, which Marta forgot to update](https://example.com/should-have-waited).

## Action items

- Add a lag alert for
  the payments queue. Owner: @priya, due: 2025-07-01, P1
"""
LINES = DOC.splitlines()


def _position(fragment: str) -> tuple[int, int]:
    """1-based (line, column) of ``fragment``'s first character in DOC, found by hand."""
    for number, line in enumerate(LINES, start=1):
        if fragment in line:
            return number, line.index(fragment) + 1
    raise AssertionError(fragment)


PROSE_LINES = {
    _position(fragment)[0]
    for fragment in ("Payments failed", "should have noticed", "10:00", "10:05", "| 10:07", "See [")
}
QUOTE_LINES = {_position("alice:")[0], _position("bob:")[0]}


def test_a_hard_wrapped_paragraph_is_read_as_one_line_of_prose() -> None:
    [summary] = [p for p in read_markdown(DOC).prose if p.text.startswith("Payments")]
    assert "The on-call engineer should have noticed the alert." in summary.text
    assert "\n" not in summary.text


def test_a_wrapped_sentence_maps_back_to_where_it_starts_and_ends() -> None:
    [summary] = [p for p in read_markdown(DOC).prose if p.text.startswith("Payments")]
    [sentence] = [s for s in split_sentences(summary.text) if "on-call" in s.text]
    start, end = summary.source_span(sentence.offset, sentence.offset + len(sentence.text))
    index = LineIndex(DOC)
    assert index.position(start) == _position("The on-call engineer")
    assert index.position(end - 1) == (6, len("should have noticed the alert."))
    assert DOC[start:end] == "The on-call engineer\nshould have noticed the alert."


def _where(matched: str, after: int) -> tuple[int, int]:
    """(line, column) of ``matched`` in DOC from ``after`` on, across line breaks."""
    pattern = r"\s+".join(re.escape(word) for word in matched.split())
    found = re.compile(pattern).search(DOC, after)
    assert found, matched
    return LineIndex(DOC).position(found.start())


def test_only_prose_is_reported_each_finding_at_its_line_and_column() -> None:
    blame = [f for f in lint_markdown(DOC) if f.category == "blame"]
    assert len(blame) == 3
    for finding in blame:
        line = finding.location.line or 0
        assert line in PROSE_LINES, finding
        start = DOC.index(LINES[line - 1])
        assert (line, finding.location.column) == _where(finding.matched or "", start)


def test_the_wrapped_blame_sentence_is_found_once_within_it() -> None:
    [found] = [f for f in lint_markdown(DOC) if f.location.line in (5, 6)]
    assert found.code == "PIR201"
    start = DOC.index("The on-call engineer")
    assert (found.location.line, found.location.column) == _where(found.matched or "", start)


def test_link_text_is_prose_and_its_url_is_not() -> None:
    [link] = [p for p in read_markdown(DOC).prose if p.text.startswith("See ")]
    assert link.text == "See the runbook, which Marta forgot to update."
    start, _ = link.source_span(link.text.index("Marta"), link.text.index("Marta") + 5)
    assert LineIndex(DOC).position(start) == _position("Marta forgot")


def test_code_logs_chat_and_headings_are_not_prose() -> None:
    prose = " ".join(p.text for p in read_markdown(DOC).prose)
    for left_out in ("canary", "drain", "retry budget", "careless", "dashboard.", "var note"):
        assert left_out not in prose
    assert "Payments outage" not in prose
    assert "Day one" not in prose


def test_quotes_and_chat_lines_are_linted_only_when_asked() -> None:
    quotes = [p.text for p in read_markdown(DOC).quotes]
    assert quotes == [
        "alice: I forgot to drain the node, my fault.",
        "[10:02] bob: Marta should have checked the dashboard.",
    ]
    default = {f.location.line for f in lint_markdown(DOC)}
    asked = {f.location.line for f in lint_markdown(DOC, config=LintConfig(lint_quotes=True))}
    assert not default & QUOTE_LINES
    assert asked & QUOTE_LINES


def test_a_timeline_table_row_is_linted_as_a_sentence_at_its_cell() -> None:
    line, column = _position("Tomasz forgot")
    [row] = [f for f in lint_markdown(DOC) if f.location.line == line]
    assert (line, row.location.column) == _where(row.matched or "", DOC.index("Tomasz"))
    assert (row.location.column or 0) >= column


def test_timeline_rows_come_from_bullets_and_tables_under_subheadings() -> None:
    rows = read_markdown(DOC).doc.timeline
    assert [r.ts.strftime("%H:%M") for r in rows if r.ts] == ["10:00", "10:05", "10:07"]
    assert len({r.part for r in rows}) == 1


def test_a_wrapped_action_item_keeps_its_wording_and_fields() -> None:
    [item] = read_markdown(DOC).doc.items
    assert item.text.split() == ["Add", "a", "lag", "alert", "for", "the", "payments", "queue."]
    assert (item.owner, item.due, item.priority) == ("@priya", "2025-07-01", "P1")
    start, end = item.spans["text"]
    assert DOC[start:end].split() == item.text.split()


def test_a_section_with_only_subsections_is_not_empty() -> None:
    text = "# T\n## Timeline\n### Day one\n- 10:00 Alert fired.\n## Impact\nNone.\n"
    sections = {s.title: s.empty for s in read_markdown(text).doc.sections}
    assert sections == {"Timeline": False, "Day one": False, "Impact": False}
    assert not [f for f in lint_markdown(text) if f.code == "PIR002"]


def test_a_section_whose_subsections_are_empty_is_still_empty() -> None:
    text = "# T\n## Timeline\n### Day one\n## Impact\nNone.\n"
    [finding] = [f for f in lint_markdown(text) if f.code == "PIR002"]
    assert finding.location.line == 2


def test_a_table_alone_fills_a_section() -> None:
    text = "## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | Alert fired. |\n## Impact\nx\n"
    assert [s.empty for s in read_markdown(text).doc.sections] == [False, False]


def test_a_timeline_restarts_its_clock_under_each_day() -> None:
    text = "## Timeline\n### Day one\n- 10:10 Alert.\n- 10:40 Page.\n### Day two\n- 09:00 Fix.\n"
    assert not [f for f in lint_markdown(text) if f.code == "PIR004"]
    same_day = text.replace("### Day two\n", "")
    assert [f.location.line for f in lint_markdown(same_day) if f.code == "PIR004"] == [5]


def test_a_bold_label_is_a_heading_not_a_sentence() -> None:
    text = "## Contributing factors\n\n**Root causes:**\n\n- The cache was cold.\n"
    assert [p.text for p in read_markdown(text).prose] == ["The cache was cold."]


def test_setext_headings_are_sections() -> None:
    text = "Incident summary\n----------------\n\nThe cache was cold.\n"
    [section] = read_markdown(text).doc.sections
    assert (section.key, section.empty, section.start) == ("summary", False, 0)


def test_html_blocks_and_scripts_do_not_crash_or_count_as_prose() -> None:
    text = (
        "## Summary\n<div>\n<script>alert('Hugo forgot')</script>\n</div>\n\n"
        "<img src='x.png' alt='Hugo forgot' />\n\n<script>\nunclosed"
    )
    md = read_markdown(text)
    assert md.prose == []
    assert [s.empty for s in md.doc.sections] == [False]
    assert lint_markdown(text) is not None


def test_entities_escapes_and_code_spans_keep_columns() -> None:
    text = "Tom &amp; Hugo\\* ran `kubectl drain` and Marta forgot the flag.\n"
    [prose] = read_markdown(text).prose
    assert prose.text == "Tom & Hugo* ran `kubectl drain` and Marta forgot the flag."
    at = prose.text.index("Marta")
    assert prose.source_span(at, at + 5) == (text.index("Marta"), text.index("Marta") + 5)


def test_ignore_silences_a_whole_list_as_the_next_block() -> None:
    text = (
        "<!-- pir-ai ignore PIR202 -->\n- Marta forgot to renew it.\n- Hugo forgot it too.\n\n"
        "Marta forgot to renew it.\n"
    )
    assert [f.location.line for f in lint_markdown(text) if f.code == "PIR202"] == [5]


def test_a_heading_inside_a_quote_is_quoted_text_not_a_section() -> None:
    text = "> ## Summary\n> They said the cache was cold.\n\n## Impact\nNone.\n"
    md = read_markdown(text)
    assert [s.title for s in md.doc.sections] == ["Impact"]
    assert [q.text for q in md.quotes] == ["They said the cache was cold."]


def test_a_wrapped_line_that_starts_word_colon_is_still_prose() -> None:
    text = "The cache failed for two\nreasons: the TTL was short.\n\nWe saw in chat:\nbob: ok\n"
    md = read_markdown(text)
    assert [p.text for p in md.prose] == [
        "The cache failed for two reasons: the TTL was short.",
        "We saw in chat:",
    ]
    assert [q.text for q in md.quotes] == ["bob: ok"]
