"""Redaction before a model reads an incident, and unmasking of the draft it writes.

People, emails, phone numbers, IP addresses, host names and customer ids become
consistent pseudonyms (``PERSON_3``) that ``Redactor.unmask`` restores; secrets are
removed for good. See docs/security.md for what is and is not redacted.
"""

from __future__ import annotations

from pir_ai.redact.hooks import RedactionSession, redaction_hooks, should_redact, unredacted
from pir_ai.redact.patterns import SECRET_MARK, Kind, RedactionConfig, load_redaction_config
from pir_ai.redact.pseudonyms import Pseudonyms
from pir_ai.redact.redactor import Redactor
from pir_ai.redact.report import RedactionReport
from pir_ai.redact.secrets import find_secrets

__all__ = [
    "SECRET_MARK",
    "Kind",
    "Pseudonyms",
    "RedactionConfig",
    "RedactionReport",
    "RedactionSession",
    "Redactor",
    "find_secrets",
    "load_redaction_config",
    "redaction_hooks",
    "should_redact",
    "unredacted",
]
