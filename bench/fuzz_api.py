"""Slow API fuzzing (issue 9 §3): the schemathesis suite at >= 1,000 examples per operation,
against a real `taskmine serve` (uvicorn, embedded Temporal, mining worker) over loopback.

    uv run python bench/fuzz_api.py                      # 1,000/op as admin + every other role
    uv run python bench/fuzz_api.py --examples 1000 --other-examples 100 --stateful 200

It starts `taskmine serve` on a free 127.0.0.1 port in a fresh data dir (raising
TASKMINE_MAX_AUTH_FAILURES, since one fuzzing client sends thousands of bad tokens on purpose,
and turning off TASKMINE_RATE_LIMIT_PER_S, since it sends thousands of requests per token),
then runs tests/integration/test_schemathesis.py's schemathesis tests with FUZZ_BASE_URL and
FUZZ_DATABASE_URL set, so the suite seeds the server's own database (users and tokens per role,
projects, results, PDDs, data requests) and sends every request over HTTP. Bounded: the server is
stopped at the end, and --timeout ends the run. Exit code: pytest's (0 = no failure).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "tests" / "integration" / "test_schemathesis.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"taskmine serve exited with {server.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"taskmine serve did not answer /health within {timeout_s:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="per operation, as admin")
    parser.add_argument(
        "--other-examples", type=int, default=1000, help="per operation, for each other role"
    )
    parser.add_argument("--stateful", type=int, default=100, help="stateful scenarios")
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds for the run")
    parser.add_argument("--roles", default="", help="pytest -k filter, e.g. 'builder or manager'")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="taskmine-fuzz-") as scratch:
        data_dir = Path(scratch)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "TASKMINE_MAX_AUTH_FAILURES": "1000000000",
            "TASKMINE_RATE_LIMIT_PER_S": "0",
        }
        log = (data_dir / "serve.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "taskmine.cli", "serve", "--data-dir", str(data_dir),
             "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_healthy(url, server, timeout_s=180)
            selection = "conforms or stateful"
            if args.roles:
                selection = f"({selection}) and ({args.roles})"
            suite_env = {
                **env,
                "FUZZ_BASE_URL": url,
                "FUZZ_DATABASE_URL": f"sqlite:///{data_dir / 'taskmine.db'}",
                "FUZZ_EXAMPLES": str(args.examples),
                "FUZZ_OTHER_EXAMPLES": str(args.other_examples),
                "FUZZ_STATEFUL_EXAMPLES": str(args.stateful),
            }
            started = time.monotonic()
            command = [sys.executable, "-m", "pytest", str(SUITE), "-k", selection,
                       "-p", "no:randomly", "-o", "timeout=0", "-q", "-rA"]  # fmt: skip
            try:
                result = subprocess.run(
                    command, cwd=ROOT, env=suite_env, timeout=args.timeout, check=False
                )
                code = result.returncode
            except subprocess.TimeoutExpired:
                print(f"fuzz run stopped after --timeout {args.timeout:.0f} s", file=sys.stderr)
                code = 124
            elapsed = time.monotonic() - started
            print(
                f"fuzzed {url}: {args.examples}/op as admin, {args.other_examples}/op per other "
                f"role, {args.stateful} stateful scenarios in {elapsed:.0f} s; exit {code}"
            )
            errors = [
                line
                for line in (data_dir / "serve.log").read_text(errors="replace").splitlines()
                if "unhandled error" in line
            ]
            print(f"server log: {len(errors)} unhandled errors")
            for line in errors[:20]:
                print("  " + line)
            return code or (1 if errors else 0)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


if __name__ == "__main__":
    raise SystemExit(main())
