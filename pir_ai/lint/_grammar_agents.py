"""Who a noun phrase is, and who the agent of a predicate is, on a spaCy dependency parse."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from pir_ai.lint._grammar_lexicon import words

Kind = Literal["person", "self", "name", "customer", "system", "none"]
PEOPLE: frozenset[str] = frozenset({"person", "self", "name"})

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NEGATIVE_SUBJECTS = frozenset({"nobody", "noone", "no-one", "none", "nothing"})
_QUANTIFIERS = frozenset(
    {
        "one",
        "some",
        "two",
        "three",
        "all",
        "several",
        "many",
        "none",
        "both",
        "each",
        "most",
        "either",
        "any",
        "few",
        "half",
    }
)
_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss"})


def _np_words(tok: Token) -> str:
    """The head and its left modifiers (no determiners or possessors), lower-case, with
    hyphens joined."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod", "punct", "npadvmod")]
    start = min([t.left_edge.i for t in left] + [tok.i])
    text = " ".join(t.lower_ for t in tok.doc[start : tok.i + 1])
    return text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def _suffix_in(text: str, lex: frozenset[str]) -> bool:
    parts = text.split()
    for k in range(len(parts)):
        tail = " ".join(parts[k:])
        if tail in lex or tail.replace("-", " ") in lex or tail.replace("-", "") in lex:
            return True
    return False


@dataclass(frozen=True)
class Known:
    """What the run's configuration says: roster names, extra role nouns, system subjects
    (lower-case)."""

    names: frozenset[str] = field(default=frozenset())
    persons: frozenset[str] = field(default=frozenset())
    systems: frozenset[str] = field(default=frozenset())


KNOWN: ContextVar[Known | None] = ContextVar("pir_ai_lint_known", default=None)
"""Set for one evaluation; a context variable because every matcher classifies phrases."""
_NO_ONE_KNOWN = Known()


def classify(tok: Token | None) -> Kind:
    """What the noun phrase headed by ``tok`` names."""
    if tok is None:
        return "none"
    low = tok.lower_
    known = KNOWN.get() or _NO_ONE_KNOWN
    if low.lstrip("@") in known.names:
        return "name"
    if low in known.persons or tok.lemma_.lower() in known.persons:
        return "person"
    if low in known.systems or tok.lemma_.lower() in known.systems:
        return "system"
    if tok.dep_ in SUBJECT_DEPS and low in _RELATIVE and tok.head.dep_ in ("relcl", "acl"):
        return classify(tok.head.head)
    if low in ("who", "whom") and not tok.doc.text.rstrip().endswith("?"):
        return "none"  # "not to find who is at fault": an embedded question names nobody
    if low in words("self_pronouns"):
        return "self"
    if low == "one" and any(c.lower_ == "no" for c in tok.lefts):
        return "person"
    if low in _QUANTIFIERS or low == "one":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return classify(p)
        if low == "one":
            return "none"
    if low in words("person_pronouns"):
        return "person"
    if tok.pos_ == "PRON":
        return "system" if low in ("it", "this", "that", "these", "those", "which") else "none"
    if tok.pos_ not in ("NOUN", "PROPN", "X", "ADJ"):
        return "name" if _looks_like_name(tok) else "none"
    np = _np_words(tok)
    lemma = tok.lemma_.lower()
    persons = words("person_nouns")
    if lemma in persons or low in persons or _suffix_in(np, persons):
        if lemma in words("ambiguous_person_nouns") and any(
            c.dep_ in ("compound", "amod") and c.lower_ in words("system_nouns")
            for c in tok.children
        ):
            return "system"
        if _tool_name(tok):
            return "system"
        return "person"
    if lemma in words("customer_nouns") or low in words("customer_nouns"):
        return "customer"
    if lemma in words("system_nouns") or low in words("system_nouns"):
        return "system"
    if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > 0):
        if low in words("given_names"):
            return "name"
        if any(c.dep_ == "det" for c in tok.children):
            return "system"
        if any(c.dep_ == "compound" and c.lower_ in _TITLES for c in tok.children):
            return "name"
        if tok.text.isupper() or any(ch.isdigit() for ch in tok.text):
            return "system"
        if tok.text[:1].isupper() and not any(ch.isupper() for ch in tok.text[1:]):
            return "name"
        return "system"
    if low in words("given_names") and tok.text[:1].isupper():
        return "name"
    if _looks_like_name(tok):
        return "name"
    return "system"


_NOUN_SUFFIXES = (
    "ing",
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "er",
    "or",
    "ics",
    "ure",
    "age",
    "sis",
    "ism",
    "ogy",
    "ery",
    "ory",
    "al",
    "ty",
    "cy",
    "ship",
    "ware",
    "ics",
)


