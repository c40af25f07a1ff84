"""get_provider: spec strings, keys from the environment, plugins, cache wrapping."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

from pir_ai import draft_postmortem
from pir_ai.errors import AuthenticationError, ConfigError
from pir_ai.providers import (
    ENTRY_POINT_GROUP,
    CachingProvider,
    CompletionRequest,
    FakeProvider,
    Message,
    Provider,
    available_providers,
    get_provider,
)
from tests.drafting_support import checkout_story

KEY_VARIABLES = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "OPENAI_API_VERSION",
    "PIR_AI_PRICES",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in KEY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


def test_openai_spec_reads_the_key_from_openai_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    provider = get_provider("openai:gpt-4.1-mini", max_retries=5)
    assert type(provider).__name__ == "OpenAIProvider"
    assert (provider.name, provider.model, provider.remote) == ("openai", "gpt-4.1-mini", True)
    assert provider.client.api_key == "sk-from-env"
    assert provider.client.max_retries == 5


@pytest.mark.parametrize(
    ("spec", "variable"),
    [
        ("openai:gpt-4.1-mini", "OPENAI_API_KEY"),
        ("anthropic:claude-haiku-4-5", "ANTHROPIC_API_KEY"),
        ("azure:pir-deployment", "AZURE_OPENAI_API_KEY"),
    ],
)
def test_missing_key_names_the_variable_to_set(spec: str, variable: str) -> None:
    with pytest.raises(AuthenticationError, match=variable):
        get_provider(spec)


def test_anthropic_spec_builds_the_anthropic_adapter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-env")
    provider = get_provider("anthropic:claude-haiku-4-5")
    assert type(provider).__name__ == "AnthropicProvider"
    assert provider.client.api_key == "sk-ant-env"
    assert provider.client.max_retries == 2


def test_azure_reads_endpoint_key_and_api_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "az-env")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://pir.openai.azure.com")
    monkeypatch.setenv("OPENAI_API_VERSION", "2025-03-01-preview")
    provider = get_provider("azure:pir-deployment")
    assert type(provider).__name__ == "AzureOpenAIProvider"
    assert provider.client._api_version == "2025-03-01-preview"


def test_azure_without_endpoint_says_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "az-env")
    with pytest.raises(ConfigError, match="AZURE_OPENAI_ENDPOINT"):
        get_provider("azure:pir-deployment")


def test_openai_compat_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        get_provider("openai-compat:llama3.1")


def test_openai_compat_on_localhost_is_not_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    local = get_provider("openai-compat:llama3.1")
    gateway = get_provider("openai-compat:gpt-4o", base_url="https://llm.example.com/v1")
    assert type(local).__name__ == type(gateway).__name__ == "OpenAICompatProvider"
    assert (local.remote, gateway.remote) == (False, True)


def test_offline_and_fake_need_no_key() -> None:
    offline = draft_postmortem(checkout_story()[0], provider="offline")
    fake = get_provider("fake", script=["hi"])
    assert offline.metadata.produced_without_model and offline.metadata.generator == "offline"
    assert isinstance(fake, FakeProvider) and fake.model == "fake"


def test_model_is_required_for_cloud_providers() -> None:
    with pytest.raises(ConfigError, match="openai:MODEL"):
        get_provider("openai")


def test_unknown_provider_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown provider 'bard'.*anthropic"):
        get_provider("bard:x")


class EchoProvider:
    """A third-party provider, registered through the entry-point group."""

    name = "echo"
    remote = False

    def __init__(self, model: str, **options: Any) -> None:
        self.model = model or "echo-1"
        self.options = options

    def complete(self, request: CompletionRequest) -> Any:
        raise NotImplementedError

    async def acomplete(self, request: CompletionRequest) -> Any:
        raise NotImplementedError


def installed(monkeypatch: pytest.MonkeyPatch, folder: Path, plugin: EntryPoint) -> None:
    """Install a distribution that declares ``plugin``, as ``pip install`` would."""
    info = folder / f"{plugin.name}_plugin-1.0.dist-info"
    info.mkdir()
    metadata = f"Metadata-Version: 2.1\nName: {plugin.name}-plugin\nVersion: 1.0\n"
    (info / "METADATA").write_text(metadata)
    entry = f"[{plugin.group}]\n{plugin.name} = {plugin.value}\n"
    (info / "entry_points.txt").write_text(entry)
    monkeypatch.syspath_prepend(str(folder))


def test_plugin_from_the_entry_point_group_is_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plugin = EntryPoint(name="echo", value=f"{__name__}:EchoProvider", group=ENTRY_POINT_GROUP)
    installed(monkeypatch, tmp_path, plugin)
    provider = get_provider("echo:loud", volume=11)
    assert isinstance(provider, EchoProvider)
    assert (provider.model, provider.options) == ("loud", {"volume": 11})
    assert "echo" in available_providers()


def test_plugin_that_fails_to_import_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = EntryPoint(name="broken", value="no_such_module:Provider", group=ENTRY_POINT_GROUP)
    installed(monkeypatch, tmp_path, broken)
    with pytest.raises(ConfigError, match=r"broken.*failed to load"):
        get_provider("broken:x")


def test_cache_option_wraps_the_provider(tmp_path: Path) -> None:
    provider = get_provider("fake", script=['{"a": 1}'], cache=tmp_path)
    assert isinstance(provider, CachingProvider)
    assert isinstance(provider, Provider)
    request = CompletionRequest(messages=(Message(role="user", content="hi"),))
    assert provider.complete(request).cached is False
    assert provider.complete(request).cached is True


def test_an_instance_passes_through_and_can_be_cached(tmp_path: Path) -> None:
    fake = FakeProvider(["x"])
    assert get_provider(fake) is fake
    assert isinstance(get_provider(fake, cache=tmp_path), CachingProvider)
