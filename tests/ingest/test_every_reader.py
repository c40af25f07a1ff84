"""What every reader promises, checked on every reader ``pir_ai.ingest.formats()`` lists.

Each valid sample accounts for every record it read (read == produced + skipped).
Garbled, truncated and generated input gives a ``SourceError`` naming the input or a
partial result with its skips counted, never another exception. The generated inputs
of each reader are in ``reader_cases``; ``make fuzz`` runs many more examples
(``-m hypothesis`` with the ``fuzz`` profile).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.errors import MalformedSourceError
from pir_ai.ingest import IngestOptions, by_name, formats, sniff_sample

from .fuzzing import EDITS, Edit, assert_accounted, check_input, mutate
from .reader_cases import CASES

SAMPLES = [
    pytest.param(name, path, options, id=f"{name}/{path.name}")
    for name, case in CASES.items()
    for path, options in case.samples
]
REFUSED = [
    pytest.param(name, path, options, id=f"{name}/{path.name}")
    for name, case in CASES.items()
    for path, options in case.refused
]
GARBLES = [
    pytest.param(name, index, id=f"{name}/{index}")
    for name, case in CASES.items()
    for index in range(len(case.garbles))
]
GENERATED = [
    pytest.param(name, kind, id=f"{name}/{kind}")
    for name, case in CASES.items()
    for kind in case.inputs
]
CUTS = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99)
"""Where truncated copies of a valid file end, as a fraction of its length."""


def test_every_registered_reader_has_a_case() -> None:
    assert sorted(CASES) == sorted(f.name for f in formats())
    for name, case in CASES.items():
        assert case.samples and case.garbles, name
        assert "bytes" in case.inputs, name


@pytest.mark.parametrize(("name", "path", "options"), SAMPLES)
def test_a_valid_sample_is_claimed_and_accounts_for_every_record(
    name: str, path: Path, options: IngestOptions
) -> None:
    fmt = by_name(name)
    assert fmt.sniff(sniff_sample(path))
    result = fmt.parse(path, options)
    assert_accounted(result)
    if path.name not in CASES[name].empty:
        assert result.report.records_read > 0


@pytest.mark.parametrize(("name", "path", "options"), REFUSED)
def test_a_fixture_refused_whole_is_a_source_error_naming_it(
    name: str, path: Path, options: IngestOptions
) -> None:
    with pytest.raises(MalformedSourceError) as caught:
        by_name(name).parse(path, options)
    assert caught.value.path == str(path)


@pytest.mark.parametrize(("name", "index"), GARBLES)
@pytest.mark.parametrize("cut", CUTS)
def test_truncated_input_is_a_source_error_or_a_counted_partial_result(
    name: str, index: int, cut: float
) -> None:
    def truncate(data: bytes) -> bytes:
        return data[: int(len(data) * cut)]

    check_input(by_name(name), CASES[name].garbles[index](truncate))


@pytest.mark.parametrize(("name", "index"), GARBLES)
@given(edits=EDITS)
def test_mutated_input_is_a_source_error_or_a_counted_partial_result(
    name: str, index: int, edits: list[tuple[int, bytes]]
) -> None:
    edit: Edit = lambda data: mutate(data, edits)  # noqa: E731
    check_input(by_name(name), CASES[name].garbles[index](edit))


@pytest.mark.parametrize(("name", "kind"), GENERATED)
@given(data=st.data())
def test_generated_input_is_a_source_error_or_a_counted_result(
    name: str, kind: str, data: st.DataObject
) -> None:
    check_input(by_name(name), data.draw(CASES[name].inputs[kind], label=kind))
