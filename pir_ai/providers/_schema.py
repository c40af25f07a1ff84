"""JSON schemas for structured output: strict-mode conversion and local checking.

OpenAI's strict mode accepts a subset of JSON schema: every object must list all
its properties as required and forbid additional ones, and ``$ref`` may not carry
sibling keywords. ``strict_json_schema`` rewrites a pydantic-style schema into
that subset, turning optional properties into nullable ones; ``drop_added_nulls``
undoes that on the answer, so pydantic defaults apply again.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import jsonschema

__all__ = ["drop_added_nulls", "schema_errors", "strict_json_schema"]

_UNSUPPORTED_IN_STRICT = ("default", "examples")
_NULL: dict[str, Any] = {"type": "null"}


def _resolve(ref: str, root: Mapping[str, Any]) -> dict[str, Any]:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def _allows_null(schema: Mapping[str, Any], root: Mapping[str, Any]) -> bool:
    if "$ref" in schema:
        return _allows_null(_resolve(schema["$ref"], root), root)
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_allows_null(option, root) for option in schema.get("anyOf", ()))


def _strict(node: Any, root: Mapping[str, Any]) -> Any:
    if isinstance(node, list):
        return [_strict(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and len(node) > 1:
        merged = {**_resolve(node["$ref"], root), **{k: v for k, v in node.items() if k != "$ref"}}
        return _strict(merged, root)
    out = {k: _strict(v, root) for k, v in node.items() if k not in _UNSUPPORTED_IN_STRICT}
    if "properties" in out or out.get("type") == "object":
        properties: dict[str, Any] = out.setdefault("properties", {})
        required = set(node.get("required", ()))
        for name, prop in properties.items():
            if name not in required and not _allows_null(prop, root):
                properties[name] = {"anyOf": [prop, _NULL]}
        out["required"] = list(properties)
        out["additionalProperties"] = False
    return out


def strict_json_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` that OpenAI accepts with ``strict: true``."""
    root = copy.deepcopy(dict(schema))
    converted: dict[str, Any] = _strict(root, root)
    return converted


def drop_added_nulls(value: Any, schema: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    """Remove ``null`` values strict mode forced into optional, non-nullable properties."""
    if "$ref" in schema:
        schema = _resolve(schema["$ref"], root)
    if isinstance(value, dict) and "properties" in schema:
        required = set(schema.get("required", ()))
        kept: dict[str, Any] = {}
        for key, item in value.items():
            prop = schema["properties"].get(key)
            if prop is None:
                kept[key] = item
            elif item is None and key not in required and not _allows_null(prop, root):
                continue
            else:
                kept[key] = drop_added_nulls(item, prop, root)
        return kept
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [drop_added_nulls(item, schema["items"], root) for item in value]
    for option in schema.get("anyOf", ()):
        if not _allows_null(option, root) and value is not None:
            try:
                jsonschema.validate(value, {**root, **option})
            except jsonschema.ValidationError:
                continue
            return drop_added_nulls(value, option, root)
    return value


def schema_errors(value: Any, schema: Mapping[str, Any], *, limit: int = 20) -> list[str]:
    """Why ``value`` does not satisfy ``schema``: one line per problem, with its JSON path."""
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors[:limit]]


def parse_and_check(text: str, schema: Mapping[str, Any]) -> tuple[Any | None, list[str]]:
    """Parse ``text`` as JSON and check it against ``schema``: ``(value, problems)``."""
    try:
        value = json.loads(text)
    except ValueError as err:
        return None, [f"the answer is not valid JSON: {err}"]
    value = drop_added_nulls(value, schema, schema)
    return value, schema_errors(value, schema)
