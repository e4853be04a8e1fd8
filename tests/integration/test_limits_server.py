"""Resource limits against a real ``taskmine serve`` (issue 9 §4, RELIABILITY.md §7
"resource-limits"): 10^6-line NDJSON uploads are refused with 413 while the server's memory stays
bounded and it keeps answering.

Three bodies, each 10^6 lines: (a) realistic events streamed chunked (no Content-Length), far
over the byte limit; (b) the same gzip-compressed, small on the wire but inflating past the
limit; (c) tiny lines under the byte limit but over the events-per-batch limit. The server's
resident memory (``/proc/<pid>/status``, sampled during each upload, plus the kernel's peak) must
stay under ``baseline + 3 x body limit + slack``: the body as read (one limit), the gzip output
(a second) and the copy handed to the parser (a third) are all a request may hold; anything
that parsed the whole upload would need far more (10^6 parsed events are hundreds of MB).
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from bench import bench_load as bench

pytestmark = [
    pytest.mark.temporal,
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc for RSS"),
]

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 16 * 1024 * 1024  # the default TASKMINE_MAX_BODY_BYTES, set explicitly
MAX_EVENTS = 5_000
LINES = 1_000_000
SLACK = 16 * 1024 * 1024  # allocator arenas, the sampler's own timing
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, temporal_address: str) -> Iterator[Any]:
    server = bench.ServeProcess(tmp_path_factory.mktemp("limits") / "data")
    server.env["TASKMINE_TEMPORAL_ADDRESS"] = temporal_address
    server.env["TASKMINE_MAX_BODY_BYTES"] = str(LIMIT)
    server.env["TASKMINE_MAX_BATCH_EVENTS"] = str(MAX_EVENTS)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def api(served: Any) -> Iterator[tuple[httpx.Client, str]]:
    headers = {"Authorization": f"Bearer {served.admin_token}"}
    with httpx.Client(base_url=served.base_url, headers=headers, timeout=120.0) as client:
        project = client.post("/v1/projects", json={"name": "limits"}).json()["id"]
        url = f"/v1/projects/{project}/events:batch"
        assert_still_serving(client, url, tag="warm-up")
        yield client, url


def test_a_streamed_million_line_ndjson_is_413_with_bounded_memory(served, api) -> None:
    client, url = api
    sent = [0]

    def body() -> Iterator[bytes]:
        for chunk in event_lines(LINES):
            sent[0] += len(chunk)
            yield chunk

    response = upload(served, "streamed", lambda: client.post(url, content=body(), headers=NDJSON))
    assert response.status_code == 413
    assert f"larger than {LIMIT} bytes" in response.json()["detail"]
    print(f"streamed: the client generated {sent[0] / MIB:.0f} MiB before the answer")
    assert_still_serving(client, url, tag="a")


def test_a_gzipped_million_line_ndjson_is_413_at_the_decoded_limit(served, api) -> None:
    client, url = api
    deflate = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    gzipped = b"".join(deflate.compress(chunk) for chunk in event_lines(LINES)) + deflate.flush()
    assert len(gzipped) < LIMIT  # small on the wire: only decoding can find it too large
    headers = {**NDJSON, "Content-Encoding": "gzip"}
    response = upload(served, "gzip", lambda: client.post(url, content=gzipped, headers=headers))
    assert response.status_code == 413
    assert f"inflates to more than {LIMIT} bytes" in response.json()["detail"]
    assert_still_serving(client, url, tag="b")


def test_a_million_tiny_lines_are_413_for_the_event_count(served, api) -> None:
    client, url = api
    tiny = b'{"kind":"key"}\n' * LINES
    assert len(tiny) < LIMIT
    response = upload(served, "tiny lines", lambda: client.post(url, content=tiny, headers=NDJSON))
    assert response.status_code == 413
    assert f"at most {MAX_EVENTS} are accepted" in response.json()["detail"]
    assert_still_serving(client, url, tag="c")


def test_a_json_array_of_a_million_tiny_objects_is_413_before_parsing(served, api) -> None:
    client, url = api
    tiny = b"[" + b"{}," * (LINES - 1) + b"{}]"
    assert len(tiny) < LIMIT
    headers = {"Content-Type": "application/json"}
    response = upload(
        served, "tiny objects", lambda: client.post(url, content=tiny, headers=headers)
    )
    assert response.status_code == 413
    assert "JSON objects and arrays" in response.json()["detail"]
    assert_still_serving(client, url, tag="d")


NDJSON = {"Content-Type": "application/x-ndjson"}


def event_lines(count: int, *, per_chunk: int = 5_000) -> Iterator[bytes]:
    """``count`` NDJSON lines shaped like a recorder's events (~230 bytes each)."""
    for start in range(0, count, per_chunk):
        yield b"".join(
            orjson.dumps(_event(n)) + b"\n" for n in range(start, min(count, start + per_chunk))
        )


def upload(served: Any, label: str, send: Callable[[], httpx.Response]) -> httpx.Response:
    """``send()`` while sampling the server's RSS; asserts the bound, prints the figures."""
    pid = served.process.pid
    baseline, peak_before = _memory(pid, "VmRSS"), _memory(pid, "VmHWM")
    samples = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            samples.append(_memory(pid, "VmRSS"))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    try:
        response = send()
    finally:
        done.set()
        sampler.join(timeout=5)
    took = time.monotonic() - started
    bound = baseline + 3 * LIMIT + SLACK
    sampled_peak, kernel_peak = max(samples), _memory(pid, "VmHWM")
    print(
        f"{label}: {response.status_code} in {took:.2f} s; server RSS baseline "
        f"{baseline / MIB:.0f} MiB, sampled peak {sampled_peak / MIB:.0f} MiB (+"
        f"{(sampled_peak - baseline) / MIB:.0f}), kernel peak {kernel_peak / MIB:.0f} MiB, "
        f"bound {bound / MIB:.0f} MiB"
    )
    assert sampled_peak <= bound
    assert kernel_peak <= max(peak_before, bound)  # catches a spike between two samples
    return response


def assert_still_serving(client: httpx.Client, url: str, *, tag: str) -> None:
    assert client.get("/health").status_code == 200
    events = [_event(n) | {"event_id": f"{tag}:{n}"} for n in range(3)]
    response = client.post(url, content=orjson.dumps(events), headers=JSON_ARRAY)
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] + response.json()["duplicates"] == 3


JSON_ARRAY = {"Content-Type": "application/json"}


def _event(n: int) -> dict[str, Any]:
    return {
        "event_id": f"s1:{n}",
        "session_id": "s1",
        "user_id": "u1",
        "machine_id": "m1",
        "timestamp": f"2026-03-02T09:{n // 60 % 60:02d}:{n % 60:02d}Z",
        "kind": "click",
        "app": "form-app",
        "window": "Customer form - CRM",
        "element": {"role": "button", "name": "Save customer record"},
    }


def _memory(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no {field} in /proc/{pid}/status")
