"""Exports of a routine mined from an imported Action Logger CSV: apps named by display name
("Excel", "Google Chrome", "browser") become real UiPath / PAD activities on the right Windows
process, not placeholder comments, and the files still pass the structural validators."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from discovery import DiscoveryParameters, discover
from exporters import (
    render_power_automate_flow,
    render_uipath_project,
    validate_robin,
    validate_uipath_project,
)
from exporters.uipath_ns import NS_SAP2010, NS_UI
from taskmine.domain import Candidate
from taskmine.importers import import_file

HEADER = [
    "timeStamp",
    "userID",
    "targetApp",
    "eventType",
    "url",
    "content",
    "target.workbookName",
    "target.sheetName",
    "target.id",
    "target.class",
    "target.tagName",
    "target.type",
    "target.name",
    "target.value",
    "target.innerText",
]
ANNOTATION = f"{{{NS_SAP2010}}}Annotation.AnnotationText"
PEOPLE = [
    ("Ada Lovelace", "ada@example.org"),
    ("Alan Turing", "alan@example.org"),
    ("Grace Hopper", "grace@example.net"),
    ("Edsger Dijkstra", "edsger@example.com"),
    ("Barbara Liskov", "barbara@example.org"),
    ("Donald Knuth", "don@example.edu"),
    ("Frances Allen", "fran@example.org"),
    ("John Backus", "john@example.com"),
    ("Margaret Hamilton", "margaret@example.net"),
    ("Ken Thompson", "ken@example.org"),
    ("Radia Perlman", "radia@example.com"),
    ("Niklaus Wirth", "niklaus@example.ch"),
]


def write_action_logger_csv(path: Path, *, excel: str, browser: str, url: str) -> Path:
    """An Action Logger-shaped log: copy two cells per row of a workbook into a web form."""
    rows: list[dict[str, str]] = []
    moment = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)

    def add(**values: str) -> None:
        nonlocal moment
        moment += timedelta(seconds=2, milliseconds=300)
        stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        rows.append({"timeStamp": stamp, "userID": "clerk", **values})

    for number, (name, email) in enumerate(PEOPLE, start=2):
        cell = {"target.workbookName": "customers.xlsx", "target.sheetName": "New"}
        form = {"url": url, "target.tagName": "INPUT", "target.type": "text"}
        add(
            targetApp=excel,
            eventType="copyCell",
            content=name,
            **{"target.id": f"A{number}"},
            **cell,
        )
        add(
            targetApp=browser,
            eventType="clickTextField",
            **form,
            **{"target.name": "fullName", "target.id": "full-name"},
        )
        add(
            targetApp=browser,
            eventType="paste",
            content=name,
            **form,
            **{"target.name": "fullName", "target.id": "full-name"},
        )
        add(
            targetApp=excel,
            eventType="copyCell",
            content=email,
            **{"target.id": f"B{number}"},
            **cell,
        )
        add(
            targetApp=browser,
            eventType="paste",
            content=email,
            **form,
            **{"target.name": "email", "target.id": "email"},
        )
        add(
            targetApp=browser,
            eventType="clickButton",
            url=url,
            **{"target.tagName": "BUTTON", "target.innerText": "Save", "target.id": "save"},
        )
        moment += timedelta(seconds=50)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def mine_top_candidate(path: Path) -> Candidate:
    imported = import_file(path)
    assert imported.errors == []
    result = discover(imported.events, params=DiscoveryParameters())
    assert result.candidates, "the routine was not mined"
    return result.candidates[0]


def main_xaml(candidate: Candidate, profile: str) -> etree._Element:
    data = render_uipath_project(candidate, profile=profile)
    assert validate_uipath_project(data) == []
    archive = zipfile.ZipFile(io.BytesIO(data))
    name = next(n for n in archive.namelist() if n.endswith("/Main.xaml"))
    return etree.fromstring(archive.read(name))


def activities_per_step(root: etree._Element) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for el in root.iter():
        text = el.get(ANNOTATION, "") if isinstance(el.tag, str) else ""
        if text.startswith("Step "):
            found.setdefault(int(text.split(" ", 2)[1]), set()).add(etree.QName(el).localname)
    return found


SPELLINGS = [
    ("Excel", "Chrome", "https://crm.example.org/customers/new"),
    ("Microsoft Excel", "Google Chrome", "https://crm.example.org/customers/new"),
    ("EXCEL.EXE", "browser", "crm.example.org/customers/new"),
]


@pytest.fixture(scope="module", params=SPELLINGS, ids=lambda s: f"{s[0]}+{s[1]}")
def candidate(request, tmp_path_factory):
    excel, browser, url = request.param
    path = tmp_path_factory.mktemp("log") / "customers.csv"
    return mine_top_candidate(write_action_logger_csv(path, excel=excel, browser=browser, url=url))


def test_the_mined_routine_keeps_the_logs_app_names(candidate):
    # The exporters, not the importer or the miner, turn display names into processes.
    assert len(candidate.steps) >= 5
    assert len({s.app for s in candidate.steps}) == 2
    assert not any(s.app.islower() and s.app.endswith(".exe") for s in candidate.steps)


@pytest.mark.parametrize("profile", ["classic", "modern"])
def test_uipath_steps_are_real_activities_on_the_resolved_processes(candidate, profile):
    root = main_xaml(candidate, profile)
    per_step = activities_per_step(root)
    assert set(per_step) == set(range(1, len(candidate.steps) + 1))
    placeholders = [n for n, kinds in per_step.items() if kinds <= {"Comment"}]
    assert placeholders == [], f"steps {placeholders} are comments, not activities"
    assert not any("TODO" in (c.get("DisplayName") or "") for c in root.iter(f"{{{NS_UI}}}Comment"))
    selectors = " ".join(
        value for el in root.iter() for key, value in el.attrib.items() if "Selector" in key
    )
    assert "app='excel.exe'" in selectors
    assert "<html app='chrome.exe'" in selectors
    assert "<webctrl id='full-name'" in selectors
    names = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
    assert {"GetValue", "Click"} <= names
    assert "TypeInto" in names if profile == "classic" else "NTypeInto" in names
    assert "BrowserScope" in names if profile == "classic" else "NApplicationCard" in names


def test_power_automate_steps_are_real_actions_on_the_resolved_processes(candidate):
    flow = render_power_automate_flow(candidate)
    assert validate_robin(flow) == []
    body = flow.split("# [ControlRepository]", 1)[0]
    assert "# TODO" not in body
    actions = [line for line in body.splitlines() if line and not line.startswith("#")]
    assert "System.RunApplication.RunApplication ApplicationPath: $'''excel.exe'''" in body
    assert sum("UIAutomation.GetElementDetails" in a for a in actions) == 2
    assert sum("PopulateTextField" in a for a in actions) == 2
    assert any("PressButton" in a or "Click.Click" in a for a in actions)
    assert '"ProcessName": "chrome"' in flow.replace("\\", "")


def test_a_log_that_names_no_app_exports_placeholders_that_say_why(tmp_path):
    path = write_action_logger_csv(
        tmp_path / "anonymous.csv", excel="unknown", browser="unknown", url=""
    )
    candidate = mine_top_candidate(path)
    flow = render_power_automate_flow(candidate)
    todo = [line for line in flow.splitlines() if line.startswith("# TODO")]
    assert todo
    assert all("fill in the process name" in line for line in todo)
    root = main_xaml(candidate, "classic")
    texts = [c.get("Text", "") for c in root.iter(f"{{{NS_UI}}}Comment")]
    assert any("names no application" in t and "no URL" in t for t in texts)
