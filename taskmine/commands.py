"""Composition root, file commands: ``taskmine import``, ``discover``, ``export``, ``evaluate``.

Each function reads its inputs, calls the package that does the work, shows progress on long
work and prints what it did; the return value is the process exit code (0 ok, 1 partial, 2 the
input could not be used). Errors a user can fix are printed as one line, never as a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from taskmine.domain import DiscoveryResult, Event
from taskmine.settings import Settings

console = Console(stderr=True, highlight=False, soft_wrap=True)
# Piped output (CI logs, `| less`) gets room for the shortlist instead of rich's 80 columns.
out_console = Console(highlight=False, width=None if sys.stdout.isatty() else 170)
IMPORT_BATCH = 5_000
SHOWN_ROW_ERRORS = 20


def import_log(
    settings: Settings,
    file: Path,
    *,
    project: str | None = None,
    out: Path | None = None,
    fmt: str | None = None,
) -> int:
    """Read ``file`` into canonical events; write JSON Lines and/or load them into a project."""
    from taskmine.composition import opened_store, redact_for_storage, resolve_project

    loaded = _read_log(file, fmt=fmt)
    if loaded is None:
        return 2
    events, errors, chosen = loaded
    safe = list(redact_for_storage(events))
    console.print(
        f"{file.name}: format {chosen}, {len(events)} events, {len(errors)} rejected rows"
        + (
            f", {len(events) - len(safe)} dropped by the privacy policy"
            if len(safe) != len(events)
            else ""
        )
    )
    _print_row_errors(errors)
    if out is not None:
        _write_jsonl(out, safe)
        console.print(f"wrote {len(safe)} canonical events to {out}")
    if project is not None:
        with opened_store(settings) as store:
            project_id, created = resolve_project(store, project)
            accepted = duplicates = 0
            with progress_bar() as progress:
                task = progress.add_task("loading into the database", total=len(safe))
                for start in range(0, len(safe), IMPORT_BATCH):
                    batch = safe[start : start + IMPORT_BATCH]
                    outcome = store.events.add_events(project_id, batch)
                    accepted += outcome.accepted
                    duplicates += outcome.duplicates
                    progress.advance(task, len(batch))
        verb = "created project" if created else "project"
        console.print(f"{verb} {project_id}: {accepted} events stored, {duplicates} already there")
        out_console.print(project_id)
    return 1 if errors else 0


def discover_file(file: Path, *, out: Path, fmt: str | None = None, top: int = 10) -> int:
    """Mine ``file`` and write its ``taskmine.discovery/v1`` result to ``out``."""
    from discovery import DiscoveryParameters, discover
    from taskmine.composition import redact_for_storage

    loaded = _read_log(file, fmt=fmt)
    if loaded is None:
        return 2
    events, errors, chosen = loaded
    _print_row_errors(errors)
    safe = list(redact_for_storage(events))
    console.print(f"{file.name}: format {chosen}, {len(safe)} events to mine")
    with progress_bar() as progress:
        task = progress.add_task("mining", total=1.0)

        def report(stage: str, fraction: float) -> None:
            progress.update(task, completed=fraction, description=f"mining: {stage}")

        result = discover(safe, params=DiscoveryParameters(), on_progress=report)
        progress.update(task, completed=1.0, description="mining: done")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n")
    print_shortlist(result.to_json_dict(), top=top)
    console.print(f"wrote {len(result.candidates)} candidates to {out}")
    return 0


def export_candidate(
    target: str,
    *,
    result: Path,
    candidate_id: str,
    events: Path | None,
    out: Path | None,
    profile: str = "classic",
    pdd_format: str = "docx",
) -> int:
    """Write one candidate of a result file as a UiPath / PAD / PDD / XES / OCEL / BPMN file."""
    try:
        mined = DiscoveryResult.model_validate_json(result.read_bytes())
    except ValueError as error:
        console.print(
            f"[red]{result} is not a taskmine.discovery/v1 result:[/] {_first_line(error)}"
        )
        return 2
    candidate = next((c for c in mined.candidates if c.id == candidate_id), None)
    if candidate is None:
        known = ", ".join(c.id for c in mined.candidates[:20]) or "none"
        console.print(f"[red]no candidate {candidate_id!r} in {result}[/] (candidates: {known})")
        return 2
    log: list[Event] = []
    if target in ("xes", "ocel"):
        if events is None:
            console.print(f"[red]{target} exports the recorded events: pass --events FILE[/]")
            return 2
        loaded = _read_log(events, fmt=None)
        if loaded is None:
            return 2
        from taskmine.composition import redact_for_storage

        log = list(redact_for_storage(loaded[0]))
    try:
        data, extension = _render(target, candidate, log, mined, profile, pdd_format)
    except KeyError as error:
        console.print(f"[red]{error.args[0]}[/]")
        return 2
    path = out or Path(f"{candidate.id}-{target}.{extension}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    console.print(f"wrote {target} export of {candidate.id} ({len(data)} bytes) to {path}")
    return 0


def evaluate_datasets(datasets: Path | None) -> int:
    """Score discovery on every labelled log beside the published figures."""
    from taskmine.evaluation import default_datasets_root, evaluate_log, list_logs, load_truth

    root = (datasets or default_datasets_root()).resolve()
    if not root.exists():
        console.print(f"[red]no datasets at {root}[/]; pass --datasets DIR")
        return 2
    table = Table(title=f"discovery on the labelled logs in {root}")
    for column in ("log", "events", "P", "R", "F1", "ED", "segments", "time s", "published"):
        table.add_column(column, justify="left" if column in ("log", "published") else "right")
    for name, group, path in list_logs(root):
        log = load_truth(name, group, path, root=root)
        row, _ = evaluate_log(log)
        table.add_row(
            row.name,
            str(row.events),
            f"{row.precision:.3f}",
            f"{row.recall:.3f}",
            f"{row.f1:.3f}",
            f"{row.edit_distance:.3f}",
            f"{row.segments_found}/{row.segments_true}",
            f"{row.runtime_s:.2f}",
            ", ".join(f"{key} {value}" for key, value in log.published.items()),
        )
    out_console.print(table)
    return 0


def print_shortlist(result: dict[str, Any], *, top: int = 10, title: str | None = None) -> None:
    """The ranked candidates of a ``taskmine.discovery/v1`` result as a table on stdout."""
    table = Table(title=title or f"automation candidates ({result.get('events', 0)} events mined)")
    for column in (
        "rank",
        "id",
        "routine",
        "cases",
        "users",
        "mean s",
        "potential",
        "h/month",
        "FTE",
        "build d",
        "payback mo",
    ):
        if column == "routine":
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=56)
        else:
            table.add_column(column, justify="right", no_wrap=True)
    for candidate in result.get("candidates", [])[:top]:
        scores, roi = candidate.get("scores", {}), candidate.get("roi", {})
        table.add_row(
            str(candidate.get("rank")),
            str(candidate.get("id")),
            str(candidate.get("name", "")),
            str(candidate.get("frequency", 0)),
            str(candidate.get("users", 0)),
            f"{candidate.get('mean_duration_s', 0.0):.1f}",
            f"{scores.get('automation_potential', 0.0):.2f}",
            f"{roi.get('hours_per_month', 0.0):.1f}",
            f"{roi.get('fte', 0.0):.2f}",
            f"{roi.get('build_days', 0.0):.1f}",
            _months(roi.get("payback_months")),
        )
    if not result.get("candidates"):
        out_console.print("no repeated routine was found in these events")
        return
    out_console.print(table)


def _render(
    target: str,
    candidate: Any,
    log: Sequence[Event],
    mined: DiscoveryResult,
    profile: str,
    pdd_format: str,
) -> tuple[bytes, str]:
    if target == "pdd":
        return _render_pdd(candidate, mined, pdd_format)
    if target == "uipath":
        from exporters import render_uipath_project

        return render_uipath_project(candidate, profile=profile), "zip"
    from exporters import find_export_target

    chosen = find_export_target(target)
    return chosen.render(candidate, log), chosen.extension


def _render_pdd(candidate: Any, mined: DiscoveryResult, pdd_format: str) -> tuple[bytes, str]:
    from datetime import UTC, datetime

    from exporters.pdd_docx import render_pdd_docx
    from exporters.pdd_html import render_pdd_html
    from exporters.pdd_markdown import render_pdd_markdown
    from taskmine.pdd import draft_pdd, render_process_map

    pdd = draft_pdd(candidate, result_meta=mined, generated_at=datetime.now(UTC))
    if pdd_format == "json":
        return pdd.model_dump_json(indent=2).encode(), "json"
    if pdd_format == "md":
        return render_pdd_markdown(pdd).encode(), "md"
    picture = render_process_map(candidate)
    if pdd_format == "html":
        return render_pdd_html(pdd, process_map_png=picture).encode(), "html"
    if pdd_format == "docx":
        return render_pdd_docx(pdd, process_map_png=picture), "docx"
    raise KeyError(f"unknown PDD format {pdd_format!r}; use docx, md, html or json")


def _read_log(file: Path, *, fmt: str | None) -> tuple[list[Event], list[Any], str] | None:
    from taskmine.importers import ImportFormatError, detect_format, import_file

    try:
        chosen = fmt or detect_format(file)
        with progress_bar() as progress:
            task = progress.add_task(f"reading {file.name}", total=max(file.stat().st_size, 1))

            def report(done: int, total: int) -> None:
                progress.update(task, completed=done, total=max(total, 1))

            result = import_file(file, fmt=chosen, on_progress=report)
    except ImportFormatError as error:
        console.print(f"[red]cannot import {file}:[/] {error}")
        return None
    return result.events, result.errors, result.format


def _print_row_errors(errors: Sequence[Any]) -> None:
    for error in errors[:SHOWN_ROW_ERRORS]:
        console.print(f"  line {error.line} (row {error.row}): {error.reason}")
    if len(errors) > SHOWN_ROW_ERRORS:
        console.print(f"  ... and {len(errors) - SHOWN_ROW_ERRORS} more rejected rows")


def _write_jsonl(path: Path, events: Sequence[Event]) -> None:
    import orjson

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for event in events:
            handle.write(orjson.dumps(event.to_json_dict()) + b"\n")


@contextmanager
def progress_bar() -> Iterator[Progress]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with progress:
        yield progress


def _months(value: Any) -> str:
    return "-" if value is None else f"{float(value):.1f}"


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
