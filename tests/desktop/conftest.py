"""Real desktop sessions for recorder tests: Xvfb + a session bus + the AT-SPI bus + GTK apps.

Every process is started here in its own process group and killed by group at teardown, so a
failing test leaves nothing behind. Tests skip (with the reason) only when Xvfb, xdotool, the
AT-SPI bus launcher or pyatspi are missing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parent / "apps"
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")


def missing_requirement() -> str | None:
    for tool in ("Xvfb", "xdotool", "dbus-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install xvfb xdotool dbus-x11)"
    if not BUS_LAUNCHER.exists():
        return "at-spi2-core is not installed (no /usr/libexec/at-spi-bus-launcher)"
    try:
        import gi  # noqa: F401
        import pyatspi  # noqa: F401
    except ImportError as error:
        return f"pyatspi / gi are not importable from the venv ({error}); run make setup"
    return None


@dataclass
class DesktopSession:
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def spawn(self, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(args, env=self.env, start_new_session=True, **kwargs)  # type: ignore[call-overload]
        self.processes.append(process)
        return process

    def start_app(self, name: str) -> subprocess.Popen[bytes]:
        app = self.spawn([sys.executable, str(APPS / name)], stdout=subprocess.PIPE)
        assert app.stdout is not None
        line = app.stdout.readline()  # blocks until the window is mapped
        assert line.strip() == b"READY", f"{name} did not start: {line!r}"
        return app

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)

    def click(self, x: int, y: int, *, pause: float = 0.35) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")
        time.sleep(pause)

    def press_and_release(self, x: int, y: int, *, hold: float = 0.8, pause: float = 0.8) -> None:
        """A press held for ``hold`` seconds: how a person picks from a GTK combo in one go.

        GTK opens the combo's list on press and selects the item under the pointer on release,
        but only if the release comes after its popup is up; a fast ``click`` under load can
        release first and leave the list open over the next widget."""
        self.xdotool("mousemove", str(x), str(y), "mousedown", "1")
        time.sleep(hold)
        self.xdotool("mouseup", "1")
        time.sleep(pause)

    def type(self, text: str, *, pause: float = 0.3) -> None:
        self.xdotool("type", "--delay", "40", text)
        time.sleep(pause)

    def key(self, combo: str, *, pause: float = 0.3) -> None:
        self.xdotool("key", combo)
        time.sleep(pause)

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in reversed(self.processes):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


@contextmanager
def start_desktop_session(runtime_dir: Path) -> Iterator[DesktopSession]:
    """Xvfb on a free display, a session bus and the AT-SPI bus; everything killed on exit."""
    session = DesktopSession(env=dict(os.environ))
    try:
        read_fd, write_fd = os.pipe()
        session.spawn(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not report a display number"
        bus = session.spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        session.env.update(
            DISPLAY=f":{display}",
            DBUS_SESSION_BUS_ADDRESS=address,
            GTK_MODULES="gail:atk-bridge",
            NO_AT_BRIDGE="0",
            GNOME_ACCESSIBILITY="1",
            XDG_RUNTIME_DIR=str(runtime_dir),
        )
        session.env.pop("AT_SPI_BUS_ADDRESS", None)
        session.spawn([str(BUS_LAUNCHER), "--launch-immediately"], stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        yield session
    finally:
        session.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[DesktopSession]:
    reason = missing_requirement()
    if reason:
        pytest.skip(reason)
    with start_desktop_session(tmp_path) as session:
        yield session
