"""Stage 7, rank: routines -> ranked ``taskmine.discovery/v1`` candidates.

For each routine: steps with selectors (from the normalised signature, data removed) and
examples, occurrences with times, variants, the task map, metrics, scores and ROI. Candidates
are ordered by expected saved hours per month (ties: frequency, then content), and their ids
are ``c1``..``cN`` by rank, so the same routines always get the same ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from discovery.flat import FlatSteps, LogFacts, trusted
from discovery.metrics import TARGETS, measure_routine
from discovery.parameters import DiscoveryParameters
from discovery.routines import Routine
from discovery.scoring import estimate_roi, monthly_hours, score_routine
from discovery.task_map import build_task_map, count_decision_points, serialise_task_map
from discovery.vocabulary import DATA, describe_signature
from taskmine.domain.events import Event, EventKind
from taskmine.domain.results import Candidate, DiscoveryResult, Occurrence, Step, Variant

EXAMPLES_PER_STEP = 3


def rank_candidates(
    routines: Sequence[Routine],
    *,
    events_by_id: Mapping[str, Event],
    params: DiscoveryParameters,
    log_facts: LogFacts | None = None,
) -> DiscoveryResult:
    """The discovery result: every routine as a scored candidate, best automation first.

    ``log_facts`` (observed days, users) may be passed when already known from a pass over the
    same events (``discover`` does); otherwise they are counted from ``events_by_id``."""
    facts = log_facts or LogFacts.of(events_by_id.values())
    observed_days = facts.observed_days
    drafts = [
        _draft(r, events_by_id=events_by_id, observed_days=observed_days, params=params)
        for r in routines
    ]
    drafts.sort(
        key=lambda d: (
            -d.roi.hours_per_month * d.scores.automation_potential,
            -d.frequency,
            d.name,
            d.steps[0].example_event_ids,
        )
    )
    candidates = tuple(
        draft.model_copy(update={"id": f"c{rank}", "rank": rank})
        for rank, draft in enumerate(drafts, start=1)
    )
    covered = sum(len(o.event_ids) for c in candidates for o in c.occurrences)
    return DiscoveryResult(
        events=len(events_by_id),
        candidates=candidates,
        metrics={
            "observed_days": observed_days,
            "events_in_occurrences": covered,
            "coverage": round(covered / max(len(events_by_id), 1), 4),
            "users": facts.users,
        },
    )


def _draft(
    routine: Routine,
    *,
    events_by_id: Mapping[str, Event],
    observed_days: int,
    params: DiscoveryParameters,
) -> Candidate:
    occurrences = routine.occurrences
    step_count = len(routine.signatures)
    measured = measure_routine(
        [o.event_ids for o in occurrences],
        [o.steps for o in occurrences],
        [o.times_ms for o in occurrences],
        step_count=step_count,
        events_by_id=events_by_id,
        active_gap_s=params.active_gap_s,
    )
    flat = FlatSteps.of([o.steps for o in occurrences])
    steps = _build_steps(routine, flat, events_by_id=events_by_id, sources=measured.value_sources)
    labels = [_step_label(step) for step in steps]
    graph = build_task_map(flat, step_labels=labels)
    variants = Counter(flat.collapsed_sequences())
    ranked_variants = sorted(variants.items(), key=lambda item: (-item[1], item[0]))
    inputs = [s for s in steps if s.kind in TARGETS]
    unknown = sum(1 for s in inputs if s.value_source == "varies")
    active_hours = measured.active_s / 3600.0
    hours = monthly_hours(active_hours=active_hours, observed_days=observed_days, roi=params.roi)
    mean_duration = sum(measured.durations_s) / max(len(measured.durations_s), 1)
    scores = score_routine(
        variant_counts=list(variants.values()),
        decisions=count_decision_points(graph),
        steps=step_count,
        inputs=len(inputs),
        unknown_inputs=unknown,
        hours_per_month=hours,
        mean_duration_s=mean_duration,
    )
    apps = sorted({step.app for step in steps})
    roi = estimate_roi(
        active_hours=active_hours,
        observed_days=observed_days,
        automation_potential=scores.automation_potential,
        steps=step_count,
        apps=len(apps),
        roi=params.roi,
    )
    return Candidate(
        id="c0",
        rank=0,
        name=_name(labels, apps),
        steps=tuple(steps),
        occurrences=tuple(
            _occurrence(o.event_ids, o.user_id, o.session_id, events_by_id) for o in occurrences
        ),
        frequency=len(occurrences),
        users=len({o.user_id for o in occurrences}),
        mean_duration_s=round(mean_duration, 3),
        variants=tuple(
            Variant(steps=v, count=c) for v, c in ranked_variants[: params.max_variants]
        ),
        scores=scores,
        roi=roi,
        metrics=measured.as_json() | {"variants_total": len(variants)},
        task_map=serialise_task_map(graph),
    )


def _build_steps(
    routine: Routine,
    flat: FlatSteps,
    *,
    events_by_id: Mapping[str, Event],
    sources: Sequence[str | None],
) -> list[Step]:
    presence = flat.presence(len(routine.signatures))
    ids = [event_id for o in routine.occurrences for event_id in o.event_ids]
    examples = [
        [ids[i] for i in flat.first_positions(step, EXAMPLES_PER_STEP)]
        for step in range(len(routine.signatures))
    ]
    total = max(len(routine.occurrences), 1)
    steps: list[Step] = []
    for index, text in enumerate(routine.step_texts):
        fields = describe_signature(text)
        example = events_by_id[examples[index][0]]
        element = example.element
        steps.append(
            Step(
                kind=EventKind(fields.get("kind", example.kind.value)),
                app=example.app,
                role=fields.get("role"),
                name=_clean(fields.get("name")),
                automation_id=_clean(fields.get("automation_id")),
                class_name=_clean(fields.get("class_name")),
                window=_clean(fields.get("window")),
                url=_url(fields),
                path=element.path if element is not None else (),
                value_source=sources[index],
                example_value=example.value,
                support=round(int(presence[index]) / total, 4),
                example_event_ids=tuple(examples[index]),
            )
        )
    return steps


def _occurrence(
    ids: Sequence[str], user: str, session: str, events_by_id: Mapping[str, Event]
) -> Occurrence:
    # trusted: the ids and times come from validated events.
    return trusted(
        Occurrence,
        session_id=session,
        user_id=user,
        event_ids=tuple(ids),
        start=events_by_id[ids[0]].timestamp,
        end=events_by_id[ids[-1]].timestamp,
    )


def _clean(value: str | None) -> str | None:
    if value is None or value == DATA or not value.strip():
        return None
    return " ".join(value.split())


def _url(fields: Mapping[str, str]) -> str | None:
    host = fields.get("host")
    if not host:
        return None
    return host + fields.get("urlpath", "")


def _step_label(step: Step) -> str:
    target = step.name or step.automation_id or step.role or step.window or step.url or step.app
    return f"{step.kind.value} {target}"


def _name(labels: Sequence[str], apps: Sequence[str]) -> str:
    body = labels[0] if len(labels) == 1 else f"{labels[0]} … {labels[-1]}"
    return f"{body} ({', '.join(apps)})"
