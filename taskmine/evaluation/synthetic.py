"""Evaluation data: a seeded generator of realistic UI logs whose truth is known.

People at desks run a few routines each (copy an invoice from Outlook into an ERP, update a CRM
address from an e-mail, raise a purchase order, ...) between unrelated work (mail, chat,
browsing, files), with optional and swapped steps, noise inside instances, data values in
element names and window titles (invoice numbers, customer names, dates), and idle gaps
(breaks, lunch). Every event carries its truth outside the event: the routine name and instance
number, or None for other work. Deterministic for a given seed; no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from taskmine.domain.events import Element, Event, EventKind, PathNode
from taskmine.evaluation.synthetic_data_entry import DATA_ENTRY_ROUTINES
from taskmine.evaluation.synthetic_portals import PORTAL_ROUTINES
from taskmine.evaluation.synthetic_steps import NOISE, StepTemplate

_FIRST = ["Ana", "Ben", "Chloe", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi"]
_LAST = ["Silva", "Okafor", "Novak", "Tanaka", "Berg", "Haddad", "Kowalski", "Moreau", "Rossi"]
_CITIES = ["Lyon", "Porto", "Graz", "Ghent", "Turku", "Bergen", "Split", "Cork", "Brno"]


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    event: Event
    routine: str | None
    instance: int | None


ROUTINES: dict[str, list[StepTemplate]] = {**DATA_ENTRY_ROUTINES, **PORTAL_ROUTINES}


_SUBJECTS = ["Budget", "Offsite plan", "Lunch?", "Q3 numbers", "Server maintenance", "Welcome"]
_VENDORS = ["Acme Supplies", "Northwind", "Contoso Ltd", "Globex", "Initech", "Umbrella Corp"]


def generate_labelled_log(
    *,
    users: int = 3,
    days: int = 2,
    events_per_day: int = 300,
    routines_per_user: int = 3,
    noise_share: float = 0.35,
    seed: int = 7,
) -> list[LabelledEvent]:
    """A labelled log: per user and working day one session, in time order."""
    return list(
        iterate_labelled_log(
            users=users,
            days=days,
            events_per_day=events_per_day,
            routines_per_user=routines_per_user,
            noise_share=noise_share,
            seed=seed,
        )
    )


def iterate_labelled_log(
    *,
    users: int,
    days: int,
    events_per_day: int,
    routines_per_user: int = 3,
    noise_share: float = 0.35,
    seed: int = 7,
) -> Iterator[LabelledEvent]:
    """Like ``generate_labelled_log`` but lazily (a million events need not sit in a list)."""
    rng = random.Random(seed)
    names = sorted(ROUTINES)
    origin = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    counter = 0
    instance = 0
    elements: dict[tuple[str, str, str | None], Element] = {}
    for user in range(1, users + 1):
        user_id = f"u{user:03d}"
        mine = rng.sample(names, k=min(routines_per_user, len(names)))
        weights = [rng.uniform(0.5, 2.0) for _ in mine]
        machine = f"m-{user_id}"
        for day in range(days):
            clock = origin + timedelta(days=day, minutes=rng.uniform(0, 45))
            session = f"{user_id}-d{day + 1:02d}"
            produced = 0
            lunch_done = False
            while produced < events_per_day:
                if not lunch_done and produced > events_per_day / 2:
                    clock += timedelta(minutes=rng.uniform(30, 60))
                    lunch_done = True
                elif rng.random() < 0.02:
                    clock += timedelta(minutes=rng.uniform(4, 15))
                if rng.random() < noise_share:
                    block = [(rng.choice(NOISE), None) for _ in range(rng.randint(1, 8))]
                    label: str | None = None
                else:
                    label = rng.choices(mine, weights=weights)[0]
                    block = _instance_steps(ROUTINES[label], rng)
                    instance += 1
                data = _draw_data(rng)
                texts: dict[str, str] = {}
                for template, _ in block:
                    noise = template in NOISE
                    clock += timedelta(seconds=rng.lognormvariate(1.0, 0.6))
                    ids = (session, user_id, machine)
                    event = _make_event(template, data, texts, elements, counter, ids, clock)
                    yield LabelledEvent(
                        event, None if noise else label, None if noise else instance
                    )
                    counter += 1
                    produced += 1


def _instance_steps(
    steps: list[StepTemplate], rng: random.Random
) -> list[tuple[StepTemplate, None]]:
    chosen = [step for step in steps if not (step.optional and rng.random() < 0.3)]
    index = 0
    while index < len(chosen) - 1:
        if chosen[index].swap_with_next and rng.random() < 0.35:
            chosen[index], chosen[index + 1] = chosen[index + 1], chosen[index]
            index += 1
        index += 1
    result: list[tuple[StepTemplate, None]] = []
    for step in chosen:
        result.append((step, None))
        if rng.random() < 0.04:
            result.append((rng.choice(NOISE), None))
    return result


def _draw_data(rng: random.Random) -> dict[str, str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return {
        "inv": str(rng.randint(100000, 999999)),
        "vendor": rng.choice(_VENDORS),
        "vendor_id": str(rng.randint(10000, 99999)),
        "amount": f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}",
        "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "first": first,
        "last": last,
        "city": rng.choice(_CITIES),
        "zip": str(rng.randint(1000, 99999)),
        "material": f"MAT-{rng.randint(100, 999)}",
        "qty": str(rng.randint(1, 40)),
        "po": str(rng.randint(4500000000, 4599999999)),
        "row": str(rng.randint(2, 5000)),
        "ticket": str(rng.randint(10000, 99999)),
        "subject": f"{rng.choice(_SUBJECTS)} {first}",
        "category": rng.choice(["Hardware", "Access", "Software"]),
        "priority": rng.choice(["Low", "Medium", "High"]),
    }


# Shared by every generated event: a million events must fit in memory beside the miner.
_FIELDS_SET = set(Event.model_fields)
_NO_ATTRS: dict[str, object] = {}


def _make_event(
    template: StepTemplate,
    data: dict[str, str],
    texts: dict[str, str],
    elements: dict[tuple[str, str, str | None], Element],
    counter: int,
    ids: tuple[str, str, str],
    clock: datetime,
) -> Event:
    window = _fill(template.window, data, texts)
    name = _fill(template.name, data, texts)
    key = (template.role, name, template.automation_id)
    element = elements.get(key)
    if element is None:
        element = Element.model_construct(
            role=template.role,
            name=name,
            automation_id=template.automation_id,
            class_name=None,
            path=(
                PathNode.model_construct(role="window", name=template.app.split(".")[0], index=0),
            ),
            bounds=None,
        )
        if len(elements) < 200_000:
            elements[key] = element
    session, user, machine = ids
    return Event.model_construct(
        _fields_set=_FIELDS_SET,
        event_id=f"e{counter:08d}",
        session_id=session,
        user_id=user,
        machine_id=machine,
        timestamp=clock,
        kind=EventKind(template.kind),
        app=template.app,
        window=window,
        element=element,
        value=_fill(template.value, data, texts) if template.value else None,
        url=_fill(template.url, data, texts) if template.url else None,
        attrs=_NO_ATTRS,
    )


def _fill(template: str, data: dict[str, str], texts: dict[str, str]) -> str:
    text = texts.get(template)
    if text is None:
        text = texts.setdefault(template, template.format(**data))
    return text
