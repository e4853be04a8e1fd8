"""PERSON from a known given name in a script without capitals: ``محمد العلي``, ``יוסף כהן``.

``given_names`` reads a bare name from its capitals; Arabic, Persian and Hebrew have none. Here
a common given name of those scripts (``given_names_world.txt``, hand-written, everyday words
left out) followed by one more word of its script counts as a name, two more where the second
word links the parts (``بن``, ``عبد``, ``أبو``: ``محمد بن سلمان``). The given names are few
(about 120), so most Arabic, Persian and Hebrew names are still found only after a cue.
"""

from __future__ import annotations

import re
from functools import cache

from taskmine.privacy.given_names import WORLD_NAMES, _lines
from taskmine.privacy.name_scripts import ARABIC_AND_HEBREW

Span = tuple[int, int]

_WORD = re.compile(rf"(?<![{ARABIC_AND_HEBREW}])[{ARABIC_AND_HEBREW}]+")
_NEXT_WORD = re.compile(rf"[ \t\u00a0](?P<word>[{ARABIC_AND_HEBREW}]+)")
# Words that join the parts of an Arabic name: son / daughter of, servant of, father of.
_LINKS = frozenset({"بن", "بنت", "ابن", "عبد", "أبو", "ابو", "آل"})
# Short vowels and other marks a name may carry or not: ``مُحَمَّد`` is ``محمد``.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u0591-\u05c7]")


@cache
def uncased_given_names() -> frozenset[str]:
    return frozenset(_MARKS.sub("", name) for name in _lines(WORLD_NAMES) if not name[0].isupper())


def may_hold_uncased_given_name(text: str) -> bool:
    """The cheap pre-check: one word of the text is a known given name."""
    names = uncased_given_names()
    return any(_MARKS.sub("", w) in names for w in _WORD.findall(text))


def uncased_given_name_spans(text: str) -> list[Span]:
    """(start, end) of each name that opens with a known Arabic, Persian or Hebrew given name."""
    names = uncased_given_names()
    spans: list[Span] = []
    for match in _WORD.finditer(text):
        if _MARKS.sub("", match.group()) not in names:
            continue
        after = _NEXT_WORD.match(text, match.end())
        if after is None:
            continue
        end = after.end()
        if after.group("word") in _LINKS:
            linked = _NEXT_WORD.match(text, end)
            if linked is None:
                continue
            end = linked.end()
        spans.append((match.start(), end))
    return spans
