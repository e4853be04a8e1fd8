"""Load, small (issue 9 §6): five recorder agents upload at once to one ``taskmine serve``
subprocess over loopback; every event lands exactly once, and resending everything stores
nothing new. The full load test with the sweep is ``bench/bench_load.py`` (same code)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.temporal

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> ModuleType:
    name = "bench_load"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "bench_load.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bench = load_bench()


@pytest.fixture
def served(tmp_path: Path, temporal_address: str) -> Iterator[object]:
    server = bench.ServeProcess(tmp_path / "data", temporal_address=temporal_address)
    server.start()
    yield server
    server.stop()


def test_five_agents_upload_every_event_exactly_once(served: object, tmp_path: Path) -> None:
    result = bench.run_load(
        served,
        bench.sqlite_database_url(tmp_path / "data"),
        backend="sqlite",
        agents=5,
        events_per_agent=300,
        max_seconds=30.0,
        scratch=tmp_path / "agents",
        batch_size=50,
        spool_sync="NORMAL",
    )
    assert result.unfinished == 0, bench.describe(result)
    assert not result.agent_errors, bench.describe(result)
    assert result.errors == {}, bench.describe(result)
    assert result.stored == result.distinct == result.events_sent == 1500
    assert result.accepted == 1500
    assert result.quarantined == 0
    # Everything again: all duplicates, not one more row.
    assert result.resend_accepted == 0
    assert result.resend_duplicates == 1500
    assert result.stored_after_resend == 1500
    assert result.exactly_once
