"""Long strings: detection time stays linear, and a name or address on a window's edge is
still found whole."""

from __future__ import annotations

import time

from taskmine.privacy.redact import redact_text
from taskmine.privacy.windows import OVERLAP, WINDOW, in_windows


def test_a_long_value_of_street_look_alikes_is_read_in_bounded_time() -> None:
    # 23k characters of ``N Abcvej``: the stop-16 code took over 30 s on this machine.
    text = " ".join(f"{i} Abcvej" for i in range(2000))
    started = time.perf_counter()
    redact_text(text)
    assert time.perf_counter() - started < 15


def test_pii_on_every_window_edge_is_redacted() -> None:
    filler = "lorem ipsum dolor sit amet " * 60
    record = "Ship to: 12 Main Street, Springfield, IL 62704. Name: Jane Doe. "
    text = (filler + record) * 12  # records fall across edges at every offset
    out = redact_text(text)
    assert len(text) > 5 * WINDOW
    for secret in ("Jane", "Main Street", "62704"):
        assert secret not in out


def test_windows_join_overlapping_spans_and_keep_offsets() -> None:
    text = ("x " * (WINDOW // 2)) + "HIT" + (" y" * WINDOW)

    def find(chunk: str) -> list[tuple[int, int]]:
        at = chunk.find("HIT")
        return [(at, at + 3)] if at != -1 else []

    assert in_windows(find, text) == [(text.find("HIT"), text.find("HIT") + 3)]
    assert OVERLAP < WINDOW


def test_widening_stops_after_a_handful_of_parts() -> None:
    # A run of look-alike parts (``, 2ος, Ανδρέου 27, ...``) made every street line in it widen
    # to the end of the text: quadratic. An address has a handful of parts; widening stops.
    from taskmine.privacy.address_widening import widen

    line = "Ανδρέου 27"
    text = "Ανδρέου 27, 2ος, " * 50  # each part a floor or a town-and-number
    start, end = widen(text, (0, len(line)), left_plain=False)
    assert start == 0
    assert len(line) < end < 100  # eight parts, not the 850 characters of the run
    short = "12 Main Street, Apt. 4, Springfield, IL 62704"
    assert widen(short, (0, len("12 Main Street")), left_plain=False) == (0, len(short))


def test_widening_to_the_left_stops_too() -> None:
    # A chain of numbered parts before a line (``House 1, House 2, ...``) made every line in it
    # widen back to the start of the text; one numbered part is taken, and a bounded number of
    # flat parts.
    from taskmine.privacy.address_widening import widen

    head = ", ".join(f"House {i}" for i in range(200)) + ", "
    text = head + "12 Main Street"
    start, end = widen(text, (len(head), len(text)), left_plain=True)
    assert end == len(text)
    assert len(head) - 120 < start < len(head)  # a few parts joined, not the 2,000 characters
