"""Exporters: mined candidates out as RPA skeletons (UiPath, Power Automate Desktop), process
mining logs (XES, OCEL 2.0) and process models (BPMN 2.0). Pure renderers: data in, bytes out.
PDD renderers live beside them in ``exporters/pdd_*.py``."""

from exporters.bpmn import render_bpmn
from exporters.ocel import render_ocel
from exporters.power_automate import (
    render_power_automate_flow,
    render_power_automate_package,
    render_power_automate_subflows,
)
from exporters.targets import EXPORT_TARGETS, ExportTarget, find_export_target
from exporters.uipath_project import render_uipath_project
from exporters.validate import (
    validate_project_json,
    validate_robin,
    validate_uipath_project,
    validate_xaml,
)
from exporters.xes import label_event, render_xes

__all__ = [
    "EXPORT_TARGETS",
    "ExportTarget",
    "find_export_target",
    "label_event",
    "render_bpmn",
    "render_ocel",
    "render_power_automate_flow",
    "render_power_automate_package",
    "render_power_automate_subflows",
    "render_uipath_project",
    "render_xes",
    "validate_project_json",
    "validate_robin",
    "validate_uipath_project",
    "validate_xaml",
]
