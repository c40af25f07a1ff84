"""Redaction, piece by piece: consistent pseudonyms, each kind of value, secrets, config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pir_ai import draft_postmortem
from pir_ai.errors import ConfigError
from pir_ai.events import EventKind
from pir_ai.providers import FakeProvider
from pir_ai.redact import (
    SECRET_MARK,
    Kind,
    Pseudonyms,
    RedactionConfig,
    Redactor,
    find_secrets,
    load_redaction_config,
)
from tests.conftest import FIXTURES
from tests.drafting_support import checkout_story
from tests.incident_builder import IncidentBuilder


def one_person_in_three_sources() -> Redactor:
    built = IncidentBuilder()
    built.say(1, "Priya Raman", "checkout 5xx, looking")
    built.add(2, EventKind.ALERT_ACKNOWLEDGED, "acknowledged", actor="Priya Raman", source="pd")
    built.speak(3, "Priya Raman", "I rolled back at the top of the hour")
    built.add(4, EventKind.CHANGE, "deploy by=priya.raman", actor="priya.raman", source="deploy")
    built.say(5, "Marco Diaz", "thanks @priya, Priya fixed it; ping marco.diaz if it recurs")
    return Redactor.for_incident(built.incident())


def test_one_person_is_one_pseudonym_whatever_the_source_calls_her() -> None:
    redactor = one_person_in_three_sources()
    token = redactor.redact_text("Priya Raman")
    assert token.startswith("PERSON_")
    for alias in ("priya.raman", "PRIYA RAMAN", "Priya", "@priya"):
        assert redactor.redact_text(alias).lstrip("@") == token, alias
    text = redactor.redact_text("thanks @priya, Priya fixed it; ping marco.diaz if it recurs")
    assert "riya" not in text and "marco" not in text.casefold()
    assert text.count(token) == 2


def test_unmasking_restores_the_canonical_name_exactly_accents_and_all() -> None:
    redactor = Redactor()
    token = redactor.add_person("José Álvarez-Núñez")
    masked = redactor.redact_text("José Álvarez-Núñez and josé álvarez-núñez agreed")
    assert masked == f"{token} and {token} agreed"
    assert redactor.unmask(masked) == "José Álvarez-Núñez and José Álvarez-Núñez agreed"
    assert redactor.unmask(f"{token.lower()} said") == "José Álvarez-Núñez said"


def test_a_given_name_in_text_is_a_person_even_if_they_never_wrote() -> None:
    redactor = Redactor()
    masked = redactor.redact_text("Called Teresa Lindqvist; Teresa will retry. Grant access later?")
    assert "Teresa" not in masked and "Lindqvist" not in masked
    assert redactor.unmask(masked).startswith("Called Teresa Lindqvist; Teresa Lindqvist will")
    keep = Redactor(RedactionConfig(keep=("Grant",)))
    assert "Grant access" in keep.redact_text("Grant access later?")


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (Kind.EMAIL, "mail ana.lima@shop-example.com now", "ana.lima@shop-example.com"),
        (Kind.PHONE, "call +44 20 7946 0958 now", "+44 20 7946 0958"),
        (Kind.PHONE, "call (415) 555-0199 now", "(415) 555-0199"),
        (Kind.PHONE, "call 415-555-0100 now", "415-555-0100"),
        (Kind.IP, "replica 10.24.7.19 is down", "10.24.7.19"),
        (Kind.IP, "replica 2001:db8:85a3::8a2e:370:7334 is down", "2001:db8:85a3::8a2e:370:7334"),
        (Kind.HOST, "db-7.prod.shop-internal.com is down", "db-7.prod.shop-internal.com"),
        (Kind.CUSTOMER, "customer cus_Q8x7Lm2N9pZ failed", "cus_Q8x7Lm2N9pZ"),
        (Kind.CUSTOMER, "ticket for CUST-884213", "CUST-884213"),
    ],
)
def test_each_kind_of_personal_value_becomes_a_pseudonym_that_unmasks(
    kind: Kind, text: str, value: str
) -> None:
    redactor = Redactor()
    masked = redactor.redact_text(text)
    assert value not in masked and f"{kind.value}_1" in masked
    assert redactor.unmask(masked) == text
    assert redactor.report().pseudonyms == {kind.value: 1}


@pytest.mark.parametrize(
    "text",
    [
        "at 14:02:33 on 2024-05-14 the error rate was 1,204 of 38%",
        "release 2024.05.01-2, version 1.2.3, deploy 8812, commit 3f2a9c1d",
        "sha 4dff2f38895b22940eec83eeb9ce9384735c3380 fingerprint 5f2b1c0e9a7d3e41",
        "see checkout.py and config.yaml, p99 3.4s, threshold 2s, error ratio 0.23 > 0.05",
    ],
)
def test_times_figures_versions_commits_and_file_names_are_left_alone(text: str) -> None:
    redactor = Redactor()
    assert redactor.redact_text(text) == text


@pytest.mark.parametrize(
    "secret",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "xoxb-2417730517-5391937284371-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxe.xoxp-1-Mi0yLTE3NzA5ODg0NjQ4MzgtMTc3MDk4ODQ2NTc5NC0xNzcwOTg4NDY1ODk",
        "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s01",
        "sk-proj-Ab12Cd34Ef56Gh78Ij90T3BlbkFJKl12Mn34Op56Qr78",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwcml5YSJ9.kR3n9Qx7vT2pL8mZ4wY6sB1cD5fG0hJ9a",
    ],
)
def test_secrets_are_removed_for_good(secret: str) -> None:
    redactor = Redactor()
    masked = redactor.redact_text(f"pasted {secret} by mistake")
    assert secret not in masked and SECRET_MARK in masked
    assert secret not in redactor.unmask(masked)
    assert redactor.report().secrets_removed >= 1


def test_passwords_basic_auth_and_private_keys_go_too() -> None:
    text = (
        "password: Tr0ub4dor&3xQ!\n"
        "dsn postgres://svc_pay:S3cretPassw0rd@db.internal:5432/pay\n"
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7v3kQ9xZtP2mL8sR4wB6nY1cD0fH\n"
        "-----END RSA PRIVATE KEY-----"
    )
    masked = Redactor().redact_text(text)
    for secret in (
        "Tr0ub4dor&3xQ!",
        "S3cretPassw0rd",
        "MIIEowIBAAKCAQEA7v3kQ9xZtP2mL8sR4wB6nY1cD0fH",
    ):
        assert secret not in masked


def test_find_secrets_uses_detect_secrets_plugins_without_flagging_words() -> None:
    assert find_secrets("Alice rolled back deploy 1234 at 14:02, errors dropped") == []
    assert find_secrets("AWS key AKIAIOSFODNN7EXAMPLE") == ["AKIAIOSFODNN7EXAMPLE"]


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        ("https://g.io/d/x?orgId=1&token=abc123", "https://HOST_1/d/x?orgId=1"),
        ("https://g.io/d/x?token=abc123&orgId=1", "https://HOST_1/d/x?orgId=1"),
        ("https://g.io/s?X-Amz-Signature=ff00&X-Amz-Credential=a%2Fb", "https://HOST_1/s"),
        ("https://bob:hunter22@g.io/a#access_token=zz", "https://HOST_1/a"),
    ],
)
def test_tokens_leave_urls_and_the_rest_of_the_url_stays(url: str, cleaned: str) -> None:
    redactor = Redactor()
    assert redactor.redact_text(f"see {url} now") == f"see {cleaned} now"
    assert redactor.report().url_tokens_removed >= 1


def test_host_names_can_be_kept_and_customer_patterns_added_by_config() -> None:
    config = RedactionConfig(
        hostnames=False, customer_patterns=(r"\bacct[ #:]+(\d{6})\b",), token_params=("ticket",)
    )
    redactor = Redactor(config)
    masked = redactor.redact_text("db-7.shop.com for acct #123456 https://x.com/a?ticket=9")
    assert masked == "db-7.shop.com for acct #CUSTOMER_1 https://x.com/a"


def test_redacting_twice_changes_nothing_more() -> None:
    redactor = one_person_in_three_sources()
    once = redactor.redact_text("Priya Raman (priya@x.com, 10.0.0.1) pasted AKIAIOSFODNN7EXAMPLE")
    assert redactor.redact_text(once) == once


def test_the_report_counts_kinds_and_never_holds_a_value() -> None:
    redactor = one_person_in_three_sources()
    redactor.redact_text("Priya Raman mailed ana@shop.com from 10.0.0.1 with AKIAIOSFODNN7EXAMPLE")
    report = redactor.report()
    assert report.pseudonyms["PERSON"] == 2 and report.pseudonyms["EMAIL"] == 1
    assert report.replaced["SECRET"] == 1 and report.replaced["IP"] == 1
    stored = report.model_dump_json()
    for value in ("Priya", "ana@shop.com", "10.0.0.1", "AKIAIOSFODNN7EXAMPLE"):
        assert value not in stored


def test_the_map_saves_locally_and_loads_back(tmp_path: Path) -> None:
    redactor = one_person_in_three_sources()
    masked = redactor.redact_text("Priya Raman at 10.0.0.1")
    path = tmp_path / "map.json"
    redactor.map.save(path)
    assert path.stat().st_mode & 0o077 == 0
    loaded = Pseudonyms.load(path)
    assert loaded.unmask(masked) == "Priya Raman at 10.0.0.1"
    assert loaded.token(Kind.IP, "10.0.0.2") == "IP_2"


def test_a_pseudonym_the_model_invented_is_left_as_written_and_counted() -> None:
    redactor = one_person_in_three_sources()
    assert redactor.unmask("PERSON_99 did it") == "PERSON_99 did it"
    assert redactor.map.unknown("PERSON_99 and PERSON_1") == ["PERSON_99"]


def should_redact(
    remote: bool, redact: bool | None = None, config: RedactionConfig | None = None
) -> bool:
    """Whether a model draft made with these settings sent the model a redacted incident."""
    incident, _ = checkout_story()
    fake = FakeProvider(lambda request: {"unexpected": True}, remote=remote)
    draft_postmortem(incident, provider=fake, redact=redact, redaction=config)
    sent = " ".join(m.content for r in fake.requests for m in r.messages)
    assert sent and "Priya" in " ".join(e.text + (e.actor or "") for e in incident.events)
    return "Priya" not in sent


def test_redaction_is_on_for_remote_providers_and_follows_the_call_then_the_config() -> None:
    remote, local = True, False
    assert should_redact(remote) and not should_redact(local)
    assert should_redact(local, True) and not should_redact(remote, False)
    assert not should_redact(remote, None, RedactionConfig(enabled=False))
    assert should_redact(local, None, RedactionConfig(enabled=True))
    assert should_redact(remote, True, RedactionConfig(enabled=False))


def test_config_reads_from_toml_and_refuses_unknown_keys_and_bad_patterns(tmp_path: Path) -> None:
    path = tmp_path / "pir.toml"
    path.write_text(
        "[tool.pir_ai.redaction]\nenabled = true\nhostnames = false\n"
        'customer_patterns = ["ORD-\\\\d+"]\nmapping_path = "map.json"\n',
        encoding="utf-8",
    )
    config = load_redaction_config(path)
    assert config.enabled is True and config.hostnames is False
    assert config.customer_patterns == (r"ORD-\d+",) and config.mapping_path == Path("map.json")
    with pytest.raises(ConfigError, match="unknown redaction settings"):
        load_redaction_config({"hostname": False})
    with pytest.raises(ConfigError, match="not a valid regex"):
        load_redaction_config({"customer_patterns": ["(unclosed"]})
    assert json.loads(json.dumps(load_redaction_config({}).token_params))


def test_a_name_two_namesakes_share_stands_for_neither_of_them() -> None:
    """Namesakes each keep a pseudonym; the bare shared name, as a speaker said it, gets its
    own, so unmasking never credits the speaker's words to one of the namesakes."""
    from pir_ai.ingest import load_incident

    incident = load_incident(FIXTURES / "namesakes")
    actors = {e.actor for e in incident.events if e.actor and not e.is_bot}
    namesakes = sorted(a for a in actors if a.startswith("Alex Kim ["))
    assert len(namesakes) == 2 and "Alex Kim" in actors
    redactor = Redactor.for_incident(incident)
    tokens = {name: redactor.add_person(name) for name in [*namesakes, "Alex Kim"]}
    assert len(set(tokens.values())) == 3
    assert redactor.unmask(redactor.redact_text("Alex Kim raised the pool limit")) == (
        "Alex Kim raised the pool limit"
    )
    for name, token in tokens.items():
        assert redactor.unmask(token) == name


def test_a_name_someone_owns_stays_redacted_when_another_person_also_claims_it() -> None:
    redactor = Redactor()
    owner = redactor.add_person("Sam Lee")
    other = redactor.add_person("Samuel Lee-Park", aliases=["Sam Lee"])
    assert owner != other
    sent = redactor.redact_text("Sam Lee and Samuel Lee-Park paired on the fix")
    assert "Sam" not in sent and "Lee" not in sent
    assert redactor.unmask(sent) == "Sam Lee and Samuel Lee-Park paired on the fix"
