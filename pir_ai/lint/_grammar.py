"""The blame engine: evaluates the rules of ``_grammar_rules`` on a dependency parse.

Each matcher kind below decides who the agent of a fault predicate is; the rules say
which kinds and lexicons they use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pir_ai.lint._grammar_lexicon as lx
from pir_ai.lint._grammar_agents import (
    KNOWN,
    PEOPLE,
    Agent,
    agent_of,
    classify,
    negated,
    negative_subject,
    np_text,
    object_of,
    predicate_head,
)
from pir_ai.lint._grammar_prefilter import passes
from pir_ai.lint._grammar_rules import RULES, BlameRule, Matcher
from pir_ai.lint._parser import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class BlameHit:
    """One blame finding in a sentence; ``start``/``end`` are character offsets in it."""

    code: str
    start: int
    end: int
    agent: str
    predicate: str
    message: str
    rewrite: str
    self_blame: bool = False
    confidence: float = 1.0


# --- sentence-level context -------------------------------------------------------------------

_QUOTES = re.compile(r"\"[^\"]*\"|“[^”]*”|`[^`]*`|(?<![\w])'[^']{2,}?'(?![\w])|‘[^’]*’")


@dataclass
class _Ctx:
    doc: Doc
    quoted: list[tuple[int, int]]
    cues: dict[str, bool]
    tokens: list[Token]
    """The doc's tokens, made once: iterating a Doc builds every Token again."""

    def in_quote(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.quoted)

    def has(self, name: str) -> bool:
        if name not in self.cues:
            self.cues[name] = any(
                not self.in_quote(self.doc[m.start]) for m in lx.find(self.doc, name)
            )
        return self.cues[name]


@dataclass(frozen=True)
class _Raw:
    """A finding before it is turned into a BlameHit."""

    anchor: Token
    span: tuple[int, int]  # token indices
    agent: Token | None
    predicate: tuple[int, int]


def _people(tok: Token | None, *, self_ok: bool = True) -> bool:
    kind = classify(tok)
    return kind in PEOPLE and (self_ok or kind != "self")


def _generic(tok: Token | None) -> bool:
    """'Each team', 'every engineer': a policy statement, not an account of the incident."""
    return tok is not None and any(
        c.dep_ == "det" and c.lower_ in ("each", "every", "any") for c in tok.children
    )


def _exonerated(anchor: Token) -> bool:
    """A because/since clause or 'because of' phrase on the predicate gives a non-person reason,
    or the predicate is the result ("..., so we didn't catch it") of a reason given before it."""
    if any(
        c.lower_ == "so" and c.dep_ in ("cc", "mark", "advmod") and c.i < anchor.i
        for c in anchor.children
    ):
        return True
    if anchor.i > 0 and anchor.doc[max(0, anchor.i - 4) : anchor.i].text.lower().startswith("so "):
        return True
    cur: Token | None = anchor
    for _ in range(4):
        if cur is None:
            break
        for c in cur.children:
            if c.dep_ == "advcl" and not (c.left_edge.i <= anchor.i <= c.right_edge.i):
                marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
                if marks & {"because", "since"}:
                    ag = agent_of(c)
                    who = ag.token if ag.token is not None else ag.subject
                    if who is not None and not _people(who):
                        return True
            if c.lower_ in ("because", "due") and c.dep_ in ("prep", "mark", "advmod"):
                for p in c.subtree:
                    if p.dep_ == "pobj" and not _people(p):
                        return True
        if cur.head is cur or cur.dep_ not in ("xcomp", "aux", "auxpass", "acomp", "advmod"):
            break  # a reason on another clause ("X happened due to Y, but this was not seen")
        cur = cur.head
    return False


def _objects_exempt(anchor: Token, name: str) -> bool:
    if not name:
        return False
    lex = lx.words(name)
    for t in anchor.subtree:
        if t.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "conj") and lx.token_is(t, lex):
            return True
    return False


def _present_state(v: Token) -> bool:
    """'We are missing alerting': a present progressive states a gap, not a past lapse."""
    return v.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("am", "is", "are", "'re") for c in v.children
    )


