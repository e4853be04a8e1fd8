"""Offline audit of the locked dependencies (uv.lock) against a local copy of OSV advisories.

Why this exists: the supply-chain check asks for "pip-audit clean on the lock file", but
pip-audit needs PyPI's JSON API or api.osv.dev, and the project's machines reach only the
package registries. This script makes the same decision offline: it reads every locked
package and version from uv.lock and matches them against a directory of advisories in the
OSV schema, such as a copy of github.com/pypa/advisory-database (``vulns/<package>/*.yaml``)
or osv.dev's ``PyPI/all.zip`` unzipped (``*.json``). The verdict is only as fresh as that
copy: the report prints the newest ``modified`` date it read.

    python scripts/audit_offline.py --osv-dir DIR [--lock uv.lock] [--json]

Exit 0: no advisory affects a locked version; 1: at least one does; 2: the advisory
directory is missing or holds no advisory file (nothing was audited).

Matching follows the OSV schema: ``affected[].package`` (ecosystem PyPI, names compared after
PEP 503 normalisation), the explicit ``affected[].versions`` list, and ``affected[].ranges`` of
type ECOSYSTEM (events ``introduced`` / ``fixed`` / ``last_affected``, compared with
``packaging.version.Version``); GIT ranges are ignored and ``withdrawn`` advisories never
affect. The oldest PyPA files (2021) use a pre-1.0 layout (top-level ``package`` and an
``affects`` block whose ranges carry ``introduced`` / ``fixed`` directly); they are read too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

try:  # PyYAML is in the locked environment (a transitive dependency); JSON works without it.
    import yaml

    YAML_ERRORS: tuple[type[Exception], ...] = (yaml.YAMLError,)
except ImportError:  # pragma: no cover - exercised only where PyYAML is absent
    yaml = None
    YAML_ERRORS = ()

ROOT = Path(__file__).resolve().parents[1]
# What one bad file can raise; it is reported as unreadable and the audit goes on.
READ_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    *YAML_ERRORS,
)
ADVISORY_SUFFIXES = (".yaml", ".yml", ".json")
EXIT_CLEAN, EXIT_AFFECTED, EXIT_NOT_AUDITED = 0, 1, 2


def normalize(name: str) -> str:
    """PEP 503 normalised project name: ``Foo_Bar`` and ``foo-bar`` are the same project."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Locked:
    name: str
    version: str


@dataclass(frozen=True)
class Affected:
    """One ``affected[]`` entry, reduced to what the verdict needs."""

    package: str  # normalised
    versions: tuple[str, ...]
    ranges: tuple[tuple[dict[str, str], ...], ...]  # event lists of the ECOSYSTEM ranges


@dataclass
class Advisory:
    id: str
    path: Path
    aliases: list[str]
    withdrawn: bool
    modified: datetime | None
    affected: list[Affected]


@dataclass
class Finding:
    id: str
    aliases: list[str]
    package: str
    version: str
    fixed_in: list[str]


