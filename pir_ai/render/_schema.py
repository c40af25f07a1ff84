"""The published JSON schema of ``Postmortem`` (docs/postmortem.schema.json).

Regenerate after changing the model:
``python -m pir_ai.render._schema docs/postmortem.schema.json``.
A test fails while the committed file differs from the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pir_ai.postmortem import Postmortem

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def postmortem_schema() -> dict[str, Any]:
    """The JSON schema of ``Postmortem`` (pydantic's), naming the draft 2020-12 dialect."""
    return {"$schema": DIALECT, **Postmortem.model_json_schema()}


def schema_text() -> str:
    """The schema as the committed file holds it: sorted keys, two-space indent, final newline."""
    return json.dumps(postmortem_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the path given (default: stdout)."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        Path(args[0]).write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
