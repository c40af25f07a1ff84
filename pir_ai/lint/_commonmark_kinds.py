"""Which lines of a paragraph are not the author's prose: log output, stack traces, chat.

Postmortems paste machine output and what people said into ordinary paragraphs; judging
those lines as the author's own words is how a linter ends up flagging a ``WARN`` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from pir_ai.lint._commonmark_inline import LineKind

_STAMP = (
    r"(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?"
    r"|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})"
)
_LEVEL = r"(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE)"
_LOG = re.compile(
    rf"[\[(]?{_STAMP}[\])]?\s+(?:\S+\s+){{0,3}}?[\[(<]?{_LEVEL}\b"  # stamp, then a level
    rf"|[\[(<]?{_LEVEL}[\])>]?(?::|\s|$)"  # "ERROR: ...", "[WARN] ..."
    r"|(?:\S+=\S+\s+)*level=\w+"  # logfmt
    r"|[IWEF]\d{4} \d{2}:\d{2}:\d{2}"  # glog
    r"|\{\s*\"[\w.@-]+\"\s*:"  # a JSON record
    r"|at [\w$.<>/]+\(.*\)$"  # a Java or JavaScript stack frame
    r"|File \".*\", line \d+"  # a Python stack frame
    r"|Caused by: |\.\.\. \d+ more$"
)
_TRACE_START = re.compile(r"Traceback \(most recent call last\):|goroutine \d+ \[|panic: ")
_CHAT = re.compile(
    r"\[\d[^\]]{2,38}\]\s*<?@?[\w.-]{1,30}>?:\s"  # "[10:02] alice: ..."
    r"|<@?[\w.-]{1,30}>\s"  # IRC: "<alice> ..."
    r"|@[\w.-]{1,30}:\s"  # "@alice: ..."
    r"|[a-z][a-z0-9_.-]{1,30}:\s"  # a handle: "alice: ..."
    r"|[A-Z][\w.-]{0,30}(?: [A-Z][\w.-]{0,30})?:\s*[\"“]"  # 'Ines: "I forgot..."'
)
_LEAD = "*_`~ \t"
_FINISHED = (".", "!", "?", ":", '"', "”", ")", "*")


def line_kinds(content: str) -> list[LineKind]:
    """The kind of each line of a paragraph's ``content`` (its source lines, unindented).

    A chat line starts the paragraph or follows a finished line ("We saw in Slack:"), so a
    wrapped sentence whose next line starts "reasons: ..." stays prose; once a chat line
    is seen, the rest of the paragraph is the transcript.
    """
    kinds: list[LineKind] = []
    in_trace = in_chat = False
    after_end = True
    for raw in content.split("\n"):
        line = raw.lstrip(_LEAD)
        in_trace = in_trace or bool(_TRACE_START.match(line))
        in_chat = in_chat or (after_end and bool(_CHAT.match(line)))
        if in_trace or _LOG.match(line):
            kinds.append("log")
        else:
            kinds.append("quote" if in_chat else "prose")
        after_end = raw.rstrip().endswith(_FINISHED)
    return kinds


def is_label(children: Sequence[Token]) -> bool:
    """Whether a paragraph is one bold or italic phrase used as a heading ("**Root causes:**")."""
    marks = [c for c in children if c.type != "text" or c.content.strip()]
    if not marks or marks[0].type not in ("strong_open", "em_open"):
        return False
    closing = marks[0].type.replace("_open", "_close")
    end = next((i for i, c in enumerate(marks) if c.type == closing and c.level == 0), None)
    if end is None or any(c.type != "text" or c.content.strip(" :") for c in marks[end + 1 :]):
        return False
    phrase = "".join(c.content for c in marks[1:end] if c.type == "text").rstrip()
    return bool(phrase) and not phrase.endswith((".", "!", "?"))
