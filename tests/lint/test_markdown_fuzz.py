"""Random Markdown: the reader never crashes and every mapped character stays in the file."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pir_ai.lint import lint_markdown
from pir_ai.lint._markdown import read_markdown

_PIECES = (
    "# T\n",
    "## Timeline\n",
    "### Day one\n",
    "## Action items\n",
    "Title\n=====\n",
    "| Time | Event |\n",
    "|---|---|\n",
    "| 14:02 | Hugo *forgot* the [flag](http://x/y) |\n",
    "| a \\| b |\n",
    "- 14:05 Marta should have\n  waited for the canary.\n",
    "1. [ ] Fix it, owner: @x, due: 2025-01-01\n",
    "  - nested **bold** item\n",
    "```\nHugo forgot\n",
    "```\n",
    "    indented code\n",
    "> quoted: alice: I forgot\n",
    ">> deeper\n",
    "<!-- pir-ai ignore -->\n",
    "<!-- pir-ai disable PIR2",
    "-->\n",
    "<script>\n",
    "</script>\n",
    "<div>Hugo forgot</div>\n",
    "2024-01-02T10:00:00Z WARN disk full\n",
    "Traceback (most recent call last):\n",
    "[10:02] bob: restarting\n",
    "**Root causes:**\n",
    "See ![img](a.png) and <http://b.c> and `code ``x`` y`\n",
    "Hugo should have known,\nbut the alert was quiet.\\\n",
    "[the runbook][r] was *stale\nfor weeks* &amp; &nbsp;unread\n",
    "[r]: http://x/should-have 'title'\n",
    "<span\nclass='x'>Marta</span>\n",
    "---\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
)
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="&"), max_size=40
)
_DOCS = st.lists(st.one_of(st.sampled_from(_PIECES), _TEXT), max_size=25).map("".join)


@given(_DOCS)
def test_every_prose_character_maps_into_the_file_in_order(text: str) -> None:
    md = read_markdown(text)
    for prose in [*md.prose, *md.quotes]:
        previous = 0
        for i, char in enumerate(prose.text):
            start, end = prose.source_span(i, i + 1)
            assert previous <= start < end <= len(text)
            previous = start
            if char.isascii() and char.isalnum():
                assert text[start] == char, (prose.text, i)


@given(_DOCS)
def test_sections_and_rows_point_inside_the_file(text: str) -> None:
    doc = read_markdown(text).doc
    for section in doc.sections:
        assert 0 <= section.start <= section.end <= len(text)
        shown = text[section.start : section.end].replace("\0", "\ufffd")
        assert shown == section.title or "\n" in section.title
    for row in doc.timeline:
        assert 0 <= row.start <= row.end <= len(text)
    for item in doc.items:
        for start, end in item.spans.values():
            assert 0 <= start <= end <= len(text)


@given(_DOCS)
def test_lint_markdown_reports_lines_within_the_file(text: str) -> None:
    last_line = text.count("\n") + 1
    for finding in lint_markdown(text):
        assert finding.location.line is not None
        assert 1 <= finding.location.line <= last_line
        assert (finding.location.column or 0) >= 1
