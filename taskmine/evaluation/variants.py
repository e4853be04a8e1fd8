"""Evaluation data: back-to-back instances of one routine with variants of different lengths.

Every variant starts with the same first steps (open the client, search it, ...) and then
takes a branch of its own, of its own length; some branches hold a loop (copy a cell, paste it,
again for every row) done a different number of times per instance, some instances retry the
first steps (a failed search) before going on, and some variants end on a step they share with
the others (the same ``OK``). Instances follow each other with ordinary pauses, no idle gap and
no segment break, so the boundaries come only from knowing where the routine starts again.
The structure (branch lengths, loops, how often each variant is done) is drawn from the seed,
so each seed is a routine nobody tuned for. Deterministic for a seed; no I/O.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from taskmine.domain.events import Element, Event, EventKind


@dataclass(frozen=True, slots=True)
class VariantLog:
    """Events in time order, each one's instance number and its instance's variant."""

    events: list[Event]
    instances: list[int]
    variants: list[int]


@dataclass(frozen=True, slots=True)
class _Variant:
    head: list[str]
    loop: list[str]
    tail: list[str]


def generate_variant_log(
    *,
    variants: int = 4,
    prefix: int = 5,
    instances: int = 300,
    loops: bool = True,
    loop_share: float = 0.5,
    retry_share: float = 0.15,
    seed: int = 1,
) -> VariantLog:
    """One user, one session: ``instances`` instances back to back, each the shared ``prefix``
    first steps and the branch of one of ``variants`` variants (chosen with skewed weights)."""
    rng = random.Random(seed)
    first = [f"step {index}" for index in range(prefix)]
    shape = [
        _draw_variant(number, rng, loops=loops, loop_share=loop_share) for number in range(variants)
    ]
    weights = [rng.uniform(0.3, 1.0) for _ in range(variants)]
    events: list[Event] = []
    instance_of: list[int] = []
    variant_of: list[int] = []
    clock = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    for instance in range(instances):
        number = rng.choices(range(variants), weights=weights)[0]
        variant = shape[number]
        steps: list[str] = []
        if rng.random() < retry_share:  # the search failed: the first steps once more
            steps += [*first[: max(2, prefix // 2)], "error"]
        steps += first + variant.head
        steps += variant.loop * rng.randint(1, 5)
        steps += variant.tail
        for name in steps:
            clock += timedelta(seconds=rng.lognormvariate(1.2, 0.4))
            events.append(_event(name, clock, len(events)))
            instance_of.append(instance)
            variant_of.append(number)
    return VariantLog(events=events, instances=instance_of, variants=variant_of)


def _draw_variant(number: int, rng: random.Random, *, loops: bool, loop_share: float) -> _Variant:
    """A branch of 1-7 own steps, a loop of two steps in ``loop_share`` of them, and in about half
    of them a last step shared by every variant that has one."""
    own = [f"v{number} step {index}" for index in range(rng.randint(1, 7))]
    cut = rng.randint(0, len(own))
    loop = [f"v{number} copy", f"v{number} paste"] if loops and rng.random() < loop_share else []
    tail = own[cut:] + (["OK"] if rng.random() < 0.5 else [])
    return _Variant(head=own[:cut], loop=loop, tail=tail)


def _event(name: str, clock: datetime, index: int) -> Event:
    return Event(
        event_id=f"e{index:06d}",
        session_id="s1",
        user_id="u1",
        machine_id="m1",
        timestamp=clock,
        kind=EventKind.CLICK,
        app="crm.exe",
        window="CRM",
        element=Element(role="button", name=name),
    )
