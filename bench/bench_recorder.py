"""Footprint of the recorder agent during a scripted desktop session (not a test).

Starts Xvfb + AT-SPI + the GTK form app (the same setup as tests/desktop), runs the real agent
(`python -m recorder.cli`, pynput + AtspiResolver, local JSONL mode), drives about 2 actions per
second with xdotool for DURATION seconds, samples the agent's CPU time and RSS from /proc every
second, and prints: mean CPU %, peak and mean RSS, p50 / p95 / max element-resolution latency.
Targets: <= 1 % CPU on average, <= 60 MB RSS, p95 <= 20 ms.

    uv run python bench/bench_recorder.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def load_desktop_support():  # the fixture's helpers, without pytest
    spec = importlib.util.spec_from_file_location(
        "desktop_conftest", ROOT / "tests" / "desktop" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["desktop_conftest"] = module
    assert spec is not None
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def drive(desktop, stop: threading.Event) -> int:
    """About 2 actions per second: a click, then a short word typed, alternating fields."""
    actions = 0
    fields = [(150, 48), (150, 88)]
    while not stop.is_set():
        x, y = fields[(actions // 2) % 2]
        desktop.click(x, y, pause=0.4)
        desktop.type(f"w{actions % 10}", pause=0.4)  # ~0.1 s of keystrokes
        actions += 2
    return actions


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    support = load_desktop_support()
    reason = support.missing_requirement()
    if reason:
        print(f"bench_recorder: skipped, {reason}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with support.start_desktop_session(tmp_path) as desktop:
            desktop.start_app("form_app.py")
            timings = tmp_path / "timings.json"
            desktop.env["TASKMINE_RECORDER_TIMINGS"] = str(timings)
            agent = desktop.spawn(
                [
                    sys.executable,
                    "-m",
                    "recorder.cli",
                    "--consent",
                    "--out",
                    str(tmp_path / "out.jsonl"),
                    "--state-dir",
                    str(tmp_path / "state"),
                ],
                stderr=subprocess.PIPE,
            )
            seen = b""
            while True:
                line = agent.stderr.readline()
                if not line:  # the agent exited before recording: say why instead of hanging
                    print(
                        f"bench_recorder: the agent did not start: {seen.decode(errors='replace')}"
                    )
                    return 1
                if b"REC" in line:
                    break
                seen += line
            threading.Thread(
                target=lambda: [None for _ in iter(agent.stderr.readline, b"")], daemon=True
            ).start()
            time.sleep(1.0)
            stop = threading.Event()
            result: list[int] = []
            driver = threading.Thread(target=lambda: result.append(drive(desktop, stop)))
            cpu0, t0 = cpu_seconds(agent.pid), time.monotonic()
            driver.start()
            rss = []
            while time.monotonic() - t0 < args.seconds:
                time.sleep(1.0)
                rss.append(rss_mb(agent.pid))
            stop.set()
            driver.join()
            cpu1, t1 = cpu_seconds(agent.pid), time.monotonic()
            agent.send_signal(signal.SIGINT)
            agent.wait(timeout=30)
            samples = sorted(json.loads(timings.read_text())) if timings.exists() else []
            written = [
                json.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()
            ]
            events = len(written)
            if os.environ.get("BENCH_DUMP"):
                print("\n".join(f"{e['kind']} {e['timestamp']} {e['value']!r}" for e in written))
            kinds = Counter(e["kind"] for e in written)
    elapsed = t1 - t0
    actions = result[0] if result else 0
    print(
        f"session: {elapsed:.0f} s, {actions} actions ({actions / elapsed:.2f}/s), {events} events written {dict(kinds)}"
    )
    print(
        f"agent CPU: {100 * (cpu1 - cpu0) / elapsed:.2f} % of one core on average (target <= 1 %)"
    )
    print(
        f"agent RSS: peak {max(rss):.1f} MB, mean {statistics.mean(rss):.1f} MB (target <= 60 MB)"
    )
    if samples:

        def pct(q: float) -> float:
            return 1000 * samples[min(len(samples) - 1, int(q * len(samples)))]

        print(
            f"element resolution ({len(samples)} clicks): p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, "
            f"max {1000 * samples[-1]:.1f} ms (target p95 <= 20 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
