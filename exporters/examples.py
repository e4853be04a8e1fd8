"""Exporters, worked example: a hand-built candidate and the events it was mined from.

A small, realistic routine (copy an invoice amount from Excel into a browser form, submit,
note it in gedit on a Linux machine, save the workbook) with the selectors a Windows / Linux
recorder captures. It exercises every exporter rule: a copied value, a varying value, XML
special characters in names and values, a low-confidence step, a Linux step that must become
a placeholder, two variants. Docs, benchmarks and the exporter tests use it; nothing at run
time depends on it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from taskmine.domain import (
    Candidate,
    Element,
    Event,
    EventKind,
    Occurrence,
    PathNode,
    Roi,
    Scores,
    Step,
    Variant,
)

_EXCEL_WINDOW = "Invoices <id>.xlsx - Excel"
_PORTAL_WINDOW = "New invoice - Google Chrome"
_PORTAL_URL = "https://portal.example.com/invoices/new?src=mail&lang=en"


def build_example_steps() -> tuple[Step, ...]:
    excel_path = (PathNode(role="window", name=_EXCEL_WINDOW), PathNode(role="pane", name="Sheet1"))
    return (
        Step(
            kind=EventKind.CLICK,
            app="excel.exe",
            role="DataItem",
            name="B2",
            window=_EXCEL_WINDOW,
            path=(*excel_path, PathNode(role="DataItem", name="B2")),
            example_event_ids=("a0",),
        ),
        Step(
            kind=EventKind.COPY,
            app="excel.exe",
            role="DataItem",
            name="B2",
            window=_EXCEL_WINDOW,
            path=(*excel_path, PathNode(role="DataItem", name="B2")),
            example_event_ids=("a1",),
        ),
        Step(
            kind=EventKind.NAVIGATE,
            app="chrome.exe",
            window=_PORTAL_WINDOW,
            url=_PORTAL_URL,
            example_event_ids=("a2",),
        ),
        Step(
            kind=EventKind.TYPE,
            app="chrome.exe",
            role="entry",
            name="Customer",
            automation_id="customer",
            window=_PORTAL_WINDOW,
            url=_PORTAL_URL,
            value_source="varies",
            example_value="ACME & Sons <Ltd>",
            example_event_ids=("a3",),
        ),
        Step(
            kind=EventKind.PASTE,
            app="chrome.exe",
            role="entry",
            name="Amount",
            automation_id="amount",
            window=_PORTAL_WINDOW,
            url=_PORTAL_URL,
            value_source="copied:1",
            example_value="1,250.00",
            example_event_ids=("a4",),
        ),
        Step(
            kind=EventKind.CLICK,
            app="chrome.exe",
            role="push button",
            name="Submit 'now'",
            window=_PORTAL_WINDOW,
            url=_PORTAL_URL,
            example_event_ids=("a5",),
        ),
        Step(
            kind=EventKind.KEY,
            app="chrome.exe",
            role="document web",
            name="New invoice",
            window=_PORTAL_WINDOW,
            url=_PORTAL_URL,
            example_value="ctrl+s",
            support=0.25,
            example_event_ids=("a6",),
        ),
        Step(
            kind=EventKind.TYPE,
            app="gedit",
            role="text",
            name="",
            window="notes.txt - gedit",
            path=(
                PathNode(role="frame", name="notes.txt - gedit"),
                PathNode(role="scroll pane"),
                PathNode(role="text"),
            ),
            value_source="constant",
            example_value="done",
            example_event_ids=("a7",),
        ),
        Step(
            kind=EventKind.CLICK,
            app="excel.exe",
            role="push button",
            name="Save",
            automation_id="FileSave",
            class_name="NetUIRibbonButton",
            window=_EXCEL_WINDOW,
            path=(
                PathNode(role="window", name=_EXCEL_WINDOW),
                PathNode(role="pane", name="Ribbon"),
                PathNode(role="tool bar", name="Quick Access Toolbar"),
                PathNode(role="push button", name="Save"),
            ),
            example_event_ids=("a8",),
        ),
    )


def build_example_events() -> tuple[Event, ...]:
    """Two sessions by two users: three instances of the routine with some noise between."""
    events: list[Event] = []
    start = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
    plans = [
        ("s1", "u01", "m01", [0, 1, 2, 3, 4, 5, 6, 7, 8]),
        ("s1", "u01", "m01", [0, 1, 2, 3, 4, 5, 7, 8]),
        ("s2", "u02", "m02", [0, 1, 2, 3, 4, 5, 7, 8]),
    ]
    steps = build_example_steps()
    moment = start
    for session, user, machine, order in plans:
        for index in order:
            step = steps[index]
            moment += timedelta(seconds=3, milliseconds=250)
            events.append(
                Event(
                    event_id=f"{session}-{len(events)}",
                    session_id=session,
                    user_id=user,
                    machine_id=machine,
                    timestamp=moment,
                    kind=step.kind,
                    app=step.app,
                    window=(step.window or "").replace("<id>", "2026-03"),
                    element=Element(
                        role=step.role,
                        name=step.name,
                        automation_id=step.automation_id,
                        class_name=step.class_name,
                        path=step.path,
                    )
                    if step.role or step.name
                    else None,
                    value=step.example_value,
                    url=step.url,
                )
            )
        # Noise between instances: a mail check that belongs to no routine.
        moment += timedelta(seconds=40)
        events.append(
            Event(
                event_id=f"{session}-{len(events)}",
                session_id=session,
                user_id=user,
                machine_id=machine,
                timestamp=moment,
                kind=EventKind.CLICK,
                app="outlook.exe",
                window="Inbox - Outlook",
                element=Element(role="list item", name="Invoice mail"),
            )
        )
    return tuple(events)


def build_example_candidate() -> Candidate:
    events = build_example_events()
    occurrences: list[Occurrence] = []
    current: list[Event] = []
    for event in events:
        if event.app == "outlook.exe":
            occurrences.append(
                Occurrence(
                    session_id=current[0].session_id,
                    user_id=current[0].user_id,
                    event_ids=tuple(e.event_id for e in current),
                    start=current[0].timestamp,
                    end=current[-1].timestamp,
                )
            )
            current = []
        else:
            current.append(event)
    return Candidate(
        id="c1",
        rank=1,
        name="Enter invoice amount from Excel into portal",
        steps=build_example_steps(),
        occurrences=tuple(occurrences),
        frequency=len(occurrences),
        users=2,
        mean_duration_s=26.0,
        variants=(
            Variant(steps=(0, 1, 2, 3, 4, 5, 7, 8), count=2),
            Variant(steps=(0, 1, 2, 3, 4, 5, 6, 7, 8), count=1),
        ),
        scores=Scores(automation_potential=0.82, standardization=0.9, rule_based=0.85),
        roi=Roi(hours_per_month=4.5, fte=0.03, build_days=3.0, payback_months=5.2),
    )
