"""``taskmine serve`` waits for a Temporal frontend that is starting, and no longer."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from taskmine import server
from taskmine.settings import Settings

_STARTING = (
    "Failed client connect: `get_system_info` call error after connection: Status { code: "
    'Unavailable, message: "Frontend is not healthy yet" }'
)


def _service(tmp_path: Path) -> server._Service:
    settings = Settings(data_dir=tmp_path)
    return server._Service(settings, store=None, address="127.0.0.1:1", task_queue="q")  # type: ignore[arg-type]


def test_a_frontend_that_is_starting_is_asked_again(tmp_path, monkeypatch) -> None:
    calls: list[str] = []
    client = object()

    async def connect(address: str, *, namespace: str) -> object:
        calls.append(address)
        if len(calls) < 3:
            raise RuntimeError(_STARTING)
        return client

    monkeypatch.setattr(server, "connect_client", connect)
    assert asyncio.run(_service(tmp_path)._connect()) is client
    assert len(calls) == 3


def test_a_missing_server_fails_at_once_with_the_address(tmp_path, monkeypatch) -> None:
    calls: list[str] = []

    async def connect(address: str, *, namespace: str) -> object:
        calls.append(address)
        raise RuntimeError("Failed client connect: connection refused")

    monkeypatch.setattr(server, "connect_client", connect)
    with pytest.raises(ConnectionError, match=re.escape("127.0.0.1:1")):
        asyncio.run(_service(tmp_path)._connect())
    assert len(calls) == 1


def test_a_frontend_that_never_gets_healthy_fails_after_the_wait(tmp_path, monkeypatch) -> None:
    async def connect(address: str, *, namespace: str) -> object:
        raise RuntimeError(_STARTING)

    monkeypatch.setattr(server, "connect_client", connect)
    monkeypatch.setattr(server, "FRONTEND_WAIT_S", 0.6)
    with pytest.raises(ConnectionError, match="not healthy yet"):
        asyncio.run(_service(tmp_path)._connect())
