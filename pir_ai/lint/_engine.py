"""Runs the registered rules over prose, action items and documents, and builds findings.

Callers say *where* text lives through a ``Locate`` function, so the same rules serve a
Markdown file (line and column) and a draft (field path).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from pir_ai.findings import Finding, Location, Severity
from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._config import LintConfig
from pir_ai.lint._context import LintContext
from pir_ai.lint._document import DocInput
from pir_ai.lint._grammar import BlameHit, Parses, find_blame, parse_candidates
from pir_ai.lint._grammar_agents import KNOWN, Known
from pir_ai.lint._grammar_prefilter import passes
from pir_ai.lint._parser import installed, parser
from pir_ai.lint._people import PersonDetector
from pir_ai.lint._registry import Hit, Kind, Rule, rules_of
from pir_ai.lint._text import Sentence, split_sentences

Locate = Callable[[int, int], Location]

_WORD = re.compile(r"[a-z][a-z'’-]*")
_MARKS = ("!!", "?!", "?")


def _words_of(masked: str) -> set[str]:
    """Lower-case words of a sentence, for the rules' cheap trigger check."""
    lowered = masked.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found = set(_WORD.findall(lowered))
    if "!" in masked or "?" in masked:
        found.update(mark for mark in _MARKS if mark in masked)
    return found


def make_context(config: LintConfig, roster: Sequence[str] = ()) -> LintContext:
    """The shared context of one run: person detection from the roster and config."""
    detector = PersonDetector(
        roster=[*config.roster, *roster],
        system_subjects=config.system_subjects,
        person_nouns=config.person_nouns,
    )
    known = Known(
        names=detector.roster,
        persons=frozenset(w.lower() for w in config.person_nouns),
        systems=frozenset(w.lower() for w in config.system_subjects),
    )
    return LintContext(
        detector=detector, weak_verbs=frozenset(v.lower() for v in config.weak_verbs), known=known
    )


def _active(kind: Kind, config: LintConfig, ctx: LintContext | None = None) -> list[Rule]:
    if ctx is None:
        return [r for r in rules_of(kind) if config.enabled(r)]
    key = f"rules:{kind.value}:{id(config)}"
    if key not in ctx.cache:
        ctx.cache[key] = [r for r in rules_of(kind) if config.enabled(r)]
    active: list[Rule] = ctx.cache[key]  # type: ignore[assignment]
    return active


def to_finding(
    rule: Rule, hit: Hit, text: str, location: Location, config: LintConfig
) -> Finding | None:
    """A finding from a rule's hit, with config severity; None below ``min_confidence``."""
    if hit.confidence < config.min_confidence:
        return None
    matched = hit.matched or (text[hit.start : hit.end] if hit.end > hit.start else None)
    fill = matched or hit.field or ""
    message = hit.message or rule.message.replace("{m}", fill)
    return Finding(
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=config.severity_of(rule, hit.severity),
        message=message,
        location=location,
        matched=matched,
        suggestion=hit.suggestion or rule.suggestion,
        confidence=hit.confidence,
    )


def _parses(ctx: LintContext) -> Parses:
    """The parses of this run, by sentence text (a document's sentences are parsed at once)."""
    parses = ctx.cache.setdefault("parses", {})
    return parses  # type: ignore[return-value]


def prepare(texts: Iterable[str], ctx: LintContext, config: LintConfig) -> None:
    """Parse, in one batch, the candidate sentences of every text ``lint_prose`` will see."""
    if not any(r.grammar is not None for r in _active(Kind.SENTENCE, config, ctx)):
        return
    sentences = [s.text for text in texts for s in split_sentences(text)]
    if any(passes(s) for s in sentences) and parser() is not None:
        parse_candidates(sentences, _parses(ctx))


def _from_blame(hit: BlameHit) -> Hit:
    return Hit(
        hit.start,
        hit.end,
        message=hit.message,
        suggestion=hit.rewrite,
        severity=Severity.SUGGESTION if hit.self_blame else None,
        confidence=hit.confidence,
    )


