"""Privacy, stage 0: names as whole pieces of a window title, for the PERSON detector.

A title of a mail, chat, CRM or contacts app (``Inbox - Jane Doe - Outlook``, ``Jane Doe |
Slack``) splits at its separators; a piece that is one name from its first word to its end (a
bracketed note aside) is a name, read by capitals or, for scripts without them, by script.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from taskmine.privacy.lexicon import TITLE_CONTEXT
from taskmine.privacy.name_shapes import HONORIFIC, LETTERS, name_at

Span = tuple[int, int]

TITLE_SEPARATOR = re.compile(r"\s+[-–—|•·]\s+")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_WORD_RE = re.compile(rf"[{LETTERS}]+")


def whole_pieces(
    pieces: list[tuple[str, int]], name_end: Callable[[str, int], int | None]
) -> list[Span]:
    """The title pieces that are one name from their first word to their end (a bracketed
    note after it aside), as ``name_end`` reads a name."""
    spans: list[Span] = []
    for piece, offset in pieces:
        stripped = _PARENTHESIS_TAIL.sub("", piece).rstrip()
        lead = len(piece) - len(piece.lstrip())
        end = name_end(piece, lead)
        if end is not None and end == len(stripped):
            spans.append((offset + lead, offset + end))
    return spans


def title_spans(text: str) -> list[Span]:
    """Whole title segments that are names, in a title of a mail, chat, CRM or contacts app."""
    pieces = pieces_with_offsets(text)
    if len(pieces) < 2 or not any(is_context_piece(piece) for piece, _ in pieces):
        return []
    spans: list[Span] = []
    for piece, offset in pieces:
        if is_context_piece(piece):
            continue
        stripped = _PARENTHESIS_TAIL.sub("", piece).rstrip()
        lead = len(piece) - len(piece.lstrip())
        honorific = HONORIFIC.match(piece, lead)
        start = honorific.end() if honorific else lead
        end = name_at(piece, start, min_words=1 if honorific else 2, allow_lower=False)
        if end is not None and end == len(stripped):
            spans.append((offset + start, offset + end))
    return spans


def pieces_with_offsets(text: str) -> list[tuple[str, int]]:
    """Title segments, each with the offset where it starts."""
    out = []
    cursor = 0
    for separator in TITLE_SEPARATOR.finditer(text):
        out.append((text[cursor : separator.start()], cursor))
        cursor = separator.end()
    out.append((text[cursor:], cursor))
    return out


def is_context_piece(piece: str) -> bool:
    return not TITLE_CONTEXT.isdisjoint(_WORD_RE.findall(piece.casefold()))
