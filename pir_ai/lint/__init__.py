"""The blameless-language and action-item linter.

Entry points: ``lint_text``, ``lint_action_item``, ``lint_markdown``, ``lint_postmortem``;
the catalogue is in ``all_rules()`` (``pir-ai rules`` prints it).
"""

from pir_ai.lint.api import lint_action_item, lint_markdown, lint_postmortem, lint_text
from pir_ai.lint.config import LintConfig, find_config, load_config
from pir_ai.lint.registry import Rule, all_rules, get_rule

__all__ = [
    "LintConfig",
    "Rule",
    "all_rules",
    "find_config",
    "get_rule",
    "lint_action_item",
    "lint_markdown",
    "lint_postmortem",
    "lint_text",
    "load_config",
]
