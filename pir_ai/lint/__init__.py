"""The blameless-language and action-item linter.

Entry points: ``lint_text``, ``lint_action_item``, ``lint_markdown``, ``lint_postmortem``;
the catalogue is in ``all_rules()`` (``pir-ai rules`` prints it). The blame rules read a
dependency parse (spaCy, the ``grammar`` extra); without it they warn once
(``ParserUnavailableWarning``) and use their pattern path.
"""

from pir_ai.lint._api import lint_action_item, lint_markdown, lint_postmortem, lint_text
from pir_ai.lint._config import LintConfig, find_config, load_config
from pir_ai.lint._output import FORMATTERS, format_json, format_sarif, format_text, reaches
from pir_ai.lint._parser import ParserUnavailableWarning
from pir_ai.lint._registry import Hit, Kind, Rule, all_rules, get_rule
from pir_ai.lint._second_opinion import rescore

__all__ = [
    "FORMATTERS",
    "Hit",
    "Kind",
    "LintConfig",
    "ParserUnavailableWarning",
    "Rule",
    "all_rules",
    "find_config",
    "format_json",
    "format_sarif",
    "format_text",
    "get_rule",
    "lint_action_item",
    "lint_markdown",
    "lint_postmortem",
    "lint_text",
    "load_config",
    "reaches",
    "rescore",
]
