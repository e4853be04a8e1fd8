"""Composition of the desktop agent: ``taskmine record`` (DESIGN.md §4).

``record`` is a plain function (tests call it in-process or in a subprocess); ``record_command``
is the typer wrapper the main CLI mounts. Order of checks: arguments, config, consent notice,
the server's recording permission, one agent per state dir; only then are hooks installed.
SIGINT / SIGTERM stop cleanly (pending events flushed, a last upload attempt of up to
``FINAL_UPLOAD_SECONDS``; whatever is left stays spooled for the next start). SIGUSR1 pauses,
SIGUSR2 resumes; ``taskmine record --pause`` / ``--resume`` send those to the running agent.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from recorder.config import (
    RecorderSettings,
    default_state_dir,
    load_config,
    pseudonymous_machine_id,
    pseudonymous_user_id,
)
from recorder.consent import acknowledge_consent, check_recording_permission
from recorder.guard import PrivacyGuard
from recorder.model import SessionInfo
from recorder.resolver import RecorderError, Resolver, choose_resolver
from recorder.sinks import JsonlSink, Sink
from recorder.status import RecorderState, StatusLine
from recorder.synthesis import SynthesisSettings

if TYPE_CHECKING:
    from recorder.spool import SqliteSpool
    from recorder.uploader import Uploader

log = logging.getLogger("recorder")

FINAL_UPLOAD_SECONDS = 10.0
EXIT_USAGE, EXIT_REFUSED, EXIT_FAILED = 2, 3, 1


def record(
    out: Path | None,
    server: str | None,
    project: str | None,
    token: str | None,
    consent: bool,
    config: Path | None,
    idle_seconds: float = 300.0,
    *,
    state_dir: Path | None = None,
    resolver: Resolver | None = None,
    source: Any = None,
    interactive: bool | None = None,
    stream: TextIO | None = None,
) -> int:
    """Record until SIGINT / SIGTERM; returns the process exit code."""
    err = stream or sys.stderr
    if (out is None) == (server is None):
        err.write(
            "error: pass either --out FILE.jsonl (record locally) or --server URL --project ID (upload)\n"
        )
        return EXIT_USAGE
    if server is not None and not project:
        err.write("error: --server needs --project (the project the events belong to)\n")
        return EXIT_USAGE
    try:
        settings, policy = load_config(config)
    except RecorderError as error:
        err.write(f"error: {error}\n")
        return EXIT_USAGE
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not acknowledge_consent(consent, interactive=interactive):
        err.write(
            "Recording refused: the recording notice was not acknowledged. Pass --consent to "
            "acknowledge it, or run on a terminal and answer 'yes'.\n"
        )
        return EXIT_USAGE
    state = settings.state_dir or state_dir or default_state_dir()
    state.mkdir(parents=True, exist_ok=True)
    if server is not None:
        assert project is not None
        permission = check_recording_permission(
            server,
            token=token,
            project=project,
            user=settings.user_id or pseudonymous_user_id(),
            cache=state / "permission.json",
        )
        if not permission.approved:
            err.write(f"Recording refused: {permission.reason}.\n")
            return EXIT_REFUSED
    pidfile = state / "recorder.pid"
    if _running_pid(pidfile) is not None:
        err.write(f"error: an agent is already recording with state dir {state}; stop it first\n")
        return EXIT_USAGE
    pidfile.write_text(str(os.getpid()))
    try:
        return _run(
            out=out,
            server=server,
            project=project,
            token=token,
            state=state,
            settings=settings,
            policy=policy,
            idle_seconds=settings.idle_seconds or idle_seconds,
            resolver=resolver,
            source=source,
            err=err,
        )
    except RecorderError as error:
        err.write(f"error: {error}\n")
        return EXIT_FAILED
    finally:
        pidfile.unlink(missing_ok=True)


def _run(
    *,
    out: Path | None,
    server: str | None,
    project: str | None,
    token: str | None,
    state: Path,
    settings: Any,
    policy: Any,
    idle_seconds: float,
    resolver: Resolver | None,
    source: Any,
    err: TextIO,
) -> int:
    # Imported only once recording starts, and only what this mode needs: local recording
    # (--out) never loads httpx, the uploader or the spool (a smaller, faster agent).
    from recorder.agent import RecorderAgent

    session = SessionInfo(
        session_id=uuid.uuid4().hex,
        user_id=settings.user_id or pseudonymous_user_id(),
        machine_id=settings.machine_id or pseudonymous_machine_id(),
    )
    spool: SqliteSpool | None = None
    uploader: Uploader | None = None
    stop_uploads = threading.Event()
    upload_thread = None
    sink: Sink
    if out is not None:
        sink = JsonlSink(out)
        destination = str(out)
    else:
        assert server is not None
        assert project is not None
        from recorder.sinks import SpoolSink
        from recorder.uploader import Uploader

        spool = open_spool(state, settings)
        uploader = Uploader(
            spool, server=server, project=project, token=token, batch_size=settings.batch_size
        )
        upload_thread = threading.Thread(
            target=uploader.run, args=(stop_uploads,), name="uploader", daemon=True
        )
        upload_thread.start()  # also sends what earlier runs left in the spool
        sink = SpoolSink(spool, uploader)
        destination = server
    status = StatusLine(err)
    recorder_state = RecorderState(destination=destination, hotkey=settings.hotkey, starting=True)
    agent = RecorderAgent(
        session=session,
        resolver=resolver or choose_resolver(),
        sink=sink,
        guard=PrivacyGuard(policy),
        source=source,
        synthesis=SynthesisSettings(idle_seconds=idle_seconds),
        hotkey=settings.hotkey,
        status=status,
        state=recorder_state,
    )

    def refresh() -> None:
        if spool is not None and uploader is not None:
            recorder_state.pending, recorder_state.quarantined = spool.counts()
            recorder_state.upload_error = uploader.stats.last_error
        status.update(recorder_state)

    # The status refresh is the idle agent's only wake-up: every second when someone watches
    # it (a terminal) or upload counts change; otherwise the 60 s summary needs far fewer.
    agent.on_tick(refresh, every=1.0 if status.is_tty or spool is not None else 30.0)
    restore = _install_signals(agent)
    try:
        status.update(recorder_state, force=True)
        agent.run()
    finally:
        restore()
        _dump_timings(agent)
        if uploader is not None and spool is not None:
            stop_uploads.set()
            uploader.notify()
            if upload_thread is not None:
                upload_thread.join(timeout=FINAL_UPLOAD_SECONDS)
            try:
                uploader.drain(deadline=time.monotonic() + FINAL_UPLOAD_SECONDS)
            except Exception as error:  # the events stay spooled; say so rather than crash
                err.write(f"upload stopped: {error}\n")
            refresh()
            uploader.close()
            spool.close()
        status.finish(recorder_state)
    if recorder_state.stopped_because:
        err.write(
            f"Recording stopped: {recorder_state.stopped_because}. Everything captured before "
            "is kept; free space or raise the spool quota, then start again.\n"
        )
        return EXIT_FAILED
    if recorder_state.pending:
        err.write(
            f"{recorder_state.pending} events stay in the spool and upload on the next start.\n"
        )
    return 0


def _dump_timings(agent: Any) -> None:
    """For bench/bench_recorder.py: element-resolution latencies, when asked by env var."""
    target = os.environ.get("TASKMINE_RECORDER_TIMINGS")
    if target:
        Path(target).write_text(json.dumps(agent.timings.samples))


def _install_signals(agent: Any) -> Any:
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    handlers = {
        signal.SIGINT: lambda *_: agent.request_stop(),
        signal.SIGTERM: lambda *_: agent.request_stop(),
    }
    if hasattr(signal, "SIGUSR1"):
        handlers[signal.SIGUSR1] = lambda *_: agent.request_pause()
        handlers[signal.SIGUSR2] = lambda *_: agent.request_resume()
    previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def signal_running_agent(state_dir: Path, *, pause: bool) -> int:
    """``--pause`` / ``--resume``: send SIGUSR1 / SIGUSR2 to the agent of ``state_dir``."""
    pid = _running_pid(state_dir / "recorder.pid")
    if pid is None:
        sys.stderr.write(
            f"no recording agent is running (no live pid in {state_dir / 'recorder.pid'})\n"
        )
        return EXIT_USAGE
    os.kill(pid, signal.SIGUSR1 if pause else signal.SIGUSR2)
    sys.stderr.write(f"asked agent {pid} to {'pause' if pause else 'resume'}\n")
    return 0


def _running_pid(pidfile: Path) -> int | None:
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def record_command(
    out: Annotated[
        Path | None, typer.Option(help="Record locally to this JSON Lines file (no server).")
    ] = None,
    server: Annotated[
        str | None, typer.Option(help="Upload to this taskmine server (e.g. http://host:8000).")
    ] = None,
    project: Annotated[
        str | None, typer.Option(help="Project id the events are uploaded to.")
    ] = None,
    token: Annotated[
        str | None, typer.Option(envvar="TASKMINE_TOKEN", help="Agent API token.")
    ] = None,
    consent: Annotated[
        bool, typer.Option("--consent", help="Acknowledge the recording notice.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(help="TOML file with recorder and privacy tables (see docs/recorder.md)."),
    ] = None,
    idle_seconds: Annotated[
        float, typer.Option(help="Quiet time after which an idle event is written.")
    ] = 300.0,
    state_dir: Annotated[
        Path | None, typer.Option(help="Spool, pid file and permission cache.")
    ] = None,
    pause: Annotated[
        bool, typer.Option("--pause", help="Pause the running agent and exit.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Resume the running agent and exit.")
    ] = False,
) -> None:
    """Record UI element actions on this desktop (asks for consent; Ctrl+C stops)."""
    if pause or resume:
        raise typer.Exit(signal_running_agent(state_dir or default_state_dir(), pause=pause))
    if not logging.getLogger().handlers:
        level = os.environ.get("TASKMINE_LOG_LEVEL", "WARNING").upper()  # DEBUG for support
        logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    raise typer.Exit(
        record(out, server, project, token, consent, config, idle_seconds, state_dir=state_dir)
    )


def open_spool(state: Path, settings: RecorderSettings) -> SqliteSpool:
    """The upload spool in the state dir, with the configured fsync policy and quota."""
    from recorder.spool import SqliteSpool

    return SqliteSpool(
        state / "spool.sqlite3",
        synchronous=settings.synchronous,
        max_bytes=int(settings.spool_max_mb * 1024 * 1024),
        max_events=settings.spool_max_events,
    )


def main() -> None:
    """``python -m recorder.cli``: the agent alone, without the rest of the CLI."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(record_command)
    app()


if __name__ == "__main__":
    main()
