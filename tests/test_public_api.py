"""The public API is a promise: ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import pir_ai


def test_all_is_sorted() -> None:
    assert list(pir_ai.__all__) == sorted(pir_ai.__all__)


def test_every_name_in_all_is_importable() -> None:
    for name in pir_ai.__all__:
        assert getattr(pir_ai, name) is not None, name


def test_no_public_name_is_missing_from_all() -> None:
    public = {
        name
        for name, value in vars(pir_ai).items()
        if not name.startswith("_") and not isinstance(value, type(pir_ai))
    }
    assert public == set(pir_ai.__all__)
