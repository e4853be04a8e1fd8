"""PDD stage, worked example: a hand-built candidate shaped like one discovery mines.

The routine: copy a customer's name and e-mail from an Excel sheet into a CRM web form, key in
the IBAN from paper, pick the country, save. It has a copied value, a typed value with no visible
source, a value derived from a copied one, a constant, an optional step, a decision point, an
abandoned variant and personal data in its example values and window titles (redaction must
catch it). Tests, docs and the demo use it; nothing at run time depends on it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from taskmine.domain.events import EventKind, PathNode
from taskmine.domain.results import Candidate, Occurrence, Roi, Scores, Step, Variant

_SHEET = "Customers Q1.xlsx - Excel"
_FORM = "New customer - CRM - Google Chrome"
_URL = "crm.example.com/customers/new"
_START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# (kind, app, window, url, role, name, automation_id, value_source, example_value, support)
_STEPS: tuple[tuple[Any, ...], ...] = (
    ("click", "excel.exe", _SHEET, None, "DataItem", "A2", None, None, None, 1.0),
    ("copy", "excel.exe", _SHEET, None, "DataItem", "A2", None, None, "Jane Doe", 1.0),
    ("click", "chrome.exe", _FORM, _URL, "edit", "Customer name", "name", None, None, 1.0),
    (
        "paste",
        "chrome.exe",
        _FORM,
        _URL,
        "edit",
        "Customer name",
        "name",
        "copied:1",
        "Jane Doe",
        1.0,
    ),
    ("click", "excel.exe", _SHEET, None, "DataItem", "B2", None, None, None, 1.0),
    ("copy", "excel.exe", _SHEET, None, "DataItem", "B2", None, None, "jane.doe@example.com", 1.0),
    (
        "paste",
        "chrome.exe",
        _FORM,
        _URL,
        "edit",
        "E-mail",
        "email",
        "copied:5",
        "jane.doe@example.com",
        1.0,
    ),
    ("type", "chrome.exe", _FORM, _URL, "edit", "Last name", "lastname", "varies", "Doe", 1.0),
    (
        "type",
        "chrome.exe",
        _FORM,
        _URL,
        "edit",
        "IBAN",
        "iban",
        "varies",
        "DE89370400440532013000",
        1.0,
    ),
    (
        "select",
        "chrome.exe",
        _FORM,
        _URL,
        "combo box",
        "Country",
        "country",
        "constant",
        "Germany",
        0.75,
    ),
    ("click", "chrome.exe", _FORM, _URL, "push button", "Save", "save", None, None, 0.95),
)
_MAIN = tuple(range(len(_STEPS)))
_WITHOUT_COUNTRY = (0, 1, 2, 3, 4, 5, 6, 7, 8, 10)
_ABANDONED = (0, 1, 2, 3, 4, 5, 6, 7)
_VARIANTS = ((_MAIN, 30), (_WITHOUT_COUNTRY, 8), (_ABANDONED, 2))


def build_sample_candidate() -> Candidate:
    """A mined-looking candidate of 40 cases by 3 users over 2 days, with event ids ``e<n>``."""
    occurrences: list[Occurrence] = []
    examples: dict[int, list[str]] = {index: [] for index in range(len(_STEPS))}
    sequences: list[tuple[int, ...]] = []
    counter = 0
    case = 0
    for sequence, count in _VARIANTS:
        for _ in range(count):
            start = _START + timedelta(days=case % 2, minutes=7 * case)
            ids = []
            for step in sequence:
                event_id = f"e{counter}"
                counter += 1
                ids.append(event_id)
                if len(examples[step]) < 3:
                    examples[step].append(event_id)
            occurrences.append(
                Occurrence(
                    session_id=f"s{case % 3}-{case % 2}",
                    user_id=f"u{case % 3 + 1:02d}",
                    event_ids=tuple(ids),
                    start=start,
                    end=start + timedelta(seconds=4 * len(sequence) + case % 5),
                )
            )
            sequences.append(sequence)
            case += 1
    steps = tuple(_build_step(index, examples[index]) for index in range(len(_STEPS)))
    return Candidate(
        id="c1",
        rank=1,
        name="copy A2 … click Save (chrome.exe, excel.exe)",
        steps=steps,
        occurrences=tuple(occurrences),
        frequency=len(occurrences),
        users=3,
        mean_duration_s=43.2,
        variants=tuple(Variant(steps=s, count=c) for s, c in _VARIANTS),
        scores=Scores(
            automation_potential=0.74,
            standardization=0.71,
            rule_based=0.78,
            volume=0.52,
            duration=0.51,
        ),
        roi=Roi(hours_per_month=5.04, fte=0.0224, build_days=4.1, payback_months=8.6),
        metrics={
            "frequency": len(occurrences),
            "duration_s": {"mean": 43.2, "p50": 44.0, "p90": 48.0},
            "active_time_s": 1728.0,
            "idle_time_s": 0.0,
            "time_per_app_s": {"chrome.exe": 1180.0, "excel.exe": 548.0},
            "app_switches_per_occurrence": 4.0,
            "data_entry_share": 0.52,
            "copy_paste_transfers": [
                {"from_step": 1, "to_step": 3, "count": 40},
                {"from_step": 5, "to_step": 6, "count": 40},
            ],
            "per_user": {},
            "variants_total": 3,
        },
        task_map=_task_map([s for s, c in _VARIANTS for _ in range(c)]),
    )


def sample_result_meta() -> dict[str, Any]:
    """What ``DiscoveryResult.metrics`` (plus the event count) says about the sample's log."""
    return {"observed_days": 2, "events": 520, "users": 3, "coverage": 0.81}


def _build_step(index: int, example_ids: list[str]) -> Step:
    kind, app, window, url, role, name, automation_id, source, value, support = _STEPS[index]
    path = (PathNode(role="window", name=window), PathNode(role=role, name=name))
    return Step(
        kind=EventKind(kind),
        app=app,
        role=role,
        name=name,
        automation_id=automation_id,
        window=window,
        url=url,
        path=path,
        value_source=source,
        example_value=value,
        support=support,
        example_event_ids=tuple(example_ids),
    )


def _task_map(sequences: list[tuple[int, ...]]) -> dict[str, Any]:
    # The node-link JSON shape of discovery's task map (nodes s<i>, start, end; edge counts).
    counts: dict[tuple[str, str], int] = {}
    for sequence in sequences:
        path = ["start", *(f"s{step}" for step in sequence), "end"]
        for source, target in pairwise(path):
            counts[(source, target)] = counts.get((source, target), 0) + 1
    out_degree: dict[str, int] = {}
    for source, _ in counts:
        out_degree[source] = out_degree.get(source, 0) + 1
    labels = [f"{row[0]} {row[5]}" for row in _STEPS]
    nodes: list[dict[str, Any]] = [{"id": "start", "label": "start", "kind": "start"}]
    nodes += [
        {"id": f"s{i}", "label": label, "kind": "step", "step": i, "support": _STEPS[i][9]}
        for i, label in enumerate(labels)
    ]
    nodes.append({"id": "end", "label": "end", "kind": "end"})
    for node in nodes:
        node["decision"] = out_degree.get(str(node["id"]), 0) > 1
    return {
        "directed": True,
        "multigraph": False,
        "graph": {},
        "nodes": nodes,
        "edges": [{"source": s, "target": t, "count": c} for (s, t), c in sorted(counts.items())],
    }
