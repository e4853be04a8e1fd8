"""Privacy, stage 0: long strings read in overlapping windows, so detection time stays linear.

The ADDRESS and PERSON rules look back from each candidate (``text[:start]``, the words before
a verb), which costs the length of the string per candidate: a 100,000-character field value
of ``1 Abcvej 2 Abcvej ...`` took minutes. A name or an address is a few hundred characters at
most, so a long string is read in windows of ``WINDOW`` characters that overlap by
``OVERLAP``, cut at white space, and the spans are joined. A span that crosses a window's edge
is found whole in the next window, which starts ``OVERLAP`` characters earlier.
"""

from __future__ import annotations

from collections.abc import Callable

Span = tuple[int, int]

WINDOW = 2_000
OVERLAP = 400


def in_windows(find: Callable[[str], list[Span]], text: str) -> list[Span]:
    """``find(text)``, for a long ``text`` run window by window; spans joined, left to right."""
    if len(text) <= WINDOW:
        return find(text)
    spans: list[Span] = []
    start = 0
    while True:
        end = _cut(text, start + WINDOW, earliest=start + WINDOW - OVERLAP)
        spans.extend((start + a, start + b) for a, b in find(text[start:end]))
        if end >= len(text):
            return join_spans(spans)
        start = _cut(text, end - OVERLAP, earliest=start + 1)


def _cut(text: str, at: int, *, earliest: int) -> int:
    """A position at or before ``at`` (and after ``earliest``) right after white space."""
    if at >= len(text):
        return len(text)
    for mark in ("\n", " "):
        found = text.rfind(mark, earliest, at)
        if found != -1:
            return found + 1
    return at


def join_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans joined into one, left to right."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined
