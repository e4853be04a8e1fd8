"""Governance (pure policy), after ingest: activity analytics over recorded events.

Time is attributed gap by gap inside one session: the gap from an event to the next counts as
active time of the earlier event's app (and category, and task if the event belongs to a mined
occurrence) when it is at most ``idle_after_s``; a longer gap, or the gap after an ``idle``
event, counts as idle time. The last event of a session carries no time. Per-user figures are
only returned when at least ``k_anonymity`` distinct users are in the data; below that, only
aggregates, so no one person's day can be read off a dashboard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from taskmine.domain import Event, EventKind
from taskmine.governance.filters import categorise, matches_any
from taskmine.governance.policy import ProjectPolicy

DEFAULT_IDLE_AFTER_S = 300.0
_OUT = ConfigDict(frozen=True, extra="forbid")


class AppUsage(BaseModel):
    model_config = _OUT
    app: str
    category: str
    active_s: float
    events: int
    named_users: int


class CategoryUsage(BaseModel):
    model_config = _OUT
    category: str
    active_s: float
    events: int


class DailyAppUsers(BaseModel):
    model_config = _OUT
    day: str
    app: str
    named_users: int


class FlaggedApp(BaseModel):
    model_config = _OUT
    app: str
    named_users: int
    active_s: float


class FlaggedSite(BaseModel):
    model_config = _OUT
    site: str
    visits: int
    named_users: int


class UserActivity(BaseModel):
    model_config = _OUT
    user_id: str
    active_s: float
    idle_s: float
    app_switches: int
    events: int


class ActivitySummary(BaseModel):
    """Dashboards' numbers for one project (times in seconds)."""

    model_config = _OUT
    events: int
    users: int
    sessions: int
    active_s: float
    idle_s: float
    in_task_s: float
    out_of_task_s: float
    app_switches: int
    app_switches_per_active_hour: float
    per_app: list[AppUsage]
    per_category: list[CategoryUsage]
    named_users_per_app_per_day: list[DailyAppUsers]
    unapproved_apps: list[FlaggedApp]
    suspicious_sites: list[FlaggedSite]
    k_anonymity: int
    per_user: list[UserActivity] | None
    per_user_withheld: str | None


@dataclass(slots=True)
class _Tally:
    active: float = 0.0
    idle: float = 0.0
    events: int = 0
    switches: int = 0
    users: set[str] = field(default_factory=set)


def summarise_activity(
    sessions: Iterable[Sequence[Event]],
    *,
    policy: ProjectPolicy,
    in_task_event_ids: Collection[str] = frozenset(),
    idle_after_s: float = DEFAULT_IDLE_AFTER_S,
) -> ActivitySummary:
    """Summarise sessions (each one session's events in time order) under ``policy``."""
    total = _Tally()
    in_task = 0.0
    sessions_seen = 0
    apps: dict[str, _Tally] = defaultdict(_Tally)
    categories: dict[str, _Tally] = defaultdict(_Tally)
    users: dict[str, _Tally] = defaultdict(_Tally)
    daily: dict[tuple[str, str], set[str]] = defaultdict(set)
    sites: dict[str, _Tally] = defaultdict(_Tally)
    category_of: dict[tuple[str, str | None, str | None], str] = {}
    for session in sessions:
        if not session:
            continue
        sessions_seen += 1
        for position, event in enumerate(session):
            key = (event.app, event.window, event.url)
            category = category_of.get(key)
            if category is None:
                category = category_of[key] = categorise(event, policy.categories)
            user = users[event.user_id]
            for tally in (total, apps[event.app], categories[category], user):
                tally.events += 1
            apps[event.app].users.add(event.user_id)
            daily[(event.timestamp.date().isoformat(), event.app)].add(event.user_id)
            if event.url and matches_any(event.url, policy.denied_sites):
                site = sites[urlsplit(event.url).hostname or event.url]
                site.events += 1
                site.users.add(event.user_id)
            if position + 1 == len(session):
                continue
            following = session[position + 1]
            gap = max((following.timestamp - event.timestamp).total_seconds(), 0.0)
            if event.kind is EventKind.IDLE or gap > idle_after_s:
                total.idle += gap
                user.idle += gap
            else:
                for tally in (total, apps[event.app], categories[category], user):
                    tally.active += gap
                if event.event_id in in_task_event_ids:
                    in_task += gap
            if following.app != event.app:
                total.switches += 1
                user.switches += 1
    return _build_summary(
        total=total,
        in_task=in_task,
        sessions=sessions_seen,
        apps=apps,
        categories=categories,
        users=users,
        daily=daily,
        sites=sites,
        policy=policy,
        category_of=category_of,
    )


def _build_summary(
    *,
    total: _Tally,
    in_task: float,
    sessions: int,
    apps: dict[str, _Tally],
    categories: dict[str, _Tally],
    users: dict[str, _Tally],
    daily: dict[tuple[str, str], set[str]],
    sites: dict[str, _Tally],
    policy: ProjectPolicy,
    category_of: dict[tuple[str, str | None, str | None], str],
) -> ActivitySummary:
    app_category = {app: category for (app, _, _), category in category_of.items()}
    k = policy.k_anonymity
    enough_users = len(users) >= k
    hours = total.active / 3600.0
    return ActivitySummary(
        events=total.events,
        users=len(users),
        sessions=sessions,
        active_s=round(total.active, 3),
        idle_s=round(total.idle, 3),
        in_task_s=round(in_task, 3),
        out_of_task_s=round(total.active - in_task, 3),
        app_switches=total.switches,
        app_switches_per_active_hour=round(total.switches / hours, 2) if hours else 0.0,
        per_app=sorted(
            (
                AppUsage(
                    app=app,
                    category=app_category.get(app, "uncategorised"),
                    active_s=round(tally.active, 3),
                    events=tally.events,
                    named_users=len(tally.users),
                )
                for app, tally in apps.items()
            ),
            key=lambda usage: (-usage.active_s, usage.app),
        ),
        per_category=sorted(
            (
                CategoryUsage(category=name, active_s=round(tally.active, 3), events=tally.events)
                for name, tally in categories.items()
            ),
            key=lambda usage: (-usage.active_s, usage.category),
        ),
        named_users_per_app_per_day=[
            DailyAppUsers(day=day, app=app, named_users=len(names))
            for (day, app), names in sorted(daily.items())
        ],
        unapproved_apps=[
            FlaggedApp(app=app, named_users=len(tally.users), active_s=round(tally.active, 3))
            for app, tally in sorted(apps.items())
            if policy.approved_apps and not matches_any(app, policy.approved_apps)
        ],
        suspicious_sites=[
            FlaggedSite(site=site, visits=tally.events, named_users=len(tally.users))
            for site, tally in sorted(sites.items())
        ],
        k_anonymity=k,
        per_user=(
            [
                UserActivity(
                    user_id=user_id,
                    active_s=round(tally.active, 3),
                    idle_s=round(tally.idle, 3),
                    app_switches=tally.switches,
                    events=tally.events,
                )
                for user_id, tally in sorted(users.items())
            ]
            if enough_users
            else None
        ),
        per_user_withheld=(
            None
            if enough_users
            else f"{len(users)} user(s) in the data, fewer than k={k}: only aggregates are shown"
        ),
    )
