"""Whether a link in a draft is written in a trustworthy source, as is or as the model saw it.

With redaction on, the model reads each link of the sources the way redaction shows
it: without credentials and token parameters (``pir_ai.redact._patterns.clean_url``),
with secrets replaced by ``SECRET_MARK``. The Slack reader has already dropped
``?t=xoxe-…`` and ``token=`` from both the source and what the model reads. The
unmasked draft repeats that shown form, which the raw source does not contain as
written, so PIR105 compares a draft's link with the sources' links in both forms.

Only the sources' side is normalised: a draft link that carries a token or credentials
must be written in a source exactly, so a swapped token value or an added parameter is
still reported. Kept apart from ``pir_ai.verify._draft`` so the rule can be read alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from pir_ai.redact import DEFAULT_TOKEN_PARAMS, SECRET_MARK, clean_url, find_secrets, find_urls

__all__ = ["SourceLinks", "shown_link"]

_MARK = SECRET_MARK.split()[0].casefold()
"""How a link that redaction cut at a secret ends in a draft: the mark's first word."""


def shown_link(url: str) -> str:
    """``url`` as redaction shows it to a model: no credentials, tokens or secrets.

    Secrets are looked up in the cleaned link, after the token parameters went, in the
    order redaction removes them.
    """
    return _mark_secrets(clean_url(url, DEFAULT_TOKEN_PARAMS)[0])


def _mark_secrets(cleaned: str) -> str:
    for secret in find_secrets(cleaned):
        cleaned = cleaned.replace(secret, SECRET_MARK)
    return cleaned


class SourceLinks:
    """The links of the trustworthy sources, in the form redaction shows them.

    Worked out on the first look-up, which comes only for a draft link that no source
    contains as written (with redaction off, or in the run's pseudonym space, that is
    rare). Secrets are looked for only in the links that hold a draft link's text
    before its secret mark.
    """

    def __init__(self, trusted_text: str = "") -> None:
        self._text = trusted_text

    def shows(self, link: str) -> bool:
        """True when ``link`` is written in a source link as redaction shows that link."""
        folded = link.casefold()
        before, mark, _ = folded.partition(_MARK)
        if not mark:
            return folded in self._cleaned
        return any(folded in shown for shown in self._shown_with_secrets(before))

    @cached_property
    def _cleaned_urls(self) -> tuple[str, ...]:
        """Every distinct source link without credentials and tokens."""
        urls = dict.fromkeys(find_urls(self._text))
        return tuple(clean_url(url, DEFAULT_TOKEN_PARAMS)[0] for url in urls)

    @cached_property
    def _cleaned(self) -> str:
        """The cleaned links casefolded, one a line."""
        return "\n".join(url.casefold() for url in self._cleaned_urls)

    def _shown_with_secrets(self, before: str) -> Iterator[str]:
        for cleaned in self._cleaned_urls:
            if before in cleaned.casefold():
                yield _mark_secrets(cleaned).casefold()
