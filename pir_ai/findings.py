"""A finding: something in a draft or a postmortem that a human should look at."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Category(StrEnum):
    """Rule families. Each has its own code prefix."""

    STRUCTURE = "structure"  # PIR0xx
    GROUNDING = "grounding"  # PIR1xx
    BLAME = "blame"  # PIR2xx
    ACTION_ITEM = "action_item"  # PIR3xx
    SECURITY = "security"  # PIR4xx: injection, unsupported links and instructions


class Severity(StrEnum):
    """The Vale ladder: only ``error`` fails a CI gate by default."""

    INFO = "info"
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for thresholds: info < suggestion < warning < error."""
        return list(Severity).index(self)


class Location(BaseModel):
    """Where a finding points: a line and column in a file, or a field path in a draft."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int | None = Field(default=None, description="1-based line.")
    column: int | None = Field(default=None, description="1-based column.")
    end_line: int | None = None
    end_column: int | None = None
    field: str | None = Field(default=None, description="Field path, e.g. 'action_items[2].owner'.")

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        return self.field or "document"


class Finding(BaseModel):
    """One finding for human review, with a rewrite when one can be suggested."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable rule code, e.g. 'PIR201'.")
    category: Category
    severity: Severity
    message: str
    location: Location = Field(default_factory=Location)
    matched: str | None = Field(default=None, description="The text the rule matched.")
    suggestion: str | None = Field(default=None, description="A rewrite in the what/how form.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    name: str | None = Field(default=None, description="Rule name, e.g. 'counterfactual-person'.")
