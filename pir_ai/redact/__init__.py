"""Redaction before a model reads an incident, and unmasking of the draft it writes.

People, emails, phone numbers, IP addresses, host names and customer ids become
consistent pseudonyms (``PERSON_3``) that ``Redactor.unmask`` restores; secrets are
removed for good. See docs/security.md for what is and is not redacted.
"""

from __future__ import annotations

from pir_ai.redact._names import given_names
from pir_ai.redact._patterns import (
    DEFAULT_TOKEN_PARAMS,
    SECRET_MARK,
    Kind,
    RedactionConfig,
    clean_url,
    find_urls,
    load_redaction_config,
)
from pir_ai.redact._pseudonyms import Pseudonyms
from pir_ai.redact._redactor import Redactor
from pir_ai.redact._report import RedactionReport
from pir_ai.redact._secrets import find_secrets

__all__ = [
    "DEFAULT_TOKEN_PARAMS",
    "SECRET_MARK",
    "Kind",
    "Pseudonyms",
    "RedactionConfig",
    "RedactionReport",
    "Redactor",
    "clean_url",
    "find_secrets",
    "find_urls",
    "given_names",
    "load_redaction_config",
]
