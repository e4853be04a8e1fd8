"""Stages 4-7 (task map, metrics, scores, ROI, ranking) on small hand-made routines."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import networkx as nx

from discovery import DiscoveryParameters, RoiParameters, discover
from discovery.scoring import estimate_roi, score_standardization
from discovery.task_map import build_task_map, count_decision_points, serialise_task_map
from taskmine.domain.events import Element, Event, EventKind

ORIGIN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _copy_paste_log(instances: int = 6) -> list[Event]:
    """Copy a customer id in Excel, paste it into a web form, type a constant, save."""
    events: list[Event] = []
    clock = ORIGIN
    for number in range(instances):
        customer = f"C-{1000 + number * 7}"
        steps = [
            (
                EventKind.COPY,
                "excel.exe",
                Element(role="cell", automation_id=f"A{number + 2}"),
                customer,
            ),
            (EventKind.PASTE, "chrome.exe", Element(role="edit", name="Customer"), customer),
            (EventKind.TYPE, "chrome.exe", Element(role="edit", name="Country"), "NL"),
            (EventKind.CLICK, "chrome.exe", Element(role="button", name="Save"), None),
        ]
        for kind, app, element, value in steps:
            clock += timedelta(seconds=4)
            events.append(
                Event(
                    event_id=f"e{len(events)}",
                    session_id="s1",
                    user_id="u1",
                    machine_id="m1",
                    timestamp=clock,
                    kind=kind,
                    app=app,
                    element=element,
                    value=value,
                )
            )
        clock += timedelta(seconds=20)
    return events


def test_copied_value_is_traced_to_its_source_step() -> None:
    result = discover(_copy_paste_log())
    (candidate,) = result.candidates
    sources = {step.kind: step.value_source for step in candidate.steps}
    copy_index = next(i for i, s in enumerate(candidate.steps) if s.kind is EventKind.COPY)
    assert sources[EventKind.PASTE] == f"copied:{copy_index}"
    assert sources[EventKind.TYPE] == "constant"
    transfers = candidate.metrics["copy_paste_transfers"]
    assert transfers[0]["count"] == candidate.frequency


def test_occurrences_hold_the_instances_in_order() -> None:
    (candidate,) = discover(_copy_paste_log(6)).candidates
    assert candidate.frequency == 6
    assert [len(o.event_ids) for o in candidate.occurrences] == [4] * 6
    assert all(o.start < o.end for o in candidate.occurrences)


def test_task_map_is_node_link_json_with_counts() -> None:
    (candidate,) = discover(_copy_paste_log()).candidates
    graph = nx.node_link_graph(candidate.task_map, edges="edges")
    assert graph.is_directed()
    assert graph.edges["start", "s0"]["count"] == candidate.frequency


def test_decision_points_are_steps_with_several_successors() -> None:
    straight = build_task_map([[0, 1, 2], [0, 1, 2]], step_labels=["a", "b", "c"])
    assert count_decision_points(straight) == 0
    branching = build_task_map([[0, 1, 2], [0, 2], [0, 1, 2]], step_labels=["a", "b", "c"])
    assert count_decision_points(branching) == 1
    graph = branching
    assert serialise_task_map(graph)["directed"] is True


def test_standardization_is_one_for_a_single_variant_and_falls_with_entropy() -> None:
    assert score_standardization([10]) == 1.0
    assert score_standardization([5, 5]) < score_standardization([9, 1]) < 1.0


def test_roi_follows_the_documented_formula() -> None:
    roi = RoiParameters(hourly_cost=50, working_days_per_month=20, hours_per_day=8)
    figures = estimate_roi(
        active_hours=2.0, observed_days=4, automation_potential=0.5, steps=10, apps=2, roi=roi
    )
    hours = 2.0 / 4 * 20
    saved = hours * roi.automation_share * 0.5
    build = roi.build_days_base + 10 * roi.build_days_per_step + 2 * roi.build_days_per_app
    assert math.isclose(figures.hours_per_month, hours)
    assert math.isclose(figures.fte, round(saved / (20 * 8), 4))
    assert math.isclose(figures.build_days, build)
    assert figures.payback_months is not None
    assert math.isclose(figures.payback_months, round(build * roi.build_day_cost / (saved * 50), 2))


def test_hourly_cost_changes_payback_not_hours() -> None:
    events = _copy_paste_log()
    cheap = discover(events, params=DiscoveryParameters(roi=RoiParameters(hourly_cost=10)))
    dear = discover(events, params=DiscoveryParameters(roi=RoiParameters(hourly_cost=100)))
    assert cheap.candidates[0].roi.hours_per_month == dear.candidates[0].roi.hours_per_month
    assert cheap.candidates[0].roi.payback_months > dear.candidates[0].roi.payback_months  # type: ignore[operator]
