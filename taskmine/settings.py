"""Composition root: the service's settings, read from the environment (pydantic-settings).

Every knob has a default that makes ``taskmine serve`` work on a laptop with nothing configured:
an SQLite file under the data dir and an embedded Temporal dev server. Setting
``TASKMINE_DATABASE_URL`` (``postgresql+psycopg://...``) or ``TASKMINE_TEMPORAL_ADDRESS`` switches
to the at-scale components. The object is frozen: build a new one rather than mutate it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_BATCH_EVENTS = 5_000
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
# Per credential (taskmine.api.rate_limit). A recorder sends a batch every few seconds and the
# web app a few requests per page, far below 50 per second; a backlog drained after an outage
# at 50 batches of 200 events per second is more than the whole server ingests, so the limit
# never slows it. What it stops is one token (a broken script, a retry loop without backoff)
# flooding the server.
DEFAULT_RATE_LIMIT_PER_S = 50.0
DEFAULT_RATE_LIMIT_BURST = 200
DATABASE_FILE = "taskmine.db"


class Settings(BaseSettings):
    """What the API, the worker and the CLI need to know about their surroundings."""

    model_config = SettingsConfigDict(
        env_prefix="TASKMINE_",
        frozen=True,
        extra="ignore",
        validate_by_name=True,
        validate_by_alias=True,
    )

    data_dir: Path = Field(
        default=Path(".taskmine"),
        description="Where the SQLite file, Temporal state, blobs and outputs live.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means an SQLite file in the data dir.",
    )
    temporal_address: str | None = Field(
        default=None,
        description="host:port of a Temporal frontend; None starts an embedded dev server.",
    )
    temporal_namespace: str = "default"
    temporal_task_queue: str | None = Field(
        default=None,
        description="Task queue of the mining workers; None = taskmine-mining.",
    )
    retention_purge_interval_s: float = Field(
        default=3600.0,
        gt=0,
        description="How often `taskmine serve` purges data past its retention period.",
    )
    max_batch_events: int = Field(
        default=DEFAULT_MAX_BATCH_EVENTS,
        ge=1,
        description="Most events one POST .../events:batch may carry (413 beyond).",
    )
    max_body_bytes: int = Field(
        default=DEFAULT_MAX_BODY_BYTES,
        ge=1024,
        description="Largest request body, both as sent and after gzip decoding (413 beyond).",
    )
    max_auth_failures: int = Field(
        default=120,
        ge=1,
        description=(
            "Failed authentications per client address per minute before 429 + Retry-After; "
            "raise it when many users share one address (a proxy) or to fuzz the API."
        ),
    )
    rate_limit_per_s: float = Field(
        default=DEFAULT_RATE_LIMIT_PER_S,
        ge=0,
        description=(
            "Requests per second each token (or sign-in cookie; client address without either) "
            "may sustain before 429 + Retry-After; 0 = no limit. /health is never limited."
        ),
    )
    rate_limit_burst: int = Field(
        default=DEFAULT_RATE_LIMIT_BURST,
        ge=0,
        description="Requests one token may send at once above that rate; 0 = no limit.",
    )
    token_ttl_days: float = Field(
        default=0,
        ge=0,
        le=36_500,
        description=(
            "Lifetime of a token made by POST /v1/tokens without its own ttl_days; 0 = never "
            "expires. The first-start admin token and `taskmine token create` never expire."
        ),
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url"),
        description="OpenAI-compatible endpoint for PDD drafting; None = deterministic drafter.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    llm_model: str | None = Field(default=None, description="Model name for PDD drafting.")

    @model_validator(mode="before")
    @classmethod
    def _default_database_to_data_dir(cls, data: Any) -> Any:
        # The default database follows the data dir, so it has to be derived after both are read.
        if isinstance(data, dict) and not data.get("database_url"):
            data_dir = Path(data.get("data_dir") or Path(".taskmine"))
            data = {**data, "database_url": sqlite_url_for(data_dir / DATABASE_FILE)}
        return data

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url_for(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file (absolute, so a later ``chdir`` cannot move it)."""
    return f"sqlite:///{path.expanduser().resolve()}"


def load_settings(*, data_dir: Path | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, with explicit values (e.g. CLI options) taking precedence."""
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    return Settings(**overrides)
