"""PDD stage, deterministic drafter: a mined ``Candidate`` -> a complete draft ``Pdd``.

This is the embedded default (no LLM configured) and the fallback of the LLM drafter. It fills
every section from the mined data alone. Guarantees: pure (no clock: the caller passes
``generated_at``; no I/O; no randomness), so the same candidate gives the same document; every
figure is the candidate's own; every step and claim carries step indices and event ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from taskmine.domain.events import EventKind
from taskmine.domain.results import Candidate, DiscoveryResult
from taskmine.pdd.assessment import build_assessment, build_open_questions
from taskmine.pdd.errors import PddInputError
from taskmine.pdd.flow import build_exceptions, build_process_map, build_variants
from taskmine.pdd.model import (
    Application,
    Claim,
    DataField,
    DataHandling,
    DocumentControl,
    DraftingInfo,
    Metrics,
    Pdd,
    ProcessOverview,
    Revision,
    Volumes,
    is_timezone_aware,
)
from taskmine.pdd.steps import (
    build_as_is_steps,
    build_data_fields,
    clean_text,
    describe_screen,
    is_web_app,
    step_refs,
)

DEFAULT_AUTHOR = "taskmine (drafted from recorded data)"
DEFAULT_WORKING_DAYS = 21.0
SCREENS_PER_APP = 5

ResultMeta = Mapping[str, Any] | DiscoveryResult


def draft_pdd(
    candidate: Candidate, *, result_meta: ResultMeta | None = None, generated_at: datetime
) -> Pdd:
    """A draft PDD from the mined data alone.

    ``result_meta`` is the discovery result (or its ``metrics`` dict plus ``events``); keys read:
    ``observed_days``, ``events``, ``working_days_per_month``, ``app_versions`` (app -> version),
    ``author``. Missing keys fall back to what the candidate itself shows.
    """
    if not is_timezone_aware(generated_at):
        raise PddInputError("generated_at has no time zone; pass an aware UTC datetime")
    if not candidate.steps:
        raise PddInputError(f"candidate {candidate.id} has no steps; there is nothing to document")
    meta = _meta_dict(result_meta)
    process_map, decisions = build_process_map(candidate)
    steps = build_as_is_steps(candidate, decisions=decisions)
    variants = build_variants(candidate)
    variants_total = int(candidate.metrics.get("variants_total", len(candidate.variants)))
    exceptions = build_exceptions(candidate, variants=variants, variants_total=variants_total)
    inputs, outputs = build_data_fields(candidate)
    volumes = _volumes(candidate, meta)
    applications = _applications(candidate, meta)
    author = str(meta.get("author") or DEFAULT_AUTHOR)
    return Pdd(
        document_control=DocumentControl(
            document_id=f"pdd-{candidate.id}",
            author=author,
            created_at=generated_at,
            updated_at=generated_at,
            candidate_id=candidate.id,
            source_events=_int_or_none(meta.get("events")),
            revisions=(
                Revision(
                    version=1,
                    at=generated_at,
                    by=author,
                    change=f"Drafted from mined candidate {candidate.id} "
                    f"({candidate.frequency} cases, {len(candidate.steps)} steps).",
                ),
            ),
            drafting=DraftingInfo(notes=_evidence_notes(candidate)),
        ),
        overview=ProcessOverview(
            name=clean_text(candidate.name) or candidate.id,
            purpose=_purpose(candidate, outputs),
            trigger=Claim(
                text=f"Observed start: {steps[0].description} What triggers a case is not "
                "visible in the recording.",
                refs=steps[0].refs,
            ),
            in_scope=(
                Claim(
                    text=f"Steps 1–{len(steps)} as recorded, in "
                    f"{', '.join(a.name for a in applications)}.",
                    refs=step_refs(candidate, range(len(steps))),
                ),
            ),
            out_of_scope=(
                Claim(text="Work outside the recorded applications and before the first step."),
                Claim(text="Paths listed under Exceptions, until their handling is agreed."),
            ),
            volumes=volumes,
        ),
        applications=applications,
        steps=steps,
        process_map=process_map,
        variants=variants,
        exceptions=exceptions,
        input_data=inputs,
        output_data=outputs,
        metrics=_metrics(candidate, volumes, variants_total=variants_total),
        assessment=build_assessment(candidate, steps=steps, variants=variants, outputs=outputs),
        open_questions=build_open_questions(
            candidate,
            steps=steps,
            applications=applications,
            process_map=process_map,
            exceptions=exceptions,
            outputs=outputs,
            per_month=volumes.per_month,
        ),
    )


def _meta_dict(result_meta: ResultMeta | None) -> dict[str, Any]:
    if result_meta is None:
        return {}
    if isinstance(result_meta, DiscoveryResult):
        return {**result_meta.metrics, "events": result_meta.events}
    return dict(result_meta)


def _purpose(candidate: Candidate, outputs: tuple[DataField, ...]) -> Claim:
    apps = sorted({s.app for s in candidate.steps})
    targets = sorted({f.app for f in outputs})
    sources = sorted(set(apps) - set(targets))
    copied = sum(1 for f in outputs if f.handling in {DataHandling.COPIED, DataHandling.DERIVED})
    typed = sum(1 for f in outputs if f.handling is DataHandling.TYPED)
    refs = step_refs(candidate, range(len(candidate.steps)))
    if targets and sources:
        text = (
            f"Transfer case data from {', '.join(sources)} into {', '.join(targets)}: "
            f"{copied} of {len(outputs)} entered values are copied or derived, {typed} typed by hand."
        )
    else:
        text = f"Carry out “{clean_text(candidate.name)}” in {', '.join(apps)}."
    return Claim(text=text + " The business purpose is to be confirmed.", refs=refs)


def _volumes(candidate: Candidate, meta: Mapping[str, Any]) -> Volumes:
    starts = [o.start for o in candidate.occurrences]
    ends = [o.end for o in candidate.occurrences]
    days = _int_or_none(meta.get("observed_days")) or (
        len({s.date() for s in starts}) if starts else None
    )
    working_days = float(meta.get("working_days_per_month") or DEFAULT_WORKING_DAYS)
    per_day = round(candidate.frequency / days, 2) if days else None
    duration: dict[str, Any] = candidate.metrics.get("duration_s") or {}
    return Volumes(
        occurrences_observed=candidate.frequency,
        observation_start=min(starts) if starts else None,
        observation_end=max(ends) if ends else None,
        observed_days=days,
        per_day=per_day,
        per_month=round(per_day * working_days, 1) if per_day is not None else None,
        users=candidate.users,
        mean_handling_time_s=candidate.mean_duration_s,
        p50_handling_time_s=_float_or_none(duration.get("p50")),
        p90_handling_time_s=_float_or_none(duration.get("p90")),
    )


def _applications(candidate: Candidate, meta: Mapping[str, Any]) -> tuple[Application, ...]:
    versions: Mapping[str, Any] = meta.get("app_versions") or {}
    time_per_app: Mapping[str, Any] = candidate.metrics.get("time_per_app_s") or {}
    total_time = sum(float(v) for v in time_per_app.values()) or None
    by_app: dict[str, list[int]] = {}
    for index, step in enumerate(candidate.steps):
        by_app.setdefault(step.app, []).append(index)
    apps: list[Application] = []
    for app, indices in by_app.items():
        screens: list[str] = []
        for index in indices:
            screen = describe_screen(candidate.steps[index])
            if screen and screen not in screens and len(screens) < SCREENS_PER_APP:
                screens.append(screen)
        has_url = any(candidate.steps[i].url for i in indices)
        seconds = time_per_app.get(app)
        apps.append(
            Application(
                name=app,
                version=str(versions[app]) if app in versions else None,
                interface="web" if is_web_app(app, has_url=has_url) else "desktop",
                screens=tuple(screens),
                time_share=round(float(seconds) / total_time, 4)
                if seconds and total_time
                else None,
                refs=step_refs(candidate, indices),
            )
        )
    return tuple(apps)


def _metrics(candidate: Candidate, volumes: Volumes, *, variants_total: int) -> Metrics:
    m = candidate.metrics
    return Metrics(
        frequency=candidate.frequency,
        per_month=volumes.per_month,
        users=candidate.users,
        mean_handling_time_s=candidate.mean_duration_s,
        p50_handling_time_s=volumes.p50_handling_time_s,
        p90_handling_time_s=volumes.p90_handling_time_s,
        active_time_s=_float_or_none(m.get("active_time_s")),
        idle_time_s=_float_or_none(m.get("idle_time_s")),
        hours_per_month=candidate.roi.hours_per_month,
        fte=candidate.roi.fte,
        app_switches_per_case=_float_or_none(m.get("app_switches_per_occurrence")),
        data_entry_share=_float_or_none(m.get("data_entry_share")),
        variants_total=variants_total,
        steps=len(candidate.steps),
    )


def _evidence_notes(candidate: Candidate) -> tuple[str, ...]:
    missing = [str(i + 1) for i, s in enumerate(candidate.steps) if not s.example_event_ids]
    notes = []
    if missing:
        notes.append(f"Steps {', '.join(missing)} have no recorded example event in the result.")
    if any(s.kind is EventKind.OTHER for s in candidate.steps):
        notes.append("Some actions were recorded as 'other'; check them against the recording.")
    return tuple(notes)


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _float_or_none(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
