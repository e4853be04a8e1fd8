"""`taskmine record`: consent, server permission, local JSONL mode, signals, pause/resume."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from recorder.cli import open_spool, record
from recorder.config import load_config
from recorder.consent import acknowledge_consent, check_recording_permission
from recorder.keys import ModifierState, name_key, parse_combo
from recorder.localserver import IngestStub
from recorder.resolver import RecorderError

CONFIG = """
[recorder]
hotkey = "<Ctrl>+<Alt>+<Shift>+P"
[privacy]
capture = { "form-app" = "full" }
"""


def test_recording_refuses_without_an_acknowledged_notice(tmp_path: Path) -> None:
    err = io.StringIO()
    code = record(
        tmp_path / "out.jsonl",
        None,
        None,
        None,
        False,
        None,
        state_dir=tmp_path,
        interactive=False,
        stream=err,
    )
    assert code == 2
    assert "--consent" in err.getvalue()
    assert not (tmp_path / "out.jsonl").exists()


def test_the_interactive_prompt_needs_an_explicit_yes() -> None:
    assert acknowledge_consent(False, interactive=True, ask=lambda _: "yes")
    assert not acknowledge_consent(False, interactive=True, ask=lambda _: "")
    assert not acknowledge_consent(False, interactive=False, ask=lambda _: "yes")


def test_out_and_server_are_exclusive_and_server_needs_a_project(tmp_path: Path) -> None:
    err = io.StringIO()
    assert record(None, None, None, None, True, None, state_dir=tmp_path, stream=err) == 2
    assert record(None, "http://x", None, None, True, None, state_dir=tmp_path, stream=err) == 2
    assert "--project" in err.getvalue()


def test_a_server_without_the_permission_route_means_not_approved(tmp_path: Path) -> None:
    server = IngestStub(approved=False).start()
    try:
        err = io.StringIO()
        code = record(None, server.url, "p1", "t", True, None, state_dir=tmp_path, stream=err)
    finally:
        server.stop()
    assert code == 3
    assert "404" in err.getvalue()


def test_an_approval_is_cached_for_restarts_while_the_server_is_down(tmp_path: Path) -> None:
    server = IngestStub().start()
    cache = tmp_path / "permission.json"
    assert check_recording_permission(server.url, token="t", project="p1", cache=cache).approved
    server.stop()
    assert check_recording_permission(server.url, token="t", project="p1", cache=cache).approved
    later = time.time() + 25 * 3600
    stale = check_recording_permission(server.url, token="t", project="p1", cache=cache, now=later)
    assert not stale.approved
    assert "network" in stale.reason


def test_config_errors_name_the_file_and_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[privacy]\ndefault_capture = 'everything'\n")
    with pytest.raises(RecorderError, match=r"bad\.toml"):
        load_config(bad)
    good = tmp_path / "good.toml"
    good.write_text(CONFIG)
    settings, policy = load_config(good)
    assert settings.hotkey == "ctrl+alt+shift+p"
    assert policy.capture_level_for("form-app") == "full"


def test_the_spool_quota_is_a_config_setting(tmp_path: Path) -> None:
    config = tmp_path / "quota.toml"
    config.write_text("[recorder]\nspool_max_mb = 0.5\nspool_max_events = 40\n")
    settings, _ = load_config(config)
    spool = open_spool(tmp_path / "state", settings)
    try:
        assert (spool.max_bytes, spool.max_events) == (512 * 1024, 40)
    finally:
        spool.close()
    config.write_text("[recorder]\nspool_max_mb = 0\n")
    with pytest.raises(RecorderError, match=r"(?s)quota\.toml.*spool_max_mb"):
        load_config(config)


class _Key:
    def __init__(self, name: str | None = None, char: str | None = None) -> None:
        if name is not None:
            self.name = name
        self.char = char


def test_key_names_and_combos_are_normalised() -> None:
    state = ModifierState()
    assert name_key(_Key(name="enter")) == ("enter", None)
    assert name_key(_Key(char="\x03")) == ("c", None)  # Windows reports ctrl+c as ETX
    assert state.press("ctrl_l")
    assert state.combo(*name_key(_Key(char="s"))) == ("ctrl+s", None)
    state.release("ctrl_l")
    state.press("shift")
    assert state.combo("a", "A") == ("a", "A")  # shift + letter is typing
    assert state.combo("tab", None) == ("shift+tab", None)
    assert parse_combo("<Shift>+<Ctrl>+p") == "ctrl+shift+p"


AGENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from recorder.cli import record
    from recorder.replay import ScriptedSource, StaticResolver, form_session_script

    out, state, config = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    resolver = StaticResolver()
    steps = form_session_script(name="Alice", email="alice@example.com", password="Tr0ub4dor&3",
                                pause=0.02)
    source = ScriptedSource(steps, resolver, repeat=10_000)
    sys.exit(record(out, None, None, None, True, config, 300.0, state_dir=state,
                    resolver=resolver, source=source, interactive=False))
    """
)


def read_events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def test_local_mode_writes_jsonl_pauses_on_signals_and_stops_cleanly(tmp_path: Path) -> None:
    out, state, config = tmp_path / "out.jsonl", tmp_path / "state", tmp_path / "rec.toml"
    config.write_text(CONFIG)
    agent = subprocess.Popen(
        [sys.executable, "-c", AGENT, str(out), str(state), str(config)], stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (not out.exists() or len(read_events(out)) < 10):
            time.sleep(0.05)
        assert (state / "recorder.pid").read_text() == str(agent.pid)
        agent.send_signal(signal.SIGUSR1)
        time.sleep(1.0)
        paused_count = len(read_events(out))
        time.sleep(1.0)
        assert len(read_events(out)) == paused_count  # nothing recorded while paused
        agent.send_signal(signal.SIGUSR2)
        time.sleep(1.0)
        agent.send_signal(signal.SIGINT)
        assert agent.wait(timeout=20) == 0
    finally:
        if agent.poll() is None:
            agent.kill()
    events = read_events(out)
    markers = [e["attrs"]["recorder"] for e in events if e["kind"] == "other"]
    assert markers == ["paused", "resumed"]
    assert len(events) > paused_count
    typed = [e["value"] for e in events if e["kind"] == "type"]
    # The form app is configured for full values (masked would keep the shape, "Xxxxx"), but
    # personal data is still redacted: the Name field by the field policy, the e-mail by content.
    assert "[PERSON]" in typed
    assert "[EMAIL]" in typed
    assert None in typed  # the password visit, without its value
    assert b"Tr0ub4dor" not in out.read_bytes()
    assert b"Tr0ub4dor" not in (agent.stderr.read() if agent.stderr else b"")
    assert not (state / "recorder.pid").exists()
    assert os.path.getsize(out) > 0
