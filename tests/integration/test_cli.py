"""The ``taskmine`` file commands end to end: import, discover, export, token create.

Run in-process through typer's runner on a real log from ../shared/datasets and a real SQLite
file; outputs are checked with the project's validators and by reading the database back.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from exporters import validate_robin, validate_uipath_project
from taskmine.cli import app
from taskmine.domain import DiscoveryResult
from taskmine.settings import load_settings
from taskmine.storage import open_store
from taskmine.storage.sql_auth import hash_token

DATASETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets"
LOG = DATASETS / "leno-sr-rt" / "StudentRecord.csv"
pytestmark = pytest.mark.skipif(not LOG.exists(), reason=f"shared log {LOG} not found")

runner = CliRunner()


@pytest.fixture(scope="module")
def mined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("discover") / "result.json"
    answer = runner.invoke(app, ["discover", str(LOG), "--out", str(out)])
    assert answer.exit_code == 0, answer.output
    return out


def test_import_loads_every_row_into_a_new_project_once(tmp_path: Path) -> None:
    args = ["import", str(LOG), "--project", "Student records", "--data-dir", str(tmp_path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    project_id = first.stdout.strip().splitlines()[-1]
    rows = sum(1 for _ in LOG.open(encoding="utf-8")) - 1

    again = runner.invoke(app, [*args[:3], project_id, *args[4:]])
    assert again.exit_code == 0, again.output
    assert f"0 events stored, {rows} already there" in again.output

    store = open_store(load_settings(data_dir=tmp_path).database_url)
    try:
        assert store.events.count_events(project_id) == rows
    finally:
        store.close()


def test_import_writes_canonical_jsonl_and_reports_bad_rows_by_line(tmp_path: Path) -> None:
    source = tmp_path / "log.csv"
    lines = LOG.read_text(encoding="utf-8").splitlines()
    header, good = lines[0], lines[1:6]
    source.write_text("\n".join([header, *good[:2], "not,a,valid,row", *good[2:]]) + "\n")
    out = tmp_path / "events.jsonl"
    answer = runner.invoke(app, ["import", str(source), "--out", str(out)])
    assert answer.exit_code == 1  # partial: some rows rejected
    assert "line 4" in answer.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(events) == 5
    assert [e["event_id"] for e in events] == ["0", "1", "3", "4", "5"]


def test_discover_writes_a_ranked_discovery_result(mined: Path) -> None:
    result = DiscoveryResult.model_validate_json(mined.read_bytes())
    assert result.events == sum(1 for _ in LOG.open(encoding="utf-8")) - 1
    assert result.candidates
    assert [c.rank for c in result.candidates] == list(range(1, len(result.candidates) + 1))


def test_export_writes_files_that_pass_the_format_validators(mined: Path, tmp_path: Path) -> None:
    for target in ("uipath", "power-automate", "bpmn", "pdd"):
        out = tmp_path / f"c1.{target}"
        answer = runner.invoke(app, ["export", target, "--result", str(mined), "--out", str(out)])
        assert answer.exit_code == 0, answer.output
    assert validate_uipath_project((tmp_path / "c1.uipath").read_bytes()) == []
    with zipfile.ZipFile(tmp_path / "c1.power-automate") as package:
        robin = next(n for n in package.namelist() if n.endswith(".txt"))
        assert validate_robin(package.read(robin).decode("utf-8")) == []
    document = Document(io.BytesIO((tmp_path / "c1.pdd").read_bytes()))
    assert any("Process Design Document" in p.text for p in document.paragraphs)


def test_export_of_an_unknown_candidate_names_the_known_ones(mined: Path) -> None:
    answer = runner.invoke(app, ["export", "bpmn", "--result", str(mined), "--candidate", "c999"])
    assert answer.exit_code == 2
    assert "c1" in answer.output


def test_xes_export_needs_the_events_file(mined: Path) -> None:
    answer = runner.invoke(app, ["export", "xes", "--result", str(mined)])
    assert answer.exit_code == 2
    assert "--events" in answer.output


def test_token_create_prints_the_token_last_and_stores_only_its_hash(tmp_path: Path) -> None:
    answer = runner.invoke(
        app, ["token", "create", "--role", "analyst", "--data-dir", str(tmp_path)]
    )
    assert answer.exit_code == 0, answer.output
    token = answer.stdout.strip().splitlines()[-1]
    database = (tmp_path / "taskmine.db").read_bytes()
    assert token.encode() not in database
    store = open_store(load_settings(data_dir=tmp_path).database_url)
    try:
        principal = store.tokens.verify_token(token)
        assert principal is not None
        assert principal.role.value == "analyst"
    finally:
        store.close()
    assert hash_token(token) != token


def test_token_create_refuses_an_unknown_role(tmp_path: Path) -> None:
    answer = runner.invoke(app, ["token", "create", "--role", "root", "--data-dir", str(tmp_path)])
    assert answer.exit_code != 0
    assert "analyst" in answer.output
