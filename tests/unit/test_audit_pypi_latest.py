"""scripts/audit_pypi_latest.py: PyPI's vulnerability field decides only for the newest release."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.script_modules import load_script, uv_lock

ROOT = Path(__file__).resolve().parents[2]

LOCK = uv_lock(("alpha", "1.5.0"), ("Beta_Lib", "2.0.0"))

# Shaped like pypi.org/pypi/<name>/json: ``info`` of the newest release, its vulnerabilities.
VULNERABILITY = {
    "id": "GHSA-xxxx-yyyy-zzzz",
    "aliases": ["CVE-2026-0001"],
    "fixed_in": ["2.0.1"],
    "withdrawn": None,
    "link": "https://osv.dev/vulnerability/GHSA-xxxx-yyyy-zzzz",
}


def project(version: str, vulnerabilities: list[dict[str, Any]] | None = None, **info: Any):
    return {
        "info": {"name": "x", "version": version, **info},
        "releases": {version: []},
        "urls": [],
        "vulnerabilities": vulnerabilities or [],
    }


@pytest.fixture(scope="module")
def audit_module() -> ModuleType:
    return load_script("scripts/audit_pypi_latest.py")


def run(audit_module: ModuleType, tmp_path: Path, answers: dict[str, Any], capsys, *flags: str):
    lock = tmp_path / "uv.lock"
    lock.write_text(LOCK)

    def fetch(name: str) -> dict[str, Any]:
        answer = answers[name]
        if isinstance(answer, Exception):
            raise answer
        return answer

    code = audit_module.main(["--lock", str(lock), *flags], fetch=fetch)
    return code, capsys.readouterr().out


def test_newest_releases_without_vulnerabilities_are_clean(audit_module, tmp_path, capsys):
    answers = {"alpha": project("1.5.0"), "beta-lib": project("2.0.0")}
    code, out = run(audit_module, tmp_path, answers, capsys)
    assert code == audit_module.EXIT_CLEAN
    assert "2 locked packages: 2 clean, 0 affected" in out


def test_a_vulnerability_on_the_locked_newest_release_fails(audit_module, tmp_path, capsys):
    answers = {"alpha": project("1.5.0"), "beta-lib": project("2.0.0", [VULNERABILITY])}
    code, out = run(audit_module, tmp_path, answers, capsys)
    assert code == audit_module.EXIT_AFFECTED
    assert "AFFECTED     beta-lib 2.0.0: GHSA-xxxx-yyyy-zzzz" in out


def test_a_withdrawn_advisory_does_not_count(audit_module, tmp_path, capsys):
    withdrawn = {**VULNERABILITY, "withdrawn": "2026-11-02T00:00:00Z"}
    answers = {"alpha": project("1.5.0"), "beta-lib": project("2.0.0", [withdrawn])}
    code, _ = run(audit_module, tmp_path, answers, capsys)
    assert code == audit_module.EXIT_CLEAN


def test_an_older_locked_version_is_not_checked_and_never_clean(audit_module, tmp_path, capsys):
    # The project JSON's vulnerabilities belong to 1.6.0; they say nothing about 1.5.0.
    answers = {
        "alpha": project("1.6.0", requires_python=">=3.12"),
        "beta-lib": project("2.0.0"),
    }
    code, out = run(audit_module, tmp_path, answers, capsys, "--json")
    assert code == audit_module.EXIT_PARTIAL
    verdicts = {v["name"]: v for v in json.loads(out)}
    assert verdicts["alpha"]["state"] == "not checked"
    assert (
        verdicts["alpha"]["reason"] == "locked 1.5.0, newest release 1.6.0 (requires Python >=3.12)"
    )
    assert verdicts["beta-lib"]["state"] == "clean"


def test_pypi_unreachable_audits_nothing(audit_module, tmp_path, capsys):
    error = OSError("Name or service not known")
    code, out = run(audit_module, tmp_path, {"alpha": error, "beta-lib": error}, capsys)
    assert code == audit_module.EXIT_NOT_AUDITED
    assert "unreachable  alpha: Name or service not known" in out
