"""Stage 1 helper, normalise: the shape of a value and its template skeleton.

``mask_shape`` replaces e-mails, urls, ids, dates, times and numbers by markers (a fixed list,
the first of two tools). ``skeleton`` is the learned one: in a multi-word value, a word that
occurs in far fewer distinct values of its slot than the value's most common word is a filler
of a template (``Address change <*>``: the names vary, "Address change" does not).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

WILDCARD = "<*>"
_WORD = re.compile(r"[^\W_]")
# Every marker below needs a digit, an "@" or "://"; most labels have none of them.
_HAS_DATA_CHARS = re.compile(r"[\d@]|://")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_UUID = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)
_HEX = re.compile(r"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{12,}\b")
_DATE = re.compile(r"\b\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*")
_PLACEHOLDERS = re.compile(r"<email>|<url>|<id>|<date>|<time>|#")
_JUNK = re.compile(r"[\s\W_]*")


def mask_shape(text: str) -> str:
    """The shape of a value: e-mails, urls, ids, dates, times and numbers replaced by markers."""
    if not _HAS_DATA_CHARS.search(text):
        return text
    text = _EMAIL.sub("<email>", text)
    text = _URL.sub("<url>", text)
    text = _UUID.sub("<id>", text)
    text = _HEX.sub("<id>", text)
    text = _DATE.sub("<date>", text)
    text = _TIME.sub("<time>", text)
    return _NUMBER.sub("#", text)


def is_pure_data(shape: str) -> bool:
    return _PLACEHOLDERS.search(shape) is not None and not _JUNK.sub(
        "", _PLACEHOLDERS.sub("", shape)
    )


def skeleton(shape: str, token_df: Mapping[str, int], *, min_support: int) -> str:
    """The template of a multi-word shape: rare words of the slot replaced by ``<*>``."""
    tokens = shape.split()
    if len(tokens) < 2:
        return shape
    # Separators ("-", "|") occur everywhere and say nothing about the template.
    words = [token for token in tokens if _WORD.search(token)]
    top = max((token_df.get(token, 0) for token in words), default=0)
    if top < min_support:
        return shape
    out: list[str] = []
    for token in tokens:
        keep = not _WORD.search(token) or token_df.get(token, 0) * 2 >= top
        word = token if keep else WILDCARD
        if word != WILDCARD or not out or out[-1] != WILDCARD:
            out.append(word)
    return " ".join(out)
