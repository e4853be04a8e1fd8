"""Real recording sessions: GTK apps under Xvfb driven by xdotool, recorded by the real agent
(pynput hooks + AtspiResolver + synthesis + privacy guard + sinks) in a subprocess."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.desktop

PASSWORD = "Tr0ub4dor&3"
CONFIG = """
[recorder]
idle_seconds = 600
[privacy]
capture = { "form-app" = "full", "notes-app" = "full" }
"""


def start_agent(desktop: Any, tmp_path: Path, *args: str) -> subprocess.Popen[bytes]:
    config = tmp_path / "recorder.toml"
    config.write_text(CONFIG)
    env_log = {"TASKMINE_LOG_LEVEL": "DEBUG"}
    desktop.env.update(env_log)
    agent = desktop.spawn(
        [
            sys.executable,
            "-m",
            "recorder.cli",
            "--consent",
            "--config",
            str(config),
            "--state-dir",
            str(tmp_path / "state"),
            *args,
        ],
        stderr=subprocess.PIPE,
    )
    assert agent.stderr is not None
    deadline = time.monotonic() + 20
    seen = b""
    while time.monotonic() < deadline:
        line = agent.stderr.readline()
        seen += line
        if b"REC" in line:
            return agent
        if not line and agent.poll() is not None:
            break
    pytest.fail(f"the agent did not start recording: {seen.decode(errors='replace')}")


def stop_agent(agent: subprocess.Popen[bytes]) -> bytes:
    agent.send_signal(signal.SIGINT)
    _, err = agent.communicate(timeout=30)
    assert agent.returncode == 0, err.decode(errors="replace")
    return err


def fill_form(desktop: Any) -> None:
    desktop.click(150, 48)  # Name
    desktop.type("Alice Martin")
    desktop.click(150, 88)  # Email
    desktop.type("alice@example.com")
    desktop.click(150, 128)  # Password
    desktop.type(PASSWORD)
    desktop.press_and_release(150, 168)  # Country combo: GTK opens the list on press, the
    # release lands on the current item, so this one gesture is a selection of "France"
    desktop.click(150, 202)  # Subscribe check box
    desktop.click(20, 12, pause=0.8)  # File menu
    desktop.key("Escape")
    desktop.click(30, 236)  # Save


def describe(event: dict[str, Any]) -> str:
    element = event.get("element") or {}
    path = " > ".join(f"{n['role']}:{n.get('name') or ''}" for n in element.get("path", []))
    extra = {k: v for k, v in event["attrs"].items() if k in ("combo", "from_app", "source_app")}
    return (
        f"{event['kind']:<12} app={event['app']:<10} value={event['value']!r:<22} "
        f"[{path}] {extra or ''}"
    )


def test_a_recorded_gtk_session_yields_ordered_events_with_element_identities(
    desktop: Any, tmp_path: Path
) -> None:
    desktop.start_app("form_app.py")
    desktop.start_app("notes_app.py")
    out = tmp_path / "session.jsonl"
    agent = start_agent(desktop, tmp_path, "--out", str(out))
    fill_form(desktop)
    desktop.click(600, 60)  # into the notes app
    desktop.key("ctrl+a")
    desktop.key("ctrl+c")
    desktop.click(150, 48)  # back to the form's Name field
    desktop.key("ctrl+a")
    desktop.key("ctrl+v")
    desktop.key("Tab")
    desktop.key("ctrl+s")
    time.sleep(0.5)
    logs = stop_agent(agent)
    events = [json.loads(line) for line in out.read_bytes().splitlines()]
    print("\n" + "\n".join(describe(e) for e in events))
    steps = [
        (
            e["kind"],
            e["app"],
            (e["element"] or {}).get("role"),
            (e["element"] or {}).get("name"),
            e["value"],
        )
        for e in events
    ]
    expected = [
        ("click", "form-app", "text", "Name", None),
        # the field policy: whatever goes into a field named "Name" is a person's name
        ("type", "form-app", "text", "Name", "[PERSON]"),
        ("click", "form-app", "text", "Email", None),
        ("type", "form-app", "text", "Email", "[EMAIL]"),
        ("click", "form-app", "password text", "Password", None),
        ("type", "form-app", "password text", "Password", None),
        ("select", "form-app", "menu item", "France", "France"),
        ("click", "form-app", "check box", "Subscribe", None),
        ("click", "form-app", "menu", "File", None),
        ("key", "form-app", None, None, None),
        ("click", "form-app", "push button", "Save", None),
        ("app_switch", "notes-app", None, None, None),
        ("click", "notes-app", "text", "Note text", None),
        ("key", "notes-app", "text", "Note text", None),
        ("copy", "notes-app", "text", "Note text", "Invoice INV-2041 from ACME"),
        ("app_switch", "form-app", None, None, None),
        ("click", "form-app", "text", "Name", None),
        ("key", "form-app", "text", "Name", None),
        ("paste", "form-app", "text", "Name", "[PERSON]"),
        ("type", "form-app", "text", "Name", "[PERSON]"),
        ("key", "form-app", "text", "Name", None),
        ("key", "form-app", "text", "Email", None),
    ]
    assert [s[:2] for s in steps] == [s[:2] for s in expected]
    assert [s[2:] for s in steps if s[0] != "key"] == [s[2:] for s in expected if s[0] != "key"]
    assert [e["attrs"]["combo"] for e in events if e["kind"] == "key"] == [
        "escape",
        "ctrl+a",
        "ctrl+a",
        "tab",
        "ctrl+s",
    ]
    name = events[1]["element"]
    assert [n["role"] for n in name["path"]] == ["frame", "filler", "panel", "text"]
    assert name["path"][0]["name"] == "Customer Form"
    assert name["bounds"]["width"] > 0
    paste = events[18]
    assert paste["attrs"]["source_app"] == "notes-app"
    assert paste["attrs"]["source_element"]["name"] == "Note text"
    times = [e["timestamp"] for e in events]
    assert times == sorted(times)
    assert PASSWORD.encode() not in out.read_bytes()
    assert PASSWORD.encode() not in logs


def spooled_ids(state: Path) -> list[str]:
    import sqlite3

    db = sqlite3.connect(state / "spool.sqlite3")
    try:
        return [r[0] for r in db.execute("SELECT event_id FROM spool WHERE quarantined = 0")]
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def test_kill_9_with_the_server_down_then_restart_delivers_every_event_once_and_no_password(
    desktop: Any, tmp_path: Path
) -> None:
    from recorder.localserver import IngestStub

    server = IngestStub(token="agent-token").start()
    desktop.start_app("form_app.py")
    args = ("--server", server.url, "--project", "p1", "--token", "agent-token")
    first = start_agent(desktop, tmp_path, *args)
    try:
        server.stop()  # approved at start, then the server goes down
        fill_form(desktop)
        desktop.click(150, 48)
        time.sleep(1.0)
        spooled = spooled_ids(tmp_path / "state")
        assert len(spooled) >= 7
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        first_logs = first.stderr.read() if first.stderr else b""
        second = start_agent(desktop, tmp_path, *args)  # server still down: cached approval
        desktop.click(150, 128)  # the password field again
        desktop.type(PASSWORD)
        desktop.click(30, 236)
        server.restart()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            spooled_ids(tmp_path / "state") or len(server.events) <= len(spooled)
        ):
            time.sleep(0.2)
        second_logs = stop_agent(second)
    finally:
        server.stop()
    assert set(spooled) <= set(server.events)
    assert spooled_ids(tmp_path / "state") == []
    assert all(count >= 1 for count in server.receipts.values())
    assert len(server.events) == len(set(server.events))
    kinds = [
        server.events[i]["kind"]
        for i in sorted(server.events, key=lambda i: server.events[i]["timestamp"])
    ]
    assert kinds.count("type") >= 4
    secret = PASSWORD.encode()
    assert secret not in b"".join(server.bodies)
    assert secret not in first_logs + second_logs
    for path in (tmp_path / "state").rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes(), path
