"""Durability end to end: spool with the server down, SIGKILL the agent, restart, server up.

The agent runs as a real subprocess (scripted input through the real synthesis, privacy guard,
SQLite spool and uploader); the server is a real HTTP server on 127.0.0.1 that dedupes by
event_id. Whatever was spooled before the kill must reach the server exactly once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from recorder.localserver import IngestStub

AGENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from recorder.cli import record
    from recorder.replay import ScriptedSource, StaticResolver, form_session_script

    url, state, repeat = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    resolver = StaticResolver()
    steps = form_session_script(name="Alice", email="alice@example.com", password="Tr0ub4dor&3",
                                pause=0.02)
    source = ScriptedSource(steps, resolver, repeat=repeat)
    sys.exit(record(None, url, "p1", "agent-token", True, None, 300.0, state_dir=state,
                    resolver=resolver, source=source, interactive=False))
    """
)


def start_agent(url: str, state: Path, repeat: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", AGENT, url, str(state), str(repeat)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def spooled_ids(state: Path) -> list[str]:
    db = sqlite3.connect(state / "spool.sqlite3")
    try:
        return [row[0] for row in db.execute("SELECT event_id FROM spool WHERE quarantined = 0")]
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def test_sigkill_with_server_down_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    server = IngestStub(token="agent-token").start()
    first = start_agent(server.url, tmp_path, repeat=1000)
    try:
        wait_for(
            lambda: (tmp_path / "permission.json").exists(), timeout=20, what="the permission check"
        )
        server.stop()  # the server goes down right after approving the session
        wait_for(lambda: len(spooled_ids(tmp_path)) >= 40, timeout=20, what="40 spooled events")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    spooled = spooled_ids(tmp_path)
    before_kill = set(spooled) | set(server.events)
    assert len(spooled) >= 40

    second = start_agent(server.url, tmp_path, repeat=1)  # restarts on the cached approval
    try:
        time.sleep(1.0)
        server.restart()
        wait_for(
            lambda: not spooled_ids(tmp_path) and len(server.events) > len(before_kill),
            timeout=30,
            what="the spool to drain",
        )
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=20) == 0, second.stderr.read() if second.stderr else ""
    finally:
        if second.poll() is None:
            second.kill()
        server.stop()

    assert before_kill <= set(server.events), (
        "an event spooled before SIGKILL never reached the server"
    )
    assert spooled_ids(tmp_path) == []
    # Nothing lost in between either: the killed session's events are numbered 1..n without gaps.
    first_session = {e.split(":")[0] for e in spooled}
    assert len(first_session) == 1
    (session,) = first_session
    numbers = sorted(int(e.split(":")[1]) for e in server.events if e.startswith(session))
    assert numbers == list(range(1, len(numbers) + 1))
    assert max(numbers) >= max(int(e.split(":")[1]) for e in spooled)
    print(
        f"spooled at kill: {len(spooled)}, server holds {len(server.events)}, receipts {sum(server.receipts.values())}"
    )
    # exactly once: each id is stored once however often it was sent
    assert len(server.events) == len(set(server.events))
    assert sum(server.receipts.values()) >= len(server.events)
    # the password typed in every routine went nowhere
    wire = b"".join(server.bodies)
    assert b"Tr0ub4dor" not in wire
    logs = b"".join(p.stderr.read() for p in (first, second) if p.stderr)
    assert b"Tr0ub4dor" not in logs
    for path in tmp_path.rglob("*"):  # spool, its WAL, the permission cache
        if path.is_file():
            assert b"Tr0ub4dor" not in path.read_bytes(), path
    assert b"alice@example.com" not in wire  # e-mails are redacted at the source
