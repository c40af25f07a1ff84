"""Holds the figures recorded in evals/lint/README.md at their floors, and the
distinctions behind earlier misses: counts against names, standing instructions against
system changes, team blame against organisational description, people the lists do not
know against systems, fault predicates against their technical twins, judgements with no
fault verb against the same words about systems or workload, and vague manner words
against measurable targets. Each blame distinction runs on the parse and on the pattern
path."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from pir_ai.lint import LintConfig, lint_action_item, lint_text
from pir_ai.lint._item_text import read_item
from tests.conftest import REPO

EVALS = REPO / "evals" / "lint"
# Named explicitly, never globbed: holdout6_* is an independent set nobody tunes on or reads.
SETS = {
    "dev": ("sentences.jsonl", "action_items.jsonl"),
    "holdout": ("holdout_sentences.jsonl", "holdout_action_items.jsonl"),
    "holdout2": ("holdout2_sentences.jsonl", "holdout2_action_items.jsonl"),
    "holdout3": ("holdout3_sentences.jsonl", "holdout3_action_items.jsonl"),
    "holdout4": ("holdout4_sentences.jsonl", "holdout4_action_items.jsonl"),
    "holdout5": ("holdout5_sentences.jsonl", "holdout5_action_items.jsonl"),
}


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"lint_{name}", EVALS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Measured with the blame rules on the parse (python evals/lint/score.py --sentences F
# --items F, figures in evals/lint/README.md), each floor a little under its figure. Every
# set here has been tuned on: these guard against regressions, they are not estimates.
FLOORS = {  # (blame P, blame R, vague P, vague R)
    "dev": (0.99, 0.95, 1.0, 1.0),
    "holdout": (1.0, 0.95, 1.0, 1.0),
    "holdout2": (1.0, 1.0, 1.0, 1.0),
    "holdout3": (1.0, 0.9, 1.0, 1.0),
    "holdout4": (0.97, 0.97, 1.0, 1.0),
    "holdout5": (1.0, 0.9, 1.0, 1.0),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_precision_and_recall_stay_at_their_measured_floor_on_the_tuned_sets(name: str) -> None:
    score = _script("score")
    sentences, items = SETS[name]
    blame = score.score(EVALS / sentences, "blame", score._blame, False)
    vague = score.score(EVALS / items, "vague", score._vague, False)
    measured = (blame["precision"], blame["recall"], vague["precision"], vague["recall"])
    assert all(m >= f for m, f in zip(measured, FLOORS[name], strict=True)), measured


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Investigate the 3 failed shard moves.", True),
        ("Reduce p95 to under 400 ms.", True),
        ("Investigate the intermittent 502s from the edge proxy.", False),
        ("Look into the 5xx spike on worker-12.", False),
        ("Look into the HTTP 500 errors in OPS-77.", False),
        ("Double-check the flags.", False),
    ],
)
def test_only_a_count_or_threshold_is_a_number(text: str, counts: bool) -> None:
    assert read_item(text).has_number is counts


def _vague(text: str) -> set[str]:
    only = LintConfig(select=["PIR301", "PIR306", "PIR307", "PIR308"])
    return {f.code for f in lint_action_item(text, config=only)}


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Going forward, test migrations on a staging copy.", True),
        ("From now on, we will page the database team sooner.", True),
        ("Going forward, the team will double-check flags before each release.", True),
        ("Going forward, the deploy script refuses --force.", False),
        ("Going forward, require two approvals for payments-db migrations.", False),
        ("From now on, every deploy must pass the canary stage.", False),
    ],
)
def test_going_forward_flags_standing_instructions_not_system_changes(
    text: str, vague: bool
) -> None:
    assert ("PIR307" in _vague(text)) is vague


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Better alerting for `checkout-api`.", True),
        ("Ownership of the cron jobs.", True),
        ("Updates to the on-call runbook.", True),
        ("Better alerting for checkout-api: page at >2% 5xx for 5 minutes.", False),
        ("Updates the on-call runbook with the replica promotion command.", False),
    ],
)
def test_verbless_items_need_a_target(text: str, vague: bool) -> None:
    assert ("PIR306" in _vague(text)) is vague


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("The storage team let the disk usage on the log volume creep past 90%.", True),
        ("Management should have approved the replicas.", True),
        ("Everybody knew the restore was untested, yet nobody scheduled a drill.", True),
        ("The search team needs to learn how shard allocation works.", True),
        ("The log rotation let the disk fill up.", False),
        ("Memory management failed to free the buffers.", False),
        ("The team deliberately let the old index grow until the reindex.", False),
        ("The search team owns the shard allocation settings.", False),
        ("We need to learn from this outage.", False),
    ],
)
def test_a_team_is_blamed_like_a_person_but_not_described_like_one(
    text: str, blamed: bool, blame_path: str
) -> None:
    assert _blamed(text) is _expect(text, blamed, blame_path)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Investigate why 3 of the 40 brokers dropped out.", True),
        ("Look into how the export ends up taking two hours.", True),
        ("Investigate the 3 failed shard moves.", False),
        ("Investigate why 3 brokers dropped out and publish the findings in OPS-12.", False),
        ("Increase the replica count for `search-api`.", True),
        ("Reduce the error budget burn on checkout-web.", True),
        ("Increase the replica count for `search-api` from 3 to 5.", False),
    ],
)
def test_a_symptom_count_or_a_place_does_not_bound_an_item(text: str, vague: bool) -> None:
    assert bool(_vague(text) & {"PIR301", "PIR306"}) is vague


def _blamed(text: str) -> bool:
    return bool(lint_text(text, config=LintConfig(select=["PIR2"])))


PARSE_MISSES = {
    # The pattern path was tuned on these; the parse path still gets them wrong (the small
    # model misparses "lies" as a noun and "creep" as the head of "let"; no fitness or
    # irony matcher yet reads "too busy with a side project" or "well done"). A fix turns
    # the assertion round: then drop the sentence from here.
    "The storage team let the disk usage on the log volume creep past 90%.",
    "The failure to page lies squarely with the duty manager.",
    "Whoever decided that one region was a good idea, well done.",
    "The DBA was too busy with a side project to read the alert.",
    "Recovery was slowed by Anselm's insistence on debugging in production.",
    "It boils down to Wenceslas not rebalancing the partitions.",
}


@pytest.fixture(params=["parse", "pattern"])
def blame_path(request: pytest.FixtureRequest) -> str:
    """Each blame distinction on both paths: the parse, and the patterns used without it."""
    if request.param == "pattern":
        request.getfixturevalue("pattern_path")
    return str(request.param)


def _expect(text: str, blamed: bool, path: str) -> bool:
    return blamed is not (path == "parse" and text in PARSE_MISSES)


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        # A predicate only people have makes an unknown capitalised subject a name ...
        ("Wenceslas needs to learn that main is protected.", True),
        ("Wenceslas couldn't be bothered to wait for the canary.", True),
        ("Wenceslas decided to improvise.", True),
        # ... but a predicate systems share does not, and a known system stays one.
        ("Wenceslas needs to learn new weights every night.", False),
        ("Wenceslas restarted the pod at 14:02.", False),
        ("Kafka couldn't keep up with the producers.", False),
        # Role nouns and postnominal modifiers are people; number words are determiners.
        ("QA should have caught the regression.", True),
        ("The engineers involved will be held accountable.", True),
        ("The engineers involved rolled back within minutes.", False),
        ("Two missed heartbeats triggered the failover.", False),
        ("Two reviewers missed the dropped index.", True),
    ],
)
def test_people_the_lists_do_not_know_are_found_by_what_they_are_said_to_do(
    text: str, blamed: bool, blame_path: str
) -> None:
    assert _blamed(text) is _expect(text, blamed, blame_path)


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("The support team sat on the escalation for a week.", True),
        ("The commander sat on the bridge call for three hours.", False),
        ("The alert was acknowledged and then ignored by the on-call.", True),
        ("The header was ignored by the proxy.", False),
        ("The failure to page lies squarely with the duty manager.", True),
        ("Ownership of the pager lies with the duty manager.", False),
        ("Whoever decided that one region was a good idea, well done.", True),
        ("The team decided that one region was a good plan, since traffic was low.", False),
        ("Human error is a label, not an explanation.", False),
        ("Root cause: human error.", True),
    ],
)
def test_fault_predicates_are_told_from_their_neutral_twins(
    text: str, blamed: bool, blame_path: str
) -> None:
    assert _blamed(text) is _expect(text, blamed, blame_path)


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        # Fitness and temperament need a person as subject; a workload is a condition.
        ("Gwendolyn is not ready for the primary rotation.", True),
        ("The standby was not ready for the primary role until 14:05.", False),
        ("The DBA was too busy with a side project to read the alert.", True),
        ("The DBA was too busy with a second incident to read the alert.", False),
        ("The comms lead lost control of the bridge call.", True),
        ("The scheduler lost control of the lease during the partition.", False),
        # A person's trait noun blames, unless it went well.
        ("Recovery was slowed by Anselm's insistence on debugging in production.", True),
        ("Anselm's insistence on a canary caught the regression.", False),
        # Cause idioms: a name needs a person's act after it; systems pass.
        ("It boils down to Wenceslas not reading the runbook.", True),
        ("It boils down to Wenceslas not rebalancing the partitions.", False),
        ("No single engineer caused this: three defaults lined up.", False),
        # Irony and mockery aimed at people; plain figures of speech pass.
        ("The architect, in his infinite wisdom, removed the retries.", True),
        ("To put it simply, the retries were removed in March.", False),
        ("Who on earth approved a one-hour TTL on session tokens?", True),
        # The subject of "decided to ..." is the chooser; a reason is a situation.
        ("The platform team chose to ignore the quota warnings.", True),
        ("The on-call chose to ignore the alert because it had flapped all week.", False),
        # Inverted and mid-sentence counterfactuals.
        ("The outage was avoidable had the on-call simply checked the dashboard.", True),
        ("The outage was avoidable had the probe checked the right port.", False),
    ],
)
def test_judgements_without_a_fault_verb_are_told_from_the_same_words_about_systems(
    text: str, blamed: bool, blame_path: str
) -> None:
    assert _blamed(text) is _expect(text, blamed, blame_path)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Add some alerts for the nightly reconciliation.", True),
        ("Add alerts for the nightly reconciliation when it runs past 03:00.", False),
        ("Configure sensible retry limits for the webhook sender.", True),
        ("Configure a retry limit of 5 for the webhook sender.", False),
        ("Scale the ingest tier appropriately.", True),
        ("Scale the ingest tier from 4 to 6 workers.", False),
        ("Enable stricter validation wherever it makes sense.", True),
        ("Enable strict validation for the `orders` topic and verify rejects in staging.", False),
        ("Add logging to the billing service.", True),
        ("Add a log line with the tenant ID to every billing-service 5xx response.", False),
        ("Investigate why the export shrank and record the finding in OPS-9.", False),
        ("Train new engineers on the release tooling.", True),
    ],
)
def test_vague_manner_words_void_a_concrete_verb_without_a_target(text: str, vague: bool) -> None:
    assert bool(_vague(text)) is vague


CORPUS = REPO.parent / "shared" / "corpus" / "postmortems"
# Real published prose (development labels, tuned on; the documents stay in ../shared).
REAL_FLOORS = {"posthog.jsonl": (1.0, 0.85), "dfds.jsonl": (1.0, 0.75)}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the real postmortems are not in this checkout")
@pytest.mark.parametrize("name", sorted(REAL_FLOORS))
def test_real_prose_blame_stays_at_its_measured_floor(name: str) -> None:
    result = _script("real_prose").score(EVALS / "real_prose" / name, CORPUS, False)
    precision, recall = REAL_FLOORS[name]
    assert result["precision"] >= precision and result["recall"] >= recall, result
