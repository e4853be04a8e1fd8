"""Settings of the service: environment names, defaults, and the database following the data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from taskmine.settings import DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BODY_BYTES, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "TASKMINE_DATA_DIR",
        "TASKMINE_DATABASE_URL",
        "TASKMINE_TEMPORAL_ADDRESS",
        "TASKMINE_MAX_BATCH_EVENTS",
        "TASKMINE_MAX_BODY_BYTES",
        "TASKMINE_LLM_MODEL",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_an_sqlite_file_in_the_data_dir_and_embedded_temporal(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "dd")
    assert settings.database_url == f"sqlite:///{(tmp_path / 'dd' / 'taskmine.db').resolve()}"
    assert settings.is_sqlite
    assert settings.temporal_address is None
    assert (settings.max_batch_events, settings.max_body_bytes) == (5_000, 16 * 1024 * 1024)
    assert (DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BODY_BYTES) == (5_000, 16 * 1024 * 1024)
    assert settings.openai_base_url is None


def test_environment_variables_override_the_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TASKMINE_DATA_DIR", str(tmp_path / "from-env"))
    monkeypatch.setenv("TASKMINE_DATABASE_URL", "postgresql+psycopg://postgres@db/taskmine")
    monkeypatch.setenv("TASKMINE_TEMPORAL_ADDRESS", "temporal:7233")
    monkeypatch.setenv("TASKMINE_MAX_BATCH_EVENTS", "100")
    monkeypatch.setenv("TASKMINE_MAX_BODY_BYTES", "65536")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("TASKMINE_LLM_MODEL", "local-model")
    settings = load_settings()
    assert settings.data_dir == tmp_path / "from-env"
    assert settings.database_url == "postgresql+psycopg://postgres@db/taskmine"
    assert not settings.is_sqlite
    assert settings.temporal_address == "temporal:7233"
    assert (settings.max_batch_events, settings.max_body_bytes) == (100, 65536)
    assert settings.openai_base_url == "http://127.0.0.1:9999/v1"
    assert settings.openai_api_key is not None
    assert settings.openai_api_key.get_secret_value() == "sk-test"
    assert "sk-test" not in repr(settings)
    assert settings.llm_model == "local-model"


def test_an_explicit_data_dir_beats_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TASKMINE_DATA_DIR", str(tmp_path / "env"))
    settings = load_settings(data_dir=tmp_path / "cli")
    assert settings.data_dir == tmp_path / "cli"
    assert settings.database_url.endswith("/cli/taskmine.db")


def test_nonsense_limits_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMINE_MAX_BATCH_EVENTS", "0")
    with pytest.raises(ValueError, match="max_batch_events"):
        load_settings()
