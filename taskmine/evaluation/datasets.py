"""Evaluation adapter: the labelled public UI logs in ``../shared/datasets`` and their truth.

Each ``LabelledLog`` names a file, how to read its ground truth (a task label per row, the true
segments as row lists) and the published figures to print beside ours. Rows are joined to events
by the 0-based data-row number (the importers' ``event_id`` for CSV rows).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from taskmine.evaluation.csv_loader import read_csv_rows
from taskmine.evaluation.scoring import true_cases, true_segments

DATASETS_ENV = "TASKMINE_DATASETS"


@dataclass(frozen=True, slots=True)
class LabelledLog:
    """One labelled log: where it is, its truth, and what others published on it."""

    name: str
    group: str
    path: Path
    labels: list[Hashable]
    segments: list[list[int]]
    published: dict[str, str] = field(default_factory=dict)
    routines: list[frozenset[str]] = field(default_factory=list)
    activity_keys: list[str] = field(default_factory=list)


def default_datasets_root() -> Path:
    """``../shared/datasets`` beside the project root."""
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"


def list_logs(root: Path) -> list[tuple[str, str, Path]]:
    """(name, group, path) of every labelled log under ``root``, in a fixed order."""
    found: list[tuple[str, str, Path]] = []
    rebmann = root / "rebmann-task-recognition" / "input"
    for name in ["L1", "L2", "L3", "StudentRecord", "Reimbursement", "log3", "agostinelli40"]:
        found.append((name, "rebmann", rebmann / f"{name}.csv"))
    found.extend((path.stem, "rebmann", path) for path in sorted(rebmann.glob("TF_*.csv")))
    leno = root / "leno-sr-rt"
    for name in ["StudentRecord", "Reimbursement"]:
        found.append((f"leno-{name}", "leno", leno / f"{name}_segmented.csv"))
    bosco = root / "bosco-cpn-synthetic" / "segmented_csv"
    for index in range(1, 10):
        found.append((f"bosco-log{index}", "bosco", bosco / f"log{index}_segmented.csv"))
    return [item for item in found if item[2].exists()]


def load_truth(name: str, group: str, path: Path, *, root: Path) -> LabelledLog:
    """Ground truth of one log, read from the raw file by row number."""
    _, rows = read_csv_rows(path)
    published = PUBLISHED.get(name, {})
    if group == "rebmann":
        labels: list[Hashable] = [row["Task"] for row in rows]
        keys = [(row["Task"], row["idx"]) for row in rows]
        return LabelledLog(name, group, path, labels, true_segments(keys), published)
    cases = [row["caseID"] for row in rows]
    labels = ["routine"] * len(rows)
    if group == "leno":
        return LabelledLog(name, group, path, labels, true_cases(cases), published)
    number = name.removeprefix("bosco-log")
    nets = sorted(
        (root / "bosco-cpn-synthetic" / "ground_truth_pnml" / f"log{number}").glob("*.pnml")
    )
    return LabelledLog(
        name,
        group,
        path,
        labels,
        true_cases(cases),
        published,
        routines=[read_pnml_activities(net) for net in nets],
        activity_keys=[bosco_activity_key(row) for row in rows],
    )


def read_pnml_activities(path: Path) -> frozenset[str]:
    """Visible transition labels of a routine Petri net, each as a token-set key."""
    tree = etree.parse(str(path))
    labels: set[str] = set()
    for transition in tree.iter("{*}transition", "transition"):
        text = transition.findtext("{*}name/{*}text") or transition.findtext("name/text")
        if text and not re.fullmatch(r"(tau|t?\d+|start|end|silent.*)", text, re.IGNORECASE):
            labels.add(_token_key(text.split("_")))
    return frozenset(labels)


def bosco_activity_key(row: dict[str, str]) -> str:
    """The token-set key of a Bosco CSV row, comparable with the Petri net labels."""
    fields = ["eventType", "Label", "Column", "Url", "source", "Sheet", "FileName"]
    tokens = [token for name in fields for token in re.split(r"[^0-9A-Za-z]+", row.get(name) or "")]
    return _token_key(tokens)


def _token_key(tokens: list[str]) -> str:
    return " ".join(sorted({token for token in tokens if token}))


PUBLISHED: dict[str, dict[str, str]] = {
    "L1": {
        "who": "Rebmann & vdAa",
        "P": "0.987",
        "R": "0.987",
        "F1": "0.987",
        "ED": "0.039",
        "segments": "202/200",
        "runtime": "~100 s",
        "Leno F1": "0.34",
    },
    "L2": {
        "who": "Rebmann & vdAa",
        "P": "0.984",
        "R": "0.983",
        "F1": "0.983",
        "ED": "0.047",
        "segments": "241/240",
        "runtime": "~190 s",
        "Leno F1": "0.35",
    },
    "L3": {
        "who": "Rebmann & vdAa",
        "P": "0.966",
        "R": "0.965",
        "F1": "0.965",
        "ED": "0.167",
        "segments": "132/120",
        "runtime": "~17 s",
        "Leno F1": "0.48",
    },
    "StudentRecord": {"who": "Rebmann & vdAa / Leno", "ED": "0.02 / 0.16", "segments": "50/50"},
    "Reimbursement": {"who": "Rebmann & vdAa / Leno", "ED": "0.02 / 0.047", "segments": "50/50"},
    "log3": {"who": "Rebmann & vdAa / Leno", "ED": "0.01 / 0.009", "segments": "1000/1000"},
    "agostinelli40": {"who": "Leno (orig. seg.)", "segments": "80/40", "F1": "1.0"},
    "TF_04": {"who": "Leno (orig. seg.)", "segments": "93/30", "F1": "1.0"},
    "TF_13": {"who": "Leno (orig. seg.)", "segments": "60/30", "F1": "1.0"},
    "leno-StudentRecord": {"who": "Krause 2023", "boundary F": "1.000", "ED": "0.000"},
    "leno-Reimbursement": {"who": "Krause 2023", "boundary F": "0.962", "ED": "0.074"},
    "bosco-log9": {"who": "de Leoni et al. 2025", "JC": "0.89", "F": "0.91"},
    "bosco-log1": {"who": "de Leoni et al. 2025 (10% noise)", "JC": "0.99"},
}
