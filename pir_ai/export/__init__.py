"""Sending action items to Jira, Linear and GitHub: the only stage that talks to trackers.

``pir_ai.render`` builds the payloads; ``send_issues`` posts them to an endpoint made
from the environment (``jira_endpoint``, ``linear_endpoint``, ``github_endpoint``), and
the ledger remembers what was created so a second run does not duplicate it.
"""

from pir_ai.export._endpoints import github_endpoint, jira_endpoint, linear_endpoint
from pir_ai.export._mappings import read_ledger, read_owner_ids, record_in_ledger
from pir_ai.export._send import (
    DEFAULT_TIMEOUT_S,
    RejectedResponse,
    SendResult,
    TrackerEndpoint,
    require_env,
    send_issues,
)

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "RejectedResponse",
    "SendResult",
    "TrackerEndpoint",
    "github_endpoint",
    "jira_endpoint",
    "linear_endpoint",
    "read_ledger",
    "read_owner_ids",
    "record_in_ledger",
    "require_env",
    "send_issues",
]
