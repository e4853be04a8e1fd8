"""Exporters, dispatch: export target name -> media type, file extension and renderer.

The REST API (``GET /v1/candidates/{id}/exports/{target}``) and the CLI (``taskmine export``)
look targets up here, so both offer the same formats with the same defaults. Every renderer
takes ``(candidate, events)``: the candidate to export and the canonical events it was mined
from (only the logs use the events).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from exporters.bpmn import render_bpmn
from exporters.ocel import render_ocel
from exporters.power_automate import render_power_automate_package
from exporters.uipath_project import render_uipath_project
from exporters.xes import render_xes
from taskmine.domain import Candidate, Event

Renderer = Callable[[Candidate, Sequence[Event]], bytes]


class ExportTarget(NamedTuple):
    media_type: str
    extension: str
    render: Renderer


def _render_uipath(candidate: Candidate, events: Sequence[Event]) -> bytes:
    return render_uipath_project(candidate)


def _render_power_automate(candidate: Candidate, events: Sequence[Event]) -> bytes:
    return render_power_automate_package(candidate)


def _render_xes(candidate: Candidate, events: Sequence[Event]) -> bytes:
    return render_xes(events, candidates=[candidate])


def _render_ocel(candidate: Candidate, events: Sequence[Event]) -> bytes:
    return render_ocel(events, [candidate])


def _render_bpmn(candidate: Candidate, events: Sequence[Event]) -> bytes:
    return render_bpmn(candidate)


EXPORT_TARGETS: dict[str, ExportTarget] = {
    "uipath": ExportTarget("application/zip", "zip", _render_uipath),
    "power-automate": ExportTarget("application/zip", "zip", _render_power_automate),
    "xes": ExportTarget("application/xml", "xes", _render_xes),
    "ocel": ExportTarget("application/json", "json", _render_ocel),
    "bpmn": ExportTarget("application/xml", "bpmn", _render_bpmn),
}


def find_export_target(name: str) -> ExportTarget:
    """The target called ``name``; the error lists the valid names."""
    try:
        return EXPORT_TARGETS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORT_TARGETS))
        raise KeyError(f"unknown export target {name!r}; use one of: {known}") from None