@dataclass
class Report:
    rows: list[tuple[str, str, int, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    advisories_read: int = 0
    unreadable: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    newest_modified: datetime | None = None


def read_lock(path: Path, project: str) -> list[Locked]:
    """Every ``[[package]]`` of uv.lock, less the project itself and editable/virtual ones."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    packages = []
    for entry in data.get("package", []):
        source = entry.get("source", {})
        if normalize(entry["name"]) == normalize(project) or "editable" in source:
            continue
        if "virtual" in source or "version" not in entry:
            continue
        packages.append(Locked(normalize(entry["name"]), str(entry["version"])))
    return sorted(packages, key=lambda p: p.name)


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _legacy_events(rng: dict[str, Any]) -> tuple[dict[str, str], ...]:
    """Pre-1.0 range ``{type, introduced?, fixed?}`` as an OSV event list."""
    events = [{"introduced": str(rng.get("introduced", "0"))}]
    if "fixed" in rng:
        events.append({"fixed": str(rng["fixed"])})
    return tuple(events)


def _affected_entries(doc: dict[str, Any]) -> list[Affected]:
    entries: list[tuple[dict[str, Any], dict[str, Any], bool]] = [
        (item.get("package") or {}, item, False) for item in doc.get("affected") or []
    ]
    if "affects" in doc and isinstance(doc.get("package"), dict):  # pre-1.0 layout
        entries.append((doc["package"], doc["affects"] or {}, True))
    result = []
    for package, item, legacy in entries:
        if str(package.get("ecosystem", "")).lower() != "pypi" or "name" not in package:
            continue
        ranges = []
        for rng in item.get("ranges") or []:
            if str(rng.get("type", "")).upper() != "ECOSYSTEM":
                continue  # GIT (commit hashes) and SEMVER ranges say nothing about PyPI versions
            if legacy:
                ranges.append(_legacy_events(rng))
            else:
                events = rng.get("events") or []
                ranges.append(tuple({k: str(v) for k, v in e.items()} for e in events))
        versions = tuple(str(v) for v in item.get("versions") or [])
        result.append(Affected(normalize(str(package["name"])), versions, tuple(ranges)))
    return result


def _load_document(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if yaml is None:
        raise ValueError("PyYAML is not installed: only .json advisories can be read")
    return yaml.safe_load(text)


def read_advisories(osv_dir: Path, report: Report) -> list[Advisory]:
    """Every advisory file under ``osv_dir`` (recursively); one entry per advisory id."""
    advisories: dict[str, Advisory] = {}
    for path in sorted(p for p in osv_dir.rglob("*") if p.suffix in ADVISORY_SUFFIXES):
        try:
            doc = _load_document(path)
            if not isinstance(doc, dict) or "id" not in doc:
                raise ValueError("not an OSV record (no id)")
            advisory = Advisory(
                id=str(doc["id"]),
                path=path,
                aliases=[str(a) for a in doc.get("aliases") or []],
                withdrawn=bool(doc.get("withdrawn")),
                modified=_as_datetime(doc.get("modified")),
                affected=_affected_entries(doc),
            )
        except READ_ERRORS as exc:
            report.unreadable.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        if advisory.id in advisories:
            report.notes.append(f"{advisory.id}: also in {path}, first copy kept")
            continue
        advisories[advisory.id] = advisory
        if advisory.modified and (
            report.newest_modified is None or advisory.modified > report.newest_modified
        ):
            report.newest_modified = advisory.modified
    report.advisories_read = len(advisories)
    return list(advisories.values())


def in_range(version: Version, events: tuple[dict[str, str], ...]) -> bool:
    """OSV evaluation of one ECOSYSTEM range: walk the events in version order."""
    ordered = []
    for event in events:
        for kind in ("introduced", "fixed", "last_affected"):
            if kind in event:
                ordered.append((Version(event[kind]), kind))
    affected = False
    for at, kind in sorted(ordered, key=lambda item: item[0]):
        if kind == "introduced" and version >= at:
            affected = True
        elif (kind == "fixed" and version >= at) or (kind == "last_affected" and version > at):
            affected = False
    return affected


def is_affected(version: str, entry: Affected) -> bool:
    """Is ``version`` listed in ``entry.versions`` or inside one of its ECOSYSTEM ranges?"""
    if version in entry.versions:
        return True
    parsed = Version(version)
    for listed in entry.versions:
        try:
            if Version(listed) == parsed:
                return True
        except InvalidVersion:
            continue
    return any(in_range(parsed, events) for events in entry.ranges)


def _fixed_versions(entries: list[Affected]) -> list[str]:
    fixed = {
        e["fixed"] for entry in entries for events in entry.ranges for e in events if "fixed" in e
    }
    return sorted(fixed, key=lambda v: (Version(v) if _valid(v) else Version("0"), v))


def _valid(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def audit(lock: list[Locked], advisories: list[Advisory], report: Report) -> None:
    by_package: dict[str, list[tuple[Advisory, list[Affected]]]] = {}
    for advisory in advisories:
        names = {entry.package for entry in advisory.affected}
        for name in names:
            entries = [e for e in advisory.affected if e.package == name]
            by_package.setdefault(name, []).append((advisory, entries))
    for package in lock:
        checked = by_package.get(package.name, [])
        hits = 0
        for advisory, entries in checked:
            if advisory.withdrawn:
                continue
            try:
                affected = any(is_affected(package.version, entry) for entry in entries)
            except InvalidVersion as exc:
                report.notes.append(f"{advisory.id} / {package.name}: {exc}; counted as affecting")
                affected = True  # an advisory we cannot evaluate is not a clean bill
            if affected:
                hits += 1
                report.findings.append(
                    Finding(
                        advisory.id,
                        advisory.aliases,
                        package.name,
                        package.version,
                        _fixed_versions(entries),
                    )
                )
        verdict = f"AFFECTED ({hits})" if hits else "ok"
        report.rows.append((package.name, package.version, len(checked), verdict))


def render_text(report: Report) -> str:
    headers = ("package", "version", "advisories checked", "verdict")
    rows = [(n, v, str(c), verdict) for n, v, c, verdict in report.rows]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    lines.append("")
    lines.append(f"findings: {len(report.findings)}")
    for f in report.findings:
        aliases = ", ".join(f.aliases) or "-"
        fixed = ", ".join(f.fixed_in) or "no fixed version listed"
        lines.append(f"  {f.id} ({aliases}): {f.package} {f.version}, fixed in {fixed}")
    for item in report.unreadable:
        lines.append(f"unreadable: {item}")
    for note in report.notes:
        lines.append(f"note: {note}")
    newest = report.newest_modified.isoformat() if report.newest_modified else "unknown"
    lines.append(f"newest advisory modified: {newest}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    return (
        f"{len(report.rows)} packages, {report.advisories_read} advisories read, "
        f"{len(report.findings)} affecting"
    )


def render_json(report: Report) -> str:
    payload = {
        "packages": [
            {"name": n, "version": v, "advisories_checked": c, "verdict": verdict}
            for n, v, c, verdict in report.rows
        ],
        "findings": [f.__dict__ for f in report.findings],
        "advisories_read": report.advisories_read,
        "unreadable": report.unreadable,
        "notes": report.notes,
        "newest_modified": report.newest_modified.isoformat() if report.newest_modified else None,
        "summary": summary_line(report),
    }
    return json.dumps(payload, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osv-dir", type=Path, required=True, help="directory of OSV advisories")
    parser.add_argument("--lock", type=Path, default=ROOT / "uv.lock", help="uv.lock to audit")
    parser.add_argument("--project", default="taskmine", help="the project's own name (skipped)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    if not args.osv_dir.is_dir():
        print(f"not audited: {args.osv_dir} is not a directory", file=sys.stderr)
        return EXIT_NOT_AUDITED
    report = Report()
    advisories = read_advisories(args.osv_dir, report)
    if not advisories:
        print(f"not audited: no readable advisory file under {args.osv_dir}", file=sys.stderr)
        for item in report.unreadable:
            print(f"unreadable: {item}", file=sys.stderr)
        return EXIT_NOT_AUDITED
    audit(read_lock(args.lock, args.project), advisories, report)
    sys.stdout.write(render_json(report) if args.json else render_text(report))
    return EXIT_AFFECTED if report.findings else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
