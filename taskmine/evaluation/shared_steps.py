"""Evaluation data: back-to-back tasks that share UI elements, with known instance boundaries.

Several task types of one CRM use the same elements: every task ends on the same ``OK``
button, two start with the same search field, two fill the same ``Comment`` box. Tasks follow
each other with only a short pause (no idle gap, no segment break), so the only way to find
where one ends and the next begins is to know which step starts and which ends a task; a
shared ``OK`` must stay with the task it closes. Noise between and inside tasks, optional and
swapped steps, and data values (customer names, ticket numbers) in element names and window
titles. Deterministic for a seed; no I/O. ``exact_boundaries`` scores a result.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from taskmine.domain.events import Element, Event, EventKind

# (kind, role, name, window, optional, swap_with_next); {x} are data values.
Step = tuple[str, str, str, str, bool, bool]
TASKS: dict[str, list[Step]] = {
    "new_customer": [
        ("click", "button", "New customer", "CRM - Customers", False, False),
        ("type", "edit", "Name", "CRM - New customer", False, True),
        ("type", "edit", "Email", "CRM - New customer", False, False),
        ("type", "edit", "Phone", "CRM - New customer", True, False),
        ("type", "edit", "Comment", "CRM - New customer", True, False),
        ("click", "button", "OK", "CRM", False, False),
    ],
    "address_change": [
        ("type", "edit", "Search", "CRM - Customers", False, False),
        ("double_click", "row", "{last}, {first}", "CRM - Customers", False, False),
        ("type", "edit", "Street", "CRM - Customer {last}", False, True),
        ("type", "edit", "City", "CRM - Customer {last}", False, False),
        ("click", "button", "OK", "CRM", False, False),
    ],
    "close_ticket": [
        ("type", "edit", "Search", "CRM - Customers", False, False),
        ("click", "list item", "Ticket {ticket}", "CRM - Customers", False, False),
        ("select", "combo box", "Resolution", "CRM - Ticket {ticket}", False, False),
        ("type", "edit", "Comment", "CRM - Ticket {ticket}", True, False),
        ("click", "button", "Close ticket", "CRM - Ticket {ticket}", False, False),
        ("click", "button", "OK", "CRM", False, False),
    ],
}
NOISE: list[tuple[str, str, str, str, str]] = [
    ("click", "outlook.exe", "list item", "{subject}", "Inbox - Outlook"),
    ("scroll", "outlook.exe", "document", "Message body", "{subject} - Message"),
    ("click", "teams.exe", "list item", "{first} {last}", "Chat | Microsoft Teams"),
    ("type", "teams.exe", "edit", "Type a new message", "Chat | Microsoft Teams"),
    ("click", "excel.exe", "cell", "C{ticket}", "budget.xlsx - Excel"),
]
_FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun"]
_LAST = ["Silva", "Okafor", "Novak", "Tanaka", "Berg", "Haddad", "Kowalski", "Moreau"]
_SUBJECTS = ["Budget", "Offsite plan", "Lunch?", "Q3 numbers", "Welcome"]


@dataclass(frozen=True, slots=True)
class SharedStepsLog:
    """Events in time order, each one's task (None: noise) and instance number."""

    events: list[Event]
    tasks: list[str | None]
    instances: list[int | None]


def generate_shared_steps_log(
    *, users: int = 3, days: int = 3, tasks_per_day: int = 40, seed: int = 11
) -> SharedStepsLog:
    """Back-to-back tasks sharing elements; between tasks usually no pause beyond the usual."""
    rng = random.Random(seed)
    events: list[Event] = []
    tasks: list[str | None] = []
    instances: list[int | None] = []
    names = sorted(TASKS)
    origin = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    instance = 0
    for user in range(users):
        for day in range(days):
            clock = origin + timedelta(days=day, minutes=rng.uniform(0, 30))
            for _ in range(tasks_per_day):
                data = _data(rng)
                if rng.random() < 0.3:  # other work between two tasks
                    for _ in range(rng.randint(1, 3)):
                        clock += timedelta(seconds=rng.lognormvariate(1.0, 0.5))
                        events.append(_noise(rng, data, clock, user, day, len(events)))
                        tasks.append(None)
                        instances.append(None)
                name = rng.choice(names)
                instance += 1
                for step in _steps(TASKS[name], rng):
                    clock += timedelta(seconds=rng.lognormvariate(1.0, 0.5))
                    events.append(_event(step, data, clock, user, day, len(events)))
                    tasks.append(name)
                    instances.append(instance)
                    if rng.random() < 0.03:  # noise inside the task
                        clock += timedelta(seconds=rng.lognormvariate(1.0, 0.5))
                        events.append(_noise(rng, data, clock, user, day, len(events)))
                        tasks.append(None)
                        instances.append(None)
    return SharedStepsLog(events=events, tasks=tasks, instances=instances)


def exact_boundaries(
    occurrences: Sequence[Sequence[str]], log: SharedStepsLog
) -> tuple[float, float]:
    """(share of true instances found with exactly their events, share of found occurrences
    that are exactly one true instance)."""
    truth: dict[int, set[str]] = {}
    for event, number in zip(log.events, log.instances, strict=True):
        if number is not None:
            truth.setdefault(number, set()).add(event.event_id)
    true_sets = {frozenset(ids) for ids in truth.values()}
    found = {frozenset(ids) for ids in occurrences}
    hits = len(true_sets & found)
    return hits / max(len(true_sets), 1), hits / max(len(found), 1)


def _steps(steps: list[Step], rng: random.Random) -> list[Step]:
    chosen = [step for step in steps if not (step[4] and rng.random() < 0.4)]
    index = 0
    while index < len(chosen) - 1:
        if chosen[index][5] and rng.random() < 0.4:
            chosen[index], chosen[index + 1] = chosen[index + 1], chosen[index]
            index += 1
        index += 1
    return chosen


def _data(rng: random.Random) -> dict[str, str]:
    return {
        "first": rng.choice(_FIRST),
        "last": rng.choice(_LAST),
        "ticket": str(rng.randint(10000, 99999)),
        "subject": f"{rng.choice(_SUBJECTS)} {rng.randint(1, 99)}",
    }


def _event(
    step: Step, data: dict[str, str], clock: datetime, user: int, day: int, index: int
) -> Event:
    kind, role, name, window, _, _ = step
    value = f"{data['last']} {index}" if kind in ("type", "select") else None
    return Event(
        event_id=f"e{index:06d}",
        session_id=f"u{user}-d{day}",
        user_id=f"u{user}",
        machine_id=f"m{user}",
        timestamp=clock,
        kind=EventKind(kind),
        app="crm.exe",
        window=window.format(**data),
        element=Element(role=role, name=name.format(**data)),
        value=value,
    )


def _noise(
    rng: random.Random, data: dict[str, str], clock: datetime, user: int, day: int, index: int
) -> Event:
    kind, app, role, name, window = rng.choice(NOISE)
    return Event(
        event_id=f"e{index:06d}",
        session_id=f"u{user}-d{day}",
        user_id=f"u{user}",
        machine_id=f"m{user}",
        timestamp=clock,
        kind=EventKind(kind),
        app=app,
        window=window.format(**data),
        element=Element(role=role, name=name.format(**data)),
        value="hi" if kind == "type" else None,
    )