def _unless(anchor: Token, pattern: lx.Pattern) -> bool:
    """The pattern's ``!@lexicon`` exemptions: the predicate's object is one of those."""
    for name in pattern.unless:
        lex = lx.words(name)
        queue = [anchor]
        while queue:
            cur = queue.pop()
            for c in cur.children:
                if c.dep_ in ("dobj", "nsubjpass") and lx.token_is(c, lex):
                    return True
                if c.dep_ == "xcomp":
                    queue.append(c)
    return False


def _neg_in(pattern: lx.Pattern) -> bool:
    return any(k == "lit" and v & {"not", "never", "n't"} for k, v in pattern.elements)


def _culprit_people(tok: Token | None) -> bool:
    """A person, a person's act or trait, or an act (clause) whose agent is a person."""
    if tok is None:
        return False
    if _people(tok):
        return True
    for c in tok.children:
        if c.dep_ == "poss" and _people(c):
            return True
        if c.dep_ in ("relcl", "acl"):
            ag = agent_of(c)
            if ag.token is not None and ag.token is not tok and _people(ag.token):
                return True
        if c.dep_ in ("nsubj",) and tok.pos_ in ("VERB", "AUX") and _people(c):
            return True
    return False


def _np_after(doc: Doc, m: lx.Match) -> Token | None:
    """The head of the phrase that follows a frame (attached into the frame)."""
    for j in range(m.end, min(len(doc), m.end + 8)):
        t = doc[j]
        if t.head.i < m.end or (t.head.i >= j and t.dep_ in ("pobj", "pcomp", "dobj", "attr")):
            if t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "AUX"):
                return t
            if t.pos_ == "ADP":
                continue
    return None


# --- matchers -----------------------------------------------------------------------------------


def _m_agent_predicate(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    if any(ctx.has(e) for e in m.exempt):
        return
    for match in lx.find(doc, m.lexicon):
        first = doc[match.start]
        if first.pos_ in ("NOUN", "PROPN") or ctx.in_quote(first):
            continue  # "cache misses", "a test/check for it"
        anchor = predicate_head(first)
        if _present_state(anchor) or _unless(anchor, match.pattern):
            continue
        ag = agent_of(anchor)
        if ag.token is None and ag.passive and first.lemma_ == "be" and _people(ag.subject):
            ag = Agent(ag.subject, False, ag.subject)  # "couldn't be bothered to": the subject
        is_neg = (
            negated(anchor)
            or any(negated(doc[i]) for i in range(match.start, match.end))
            or negative_subject(ag.token if ag.token is not None else ag.subject)
        )
        if match.pattern.negated and not is_neg:
            continue
        if not match.pattern.negated and not _neg_in(match.pattern) and is_neg:
            continue
        if _objects_exempt(anchor, m.objects_exempt) or _exonerated(anchor):
            continue
        if ag.token is None:
            subj = ag.subject
            if (
                ag.passive
                and m.lapse
                and subj is not None
                and (m.lapse == "*" or lx.token_is(subj, lx.words(m.lapse)))
            ):
                yield _Raw(anchor, (match.start, match.end), None, (match.start, match.end))
            continue
        if _generic(ag.token) or not (_people(ag.token) or _work_of_people(ag.token)):
            continue
        yield _Raw(anchor, (match.start, match.end), ag.token, (match.start, match.end))


def _work_of_people(tok: Token) -> bool:
    """'The initial analysis': people's work, unless a system noun qualifies it."""
    if not lx.token_is(tok, lx.words("work_nouns")):
        return False
    return not any(
        c.dep_ in ("compound", "amod") and lx.token_is(c, lx.words("system_nouns"))
        for c in tok.children
    )


_DEONTIC_AUX = frozenset({"must", "should", "will", "'ll", "shall", "need", "ought", "wo"})
_DEONTIC_HEADS = frozenset({"need", "have", "ought", "got", "require", "want", "ensure", "has"})


def _deontic(v: Token) -> str:
    """'imperative', 'deontic' (need to / must / should / will) or '' for the predicate ``v``."""
    cur = v
    if v.lemma_ == "need":
        return "deontic"
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _DEONTIC_AUX for c in cur.children):
            return "deontic"
        if (
            cur.dep_ == "ROOT"
            and cur.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in cur.children)
        ):
            return "imperative"
        if cur.dep_ in ("xcomp", "dobj", "ccomp") and cur.head.lemma_ in _DEONTIC_HEADS:
            return "deontic"
        if cur.head is cur or cur.dep_ not in ("xcomp", "conj", "advmod", "acomp", "dobj", "ccomp"):
            break
        cur = cur.head
    return ""


