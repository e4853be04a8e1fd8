"""The README's main job, ``taskmine demo``, end to end on the embedded default.

It starts the real embedded service (SQLite + the Temporal dev server + an in-process worker),
uploads through the API, mines, and downloads the top candidate's PDD and exports; the files
it reports are checked with the format validators, not just for existence.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from exporters import validate_robin, validate_uipath_project
from taskmine.demo import run_demo

pytestmark = [pytest.mark.temporal, pytest.mark.slow]


def test_demo_ends_with_a_shortlist_a_pdd_and_valid_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "demo"
    assert run_demo(data_dir, fresh=True, users=3, days=2) == 0
    printed = capsys.readouterr().out
    assert "automation candidates" in printed
    assert " c1 " in printed

    out = data_dir / "out"
    assert validate_uipath_project((out / "c1-uipath-project.zip").read_bytes()) == []
    with zipfile.ZipFile(out / "c1-power-automate-flow.zip") as package:
        robin = next(name for name in package.namelist() if name.endswith(".txt"))
        assert validate_robin(package.read(robin).decode("utf-8")) == []
    document = Document(io.BytesIO((out / "c1-pdd.docx").read_bytes()))
    assert document.tables, "the PDD has no step table"
    assert "## " in (out / "c1-pdd.md").read_text(encoding="utf-8")
    for name in ("c1-task-map.bpmn", "c1-events.xes"):
        assert (out / name).read_bytes().startswith(b"<?xml")
    assert str(out / "c1-pdd.docx") in printed
