"""Governance (pure policy), ingest and analytics: which events a project drops, and which
category an event belongs to. Patterns are shell globs matched without regard to case.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from taskmine.domain import Event
from taskmine.governance.policy import CategoryRule, EventFilters

FILTERED_REASON = "filtered by project policy"
UNCATEGORISED = "uncategorised"


def filter_reason(event: Event, filters: EventFilters) -> str | None:
    """Why the project's filters drop ``event`` (``"filtered by project policy: ..."``), or None."""
    if event.kind in filters.drop_kinds:
        return f"{FILTERED_REASON}: event kind {event.kind.value!r} is not recorded"
    if matches_any(event.app, filters.drop_apps):
        return f"{FILTERED_REASON}: app {event.app!r} is not recorded"
    if event.url and matches_any(event.url, filters.drop_url_patterns):
        return f"{FILTERED_REASON}: this URL is not recorded"
    return None


def categorise(event: Event, rules: Iterable[CategoryRule]) -> str:
    """The category of the first rule whose every pattern matches, else ``uncategorised``."""
    for rule in rules:
        if rule.app is None and rule.window is None and rule.url is None:
            continue
        if rule.app is not None and not matches(event.app, rule.app):
            continue
        if rule.window is not None and not matches(event.window or "", rule.window):
            continue
        if rule.url is not None and not matches(event.url or "", rule.url):
            continue
        return rule.category
    return UNCATEGORISED


def matches(value: str, pattern: str) -> bool:
    return fnmatchcase(value.casefold(), pattern.casefold())


def matches_any(value: str, patterns: Iterable[str]) -> bool:
    return any(matches(value, pattern) for pattern in patterns)
