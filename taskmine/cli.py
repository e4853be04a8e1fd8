"""Composition root, command line: ``taskmine`` (DESIGN.md §4).

Each command is a few lines that read settings, build the pieces and hand over; the work lives in
the packages. Heavy imports happen inside the commands so that ``taskmine --help`` is instant.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="taskmine",
    help="Find the routines worth automating in recorded UI work.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
token_app = typer.Typer(help="API tokens (only their hashes are stored).", no_args_is_help=True)
app.add_typer(token_app, name="token")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the database, Temporal state and outputs live."),
]


@app.command()
def serve(
    data_dir: DataDir = None,
    port: Annotated[int, typer.Option(help="HTTP port of the REST API.")] = 8000,
    host: Annotated[
        str, typer.Option(help="Interface to bind (loopback by default).")
    ] = "127.0.0.1",
) -> None:
    """Run the REST API with an in-process mining worker (and a local Temporal dev server)."""
    from workflows.dev_server import DevServerError, spawn_dev_server

    settings = _settings(data_dir)
    spawned = None
    if not settings.temporal_address:
        # Temporal boots while the API's modules import (each takes seconds); errors
        # starting it are reported by run_server, which then tries again.
        with contextlib.suppress(DevServerError, OSError):
            spawned = spawn_dev_server(settings.data_dir / "temporal")
    try:
        from taskmine.server import run_server
    except BaseException:
        if spawned is not None:
            spawned.stop()
        raise
    raise typer.Exit(run_server(settings, host=host, port=port, dev_server=spawned))


@app.command()
def worker(data_dir: DataDir = None) -> None:
    """Run a Temporal worker only, for scaling out against an existing Temporal cluster."""
    from taskmine.server import run_worker_only

    raise typer.Exit(run_worker_only(_settings(data_dir)))


@token_app.command("create")
def token_create(
    role: Annotated[
        str, typer.Option(help="admin, power_user, analyst, manager, business_owner or agent")
    ],
    user: Annotated[str | None, typer.Option(help="User name the token belongs to.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Create an API token; the token is the last line of the output."""
    from taskmine.composition import create_token_command

    try:
        token = create_token_command(_settings(data_dir), role=role, user=user)
    except ValueError as error:  # an unknown role: the message lists the valid ones
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Created a {role} token (store it now: only its hash is kept).", err=True)
    typer.echo(token)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="UI log to import.")],
    project: Annotated[str | None, typer.Option(help="Load the events into this project.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write canonical JSON Lines here.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force the input format.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Convert Action Logger / SmartRPA / Fiori / XES / JSONL into canonical events."""
    from taskmine.commands import import_log

    raise typer.Exit(import_log(_settings(data_dir), file, project=project, out=out, fmt=fmt))


@app.command()
def discover(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="UI log to mine.")],
    out: Annotated[
        Path, typer.Option(help="Where to write the taskmine.discovery/v1 JSON.")
    ] = Path("result.json"),
    fmt: Annotated[str | None, typer.Option("--format", help="Force the input format.")] = None,
    top: Annotated[int, typer.Option(help="How many candidates to print.")] = 10,
) -> None:
    """Mine a UI log file for automation candidates, no server needed."""
    from taskmine.commands import discover_file

    raise typer.Exit(discover_file(file, out=out, fmt=fmt, top=top))


@app.command()
def export(
    target: Annotated[str, typer.Argument(help="uipath, power-automate, pdd, xes, ocel or bpmn")],
    result: Annotated[Path, typer.Option(exists=True, help="A taskmine.discovery/v1 JSON file.")],
    candidate: Annotated[str, typer.Option(help="Candidate id (e.g. c1).")] = "c1",
    events: Annotated[
        Path | None, typer.Option(help="The mined UI log (needed for xes and ocel).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Output file (default: named after the target).")
    ] = None,
    profile: Annotated[str, typer.Option(help="UiPath profile: classic or modern.")] = "classic",
    pdd_format: Annotated[
        str, typer.Option("--pdd-format", help="docx, md, html or json")
    ] = "docx",
) -> None:
    """Write a UiPath project, Power Automate flow, PDD, XES, OCEL or BPMN for a candidate."""
    from taskmine.commands import export_candidate

    raise typer.Exit(
        export_candidate(
            target,
            result=result,
            candidate_id=candidate,
            events=events,
            out=out,
            profile=profile,
            pdd_format=pdd_format,
        )
    )


@app.command()
def evaluate(
    datasets: Annotated[
        Path | None, typer.Option(help="Folder of labelled logs (default ../shared/datasets).")
    ] = None,
) -> None:
    """Score discovery on the labelled public UI logs beside the published results."""
    from taskmine.commands import evaluate_datasets

    raise typer.Exit(evaluate_datasets(datasets))


@app.command()
def demo(
    data_dir: DataDir = None,
    keep: Annotated[
        bool, typer.Option(help="Keep an existing data dir instead of starting fresh.")
    ] = False,
) -> None:
    """The main job: serve, upload a bundled recording, mine, draft a PDD, export, print."""
    from taskmine.demo import run_demo

    raise typer.Exit(run_demo(data_dir or Path(".taskmine/demo"), fresh=not keep))


def _register_record() -> None:
    try:
        from recorder.cli import record_command
    except ImportError:  # the recorder's OS hooks may be missing on a server-only install
        return
    app.command("record")(record_command)


def _settings(data_dir: Path | None):  # type: ignore[no-untyped-def]
    from taskmine.settings import load_settings

    return load_settings(data_dir=data_dir)


def main() -> None:
    _register_record()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
