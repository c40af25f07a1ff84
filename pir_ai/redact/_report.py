"""The account of one redaction: counts per kind and a hash of what was sent, never values."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RedactionReport"]


class RedactionReport(BaseModel):
    """What redaction did. Holds counts and a digest only: safe to store with the draft."""

    model_config = ConfigDict(extra="forbid")

    ran: bool = Field(description="True when source text was redacted before it was sent.")
    pseudonyms: dict[str, int] = Field(
        default_factory=dict, description="Distinct values given a pseudonym, per kind."
    )
    replaced: dict[str, int] = Field(
        default_factory=dict,
        description="Occurrences replaced in the sources, per kind (SECRET and URL_TOKEN too).",
    )
    secrets_removed: int = Field(default=0, description="Secret values removed for good.")
    url_tokens_removed: int = Field(
        default=0, description="Token parameters and credentials cut from URLs."
    )
    unknown_pseudonyms: int = Field(
        default=0, description="Pseudonyms in the model's answer that no source value had."
    )
    prompts: int = Field(default=0, description="Pieces of incident data sent to the model.")
    sent_sha256: str | None = Field(
        default=None, description="SHA-256 of the incident data sent, in the order sent."
    )
    mapping_file: str | None = Field(
        default=None, description="Local file the pseudonym map was saved to, if any."
    )
