"""The atheris harnesses (bench/fuzz_atheris.py) run in-process, without the fuzz loop: over each
target's seed corpus plus seeded mutations of it, and against deliberately broken importers, so
a harness that stops checking (or a seed corpus that stops parsing) fails here, not silently in a
fuzz run nobody reads."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("atheris")

from tests.script_modules import load_script

MUTATIONS_PER_SEED = 12


def load_harness() -> ModuleType:
    return load_script("bench/fuzz_atheris.py")


HARNESS = load_harness()
TARGETS = sorted(HARNESS.TARGETS)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One libFuzzer-like edit: flip, insert, erase, truncate, duplicate a line, splice junk."""
    if not data:
        return bytes([rng.randrange(256)])
    at = rng.randrange(len(data))
    choice = rng.randrange(6)
    if choice == 0:
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
    if choice == 1:
        return (
            data[:at] + rng.choice([b'"', b"\n", b",", b"\r", b"<", b"\x00", b"\xff"]) + data[at:]
        )
    if choice == 2:
        return data[:at] + data[at + rng.randrange(1, 40) :]
    if choice == 3:
        return data[:at]
    if choice == 4:
        lines = data.split(b"\n")
        line = rng.randrange(len(lines))
        return b"\n".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])
    return data[:at] + rng.randbytes(rng.randrange(1, 12)) + data[at:]


def corpus(target: str) -> Iterator[bytes]:
    rng = random.Random(f"taskmine-{target}")  # fixed: the same inputs in every run
    for seed in HARNESS.TARGETS[target].seeds():
        yield seed
        data = seed
        for _ in range(MUTATIONS_PER_SEED):
            data = mutate(data if rng.random() < 0.7 else seed, rng)
            yield data


@pytest.mark.parametrize("target", TARGETS)
def test_every_property_holds_on_the_seeds_and_their_mutations(target: str) -> None:
    check = HARNESS.TARGETS[target].check
    inputs = list(corpus(target))
    assert len(inputs) > MUTATIONS_PER_SEED
    for data in inputs:
        check(data)


@pytest.mark.parametrize("target", ["csv", "xes", "jsonl"])
def test_the_seeds_hold_both_good_and_bad_records(target: str) -> None:
    from taskmine.domain import Event
    from taskmine.importers import RowError, detect_format

    items: list[object] = []
    for seed in HARNESS.TARGETS[target].seeds():
        path = HARNESS._scratch(f"log.{target}", seed)
        items.extend(HARNESS._import(path, detect_format(path)) or [])
    assert sum(isinstance(item, Event) for item in items) >= 5
    assert any(isinstance(item, RowError) for item in items)


@pytest.mark.parametrize("media", ["batch-json", "batch-ndjson"])
def test_the_batch_seeds_hold_accepted_and_rejected_events(media: str) -> None:
    from taskmine.api.ingest import parse_batch

    content_type = "application/json" if media == "batch-json" else "application/x-ndjson"
    batches = [
        parse_batch(seed, content_type=content_type, max_events=HARNESS.MAX_EVENTS)
        for seed in HARNESS.TARGETS[media].seeds()
    ]
    assert sum(len(batch.events) for batch in batches) >= 3
    assert any(batch.rejected for batch in batches)


def seed_with_errors(target: str) -> bytes:
    return {
        "csv": b"timeStamp,eventType,targetApp\n"
        b"2020-02-25T00:36:21.105Z,copyCell,Excel\nnot a time,copyCell,Excel\n"
        b"2020-02-25T00:36:22.000Z,paste,Excel\n",
        "jsonl": b'{"timestamp": "2026-03-02T09:10:03.593Z", "kind": "click", "app": "a"}\n'
        b"not json\n"
        b'{"timestamp": "2026-03-02T09:10:04.000Z", "kind": "click", "app": "a"}\n',
    }[target]


@pytest.mark.parametrize("target", ["csv", "jsonl"])
def test_the_harness_fails_when_an_importer_drops_a_record(
    monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    import taskmine.importers

    real = taskmine.importers.iter_import

    def dropping(path: Path, **kw: object) -> Iterator[object]:
        items = list(real(path, **kw))  # type: ignore[arg-type]
        return iter(items[:1] + items[2:])

    data = seed_with_errors(target)
    HARNESS.TARGETS[target].check(data)  # the real importer passes
    monkeypatch.setattr(taskmine.importers, "iter_import", dropping)
    with pytest.raises(AssertionError):
        HARNESS.TARGETS[target].check(data)


@pytest.mark.parametrize("target", ["csv", "jsonl", "xes"])
def test_the_harness_fails_when_a_row_error_points_past_the_file(
    monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    import taskmine.importers
    from taskmine.importers import RowError

    real = taskmine.importers.iter_import

    def shifted(path: Path, **kw: object) -> Iterator[object]:
        for item in real(path, **kw):  # type: ignore[arg-type]
            if isinstance(item, RowError):
                yield RowError(item.line + 100, item.row, item.reason)
            else:
                yield item

    data = (
        b"<log><trace>" + b"<event/>" + b"</trace></log>\n"
        if target == "xes"
        else seed_with_errors(target)
    )
    HARNESS.TARGETS[target].check(data)
    monkeypatch.setattr(taskmine.importers, "iter_import", shifted)
    with pytest.raises(AssertionError, match="line"):
        HARNESS.TARGETS[target].check(data)


def test_the_harness_fails_when_an_importer_raises_something_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import taskmine.importers

    def crashing(path: Path, **kw: object) -> Iterator[object]:
        raise KeyError("boom")

    monkeypatch.setattr(taskmine.importers, "iter_import", crashing)
    with pytest.raises(KeyError):
        HARNESS.check_xes(b"<log/>")


@pytest.mark.parametrize("target", ["batch-json", "batch-ndjson"])
def test_the_harness_fails_when_the_batch_decoder_loses_a_rejection(
    monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    import taskmine.api.ingest

    real = taskmine.api.ingest.parse_batch

    def forgetful(body: bytes, **kw: object) -> object:
        batch = real(body, **kw)  # type: ignore[arg-type]
        batch.rejected = batch.rejected[1:]
        return batch

    good = b'{"event_id":"e","session_id":"s","user_id":"u","machine_id":"m",'
    good += b'"timestamp":"2026-03-02T09:00:00.000Z","kind":"click","app":"a"}'
    data = b"[" + good + b', {"kind": 1}]' if target == "batch-json" else good + b"\n{}\n"
    HARNESS.TARGETS[target].check(data)
    monkeypatch.setattr(taskmine.api.ingest, "parse_batch", forgetful)
    with pytest.raises(AssertionError):
        HARNESS.TARGETS[target].check(data)


def test_the_plainly_good_oracles_fire_on_the_seeds() -> None:
    # Were they never to say "good", the "every good record kept" check would be dead code.
    csv_verdicts = [
        verdict for seed in HARNESS.seed_csv() for _, verdict in HARNESS._csv_records(seed) or []
    ]
    xes_verdicts = [
        good
        for seed in HARNESS.seed_xes()
        for _, good in (HARNESS._xes_events(seed) or ([], False))[0]
    ]
    assert csv_verdicts.count("good") >= 3
    assert "bad" in csv_verdicts or "unknown" in csv_verdicts
    assert xes_verdicts.count(True) >= 3
    assert False in xes_verdicts