def _parsed_hits(
    sentences: Sequence[Sentence], rules: Sequence[Rule], ctx: LintContext
) -> Iterator[list[tuple[Rule, Hit]]]:
    by_code = {r.code: r for r in rules}
    specs = [r.grammar for r in rules if r.grammar is not None]
    token = KNOWN.set(ctx.known)
    try:
        found = find_blame([s.text for s in sentences], specs, _parses(ctx))
    finally:
        KNOWN.reset(token)
    for hits in found:
        yield [(by_code[h.code], _from_blame(h)) for h in hits]


def _parse_path(sentences: Sequence[Sentence]) -> bool:
    """Whether the blame rules run on the parse: the parser is loaded only once a sentence
    passes the pre-filter, so a text without candidates never pays for loading it."""
    if any(passes(s.text) for s in sentences):
        return parser() is not None
    return installed()


def lint_prose(
    text: str, locate: Locate, ctx: LintContext, config: LintConfig, base: int = 0
) -> list[Finding]:
    """Sentence rules over ``text``; ``base`` is where ``text`` starts for ``locate``.

    With a parser installed the blame rules run on the parse; without one, their pattern
    checks run like every other sentence rule.
    """
    rules = _active(Kind.SENTENCE, config, ctx)
    findings: list[Finding] = []
    if not rules:
        return findings
    sentences = split_sentences(text, base)
    parsed = [r for r in rules if r.grammar is not None] if _parse_path(sentences) else []
    plain = [r for r in rules if r not in parsed]
    parsed_hits = _parsed_hits(sentences, parsed, ctx) if parsed else None
    for sentence in sentences:
        hits = next(parsed_hits) if parsed_hits is not None else []
        if plain:
            words = _words_of(sentence.masked)
            for r in plain:
                if not (r.triggers and words.isdisjoint(r.triggers)):
                    hits.extend((r, hit) for hit in r.check(sentence, ctx))
        seen: set[tuple[str, int, int]] = set()
        for r, hit in hits:
            key = (r.code, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            start, end = sentence.offset + hit.start, sentence.offset + hit.end
            finding = to_finding(r, hit, sentence.text, locate(start, end), config)
            if finding is not None:
                findings.append(finding)
    return findings


def lint_item(
    item: ItemInput,
    locate_text: Locate,
    locate_field: Callable[[str], Location],
    ctx: LintContext,
    config: LintConfig,
) -> list[Finding]:
    """Item rules, plus the sentence rules over the item's wording."""
    findings: list[Finding] = []
    for r in _active(Kind.ITEM, config, ctx):
        for hit in r.check(item, ctx):
            if hit.field is not None:
                value = getattr(item, hit.field, None)
                hit = replace(hit, matched=str(value) if value else None)
                location = locate_field(hit.field or "")
            else:
                location = locate_text(hit.start, hit.end)
            finding = to_finding(r, hit, item.text, location, config)
            if finding is not None:
                findings.append(finding)
    findings.extend(lint_prose(item.text, locate_text, ctx, config))
    return findings


def lint_document(
    doc: DocInput,
    locate: Locate,
    locate_field: Callable[[str], Location],
    ctx: LintContext,
    config: LintConfig,
    text: str = "",
) -> list[Finding]:
    """Document rules (structure)."""
    findings: list[Finding] = []
    for r in _active(Kind.DOCUMENT, config, ctx):
        for hit in r.check(doc, ctx):
            location = locate_field(hit.field) if hit.field else locate(hit.start, hit.end)
            finding = to_finding(r, hit, text, location, config)
            if finding is not None:
                findings.append(finding)
    return findings


def active_rules(kind: Kind, config: LintConfig) -> Iterable[Rule]:
    """The rules of ``kind`` that this configuration runs."""
    return _active(kind, config)
