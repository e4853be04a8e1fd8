"""Governance (pure policy): the settings documents an admin or power user writes.

Retention is global (one ``RetentionPolicy``); filters, categories, the approved-app list, the
deny list and the k-anonymity threshold are per project (one ``ProjectPolicy``). Both are stored
as JSON and validated here, so the API, the web pages and the purge job read the same meaning.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from taskmine.domain import EventKind

_DOC = ConfigDict(frozen=True, extra="forbid")

DEFAULT_K_ANONYMITY = 5


class DataClass(StrEnum):
    """What retention applies to, one period each."""

    RAW_EVENTS = "raw_events"
    MINED_RESULTS = "mined_results"
    PDDS = "pdds"


class RetentionPolicy(BaseModel):
    """Days each data class is kept (defaults as ServiceNow Task Mining: 30 / 10 / 10)."""

    model_config = _DOC
    raw_events_days: int = Field(default=30, ge=1, le=3650)
    mined_results_days: int = Field(default=10, ge=1, le=3650)
    pdds_days: int = Field(default=10, ge=1, le=3650)

    def days_for(self, data_class: DataClass) -> int:
        return int(getattr(self, f"{data_class.value}_days"))


class EventFilters(BaseModel):
    """Events dropped at ingest. Patterns are shell globs (``*``, ``?``), matched case-blind."""

    model_config = _DOC
    drop_apps: tuple[str, ...] = Field(default=(), description="App (process) name globs.")
    drop_url_patterns: tuple[str, ...] = Field(default=(), description="URL globs.")
    drop_kinds: tuple[EventKind, ...] = Field(default=(), description="Event kinds to drop.")


class CategoryRule(BaseModel):
    """Events matching every given glob belong to ``category``; the first matching rule wins."""

    model_config = _DOC
    category: str = Field(min_length=1, max_length=100)
    app: str | None = Field(default=None, max_length=500)
    window: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)


class WithdrawalPolicy(StrEnum):
    """What leaves the project when a workstation user withdraws consent."""

    # The user's events are deleted and their occurrences removed from stored results.
    DELETE_EVENTS_AND_SCRUB_RESULTS = "delete_events_and_scrub_results"
    # Only the events; results keep the occurrences until retention removes them.
    DELETE_EVENTS = "delete_events"


class ProjectPolicy(BaseModel):
    """Everything governance knows about one project."""

    model_config = _DOC
    event_filters: EventFilters = Field(default_factory=EventFilters)
    categories: tuple[CategoryRule, ...] = ()
    approved_apps: tuple[str, ...] = Field(
        default=(), description="App globs the organisation licenses; empty = no check."
    )
    denied_sites: tuple[str, ...] = Field(
        default=(), description="URL globs of suspicious or forbidden sites."
    )
    k_anonymity: int = Field(default=DEFAULT_K_ANONYMITY, ge=2, le=1000)
    withdrawal: WithdrawalPolicy = WithdrawalPolicy.DELETE_EVENTS_AND_SCRUB_RESULTS
