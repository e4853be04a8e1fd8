"""scripts/audit_offline.py: the offline lock-file audit decides per OSV rules, and exits 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.script_modules import load_script, uv_lock

ROOT = Path(__file__).resolve().parents[2]

LOCK = (
    uv_lock(
        ("alpha", "1.5.0"),
        ("beta", "2.0.0"),
        ("foo-bar", "0.9"),
        ("gamma", "3.1"),
        ("delta", "4.0.0"),
    )
    + """
[[package]]
name = "local-tool"
version = "0.0.1"
source = { virtual = "tools/local" }
"""
)


audit_offline = load_script("scripts/audit_offline.py")


def _osv(
    ident: str, package: str, *, ranges: list[Any] | None = None, **extra: Any
) -> dict[str, Any]:
    affected: dict[str, Any] = {"package": {"ecosystem": "PyPI", "name": package}}
    if ranges is not None:
        affected["ranges"] = ranges
    affected.update(extra.pop("affected_extra", {}))
    return {"id": ident, "modified": "2024-01-02T03:04:05Z", "affected": [affected], **extra}


def _eco(*events: dict[str, str]) -> dict[str, Any]:
    return {"type": "ECOSYSTEM", "events": list(events)}


def _write(directory: Path, name: str, record: dict[str, Any]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def lock(tmp_path: Path) -> Path:
    path = tmp_path / "uv.lock"
    path.write_text(LOCK, encoding="utf-8")
    return path


def _run(
    osv_dir: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    code = audit_offline.main(["--osv-dir", str(osv_dir), "--lock", str(lock), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _verdicts(payload: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["verdict"] for p in payload["packages"]}


def test_introduced_fixed_range_affects_inside_and_not_at_the_fix(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    _write(
        osv / "alpha",
        "A-1.json",
        _osv("A-1", "alpha", ranges=[_eco({"introduced": "1.0"}, {"fixed": "1.6.0"})]),
    )
    _write(
        osv / "alpha",
        "A-2.json",
        _osv("A-2", "alpha", ranges=[_eco({"introduced": "0"}, {"fixed": "1.5.0"})]),
    )
    code, payload = _run(osv, lock, capsys)
    assert code == 1
    assert _verdicts(payload)["alpha"] == "AFFECTED (1)"
    (finding,) = payload["findings"]
    assert finding["id"] == "A-1"
    assert finding["package"] == "alpha"
    assert finding["version"] == "1.5.0"
    assert finding["fixed_in"] == ["1.6.0"]
    assert payload["summary"] == "5 packages, 2 advisories read, 1 affecting"


def test_last_affected_is_inclusive(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    _write(
        osv,
        "B-1.json",
        _osv("B-1", "beta", ranges=[_eco({"introduced": "0"}, {"last_affected": "2.0.0"})]),
    )
    _write(
        osv,
        "B-2.json",
        _osv("B-2", "beta", ranges=[_eco({"introduced": "0"}, {"last_affected": "1.9"})]),
    )
    code, payload = _run(osv, lock, capsys)
    assert code == 1
    assert [f["id"] for f in payload["findings"]] == ["B-1"]
    assert payload["findings"][0]["fixed_in"] == []


def test_explicit_versions_list(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    # "3.1.0" names the locked 3.1 (the same PEP 440 version); "3.2" does not.
    _write(osv, "G-1.json", _osv("G-1", "gamma", affected_extra={"versions": ["3.0", "3.1.0"]}))
    _write(osv, "G-2.json", _osv("G-2", "gamma", affected_extra={"versions": ["3.2"]}))
    code, payload = _run(osv, lock, capsys)
    assert code == 1
    assert [f["id"] for f in payload["findings"]] == ["G-1"]
    assert _verdicts(payload)["gamma"] == "AFFECTED (1)"


def test_withdrawn_advisory_never_affects(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    record = _osv(
        "D-1", "delta", ranges=[_eco({"introduced": "0"})], withdrawn="2024-02-01T00:00:00Z"
    )
    _write(osv, "D-1.json", record)
    code, payload = _run(osv, lock, capsys)
    assert code == 0
    assert payload["findings"] == []
    row = next(p for p in payload["packages"] if p["name"] == "delta")
    assert row["advisories_checked"] == 1
    assert row["verdict"] == "ok"


def test_names_compared_after_pep503_normalisation(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    _write(
        osv,
        "F-1.json",
        _osv("F-1", "Foo_Bar", ranges=[_eco({"introduced": "0"}, {"fixed": "1.0"})]),
    )
    _write(
        osv,
        "F-2.json",
        _osv("F-2", "foo.bar", ranges=[_eco({"introduced": "0"}, {"fixed": "0.5"})]),
    )
    _write(osv, "X-1.json", _osv("X-1", "foobar", ranges=[_eco({"introduced": "0"})]))
    code, payload = _run(osv, lock, capsys)
    assert code == 1
    assert [(f["id"], f["package"]) for f in payload["findings"]] == [("F-1", "foo-bar")]
    row = next(p for p in payload["packages"] if p["name"] == "foo-bar")
    assert row["advisories_checked"] == 2


def test_git_range_is_ignored(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    git = {
        "type": "GIT",
        "repo": "https://example.invalid/delta",
        "events": [{"introduced": "0"}, {"fixed": "abc123"}],
    }
    _write(
        osv,
        "D-2.json",
        _osv("D-2", "delta", ranges=[git, _eco({"introduced": "0"}, {"fixed": "3.0"})]),
    )
    code, payload = _run(osv, lock, capsys)
    assert code == 0
    assert payload["notes"] == []  # the commit hash was never parsed as a version
    assert _verdicts(payload)["delta"] == "ok"


def test_other_ecosystem_does_not_match(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    record = _osv("N-1", "alpha", ranges=[_eco({"introduced": "0"})])
    record["affected"][0]["package"]["ecosystem"] = "npm"
    _write(osv, "N-1.json", record)
    code, payload = _run(osv, lock, capsys)
    assert code == 0
    assert _verdicts(payload)["alpha"] == "ok"


def test_project_editable_and_virtual_are_skipped(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    _write(osv, "T-1.json", _osv("T-1", "taskmine", ranges=[_eco({"introduced": "0"})]))
    _write(osv, "L-1.json", _osv("L-1", "local-tool", ranges=[_eco({"introduced": "0"})]))
    code, payload = _run(osv, lock, capsys)
    assert code == 0
    assert sorted(_verdicts(payload)) == ["alpha", "beta", "delta", "foo-bar", "gamma"]


def test_yaml_and_pre_osv_layout(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("yaml")
    osv = tmp_path / "osv" / "alpha"
    osv.mkdir(parents=True)
    # The early PyPA layout: top-level package, an `affects` block, unquoted timestamps.
    (osv / "PYSEC-0000-1.yaml").write_text(
        "id: PYSEC-0000-1\n"
        "package:\n  name: Alpha\n  ecosystem: PyPI\n"
        "affects:\n  ranges:\n  - type: GIT\n    repo: https://example.invalid/a\n    fixed: deadbeef\n"
        "  - type: ECOSYSTEM\n    fixed: 1.5.1\n"
        "modified: 2025-06-07T08:09:10Z\n",
        encoding="utf-8",
    )
    (osv / "PYSEC-0000-2.yml").write_text(
        "id: PYSEC-0000-2\n"
        "affected:\n- package:\n    name: alpha\n    ecosystem: PyPI\n"
        "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '0'\n    - fixed: 1.2.0\n"
        'modified: "2020-01-01T00:00:00Z"\n',
        encoding="utf-8",
    )
    code, payload = _run(tmp_path / "osv", lock, capsys)
    assert code == 1
    assert [(f["id"], f["fixed_in"]) for f in payload["findings"]] == [("PYSEC-0000-1", ["1.5.1"])]
    assert payload["newest_modified"] == "2025-06-07T08:09:10+00:00"
    assert payload["advisories_read"] == 2


def test_text_report_lists_table_findings_and_summary(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    record = _osv(
        "A-9",
        "alpha",
        ranges=[_eco({"introduced": "1.0"}, {"fixed": "2.0"})],
        aliases=["CVE-2099-1"],
    )
    _write(osv, "A-9.json", record)
    code = audit_offline.main(["--osv-dir", str(osv), "--lock", str(lock)])
    out = capsys.readouterr().out
    assert code == 1
    first_row = out.splitlines()[2]
    assert first_row.startswith("alpha ")
    assert first_row.endswith("AFFECTED (1)")
    assert "  A-9 (CVE-2099-1): alpha 1.5.0, fixed in 2.0" in out
    assert out.splitlines()[-1] == "5 packages, 1 advisories read, 1 affecting"


def test_unreadable_file_is_reported_not_fatal(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    osv = tmp_path / "osv"
    _write(
        osv, "A-1.json", _osv("A-1", "alpha", ranges=[_eco({"introduced": "0"}, {"fixed": "1.0"})])
    )
    (osv / "broken.json").write_text("{not json", encoding="utf-8")
    code, payload = _run(osv, lock, capsys)
    assert code == 0
    assert len(payload["unreadable"]) == 1
    assert "broken.json" in payload["unreadable"][0]


def test_missing_or_empty_osv_dir_exits_2(
    tmp_path: Path, lock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert audit_offline.main(["--osv-dir", str(tmp_path / "absent"), "--lock", str(lock)]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("no advisories here", encoding="utf-8")
    assert audit_offline.main(["--osv-dir", str(empty), "--lock", str(lock)]) == 2
    assert capsys.readouterr().out == ""
