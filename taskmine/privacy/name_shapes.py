"""Privacy, stage 0: what a personal name looks like, for the PERSON detector (``names``).

``names`` finds the cue that announces a name (a label, an honorific, a greeting, an activity
verb, a title piece); this module reads the name written at a position: capitalised words,
particles (``van der``, ``de la``, Catalan ``i``), initials with or without periods (``J.``,
``Z.F.``, ``B``), hyphens and apostrophes, a nickname in quotes or a rewrite in brackets, a
trailing degree (``Jr.``, ``B.Sc.``), and none of the everyday words of ``lexicon``.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import (
    COMMON_WORDS,
    HONORIFICS,
    LOWER,
    NAME_PARTICLES,
    NAME_TAILS,
    ORGANISATION_WORDS,
    UI_WORDS,
    UPPER,
)
from taskmine.privacy.word_shapes import looks_technical

LETTERS = UPPER + LOWER
# a whole word: ``REPLY_SERIAL`` is no ``REPL``; ``J.Smith`` is an initial, then a name
TOKEN = re.compile(
    rf"[{LETTERS}](?:[{LETTERS}'’]|-(?=[{LETTERS}]))*(?:\.|(?![{LETTERS}]))(?![0-9_])"
)
UPPER_SET = frozenset(UPPER)
# Particles that may open a name written with a capital after a name label (``Name: Van
# Jacobson``, ``Nachname: De Marchi``); elsewhere, and for the articles ``El``, ``La``, ``Los``,
# a place opens far more often (``di El Salvador``, ``Van Rental``).
_LEADING_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "di",
        "da",
        "du",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "ten",
        "ter",
        "der",
        "den",
        "zu",
        "bin",
        "ben",
    ]
)
_LOWER_SET = frozenset(LOWER)
GAP = re.compile(r"[ \t\u00a0]{1,2}")
_LIST_GAP = re.compile(r"\s*[,;&/]\s*|\s+(?:and|und|et|y|e|en|i|och|og)\s+")
_MAX_WORDS = 7
_ASIDE = re.compile(r"[ \t]*(?:[\"“„«](?P<q>[^\"“”„«»()\n]{2,40})[\"”“»]|\((?P<p>[^()\n]{2,40})\))")
_DEGREE = re.compile(
    r"(?:,?[ \t]+(?:(?:[A-Z][a-z]{0,3}\.){1,3}(?:[A-Z][a-z]{0,3}\.?)?|[A-Z][a-z]?[A-Z][a-z]{1,2}\.|MBA\.?|PhD|Phd\.?|MD|DDS|DVM"
    r"|Jr\.?|Sr\.?|II|III|IV|V|Esq\.?))+(?![\w])"
)


def is_degree(word: str) -> bool:
    """``IV``, ``Jr``, ``PhD``, ``MBA``: a word ``name_at`` takes as a degree or generation
    after a name, not as a part of it."""
    return _DEGREE.fullmatch(" " + word) is not None


# Suffixes that only a person's name carries, written in full: after a name they are a cue of
# their own (``Lola Khan PhD``). Roman numerals and bare ``Jr`` are left out there
# (``Street Fighter II``).
_PERSONAL_SUFFIXES = (
    r"Jr\.|Sr\.|Esq\.|PhD|Phd\.|Ph\.D\.|M\.D\.|DDS|DVM|MBA|[A-Z]\.[A-Z][a-z]{1,3}\."
)
PERSONAL_SUFFIX = re.compile(rf"(?<=[{UPPER}{LOWER}]),?[ \t]+(?:{_PERSONAL_SUFFIXES})(?![\w])")
# The suffixes that can only end a personal name (no middle initial reads like them): where
# one follows a name word, the name ends there and the suffix is taken with it.
SUFFIX = re.compile(
    rf",?[ \t]+(?:{_PERSONAL_SUFFIXES}|Jr|Sr|Esq|Phd|II|III|IV|MD|[A-Z][a-z]?[A-Z][a-z]{{1,2}}\.)"
    r"(?![\w])"
)
_DIGIT_NEXT = re.compile(r"[ \t]*[-#:]?[ \t]*\d")
_INITIALS = re.compile(rf"[{UPPER}](?:\.-?|-)[{UPPER}](?:\.-?[{UPPER}])*\.?(?![{LETTERS}])")
# ``"Venturi"``, ``(Δημήτρης Σπίγγος)``: a nickname or a rewrite of the name beside it
_NAME_END = re.compile(r"\s*(?:$|[,;:!)\]>]|\s[-–—|•·]\s|<\[)")
# ``Z.F.``, ``M-J.``, ``J.-P.``, ``I.S``: initials run together
NEXT_WORD = re.compile(rf"[ \t]+([{LETTERS}][{LETTERS}.]*)")


def names_at(
    text: str,
    pos: int,
    *,
    min_words: int,
    allow_lower: bool = False,
    lists: bool = False,
    capitals: bool = False,
    everyday_first: bool = False,
) -> int | None:
    """End of the name (or list of names, with ``lists``) starting at ``pos``; None if none."""
    end = name_at(
        text,
        pos,
        min_words=min_words,
        allow_lower=allow_lower,
        capitals=capitals,
        everyday_first=everyday_first,
    )
    if end is None:
        return None
    while lists:
        gap = _LIST_GAP.match(text, end)
        if gap is None:
            break
        more = name_at(text, gap.end(), min_words=2, allow_lower=False)
        if more is None:
            # ``Doe, Jane``: a single given name after the comma of a surname
            comma = gap.group(0).strip() == ","
            more = name_at(text, gap.end(), min_words=1, allow_lower=False) if comma else None
            if more is None:
                break
        end = more
    return end


def name_at(
    text: str,
    pos: int,
    *,
    min_words: int,
    allow_lower: bool,
    capitals: bool = False,
    everyday_first: bool = False,
) -> int | None:
    """End of one name written at ``pos``: capitalised words, particles and initials; with
    ``capitals`` (after a person label and its colon), a name in capitals too; with
    ``everyday_first`` (after a cue), a given name that is also an everyday word when a
    proper surname follows it (``Mrs. Isla Becker``, ``Owner: Autumn Bartell``)."""
    words = 0
    capital_words = 0  # in capitals, three letters or more
    proper = 0  # words that are neither initials nor all capitals
    end = None
    cursor = pos
    while words < _MAX_WORDS:
        if words == 0 and (title := HONORIFIC.match(text, cursor)) and title.end() > cursor:
            cursor = title.end()  # ``Frau Dr. Anna Schmidt``: a second title before the name
            continue
        if words and (aside := _ASIDE.match(text, cursor)) and _aside_is_name(aside):
            cursor = aside.end()  # ``Manuel "Venturi" Porras``: a nickname inside the name
            end = cursor
            gap = GAP.match(text, cursor)
            if gap is None:
                break
            cursor = gap.end()
            continue
        token = _INITIALS.match(text, cursor) or TOKEN.match(text, cursor)
        if token is None:
            break
        word = token.group(0)
        kind = word_kind(word, allow_lower=allow_lower)
        if kind is None and words == 0 and everyday_first and _everyday_given(text, token, word):
            kind = "proper"
        if kind is None and _bare_initial(text, token, word, words):
            kind = "initial"  # ``Justin B Rye``, ``Krishna Babu K``: an initial without a period
        leading = allow_lower and word.casefold() in _LEADING_PARTICLES  # ``Name: Van Houten``
        if kind is None and (words or leading) and _continues_name(text, token, word):
            kind = "proper"  # ``Amada Sales Gabaldón``, ``Colette Le Goff``: a surname inside
        if kind is None and words >= 2 and word.casefold() in NAME_TAILS:
            end = token.end()  # ``Айша Мұқан ұлы``, ``Əli Məmmədov oğlu``: "son / daughter of"
            break
        if kind is None:
            break
        token_end = token.end()
        if word.endswith(".") and kind != "initial":
            token_end -= 1  # ``Doe.`` ends a sentence; the period is not part of the name
        if kind == "particle" and len(word) == 1 and words < 2:
            break  # ``Trinidad e Tobago`` is a pair; ``Jordi Mas i Hernàndez`` one name
        if kind != "particle":  # a particle counts only once a capitalised word follows it
            words += 1
            proper += kind == "proper"
            capital_words += kind == "caps" and len(word.rstrip(".")) >= 3
            end = token_end
            if token_end < token.end() or (proper and SUFFIX.match(text, token_end)):
                break  # ``Doe.``; ``John Smith Jr.``: the suffix below ends the name
        gap = GAP.match(text, token_end)
        if gap is None:
            break
        cursor = gap.end()
    in_capitals = capitals and capital_words >= 2 and capital_words == words
    if end is None or words < min_words or (proper == 0 and not allow_lower and not in_capitals):
        return None  # ``Customer: THANOS SIOURDAKIS`` is a name, ``SAP ERP`` alone is not
    aside = _ASIDE.match(text, end)
    if aside is not None and aside.group("p") and _aside_is_name(aside):
        end = aside.end()  # ``Dimitris Spingos (Δημήτρης Σπίγγος)``: the name in another script
    degree = _DEGREE.match(text, end)
    if degree is not None:
        end = degree.end()  # ``Janine Junck B.Sc.``, ``John Smith Jr.``
    if _DIGIT_NEXT.match(text, end):
        return None  # ``Contact: Qty 24``, ``Customer Ref 1234``: a field label, not a name
    following = NEXT_WORD.match(text, end)
    if following and following.group(1).casefold().rstrip(".") in ORGANISATION_WORDS:
        return None  # ``Acme Supplies Ltd``: an organisation
    return end


def _everyday_given(text: str, token: re.Match[str], word: str) -> bool:
    """A capitalised everyday word opening a name, a proper word (not an everyday one) after
    it: ``Isla Becker``, ``Autumn Bartell``; not ``Summer Sale`` or ``Support Team``."""
    if len(word) < 3 or not word.isalpha() or word.isupper() or word[0] not in UPPER_SET:
        return False
    gap = GAP.match(text, token.end())
    after = TOKEN.match(text, gap.end()) if gap is not None else None
    if after is None:
        return False
    following = after.group(0)
    return following[:1].isupper() and word_kind(following, allow_lower=False) == "proper"


def strict_name_at(text: str, pos: int) -> int | None:
    """End of a 2-4 word capitalised name at ``pos`` with no common word in it; else None."""
    honorific = HONORIFIC.match(text, pos)
    start = honorific.end() if honorific and honorific.end() > pos else pos
    end = name_at(text, start, min_words=1 if honorific else 2, allow_lower=False)
    if end is None:
        return None
    words = [w.strip(".,") for w in text[start:end].split()]
    words = [w for w in words if w.casefold() not in NAME_PARTICLES]
    if not 1 <= len(words) <= 6 or any(len(w) > 1 and w.casefold() in COMMON_WORDS for w in words):
        return None
    if all(w.isupper() for w in words):
        return None  # ``SAP ERP``, ``HR IT``: acronyms
    if 2 <= len(words[0]) <= 3 and words[0].isupper() and words[0].isalpha():
        return None  # ``CSS Sass``, ``LED Lights``: an acronym opens no name
    return end


def _bare_initial(text: str, token: re.Match[str], word: str, words: int) -> bool:
    """One capital letter with no period after a given name: a middle initial where a name
    word follows, a last initial where the name ends (``Krishna Babu K``, after two words)."""
    if not words or len(word) != 1 or word not in UPPER_SET:
        return False
    if words >= 2 and _NAME_END.match(text, token.end()):
        return True
    return proper_word_next(text, token.end())


def _aside_is_name(aside: re.Match[str]) -> bool:
    """A quoted nickname or a bracketed rewrite is capitalised words that are no UI words."""
    inner = (aside.group("q") or aside.group("p")).split()
    kinds = [word_kind(w, allow_lower=False) for w in inner]
    least = 2 if aside.group("p") else 1  # ``(External)`` is a note, ``(Slobodan Simić)`` a name
    return least <= len(inner) <= 4 and "proper" in kinds and set(kinds) <= {"proper", "caps"}


def _continues_name(text: str, token: re.Match[str], word: str) -> bool:
    """A capitalised everyday word or particle inside a name, followed by a proper name word."""
    if word[:1] not in UPPER_SET or word.isupper():
        return False
    if word.casefold().rstrip(".") in ORGANISATION_WORDS:
        return False
    if _NAME_END.match(text, token.end()):
        return True  # ``Contact: Ann Best``, ``Dear Yves Pages,``: the surname ends the name
    end = token.end()
    if word.casefold() in NAME_PARTICLES:  # ``Danilo Van den Bossche``: particles, then a name
        while (gap := GAP.match(text, end)) and (nxt := TOKEN.match(text, gap.end())):
            if word_kind(nxt.group(0), allow_lower=False) != "particle":
                break
            end = nxt.end()
    return proper_word_next(text, end)


def proper_word_next(text: str, end: int) -> bool:
    """A capitalised name word follows ``end`` after a space."""
    gap = GAP.match(text, end)
    nxt = TOKEN.match(text, gap.end()) if gap else None
    return nxt is not None and word_kind(nxt.group(0), allow_lower=False) == "proper"


def word_kind(word: str, *, allow_lower: bool) -> str | None:
    """``proper`` (Jane), ``caps`` (DOE), ``initial`` (J.), ``particle`` (van), or None."""
    bare = word.rstrip(".")
    folded = bare.casefold()
    if folded in NAME_PARTICLES and bare[0] in _LOWER_SET:
        return "particle"  # ``van``, Catalan ``i``: ``Jordi Mas i Hernàndez``
    if len(bare) > 1 and _INITIALS.fullmatch(word):
        return "initial"  # ``Z.F.``, ``M-J.``
    if len(bare) == 1:
        return "initial" if word.endswith(".") and bare in UPPER_SET else None
    if bare[0] in _LOWER_SET:
        if folded in NAME_PARTICLES:
            return "particle"
        if allow_lower and folded not in UI_WORDS and bare.isalpha():
            return "proper"
        return None
    if bare[0] not in UPPER_SET or folded in UI_WORDS or looks_technical(bare):
        return None  # ``AppStream``, ``GSocket``, ``PNG-bilete``: identifiers
    if bare.isupper():
        return "caps"
    return "proper"


_NOT_WORD_BEFORE = rf"(?<![{LETTERS}0-9_.])"


HONORIFIC = re.compile(
    rf"{_NOT_WORD_BEFORE}(?:{'|'.join(re.escape(h) for h in HONORIFICS)})(?![{LETTERS}])[ \t]*"
)
