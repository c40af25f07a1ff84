"""The eval as CI runs it: offline and on replayed cassettes of a real model, against baselines.

The SmolLM2-135M-Instruct cassettes were recorded from llama-cpp-python's
OpenAI-compatible server (see evals/README.md), so replay exercises the real wire
format and a real model's (poor) answers without a server or network.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.serializers import yamlserializer

from evals import recording
from evals.recording import normalised_body, recorded_datasets
from evals.runner import Scorecard, compare, dataset_names, load_baseline, run_eval
from pir_ai.cli.evaluate import provider_options
from pir_ai.cli.main import main
from pir_ai.draft import draft_postmortem
from pir_ai.errors import ConfigError, TruncationError
from pir_ai.events import EventKind, FileReport
from pir_ai.ingest import IngestOptions, ParseResult, by_name
from pir_ai.providers import FakeProvider
from tests.incident_builder import IncidentBuilder

SMOLLM2 = "openai-compat:smollm2"


def stored_baseline(provider: str) -> Scorecard:
    baseline = load_baseline(provider)
    assert baseline is not None, f"no committed baseline for {provider}"
    return baseline


@pytest.fixture(scope="module")
def offline_card() -> Scorecard:
    return run_eval("offline")


def test_offline_eval_covers_every_dataset_and_does_not_regress(offline_card: Scorecard) -> None:
    assert len(dataset_names()) >= 10
    assert set(offline_card.datasets) == set(dataset_names())
    assert compare(offline_card, stored_baseline("offline")) == []


def test_replayed_model_eval_plays_every_recorded_request_and_does_not_regress(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cassettes: list[Any] = []
    real = recording.use_cassette

    @contextlib.contextmanager
    def watched(provider: str, dataset: str, mode: str) -> Iterator[Any]:
        with real(provider, dataset, mode) as cassette:
            yield cassette
        cassettes.append(cassette)

    monkeypatch.setattr("evals.runner.use_cassette", watched)
    card = run_eval(SMOLLM2, mode="replay")
    assert set(card.datasets) == set(recorded_datasets(SMOLLM2)) != set()
    assert len(cassettes) == len(card.datasets)
    assert all(c.play_count > 0 and c.all_played for c in cassettes)
    assert compare(card, stored_baseline(SMOLLM2)) == []
    # The small model's answers are real and mostly wrong: verification must say so.
    assert card.aggregate["model_answers_rejected"]


def test_request_missing_from_the_cassette_fails_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = recorded_datasets(SMOLLM2)[0]
    source = recording.cassette_dir(SMOLLM2)
    target = tmp_path / source.name
    shutil.copytree(source, target)
    cassette = target / f"{name}.yaml"
    recorded = yamlserializer.deserialize(cassette.read_text(encoding="utf-8"))
    recorded["interactions"] = recorded["interactions"][:-1]
    cassette.write_text(yamlserializer.serialize(recorded), encoding="utf-8")
    monkeypatch.setattr(recording, "CASSETTES", tmp_path)
    with pytest.raises(CannotOverwriteExistingCassetteException):
        run_eval(SMOLLM2, [name], mode="replay")


def test_fence_tokens_are_the_only_difference_a_replay_forgives() -> None:
    body = '{"content": "<<<INCIDENT-DATA 0123456789abcdef>>>\\nx\\n<<<END-INCIDENT-DATA %s>>>"}'
    same = normalised_body(body % "0123456789abcdef")
    assert same == normalised_body((body % "0123456789abcdef").replace("0123", "fedc"))
    assert same != normalised_body((body % "0123456789abcdef").replace("\\nx", "\\ny"))


def test_replay_without_a_recording_names_what_to_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording, "CASSETTES", tmp_path)
    with pytest.raises(ConfigError, match="--record"):
        run_eval(SMOLLM2, mode="replay")
    with pytest.raises(ConfigError, match="--record"):
        run_eval(SMOLLM2, ["dns"], mode="replay")


def test_cli_replays_and_compares_with_the_baseline(tmp_path: Path) -> None:
    code = main(["eval", "--provider", SMOLLM2, "--replay", "--out", str(tmp_path)])
    assert code == 0
    card = Scorecard.model_validate_json((tmp_path / "scorecard.json").read_bytes())
    assert set(card.datasets) == set(recorded_datasets(SMOLLM2))
    assert "| **mean** |" in (tmp_path / "scorecard.md").read_text(encoding="utf-8")


def test_provider_options_read_json_values_and_refuse_pairs_without_a_key() -> None:
    assert provider_options(["context_window=8192", "json_mode=json_object"]) == {
        "context_window": 8192,
        "json_mode": "json_object",
    }
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        provider_options(["=1"])


def test_a_model_whose_every_answer_is_cut_off_still_yields_a_flagged_draft() -> None:
    built = IncidentBuilder()
    built.say(2, "Ana", "checkout returns HTTP 500 for every order")
    built.say(31, "Ben", "rolled back deploy 8812, errors stopped")

    def cut_off(_request: object) -> str:
        raise TruncationError("cut off at the output-token limit", provider="fake", model="fake")

    draft = draft_postmortem(built.incident(), provider=FakeProvider(cut_off))
    rejected = {f.location.field for f in draft.findings if f.code == "PIR100"}
    assert {"summary", "response", "analysis", "retrospective", "actions"} <= rejected
    assert draft.summary  # the offline engine wrote it


def _drop_every_third_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken Slack export reader: every third message vanishes without a trace."""
    reader = by_name("slack-export")
    parse = reader.parse

    def broken(path: Path, options: IngestOptions) -> ParseResult:
        result = parse(path, options)
        messages = [e for e in result.events if e.kind is EventKind.MESSAGE]
        lost = {id(e) for e in messages[2::3]}
        kept = [e for e in result.events if id(e) not in lost]
        report = FileReport.model_validate(
            {
                **result.report.model_dump(),
                "records_read": result.report.records_read - len(lost),
                "events_produced": result.report.events_produced - len(lost),
            }
        )
        return ParseResult(events=kept, report=report, extra=result.extra)

    monkeypatch.setattr(reader, "parse", broken)


def test_a_parser_that_drops_every_third_message_fails_the_eval(
    monkeypatch: pytest.MonkeyPatch, offline_card: Scorecard
) -> None:
    _drop_every_third_message(monkeypatch)
    broken = run_eval("offline")
    regressions = compare(broken, stored_baseline("offline"))
    assert "key_event_recall" in {r.metric for r in regressions}, broken.aggregate
    assert compare(offline_card, stored_baseline("offline")) == []


def test_recording_one_dataset_with_other_options_than_the_rest_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(recording.cassette_dir(SMOLLM2), tmp_path / recording.provider_slug(SMOLLM2))
    monkeypatch.setattr(recording, "CASSETTES", tmp_path)
    stored = recording.load_settings(SMOLLM2)
    changed = stored.model_copy(update={"max_output_tokens": 999})
    name = recorded_datasets(SMOLLM2)[0]
    with pytest.raises(ConfigError, match="other options"):
        run_eval(SMOLLM2, [name], mode="record", settings=changed)
    assert recording.load_settings(SMOLLM2) == stored
