"""The blame rules (PIR2xx), registered once each: the rule is data (``_grammar_rules``)
evaluated on a dependency parse by ``_grammar``; its pattern check (``_blame*`` modules)
is what runs when no parser is installed."""

from __future__ import annotations

from pir_ai.findings import Category, Severity, rule_name
from pir_ai.lint._blame import counterfactual_person
from pir_ai.lint._blame_cause import individual_remediation, person_as_cause
from pir_ai.lint._blame_failure import failure_verb_person
from pir_ai.lint._blame_process import rule_violation, team_blame
from pir_ai.lint._blame_question import blame_question
from pir_ai.lint._blame_tone import animated, hindsight, recurrence
from pir_ai.lint._blame_words import character_judgment, human_error_label
from pir_ai.lint._grammar_rules import RULES, BlameRule
from pir_ai.lint._registry import Kind, PatternCheck, Rule, register

PATTERN_CHECKS: dict[str, PatternCheck] = {
    p.code: p
    for p in (
        counterfactual_person,
        failure_verb_person,
        human_error_label,
        character_judgment,
        person_as_cause,
        blame_question,
        hindsight,
        recurrence,
        individual_remediation,
        rule_violation,
        animated,
        team_blame,
    )
}


def _doc(spec: BlameRule, pattern: PatternCheck) -> str:
    summary = pattern.doc.strip().splitlines()[0]
    lexicons = ", ".join(spec.lexicons) or "none"
    return (
        f"{summary}\n\n"
        f"What it catches: {spec.doc}\n"
        f"Why: {spec.why[:1].upper()}{spec.why[1:]}.\n"
        f'Example: "{spec.fails[0]}"\n'
        f"Rewrite: the suggestion asks, with the sentence's own object: {spec.rewrite}\n"
        f"Matched on the parse by: {', '.join(m.kind for m in spec.matchers)}; "
        f"lexicons: {lexicons}."
    )


def _register_all() -> None:
    for spec in RULES:
        pattern = PATTERN_CHECKS[spec.code]
        register(
            Rule(
                code=spec.code,
                name=rule_name(spec.code),
                category=Category.BLAME,
                severity=Severity(spec.severity),
                kind=Kind.SENTENCE,
                message=pattern.message,
                suggestion=pattern.suggestion,
                check=pattern.check,
                doc=_doc(spec, pattern),
                fails=spec.fails,
                passes=spec.passes,
                triggers=pattern.triggers,
                grammar=spec,
                pattern_fails=pattern.fails,
                pattern_passes=pattern.passes,
            )
        )


_register_all()
