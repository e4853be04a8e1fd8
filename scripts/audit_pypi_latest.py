"""Live audit of the locked dependencies against PyPI's own vulnerability data.

Why this exists: pip-audit's PyPI service asks ``pypi.org/pypi/<name>/<version>/json`` and reads
its ``vulnerabilities`` field (PyPI fills it from OSV). On the project's machines that
per-version URL answers 404 and api.osv.dev does not resolve, so pip-audit audits nothing. The
project URL ``pypi.org/pypi/<name>/json`` does answer. It describes the project's newest
release, and its ``vulnerabilities`` field is the same data pip-audit would read for that
release. So every locked package whose version *is* the newest release gets the exact
pip-audit verdict. A package locked below its newest release (say, because the newest needs a
newer Python) cannot be decided this way. It is listed as not checked, never counted as clean.

    python scripts/audit_pypi_latest.py [--lock uv.lock] [--json]

Exit 0: every locked package checked, none affected; 1: at least one affected; 2: nothing
could be checked (PyPI unreachable); 3: no finding, but some packages could not be checked.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_offline import Locked, normalize, read_lock

ROOT = Path(__file__).resolve().parents[1]
PROJECT_URL = "https://pypi.org/pypi/{name}/json"
EXIT_CLEAN, EXIT_AFFECTED, EXIT_NOT_AUDITED, EXIT_PARTIAL = 0, 1, 2, 3

Fetch = Callable[[str], dict[str, Any]]


@dataclass
class Verdict:
    name: str
    version: str
    state: str  # "clean", "affected", "not checked" or "unreachable"
    newest: str | None = None
    reason: str = ""
    vulnerabilities: list[dict[str, Any]] = field(default_factory=list)


def fetch_project(name: str, *, timeout: float = 20.0) -> dict[str, Any]:
    """PyPI's project JSON; raises OSError (urllib's errors are OSErrors) when it cannot."""
    url = PROJECT_URL.format(name=name)
    with urllib.request.urlopen(url, timeout=timeout) as response:  # a fixed https URL
        return json.load(response)


def judge(package: Locked, document: dict[str, Any]) -> Verdict:
    """The verdict for one locked package, from its project JSON."""
    info = document.get("info") or {}
    newest = str(info.get("version") or "")
    if normalize(newest) != normalize(package.version):
        needs = info.get("requires_python")
        reason = f"locked {package.version}, newest release {newest}"
        if needs:
            reason += f" (requires Python {needs})"
        return Verdict(package.name, package.version, "not checked", newest, reason)
    found = [
        {"id": v.get("id"), "aliases": v.get("aliases") or [], "fixed_in": v.get("fixed_in") or []}
        for v in document.get("vulnerabilities") or []
        if not v.get("withdrawn")
    ]
    state = "affected" if found else "clean"
    return Verdict(package.name, package.version, state, newest, vulnerabilities=found)


def audit(packages: list[Locked], fetch: Fetch, *, workers: int = 8) -> list[Verdict]:
    """One verdict per package; a package whose JSON cannot be read is "unreachable"."""

    def one(package: Locked) -> Verdict:
        try:
            return judge(package, fetch(package.name))
        except (OSError, ValueError) as error:
            return Verdict(package.name, package.version, "unreachable", reason=str(error))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, packages))


def exit_code(verdicts: list[Verdict]) -> int:
    states = [v.state for v in verdicts]
    if "affected" in states:
        return EXIT_AFFECTED
    if "clean" not in states:
        return EXIT_NOT_AUDITED
    return EXIT_CLEAN if all(s == "clean" for s in states) else EXIT_PARTIAL


def render_text(verdicts: list[Verdict]) -> str:
    lines = []
    for verdict in verdicts:
        if verdict.state == "affected":
            ids = ", ".join(str(v["id"]) for v in verdict.vulnerabilities)
            lines.append(f"AFFECTED     {verdict.name} {verdict.version}: {ids}")
        elif verdict.state != "clean":
            lines.append(f"{verdict.state:<12} {verdict.name}: {verdict.reason}")
    counts = {state: sum(v.state == state for v in verdicts) for state in _STATES}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items())
    lines.append(f"{len(verdicts)} locked packages: {summary}")
    return "\n".join(lines) + "\n"


_STATES = ("clean", "affected", "not checked", "unreachable")


def main(argv: list[str] | None = None, fetch: Fetch = fetch_project) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "uv.lock", help="uv.lock to audit")
    parser.add_argument("--project", default="taskmine", help="the project's own name (skipped)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    verdicts = audit(read_lock(args.lock, args.project), fetch)
    if args.json:
        sys.stdout.write(json.dumps([asdict(v) for v in verdicts], indent=2) + "\n")
    else:
        sys.stdout.write(render_text(verdicts))
    return exit_code(verdicts)


if __name__ == "__main__":
    sys.exit(main())
