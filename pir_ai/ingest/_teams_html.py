"""Teams message HTML to plain text with the standard library's ``html.parser``.

Keeps what a reader needs: ``<at>`` mentions become ``@Name``, links keep their
URL, ``<emoji alt="…">`` its character; images, ``<attachment>`` placeholders
(their files are listed from the message's attachments), ``<systemEventMessage/>``
and styling are dropped; block tags break lines. Entities are decoded by the parser, once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})
_SKIPPED_CONTENT = frozenset({"style", "script"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._in_mention = False
        self._link: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED_CONTENT:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "at":
            self._in_mention = True
            self.parts.append("@")
        elif tag == "emoji":
            self.parts.append(values.get("alt", ""))
        elif tag == "a":
            self._link = values.get("href") or None
            self._link_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED_CONTENT:
            self._skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_CONTENT:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "at":
            self._in_mention = False
        elif tag == "a" and self._link is not None:
            label = "".join(self._link_text).strip()
            if label and label != self._link:
                self.parts.append(f" ({self._link})")
            elif not label:
                self.parts.append(self._link)
            self._link = None
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._link is not None:
            self._link_text.append(data)
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text of a Teams HTML body."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
