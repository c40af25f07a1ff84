"""The offline engine: drafts a postmortem from the events alone, with no model."""