def _looks_like_name(tok: Token) -> bool:
    """A capitalised subject the tagger got wrong ("Deshawn"/ADJ, "Ilya"/VERB, "Thaddeus"/NOUN)."""
    text = tok.text
    if not (text[:1].isupper() and text[1:].islower() and text.isalpha()):
        return False
    if tok.dep_ not in SUBJECT_DEPS and tok.dep_ not in ("pobj", "dobj", "appos"):
        return False
    low = tok.lower_
    if low in words("given_names"):
        return True
    if tok.i == 0 and tok.pos_ == "VERB":
        return False  # "Pull request to review ...": an imperative-looking opener
    if any(c.dep_ == "det" for c in tok.children) or tok.lemma_.lower() != low:
        return False
    if low in words("system_nouns") or low.endswith(_NOUN_SUFFIXES):
        return False
    return tok.pos_ in ("ADJ", "VERB", "NOUN", "PROPN", "X")


def _tool_name(tok: Token) -> bool:
    """'cert-manager', 'kube-controller-manager': a system noun hyphen-joined to a role
    noun names a tool."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_:
        return False
    prefix = doc[tok.i - 2]
    return not prefix.whitespace_ and prefix.lower_ in words("system_nouns")


def is_people(tok: Token | None) -> bool:
    """``tok`` names a person, a role, a team, a name or the writer."""
    return classify(tok) in PEOPLE


def negative_subject(tok: Token | None) -> bool:
    """``nobody``, ``no one``, ``not one person``, ``no engineer``."""
    if tok is None:
        return False
    if tok.lower_ in _NEGATIVE_SUBJECTS:
        return True
    left = tok.doc[tok.left_edge.i : tok.i + 1]
    return any(t.lower_ == "no" and t.dep_ in ("det", "neg") for t in left) or (
        len(left) > 1 and left[0].lower_ == "not"
    )


def negated(tok: Token) -> bool:
    """The predicate ``tok`` carries a negation (not, n't, never) on itself or its auxiliaries."""
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
            return True
    if tok.dep_ in ("xcomp", "acomp") and tok.head.pos_ in ("AUX", "VERB"):
        return any(c.dep_ == "neg" for c in tok.head.children)
    return False


@dataclass(frozen=True)
class Agent:
    """The agent of a predicate: who does it, and whether the clause is passive."""

    token: Token | None
    passive: bool
    subject: Token | None  # the grammatical subject (the patient, when passive)


def _own(v: Token) -> tuple[Token | None, Token | None, bool]:
    kids = list(v.children)
    for c in list(kids):
        if c.dep_ in ("aux", "auxpass"):
            kids.extend(c.children)  # the small model sometimes hangs the subject on "have"
    subj = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
    by = None
    for c in v.children:
        if c.dep_ == "agent":
            by = next((p for p in c.children if p.dep_ == "pobj"), None)
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in v.children)
    return subj, by, passive


def agent_of(v: Token) -> Agent:
    """The agent of the predicate headed by ``v`` (climbing xcomp, conj, participles, relcl)."""
    cur = v
    passive_seen = False
    for _ in range(8):
        subj, by, passive = _own(cur)
        passive_seen = passive_seen or passive
        if by is not None:
            return Agent(by, True, subj)
        if subj is not None:
            if subj.lower_ in _RELATIVE and cur.dep_ in ("relcl", "acl"):
                subj_head = cur.head
                if passive:
                    return Agent(None, True, subj_head)
                return Agent(subj_head, False, subj_head)
            if passive:
                # a conjoined passive shares the by-agent of the first ("seen by X and dismissed")
                for c in cur.children:
                    if c.dep_ == "conj":
                        _, cby, _ = _own(c)
                        if cby is not None:
                            return Agent(cby, True, subj)
                return Agent(None, True, subj)
            return Agent(subj, False, subj)
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            return Agent(None, True, cur.head)
        if cur.dep_ in ("acl", "relcl") and cur.tag_ in ("VBG",):
            return Agent(cur.head, False, cur.head)
        if cur.dep_ in (
            "xcomp",
            "conj",
            "advcl",
            "acomp",
            "aux",
            "auxpass",
            "neg",
            "advmod",
            "amod",
        ):
            if cur.head is cur:
                break
            cur = cur.head
            continue
        break
    return Agent(None, passive_seen, None)


def predicate_head(tok: Token) -> Token:
    """The verb (or copula) a matched token belongs to."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head is cur:
            return cur
        cur = cur.head
    return tok


def np_text(tok: Token) -> str:
    """The text of the whole noun phrase headed by ``tok`` (relative clauses cut off)."""
    doc = tok.doc
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl", "punct", "appos", "cc", "conj"):
            break
        end = c.right_edge.i + 1
    return doc[tok.left_edge.i : end].text


def object_of(v: Token) -> Span | None:
    """The object the predicate acts on (dobj, an xcomp's dobj, a pobj, or a passive subject)."""
    queue = [v]
    seen = 0
    while queue and seen < 6:
        cur = queue.pop(0)
        seen += 1
        for c in cur.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "PRON"):
                return c.doc[c.left_edge.i : c.right_edge.i + 1]
        for c in cur.children:
            if c.dep_ in ("xcomp", "ccomp", "conj"):
                queue.append(c)
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                        return p.doc[p.left_edge.i : p.right_edge.i + 1]
    return None
