"""A full spool stops capture visibly and keeps everything it already holds."""

from __future__ import annotations

import io
import threading
from pathlib import Path

from recorder.agent import RecorderAgent
from recorder.guard import PrivacyGuard
from recorder.model import SessionInfo
from recorder.replay import ScriptedSource, StaticResolver, form_session_script
from recorder.sinks import SpoolSink
from recorder.spool import SqliteSpool
from recorder.status import StatusLine
from taskmine.privacy import DEFAULT_POLICY

QUOTA = 3


def test_a_full_spool_stops_capture_with_a_notice_and_loses_nothing_spooled(
    tmp_path: Path,
) -> None:
    resolver = StaticResolver()
    steps = form_session_script(name="Alice", email="alice@example.com", password="x", pause=0.01)
    source = ScriptedSource(steps, resolver, repeat=20)
    spool = SqliteSpool(tmp_path / "spool.db", max_events=QUOTA)
    shown = io.StringIO()
    agent = RecorderAgent(
        session=SessionInfo(session_id="s1", user_id="u1", machine_id="m1"),
        resolver=resolver,
        sink=SpoolSink(spool),
        guard=PrivacyGuard(DEFAULT_POLICY),
        source=source,
        status=StatusLine(shown),
    )
    runner = threading.Thread(target=agent.run)
    runner.start()
    runner.join(timeout=30)
    assert not runner.is_alive(), "the agent kept running with a full spool"

    assert agent.state.stopped_because is not None
    assert "capture stopped" in shown.getvalue()
    assert agent.state.events == QUOTA
    spool.close()
    reopened = SqliteSpool(tmp_path / "spool.db", max_events=QUOTA)
    try:
        assert reopened.counts()[0] == QUOTA
    finally:
        reopened.close()
