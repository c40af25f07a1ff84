"""What a call costs: USD per million tokens in and out, per model.

The built-in table is a guide (public list prices, November 2025) and will age;
override it per provider with ``get_provider(..., prices={...})`` or for every
run with a JSON file named by ``PIR_AI_PRICES``::

    {"gpt-4.1-mini": {"input": 0.40, "output": 1.60}, "my-gateway-model": [1.0, 2.0]}

A model is priced by its exact name or as a dated snapshot of a known name
(``gpt-4.1-mini-2025-04-14`` is ``gpt-4.1-mini``); ``gpt-5.4`` is *not* priced as
``gpt-5``. Unpriced models cost 0.0 (local models are free) and a remote one
logs a warning once: add its price.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pir_ai.errors import ConfigError

__all__ = ["DEFAULT_PRICES", "Price", "PriceTable", "load_price_table"]

PRICES_ENV = "PIR_AI_PRICES"


@dataclass(frozen=True)
class Price:
    """USD per one million tokens."""

    input_per_mtok: float
    output_per_mtok: float

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """Cost in USD of one call."""
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1e6


DEFAULT_PRICES: Mapping[str, Price] = {
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "o3": Price(2.00, 8.00),
    "o4-mini": Price(1.10, 4.40),
    "claude-opus-4-5": Price(5.00, 25.00),
    "claude-opus-4-1": Price(15.00, 75.00),
    "claude-opus-4": Price(15.00, 75.00),
    "claude-sonnet-4-5": Price(3.00, 15.00),
    "claude-sonnet-4": Price(3.00, 15.00),
    "claude-3-7-sonnet": Price(3.00, 15.00),
    "claude-haiku-4-5": Price(1.00, 5.00),
    "claude-3-5-haiku": Price(0.80, 4.00),
}


_DATE_SUFFIX = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{8})$")


class PriceTable:
    """Prices by model name; dated snapshots share their model's price."""

    def __init__(self, prices: Mapping[str, Price]) -> None:
        self._prices = dict(prices)

    def price(self, model: str) -> Price | None:
        """The price of ``model`` or of the model it is a dated snapshot of; else None."""
        return self._prices.get(model) or self._prices.get(_DATE_SUFFIX.sub("", model))

    def cost(self, model: str, input_tokens: int, output_tokens: int) -> float:
        """Cost in USD of one call to ``model``; 0.0 for unpriced models."""
        price = self.price(model)
        return price.cost(input_tokens, output_tokens) if price else 0.0


def _as_price(model: str, value: Any, origin: str) -> Price:
    if isinstance(value, Price):
        return value
    if isinstance(value, Mapping) and {"input", "output"} <= value.keys():
        pair = (value["input"], value["output"])
    elif isinstance(value, list | tuple) and len(value) == 2:
        pair = (value[0], value[1])
    else:
        raise ConfigError(
            f"{origin}: price for {model!r} must be {{'input': x, 'output': y}} or [x, y] "
            f"(USD per 1M tokens), found {value!r}"
        )
    try:
        return Price(float(pair[0]), float(pair[1]))
    except (TypeError, ValueError) as err:
        raise ConfigError(f"{origin}: price for {model!r} is not a number: {value!r}") from err


def load_price_table(overrides: Mapping[str, Any] | None = None) -> PriceTable:
    """Built-in prices, then the ``PIR_AI_PRICES`` file, then ``overrides`` on top."""
    prices: dict[str, Price] = dict(DEFAULT_PRICES)
    path = os.environ.get(PRICES_ENV)
    if path:
        try:
            from_file = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ConfigError(
                f"{PRICES_ENV}={path}: cannot read a JSON price table: {err}"
            ) from err
        if not isinstance(from_file, dict):
            raise ConfigError(f"{PRICES_ENV}={path}: expected a JSON object of model -> price")
        prices.update({m: _as_price(m, v, path) for m, v in from_file.items()})
    if overrides:
        prices.update({m: _as_price(m, v, "prices=") for m, v in overrides.items()})
    return PriceTable(prices)
