"""Importers on every shared UI log in ../shared/datasets (skipped when the folder is absent).

Expected counts and values are computed here, independently, with the csv module and lxml;
nothing is copied from the importer's own output.

Which files are UI logs: every CSV under bosco-cpn-synthetic/segmented_csv,
leno-data-transformations, leno-sr-rt and rebmann-task-recognition/input, and the XES files in
bosco-cpn-synthetic/xes. Not UI logs: rebmann's published_results/*.csv (tables of scores),
gold_standard_objects/*.json (business objects per instance), leno-sr-rt's
published_results_krause2023/*.xlsx (scores), bosco's ground_truth_pnml/ (Petri nets).
"""

from __future__ import annotations

import csv
import functools
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from taskmine.domain import Event
from taskmine.importers import ImportFormatError, detect_format, import_file

DATASETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"
pytestmark = pytest.mark.skipif(
    not DATASETS.is_dir(), reason=f"shared datasets not found at {DATASETS}"
)

CSV_FOLDERS = (
    "bosco-cpn-synthetic/segmented_csv",
    "leno-data-transformations",
    "leno-sr-rt",
    "rebmann-task-recognition/input",
)
EXPECTED_FORMAT = {"L2.csv": "smartrpa", "agostinelli40.csv": "smartrpa", "L3.csv": "fiori"}
GROUND_TRUTH = {"Task", "idx", "caseID", "case:concept:name", "case:description"}


def ui_log_csvs() -> list[Path]:
    return sorted(p for folder in CSV_FOLDERS for p in (DATASETS / folder).glob("*.csv"))


def xes_logs() -> list[Path]:
    return sorted((DATASETS / "bosco-cpn-synthetic" / "xes").glob("*.xes"))


def not_ui_logs() -> list[Path]:
    tables = sorted((DATASETS / "rebmann-task-recognition" / "published_results").glob("*.csv"))
    nets = sorted((DATASETS / "bosco-cpn-synthetic" / "ground_truth_pnml").rglob("*.pnml"))[:3]
    return tables + nets


def read_records(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and non-blank records, the delimiter being whichever splits the header most."""
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        first = handle.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        handle.seek(0)
        rows = [row for row in csv.reader(handle, delimiter=delimiter) if row]
    return [name.strip() for name in rows[0]], rows[1:]


def count_xes_events(path: Path) -> int:
    return sum(1 for _ in etree.iterparse(str(path), tag="{*}event"))


def name_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@functools.cache
def imported(path: Path) -> list[Event]:
    """The file's events; every shared UI log must import without a single row error."""
    result = import_file(path)
    assert result.errors == [], result.errors[:3]
    return result.events


@pytest.mark.parametrize("path", ui_log_csvs(), ids=name_id)
def test_every_shared_csv_ui_log_imports_every_record(path: Path) -> None:
    header, records = read_records(path)
    events = imported(path)
    assert len(events) == len(records)
    assert [e.event_id for e in events] == [str(i) for i in range(len(records))]
    assert detect_format(path) == EXPECTED_FORMAT.get(
        path.name, "fiori" if path.name.startswith("TF_") else "action_logger"
    )
    # Each event's time is its row's timeStamp in UTC (naive ones read as UTC).
    column = header.index("timeStamp")
    for event, record in zip(events, records, strict=True):
        moment = datetime.fromisoformat(record[column].strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            assert event.attrs.get("timestamp_assumed_utc") is True
            moment = moment.replace(tzinfo=UTC)
        assert event.timestamp == moment


@pytest.mark.parametrize("path", xes_logs(), ids=name_id)
def test_every_shared_xes_log_imports_every_event(path: Path) -> None:
    events = imported(path)
    assert len(events) == count_xes_events(path)
    assert [e.event_id for e in events] == [str(i) for i in range(len(events))]
    names = [
        el.get("value")
        for el in etree.parse(str(path)).iterfind(".//{*}event/{*}string[@key='concept:name']")
    ]
    assert [e.attrs["source_event_type"] for e in events] == names


def test_xes_and_segmented_csv_of_the_same_log_agree() -> None:
    folder = DATASETS / "bosco-cpn-synthetic"
    for number in (1, 4, 5, 6):
        from_xes = imported(folder / "xes" / f"log{number}.xes")
        from_csv = imported(folder / "segmented_csv" / f"log{number}_segmented.csv")

        # Same events (the CSV is grouped by case, the XES by trace: compare as multisets).
        def shape(e: Event) -> tuple[object, ...]:
            return (e.kind, e.app, e.value, e.element and e.element.name)

        assert sorted(map(shape, from_xes), key=repr) == sorted(map(shape, from_csv), key=repr)


@pytest.mark.parametrize(
    "name", ["L1.csv", "L2.csv", "L3.csv", "log3.csv", "TF_02.csv", "agostinelli40.csv"]
)
def test_record_number_is_the_event_id_and_the_index_column_is_not_copied(name: str) -> None:
    path = DATASETS / "rebmann-task-recognition" / "input" / name
    header, records = read_records(path)
    index = [record[0] for record in records]
    events = imported(path)
    if name in {"L1.csv", "L2.csv", "L3.csv", "log3.csv"}:
        # There the unnamed first column is the record number: the two numberings agree.
        assert index == [e.event_id for e in events]
    else:
        # TF_* keep the row index of the log they were cut from (it jumps at every task
        # instance) and agostinelli40 restarts it per instance: it would leak the segmentation,
        # so it is not the event id and is not copied.
        assert index != [e.event_id for e in events]
    assert header[0] in {"", "Unnamed: 0"}
    for event in events:
        assert header[0] not in event.attrs


@pytest.mark.parametrize("path", ui_log_csvs(), ids=name_id)
def test_ground_truth_labels_never_reach_the_events(path: Path) -> None:
    header, records = read_records(path)
    label_columns = [i for i, name in enumerate(header) if name in GROUND_TRUTH]
    labels = {record[i] for record in records for i in label_columns if header[i] == "Task"}
    labels.discard("")
    for event in imported(path):
        assert not (set(event.attrs) & (GROUND_TRUTH | {"lifecycle:transition"}))
        # session_id is the file name, which for single-task files happens to be the task name
        strings = set(_strings(event.to_json_dict() | {"session_id": None}))
        assert not (strings & labels), strings & labels


@pytest.mark.parametrize("path", [*ui_log_csvs(), *xes_logs()], ids=name_id)
def test_imported_events_survive_a_json_round_trip(path: Path) -> None:
    for event in imported(path):
        assert Event.model_validate_json(event.model_dump_json()) == event


@pytest.mark.parametrize("path", not_ui_logs(), ids=name_id)
def test_files_that_are_not_ui_logs_are_refused(path: Path) -> None:
    with pytest.raises(ImportFormatError):
        detect_format(path)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
