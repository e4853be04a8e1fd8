"""Connecting to Temporal waits for a frontend that is starting, and no longer
(``workflows.worker.connect_client``, used by ``taskmine serve`` and the workers)."""

from __future__ import annotations

import asyncio
import re

import pytest

from workflows import worker

_STARTING = (
    "Failed client connect: `get_system_info` call error after connection: Status { code: "
    'Unavailable, message: "Frontend is not healthy yet" }'
)


class _FakeClient:
    """Stands in for ``temporalio.client.Client``: fails ``failures`` times, then connects."""

    def __init__(self, error: str, failures: int) -> None:
        self.error, self.failures, self.calls = error, failures, 0

    async def connect(self, address: str, **_: object) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError(self.error)
        return f"client of {address}"


def test_a_frontend_that_is_starting_is_asked_again(monkeypatch) -> None:
    fake = _FakeClient(_STARTING, failures=2)
    monkeypatch.setattr(worker, "Client", fake)
    assert asyncio.run(worker.connect_client("127.0.0.1:1")) == "client of 127.0.0.1:1"
    assert fake.calls == 3


def test_a_missing_server_fails_at_once(monkeypatch) -> None:
    fake = _FakeClient("Failed client connect: connection refused", failures=99)
    monkeypatch.setattr(worker, "Client", fake)
    with pytest.raises(RuntimeError, match="connection refused"):
        asyncio.run(worker.connect_client("127.0.0.1:1"))
    assert fake.calls == 1


def test_a_frontend_that_never_gets_healthy_fails_after_the_wait(monkeypatch) -> None:
    fake = _FakeClient(_STARTING, failures=10_000)
    monkeypatch.setattr(worker, "Client", fake)
    with pytest.raises(RuntimeError, match=re.escape("not healthy yet")):
        asyncio.run(worker.connect_client("127.0.0.1:1", wait_s=0.6))
    assert 2 <= fake.calls <= 5