def _m_vigilance(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        first = doc[match.start]
        if ctx.in_quote(first):
            continue
        anchor = predicate_head(first)
        frame = _deontic(anchor)
        if not frame or _objects_exempt(anchor, m.objects_exempt):
            continue
        ag = agent_of(anchor)
        who = ag.token
        if frame == "imperative" and who is None:
            yield _Raw(anchor, (match.start, match.end), None, (match.start, match.end))
            continue
        if who is not None and (_people(who) and not _generic(who)):
            yield _Raw(anchor, (match.start, match.end), who, (match.start, match.end))
        elif (who is None or anchor.tag_ in ("VBG", "VBN")) and m.lexicon == "diligence_adverbs":
            yield _Raw(anchor, (match.start, match.end), None, (match.start, match.end))


_MODALS = frozenset({"should", "could", "ought", "must", "shouldn't", "couldn't", "mustn't"})


def _m_counterfactual(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    seen: set[int] = set()
    participles = lx.words(m.lexicon)
    for tok in ctx.tokens:
        v: Token | None = None
        if tok.lower_ in _MODALS or (
            tok.lemma_ in ("should", "could", "ought", "must") and tok.tag_ == "MD"
        ):
            head = tok.head
            if head.lemma_ == "have" and head.dep_ == "aux":
                head = head.head  # "should" attached to "have" instead of the participle
            for c in head.children:
                ought = head.lemma_ == "ought" or (c.dep_ == "xcomp" and tok.head is tok)
                if ought and c.dep_ == "xcomp" and c.tag_ == "VBN":
                    head = c  # "ought to have taken": the participle is an xcomp
                    break
            has_have = any(
                c.lemma_ == "have" and c.dep_ == "aux" and tok.i < c.i < head.i
                for c in head.children
            )
            if not has_have or head.tag_ != "VBN" or _embedded_question(head):
                continue
            ag = agent_of(head)
            if tok.lower_.startswith("could") and (
                negated(head) or negative_subject(ag.token or ag.subject)
            ):
                continue
            v = head
        elif (
            tok.lower_ in ("had", "'d")
            and tok.dep_ in ("aux", "auxpass")
            and tok.head.tag_ in ("VBN", "VBG", "VBD")
        ):
            head = tok.head
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            is_if = any(c.lower_ == "if" for c in head.children) or (
                subj is not None and tok.i < subj.i
            )
            if not is_if:
                continue
            v = head
        if v is None or v.i in seen:
            continue
        ag = agent_of(v)
        if tok.lower_.startswith("could") and (ag.passive or _result_clause(v)):
            continue  # "could have been done by the teams", "so they could have tested"
        if ag.token is None:
            if ag.passive and lx.token_is(v, participles) and tok.lower_ not in ("had", "'d"):
                seen.add(v.i)
                yield _Raw(v, (tok.i, v.i + 1), None, (tok.i, v.i + 1))
            continue
        if _generic(ag.token) or not _people(ag.token):
            continue
        seen.add(v.i)
        yield _Raw(v, (tok.i, v.i + 1), ag.token, (tok.i, v.i + 1))


def _embedded_question(v: Token) -> bool:
    """'Reflect if X should have been communicated': a question to consider, not a verdict."""
    cur = v
    for _ in range(3):
        if (
            any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in cur.children)
            and cur.dep_ in ("ccomp", "advcl")
            and cur.head.pos_ == "VERB"
            and cur.head.tag_ == "VB"
        ):
            return True
        if cur.head is cur:
            break
        cur = cur.head
    return False


def _result_clause(v: Token) -> bool:
    return any(c.dep_ in ("mark", "advmod") and c.lower_ == "so" and c.i < v.i for c in v.children)


def _m_adverb_agent(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    lex = lx.words(m.lexicon)
    self_ok = m.lexicon != "hindsight_adverbs"
    for tok in ctx.tokens:
        if tok.lower_ in lex and tok.dep_ == "advmod":
            if tok.head.tag_ == "VBG" and tok.head.dep_ in ("advcl", "xcomp", "acl"):
                continue  # "modified X, accidentally overwriting Y": an effect, not the act
            v = predicate_head(tok.head)
            ag = agent_of(v)
            if ag.token is not None and not ag.passive and _people(ag.token, self_ok=self_ok):
                yield _Raw(v, (tok.i, tok.i + 1), ag.token, (tok.i, tok.i + 1))


def _m_label(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        first, last = doc[match.start], doc[match.end - 1]
        if last.dep_ == "compound" and last.head.i >= match.end:
            continue  # "user error rates"
        if match.start > 0 and doc[match.start - 1].lower_ in ("not", "no", "never"):
            continue
        head = predicate_head(first)
        if match.pattern.negated:
            if not negated(head):
                continue
        elif negated(head) and not _neg_in(match.pattern):
            continue
        ag = agent_of(head)
        heads = [head, *(c for c in doc[match.end - 1].children if c.dep_ in ("amod", "acl"))]
        if any(
            any(lx.token_is(h, lx.words(e)) for h in heads)
            or (ag.subject is not None and lx.token_is(ag.subject, lx.words(e)))
            for e in m.exempt
        ):
            continue
        who = ag.token if ag.token is not None and _people(ag.token) else None
        yield _Raw(head, (match.start, match.end), who, (match.start, match.end))


def _m_judgement_word(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    lex = lx.words(m.lexicon)
    acts = lx.words("act_nouns")
    for tok in ctx.tokens:
        if not lx.token_is(tok, lex) or tok.pos_ not in ("ADJ", "VERB", "NOUN"):
            continue
        target: Token | None = None
        base = tok
        while base.dep_ == "conj" and base.head is not base:
            base = base.head
        if base.dep_ == "amod":
            target = base.head
        elif base.dep_ in ("acomp", "attr", "ROOT", "advcl", "oprd"):
            head = predicate_head(base)
            if negated(head) or negated(base):
                continue
            ag = agent_of(head)
            target = ag.token if ag.token is not None else ag.subject
        if target is None:
            continue
        by_person = any(
            c.dep_ == "prep" and c.lower_ == "by" and any(_people(p) for p in c.children)
            for c in target.children
        )
        if _people(target) or lx.token_is(target, acts) or _culprit_people(target) or by_person:
            who = (
                target
                if _people(target)
                else next((c for c in target.children if c.dep_ == "poss" and _people(c)), None)
            )
            yield _Raw(tok, (tok.i, tok.i + 1), who, (tok.i, tok.i + 1))


def _m_cause_agent(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        first = doc[match.start]
        if first.pos_ == "NOUN":
            continue
        anchor = predicate_head(first)
        if (
            negated(anchor)
            or _exonerated(anchor)
            or _unless(anchor, match.pattern)
            or (anchor.dep_ == "acl" and anchor.tag_ == "VBG")
        ):
            continue
        ag = agent_of(anchor)
        if negative_subject(ag.token):
            continue
        if ag.token is not None and _culprit_people(ag.token) and not _generic(ag.token):
            yield _Raw(anchor, (match.start, match.end), ag.token, (match.start, match.end))


def _frame_subject_ok(anchor: Token, name: str) -> bool:
    if not name:
        return True
    subj = agent_of(anchor).subject
    if subj is None:
        return False
    if lx.token_is(subj, lx.words(name)):
        return True
    impact = lx.words("impact_nouns")
    for c in subj.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(p.dep_ == "pobj" and lx.token_is(p, impact) for p in c.children)
        ):
            return True
    return False


def _m_cause_frame(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        anchor = predicate_head(doc[match.start])
        if negated(anchor) or not _frame_subject_ok(anchor, m.subjects):
            continue
        culprit = _np_after(doc, match)
        if culprit is None:
            continue
        if culprit.pos_ in ("VERB", "AUX"):
            ag = agent_of(culprit)
            culprit = ag.token
            if culprit is None:
                continue
        if _culprit_people(culprit):
            yield _Raw(
                anchor, (match.start, culprit.right_edge.i + 1), culprit, (match.start, match.end)
            )


def _m_cause_copula(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    lex = lx.words(m.lexicon)
    for tok in ctx.tokens:
        if tok.dep_ != "nsubj" or not lx.token_is(tok, lex) or tok.head.lemma_ != "be":
            continue
        cop = tok.head
        for c in cop.children:
            if c.dep_ in ("attr", "acomp", "ccomp", "xcomp") and c.i > tok.i:
                culprit: Token | None = c
                if c.pos_ in ("VERB", "AUX"):
                    culprit = agent_of(c).token
                if _culprit_people(culprit) and culprit is not None:
                    yield _Raw(cop, (tok.i, c.right_edge.i + 1), culprit, (tok.i, cop.i + 1))


def _m_possessive_blame(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    lex = lx.words(m.lexicon)
    for tok in ctx.tokens:
        if tok.pos_ != "NOUN" or not lx.token_is(tok, lex):
            continue
        if negated(predicate_head(tok)):
            continue
        for c in tok.children:
            who: Token | None = None
            if c.dep_ == "poss" and _people(c):
                who = c
            elif c.dep_ == "prep" and c.lower_ == "by":
                who = next((p for p in c.children if p.dep_ == "pobj" and _people(p)), None)
            if who is not None:
                yield _Raw(tok, (min(who.i, tok.i), max(who.i, tok.i) + 1), who, (tok.i, tok.i + 1))
                break


def _m_because_person(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    for tok in ctx.tokens:
        if tok.lower_ != "because" or tok.dep_ != "mark":
            continue
        v = tok.head
        if v.lemma_ == "be" or negated(v):
            continue
        ag = agent_of(v)
        if ag.passive or ag.token is None or not _people(ag.token, self_ok=False):
            continue
        main = v.head
        if main is v:
            continue
        mag = agent_of(main)
        main_subj = mag.token if mag.token is not None else mag.subject
        if main_subj is None or _people(main_subj):
            continue
        yield _Raw(v, (tok.i, v.right_edge.i + 1), ag.token, (ag.token.i, v.i + 1))


def _m_question(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    text = doc.text.rstrip()
    if "?" not in text:
        return
    for tok in ctx.tokens:
        if ctx.in_quote(tok):
            continue
        low = tok.lower_
        if low == "who" and tok.dep_ in ("nsubj", "nsubjpass"):
            v = tok.head
            if v.tag_ in ("VBD", "VBN") or any(
                c.lower_ in ("responsible", "blame") for c in v.subtree
            ):
                yield _Raw(v, (tok.i, v.i + 1), tok, (v.i, v.i + 1))
                return
        if low == "whose" and tok.head.lemma_ in ("idea", "fault", "call", "decision"):
            yield _Raw(tok.head, (tok.i, tok.head.i + 1), tok, (tok.i, tok.head.i + 1))
            return
        if low in ("why", "what"):
            v = predicate_head(tok.head if tok.dep_ != "ROOT" else tok)
            ag = agent_of(v)
            if ag.token is None or ag.passive or not _people(ag.token, self_ok=False):
                continue
            if low == "what" and v.lemma_ != "think":
                continue
            yield _Raw(v, (tok.i, v.i + 1), ag.token, (v.i, v.i + 1))
            return


def _sentence_people(doc: Doc) -> Token | None:
    for t in doc:
        if t.dep_ in (
            "nsubj",
            "nsubjpass",
            "pobj",
            "dobj",
            "npadvmod",
            "appos",
            "ROOT",
            "intj",
        ) and _people(t):
            return t
    return None


def _m_cue_with_agent(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        if ctx.in_quote(doc[match.start]):
            continue
        anchor = predicate_head(doc[match.start])
        ag = agent_of(anchor)
        who = ag.token
        if m.lexicon == "recurrence_cues":
            if who is None or not _people(who):
                # the cue may sit on a clause of its own: look for the next clause's agent
                for t in doc[match.end :]:
                    if t.dep_ in ("nsubj",) and t.head.i > match.end:
                        who = t
                        break
            if who is None or not _people(who):
                continue
        else:
            if who is None or not _people(who):
                who = _sentence_people(doc)
            if who is None:
                continue
        yield _Raw(anchor, (match.start, match.end), who, (match.start, match.end))


def _m_ironic_praise(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    openers = lx.find(doc, m.lexicon)
    if not openers or not ctx.has("praise_ideas"):
        return
    risky = lx.words("risky_acts")
    for t in ctx.tokens:
        if t.tag_ == "VBG" and lx.token_is(t, risky):
            o = openers[0]
            yield _Raw(t, (o.start, o.end), _sentence_people(doc), (o.start, o.end))
            return


def _m_remedy_object(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    for match in lx.find(doc, m.lexicon):
        v = doc[match.start]
        if not (
            v.pos_ == "VERB" or ((v.i == 0 or doc[v.i - 1].text == ":") and v.text[:1].isupper())
        ):
            continue
        if negated(v) or _objects_exempt(v, m.objects_exempt):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i + 1 < len(doc) and doc[subj.i + 1].text == ":":
            subj = None  # "Action: remind Gabriel ..." — a label, not a subject
        passive = any(c.dep_ == "auxpass" for c in v.children)
        obj: Token | None = None
        if passive:
            obj = subj  # "Gustavo will be retrained"
        else:
            if subj is not None and not _people(subj):
                continue
            obj = next((c for c in v.children if c.dep_ in ("dobj", "dative") and _people(c)), None)
            if obj is None:
                obj = next(
                    (
                        c
                        for c in doc[match.start + 1 : match.end]
                        if c is not subj and c.dep_ in ("dobj", "nsubj", "dative") and _people(c)
                    ),
                    None,
                )
        if obj is not None and _people(obj, self_ok=False) and not _generic(obj):
            yield _Raw(
                v,
                (match.start, max(match.end, obj.right_edge.i + 1)),
                obj,
                (match.start, match.end),
            )


def _m_knowledge_inaction(ctx: _Ctx, m: Matcher) -> Iterable[_Raw]:
    doc = ctx.doc
    knowers = [mt for mt in lx.find(doc, m.lexicon)]
    if not knowers and not ctx.has("team_labels"):
        return
    for t in ctx.tokens:
        if negative_subject(t) and t.dep_ == "nsubj":
            v = t.head
            if v.lemma_ in ("need", "be", "have") or agent_of(v).passive:
                continue
        elif t.pos_ in ("VERB",) and negated(t) and t.dep_ in ("conj", "ROOT", "ccomp"):
            v = t
            vag = agent_of(v)
            if not (vag.token is None and vag.passive) and not _people(vag.token):
                continue
        else:
            continue
        if not any(c.lower_ in ("yet", "but", "and") for c in doc[: t.i]):
            continue
        for k in knowers:
            kv = predicate_head(doc[k.start])
            kag = agent_of(kv)
            if kv.i < t.i and (kag.token is None or _people(kag.token)):
                yield _Raw(v, (k.start, v.i + 1), t, (v.i, v.i + 1))
                return


_KINDS: dict[str, Callable[[_Ctx, Matcher], Iterable[_Raw]]] = {
    "agent_predicate": _m_agent_predicate,
    "counterfactual": _m_counterfactual,
    "adverb_agent": _m_adverb_agent,
    "label": _m_label,
    "judgement_word": _m_judgement_word,
    "cause_agent": _m_cause_agent,
    "cause_frame": _m_cause_frame,
    "cause_copula": _m_cause_copula,
    "possessive_blame": _m_possessive_blame,
    "because_person": _m_because_person,
    "question": _m_question,
    "cue_with_agent": _m_cue_with_agent,
    "ironic_praise": _m_ironic_praise,
    "remedy_object": _m_remedy_object,
    "vigilance": _m_vigilance,
    "knowledge_inaction": _m_knowledge_inaction,
}


_OBJECT_CASE = {"we": "us", "i": "me", "he": "him", "she": "her", "they": "them"}
"""The rewrite puts the agent after a verb or preposition ("without relying on us")."""


def _in_prose(doc: Doc, agent: Token | None) -> str:
    """The agent's phrase as it reads mid-sentence ("The deployer" -> "the deployer")."""
    if agent is None:
        return ""
    text = np_text(agent)
    first = doc[agent.left_edge.i]
    if first.pos_ in ("DET", "PRON") and first.text != "I":
        return text[:1].lower() + text[1:]
    return text


def _confidence(agent: Token | None) -> float:
    """Lower when the agent is a capitalised word taken for a name by its shape alone."""
    if agent is None or classify(agent) != "name":
        return 1.0
    low = agent.lower_.lstrip("@")
    known = KNOWN.get()
    return (
        1.0 if (known is not None and low in known.names) or low in lx.words("given_names") else 0.8
    )


def _with_auxiliaries(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the auxiliaries and negation right before it ("did not follow")."""
    a, b = span
    while a > 0 and doc[a - 1].dep_ in ("aux", "auxpass", "neg") and a <= doc[a - 1].head.i <= b:
        a -= 1
    return a, b


def _to_hit(rule: BlameRule, doc: Doc, raw: _Raw) -> BlameHit:
    pa, pb = _with_auxiliaries(doc, raw.predicate)
    predicate = doc[pa:pb].text
    # the finding points at the matched words, not at the agent: the message names it
    a, b = _with_auxiliaries(doc, raw.span)
    start = doc[a].idx
    end = doc[b - 1].idx + len(doc[b - 1].text)
    agent = _in_prose(doc, raw.agent)
    if agent:
        message = f"'{agent}' is the agent of '{predicate}': {rule.why}."
    else:
        message = f"an unnamed person is the implied agent of '{predicate}': {rule.why}."
    obj = object_of(raw.anchor)
    obj_text = obj.text if obj is not None else "it"
    rewrite = rule.rewrite.format(
        object=obj_text, agent=_OBJECT_CASE.get(agent.lower(), agent) or "the responder"
    )
    return BlameHit(
        rule.code,
        start,
        end,
        agent,
        predicate,
        message,
        rewrite,
        self_blame=classify(raw.agent) == "self",
        confidence=_confidence(raw.agent),
    )


def evaluate(doc: Doc, rules: Sequence[BlameRule] = RULES) -> list[BlameHit]:
    """Every rule of ``rules`` on one parsed sentence."""
    quoted = [(mt.start(), mt.end()) for mt in _QUOTES.finditer(doc.text)]
    ctx = _Ctx(doc, quoted, {}, list(doc))
    if ctx.has("meta_cues"):
        return []
    hits: list[BlameHit] = []
    seen: set[tuple[str, int]] = set()
    for rule in rules:
        for matcher in rule.matchers:
            for raw in _KINDS[matcher.kind](ctx, matcher):
                if ctx.in_quote(doc[raw.span[0]]):
                    continue
                key = (rule.code, raw.span[0])
                if key in seen:
                    continue
                seen.add(key)
                hits.append(_to_hit(rule, doc, raw))
    return _without_restated(hits, rules)


def _without_restated(hits: list[BlameHit], rules: Sequence[BlameRule]) -> list[BlameHit]:
    """One finding per claim: a hit inside another hit of its rule ("should be more aware"
    holds "more aware"), or inside a blame question ("why did nobody notice" holds the
    fault verb), restates it and is dropped."""
    asking = {r.code for r in rules if any(m.kind == "question" for m in r.matchers)}

    def holds(outer: BlameHit, inner: BlameHit) -> bool:
        inside = outer.start <= inner.start and inner.end <= outer.end
        same = (outer.start, outer.end) == (inner.start, inner.end)
        if outer.code == inner.code:
            return inside and not same
        return inside and outer.code in asking and inner.code not in asking

    return [h for h in hits if not any(o is not h and holds(o, h) for o in hits)]


Parses = dict[str, "Doc | None"]
"""Sentence text to its parse; None for a sentence the pre-filter stops (never parsed)."""


def parse_candidates(sentences: Iterable[str], parses: Parses) -> None:
    """Add to ``parses`` every sentence not in it yet, parsing in one batch only those the
    pre-filter lets through."""
    todo = [s for s in dict.fromkeys(sentences) if s not in parses]
    wanted = [s for s in todo if passes(s)]
    parses.update(dict.fromkeys(todo))
    if wanted:
        parses.update(zip(wanted, parse(wanted), strict=True))


def find_blame(
    sentences: Sequence[str], rules: Sequence[BlameRule] = RULES, parses: Parses | None = None
) -> list[list[BlameHit]]:
    """Blame findings per sentence; ``parses`` keeps parses between calls of one run."""
    parses = {} if parses is None else parses
    parse_candidates(sentences, parses)
    out: list[list[BlameHit]] = []
    for sentence in sentences:
        doc = parses[sentence]
        out.append(evaluate(doc, rules) if doc is not None else [])
    return out
