"""Load, small (issue 9 §6): five recorder agents upload at once to one ``taskmine serve``
subprocess over loopback; every event lands exactly once, and resending everything stores
nothing new. The full load test with the sweep is ``bench/bench_load.py`` (same code)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import bench_load as bench

pytestmark = pytest.mark.temporal

ROOT = Path(__file__).resolve().parents[2]


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
