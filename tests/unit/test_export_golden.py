"""Golden files: the exports of the hand-built example candidate, compared after
canonicalising XML (C14N 2.0, whitespace-only text stripped) so that formatting changes do not
count but every element, attribute and value does. Regenerate after an intended change with
``TASKMINE_UPDATE_GOLDEN=1 uv run pytest tests/unit/test_export_golden.py`` and review the diff."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from exporters import render_bpmn, render_power_automate_flow, render_uipath_project, render_xes
from exporters.examples import build_example_candidate, build_example_events

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("TASKMINE_UPDATE_GOLDEN") == "1"


def canonical_xml(data: bytes) -> str:
    text = data.decode("utf-8").removeprefix("<?xml version='1.0' encoding='utf-8'?>")
    canonical = etree.canonicalize(text, strip_text=True)
    # One element per line so that a golden diff is readable; the order is C14N's.
    return etree.tostring(etree.fromstring(canonical), pretty_print=True, encoding="unicode")


def main_xaml(profile: str) -> bytes:
    archive = zipfile.ZipFile(
        io.BytesIO(render_uipath_project(build_example_candidate(), profile=profile))
    )
    return archive.read(next(n for n in archive.namelist() if n.endswith("/Main.xaml")))


CASES: dict[str, Callable[[], str]] = {
    "uipath-classic-Main.xaml": lambda: canonical_xml(main_xaml("classic")),
    "uipath-modern-Main.xaml": lambda: canonical_xml(main_xaml("modern")),
    "power-automate-Main.txt": lambda: render_power_automate_flow(build_example_candidate()),
    "c1.bpmn": lambda: canonical_xml(render_bpmn(build_example_candidate())),
    "sessions.xes": lambda: canonical_xml(render_xes(build_example_events())),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(name):
    actual = CASES[name]()
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with TASKMINE_UPDATE_GOLDEN=1 once and review it"
    assert actual == path.read_text(encoding="utf-8")
