"""Privacy, stage 0: PERSON detection from context, not from a list of names.

A person's name is found where the text announces one: after a label (``Name:``, ``Customer``,
``Recipient:``, ``An:``, ``Destinataire :``, ``Attn``, ``Dear``), after an honorific (``Mr``,
``Frau``, ``Mme``, ``Sra.``, ``Dott.``), before an e-mail address in angle brackets
(``Jane Doe <[EMAIL]>``), or as a whole segment of a window title of a mail, chat, CRM or
contacts app (``Inbox - Jane Doe - Outlook``). What follows the cue must then look like a name:
capitalised words (``O'Brien``, ``Jean-Luc``, ``van der Berg``, initials), none of them an
everyday UI or business word (``lexicon.UI_WORDS``), so ``Customer Service`` and
``Contact: Sales Team`` stay. Only the name is replaced; the cue stays, so ``Dear [PERSON]``
still reads as a greeting. Honest limit: a bare name with no cue (``meeting Jane Doe at 10``)
is not found.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import (
    ACTIVITY_VERBS,
    COMMON_WORDS,
    HONORIFICS,
    LOWER,
    NAME_OBJECT_WORDS,
    NAME_PARTICLES,
    NAME_PREPOSITIONS,
    ORGANISATION_WORDS,
    PERSON_COLON_LABELS,
    PERSON_SOFT_CUES,
    TITLE_CONTEXT,
    UI_WORDS,
    UPPER,
)
from taskmine.privacy.word_shapes import looks_technical

Span = tuple[int, int]


def _pipe_separated(text: str) -> list[str]:
    return text.split("|")


def _space_separated(text: str) -> list[str]:
    return text.split()


# Labels that ask for a personal name itself: after them a lower-case value counts too.
_NAME_LABELS = frozenset(
    _pipe_separated(
        "name|full name|first name|last name|given name|family name|middle name|surname"
        "|forename|vorname|nachname|familienname|nom|prénom|prenom|nom complet|nombre"
        "|apellido|apellidos|nombre completo|cognome|nome|nome completo|naam|voornaam"
        "|achternaam|imię|nazwisko|namn|navn|customer name|contact name|kundenname|klantnaam"
    )
)
_GREETINGS = frozenset(
    _space_separated(
        "dear hello hi hey thanks liebe lieber hallo cher chère bonjour salut estimado"
        " estimada querido querida hola gentile caro cara ciao geachte beste hoi prezado"
        " prezada olá szanowny szanowna hej kära"
    )
)


def find_person_spans(text: str) -> list[Span]:
    """(start, end) of every name ``text`` announces, left to right, not overlapping."""
    if not may_mention_person(text):
        return []
    spans: list[Span] = []
    # Each rule runs only when the string holds what it needs (a colon, a cue word, an
    # honorific, a title separator): most strings skip most of the regex scans.
    cased = _WORD_RE.findall(text)
    lowered = {w.lower() for w in cased}
    has_colon = ":" in text or "：" in text
    soft = _SOFT_CUE.finditer(text) if not _SOFT_WORDS.isdisjoint(lowered) else ()
    titles = _HONORIFIC.finditer(text) if not _HONORIFIC_WORDS.isdisjoint(cased) else ()
    for match in _COLON_CUE.finditer(text) if has_colon else ():
        label = " ".join(match.group("label").casefold().split())
        if label in _NAME_LABELS and _object_word_before(text, match.start()):
            continue  # ``File name: report``
        strong = label in _NAME_LABELS
        if (
            strong
            and text[match.end() - 1] in ":："
            and text[match.end() : match.end() + 1].islower()
        ):
            continue  # ``name:color``: a key and its value in a setting, not a name
        end = _names_at(
            text, match.end(), min_words=1, allow_lower=strong, lists=True, capitals=True
        )
        if end is not None and text[match.end() : end].casefold().strip(". ") in COMMON_WORDS:
            continue  # ``Assigned to: Unassigned``, ``Owner: Finance``: one everyday word
        if end is not None:
            spans.append((match.end(), end))
    for match in soft:
        cue = " ".join(match.group("cue").casefold().split())
        greeting = cue in _GREETINGS
        end = _names_at(text, match.end(), min_words=1 if greeting else 2, lists=not greeting)
        if end is None:
            continue
        if greeting and _count_words(text[match.end() : end]) < 2 and not _comma_after(text, end):
            continue  # ``Hello World`` is a UI string; ``Hi Jane,`` is a greeting
        spans.append((match.end(), end))
    for match in titles:
        end = _names_at(text, match.end(), min_words=1)
        if end is not None:
            spans.append((_given_name_before(text, match), end))
    for match in _BEFORE_EMAIL.finditer(text) if "[EMAIL]" in text else ():
        start = _name_start_before(text, match.start())
        if start is not None:
            spans.append((start, match.start()))
    if _TITLE_SEPARATOR.search(text) is not None:
        spans.extend(_title_spans(text))
    if _CAPITALISED_PAIR.search(text) is not None:
        spans.extend(_generic_spans(text))
    return _merge(spans)


def may_mention_person(text: str) -> bool:
    """The cheap pre-check: a cue word, or two capitalised words in a row."""
    if _CAPITALISED_PAIR.search(text) is not None:
        return True
    words = _WORD_RE.findall(text.casefold())
    if not words:
        return False
    if not _CUE_WORDS.isdisjoint(words) or "<[email]>" in text.casefold():
        return True
    return ":" in text and not _COLON_WORDS.isdisjoint(words)


# --- matching a name -------------------------------------------------------------------------

_L = UPPER + LOWER
# a whole word: ``REPLY_SERIAL`` is no ``REPL``; ``J.Smith`` is an initial, then a name
_TOKEN = re.compile(rf"[{_L}](?:[{_L}'’]|-(?=[{_L}]))*(?:\.|(?![{_L}]))(?![0-9_])")
_UPPER_SET = frozenset(UPPER)
# Particles that may open a name written with a capital after a name label (``Name: Van
# Jacobson``, ``Nachname: De Marchi``); elsewhere, and for the articles ``El``, ``La``, ``Los``,
# a place opens far more often (``di El Salvador``, ``Van Rental``).
_LEADING_PARTICLES = frozenset(
    _space_separated("van von de di da du del della dos das do ten ter der den zu bin ben")
)
_LOWER_SET = frozenset(LOWER)
_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_LIST_GAP = re.compile(r"\s*[,;&/]\s*|\s+(?:and|und|et|y|e|en|i|och|og)\s+")
_MAX_WORDS = 7


def _names_at(
    text: str,
    pos: int,
    *,
    min_words: int,
    allow_lower: bool = False,
    lists: bool = False,
    capitals: bool = False,
) -> int | None:
    """End of the name (or list of names, with ``lists``) starting at ``pos``; None if none."""
    end = _name_at(text, pos, min_words=min_words, allow_lower=allow_lower, capitals=capitals)
    if end is None:
        return None
    while lists:
        gap = _LIST_GAP.match(text, end)
        if gap is None:
            break
        more = _name_at(text, gap.end(), min_words=2, allow_lower=False)
        if more is None:
            more = _inverted_first_name(text, gap.end()) if gap.group(0).strip() == "," else None
            if more is None:
                break
        end = more
    return end


def _name_at(
    text: str, pos: int, *, min_words: int, allow_lower: bool, capitals: bool = False
) -> int | None:
    """End of one name written at ``pos``: capitalised words, particles and initials; with
    ``capitals`` (after a person label and its colon), a name in capitals too."""
    words = 0
    capital_words = 0  # in capitals, three letters or more
    proper = 0  # words that are neither initials nor all capitals
    end = None
    cursor = pos
    while words < _MAX_WORDS:
        if words == 0 and (title := _HONORIFIC.match(text, cursor)) and title.end() > cursor:
            cursor = title.end()  # ``Frau Dr. Anna Schmidt``: a second title before the name
            continue
        if words and (aside := _ASIDE.match(text, cursor)) and _aside_is_name(aside):
            cursor = aside.end()  # ``Manuel "Venturi" Porras``: a nickname inside the name
            end = cursor
            gap = _GAP.match(text, cursor)
            if gap is None:
                break
            cursor = gap.end()
            continue
        token = _INITIALS.match(text, cursor) or _TOKEN.match(text, cursor)
        if token is None:
            break
        word = token.group(0)
        kind = _word_kind(word, allow_lower=allow_lower)
        if kind is None and _bare_initial(text, token, word, words):
            kind = "initial"  # ``Justin B Rye``, ``Krishna Babu K``: an initial without a period
        leading = allow_lower and word.casefold() in _LEADING_PARTICLES  # ``Name: Van Houten``
        if kind is None and (words or leading) and _continues_name(text, token, word):
            kind = "proper"  # ``Amada Sales Gabaldón``, ``Colette Le Goff``: a surname inside
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
            if token_end < token.end():
                break
        gap = _GAP.match(text, token_end)
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
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).casefold().rstrip(".") in ORGANISATION_WORDS:
        return None  # ``Acme Supplies Ltd``: an organisation
    return end


def _generic_spans(text: str) -> list[Span]:
    """Names found by shape alone: after any ``Label:``, after a preposition, as a title piece.

    Two to four capitalised words (particles and hyphens allowed), none of them a common word
    (``lexicon.COMMON_WORDS``): ``Account manager: Jane Doe``, ``Ticket raised by Jane Doe``,
    ``Jane Doe (Customer) - Zendesk``, ``Jane Doe | Slack``. ``Status: In Progress``,
    ``Category: Office Supplies`` and ``Saved by Autosave`` stay.
    """
    spans: list[Span] = []
    for pattern in (_ANY_LABEL, _PREPOSITION):
        for match in pattern.finditer(text):
            end = _strict_name_at(text, match.end())
            if end is not None:
                spans.append((match.end(), end))
    for match in _ACTIVITY.finditer(text):
        start = _name_start_before_verb(text, match.start())
        if start is not None:
            spans.append((start, match.start()))
    pieces = _pieces_with_offsets(text)
    if len(pieces) >= 2:
        for piece, offset in pieces:
            stripped = _PARENTHESIS_TAIL.sub("", piece).rstrip()
            lead = len(piece) - len(piece.lstrip())
            end = _strict_name_at(piece, lead)
            if end is not None and end == len(stripped):
                spans.append((offset + lead, offset + end))
    return spans


def _name_start_before_verb(text: str, verb: int) -> int | None:
    """Start of the name that ends right before an activity verb (``Jane Doe commented``,
    ``Driver Jane Doe has arrived``): the longest run of two to four name words there, opening
    its segment or following an everyday word (``Driver``). ``Sales Team joined`` stays."""
    head = text[:verb]
    starts = [m.start() for m in _WORD_START.finditer(head, max(0, verb - 80))]
    for start in starts[-5:-1]:
        if _strict_name_at(text, start) != verb:
            continue
        before = _WORD_RE.findall(head[max(0, start - 30) : start])
        if not before or before[-1].casefold() in COMMON_WORDS:
            return start
        if _SEGMENT_OPENS.search(head[:start]):
            return start
    return None


def _strict_name_at(text: str, pos: int) -> int | None:
    """End of a 2-4 word capitalised name at ``pos`` with no common word in it; else None."""
    honorific = _HONORIFIC.match(text, pos)
    start = honorific.end() if honorific and honorific.end() > pos else pos
    end = _name_at(text, start, min_words=1 if honorific else 2, allow_lower=False)
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
    if not words or len(word) != 1 or word not in _UPPER_SET:
        return False
    if words >= 2 and _NAME_END.match(text, token.end()):
        return True
    return _proper_word_next(text, token.end())


def _aside_is_name(aside: re.Match[str]) -> bool:
    """A quoted nickname or a bracketed rewrite is capitalised words that are no UI words."""
    inner = (aside.group("q") or aside.group("p")).split()
    kinds = [_word_kind(w, allow_lower=False) for w in inner]
    least = 2 if aside.group("p") else 1  # ``(External)`` is a note, ``(Slobodan Simić)`` a name
    return least <= len(inner) <= 4 and "proper" in kinds and set(kinds) <= {"proper", "caps"}


def _continues_name(text: str, token: re.Match[str], word: str) -> bool:
    """A capitalised everyday word or particle inside a name, followed by a proper name word."""
    if word[:1] not in _UPPER_SET or word.isupper():
        return False
    if word.casefold().rstrip(".") in ORGANISATION_WORDS:
        return False
    if _NAME_END.match(text, token.end()):
        return True  # ``Contact: Ann Best``, ``Dear Yves Pages,``: the surname ends the name
    return _proper_word_next(text, token.end())


def _proper_word_next(text: str, end: int) -> bool:
    """A capitalised name word follows ``end`` after a space."""
    gap = _GAP.match(text, end)
    nxt = _TOKEN.match(text, gap.end()) if gap else None
    return nxt is not None and _word_kind(nxt.group(0), allow_lower=False) == "proper"


def _word_kind(word: str, *, allow_lower: bool) -> str | None:
    """``proper`` (Jane), ``caps`` (DOE), ``initial`` (J.), ``particle`` (van), or None."""
    bare = word.rstrip(".")
    folded = bare.casefold()
    if folded in NAME_PARTICLES and bare[0] in _LOWER_SET:
        return "particle"  # ``van``, Catalan ``i``: ``Jordi Mas i Hernàndez``
    if len(bare) > 1 and _INITIALS.fullmatch(word):
        return "initial"  # ``Z.F.``, ``M-J.``
    if len(bare) == 1:
        return "initial" if word.endswith(".") and bare in _UPPER_SET else None
    if bare[0] in _LOWER_SET:
        if folded in NAME_PARTICLES:
            return "particle"
        if allow_lower and folded not in UI_WORDS and bare.isalpha():
            return "proper"
        return None
    if bare[0] not in _UPPER_SET or folded in UI_WORDS or looks_technical(bare):
        return None  # ``AppStream``, ``GSocket``, ``PNG-bilete``: identifiers
    if bare.isupper():
        return "caps"
    return "proper"


def _given_name_before(text: str, title: re.Match[str]) -> int:
    """Where a name with ``title`` starts: after the title, or, when the title is one capital
    and a period (``M.``, French for Monsieur) right after a given name, at that given name:
    in ``Richard M. Stallman`` the ``M.`` is a middle initial."""
    written = title.group(0).strip()
    if len(written) != 2 or not written.endswith("."):
        return title.end()
    before = _GIVEN_BEFORE.search(text, 0, title.start())
    if before is None:
        return title.end()
    word = before.group("word")
    if _word_kind(word, allow_lower=False) != "proper" or word.casefold() in COMMON_WORDS:
        return title.end()
    return before.start("word")


def _inverted_first_name(text: str, pos: int) -> int | None:
    """``Doe, Jane``: a single given name after the comma of a surname."""
    return _name_at(text, pos, min_words=1, allow_lower=False)


def _name_start_before(text: str, end: int) -> int | None:
    """Start of a two-to-four word name that ends (before spaces) at ``end``."""
    head = text[:end].rstrip()
    match = _TRAILING_NAME.search(head)
    if match is None:
        return _display_name_before(text, head)
    start = match.start()
    found = _name_at(text, start, min_words=2, allow_lower=False, capitals=True)
    if found is not None and found >= len(head):
        return start
    return _display_name_before(text, head)


def _display_name_before(text: str, head: str) -> int | None:
    """Start of a one-word display name before an address (``Tiffany <[EMAIL]>``): a
    capitalised word, no everyday word (``Support <[EMAIL]>`` stays), opening its segment."""
    match = _LAST_WORD.search(head)
    if match is None or _word_kind(match.group(0), allow_lower=False) != "proper":
        return None
    if match.group(0).casefold() in COMMON_WORDS:
        return None
    return match.start()


def _title_spans(text: str) -> list[Span]:
    """Whole title segments that are names, in a title of a mail, chat, CRM or contacts app."""
    pieces = _pieces_with_offsets(text)
    if len(pieces) < 2 or not any(_is_context_piece(piece) for piece, _ in pieces):
        return []
    spans: list[Span] = []
    for piece, offset in pieces:
        if _is_context_piece(piece):
            continue
        stripped = _PARENTHESIS_TAIL.sub("", piece).rstrip()
        lead = len(piece) - len(piece.lstrip())
        honorific = _HONORIFIC.match(piece, lead)
        start = honorific.end() if honorific else lead
        end = _name_at(piece, start, min_words=1 if honorific else 2, allow_lower=False)
        if end is not None and end == len(stripped):
            spans.append((offset + start, offset + end))
    return spans


def _pieces_with_offsets(text: str) -> list[tuple[str, int]]:
    """Title segments, each with the offset where it starts."""
    out = []
    cursor = 0
    for separator in _TITLE_SEPARATOR.finditer(text):
        out.append((text[cursor : separator.start()], cursor))
        cursor = separator.end()
    out.append((text[cursor:], cursor))
    return out


def _is_context_piece(piece: str) -> bool:
    return not TITLE_CONTEXT.isdisjoint(_WORD_RE.findall(piece.casefold()))


def _object_word_before(text: str, start: int) -> bool:
    before = _WORD_RE.findall(text[max(0, start - 30) : start].casefold())
    return bool(before) and before[-1] in NAME_OBJECT_WORDS


def _count_words(text: str) -> int:
    return len(text.split())


def _comma_after(text: str, end: int) -> bool:
    return text[end : end + 1] in {",", "!"}


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_WORD_RE = re.compile(rf"[{_L}]+")
_NOT_WORD_BEFORE = rf"(?<![{_L}0-9_.])"
_COLON_CUE = re.compile(
    rf"{_NOT_WORD_BEFORE}(?P<label>{_alternation(PERSON_COLON_LABELS)})\s*[:：]\s*",
    re.IGNORECASE,
)
_SOFT_CUE = re.compile(
    rf"{_NOT_WORD_BEFORE}(?P<cue>{_alternation(PERSON_SOFT_CUES)})[ \t]+", re.IGNORECASE
)
_HONORIFIC = re.compile(
    rf"{_NOT_WORD_BEFORE}(?:{'|'.join(re.escape(h) for h in HONORIFICS)})(?![{_L}])[ \t]*"
)
_NAME_END = re.compile(r"\s*(?:$|[,;:!)\]>]|\s[-–—|•·]\s|<\[)")
# ``Z.F.``, ``M-J.``, ``J.-P.``, ``I.S``: initials run together
_INITIALS = re.compile(rf"[{UPPER}](?:\.-?|-)[{UPPER}](?:\.-?[{UPPER}])*\.?(?![{_L}])")
# ``"Venturi"``, ``(Δημήτρης Σπίγγος)``: a nickname or a rewrite of the name beside it
_ASIDE = re.compile(r"[ \t]*(?:[\"“„«](?P<q>[^\"“”„«»()\n]{2,40})[\"”“»]|\((?P<p>[^()\n]{2,40})\))")
_DEGREE = re.compile(
    r"(?:,?[ \t]+(?:(?:[A-Z][a-z]{0,3}\.){1,3}(?:[A-Z][a-z]{0,3}\.?)?|[A-Z][a-z]?[A-Z][a-z]{1,2}\.|MBA\.?|PhD|MD|DDS|DVM"
    r"|Jr\.?|Sr\.?|II|III|IV|Esq\.?))+(?![\w])"
)
_NEXT_WORD = re.compile(rf"[ \t]+([{_L}][{_L}.]*)")
_DIGIT_NEXT = re.compile(r"[ \t]*[-#:]?[ \t]*\d")
_BEFORE_EMAIL = re.compile(r"\s*[<(]\[EMAIL\][>)]")
_TRAILING_NAME = re.compile(
    rf"(?:[{UPPER}][{_L}'’.-]*\s+)(?:[{_L}][{_L}'’.-]*\s+){{0,3}}[{UPPER}](?:[{_L}'’-]*|[{_L}.-]*\.)$"
)
_LAST_WORD = re.compile(rf"(?:^|(?<=[\s,:;(]))[{UPPER}][{LOWER}'’-]+\Z")
_GIVEN_BEFORE = re.compile(rf"(?<![{_L}])(?P<word>[{UPPER}][{LOWER}'’-]+)[ \t]+\Z")
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|•·]\s+")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]*\)\s*$")

_ANY_LABEL = re.compile(rf"(?<=[{_L}.)\]])[ \t]*[:：][ \t]*(?=[{UPPER}])")
_PREPOSITION = re.compile(
    rf"{_NOT_WORD_BEFORE}(?:{_alternation(NAME_PREPOSITIONS)})[ \t]+(?=[{UPPER}])", re.IGNORECASE
)
_ACTIVITY = re.compile(
    rf"(?<=[{_L}.])[ \t]+(?:(?:has|have|had|was|just)[ \t]+)?(?:{_alternation(ACTIVITY_VERBS)})(?![{_L}])"
)
_WORD_START = re.compile(rf"(?<![{_L}'’.-])[{_L}]")
_SEGMENT_OPENS = re.compile(r"(?:^|[,;:(\[\n]|\s[-–—|•·])\s*$")
_CAPITALISED_PAIR = re.compile(
    rf"[{UPPER}][{_L}'’]+(?:-[{_L}]+)*[ \t]+(?:[{LOWER}]{{1,4}}[ \t]+){{0,2}}[{UPPER}][{_L}]"
)

_COMMON = frozenset(
    _space_separated(
        "with from of by on de la le mit von avec con da met van a à to the part behalf"
    )
)
_SOFT_WORDS = frozenset(w for p in PERSON_SOFT_CUES for w in _WORD_RE.findall(p))
_HONORIFIC_WORDS = frozenset(w for h in HONORIFICS for w in _WORD_RE.findall(h))
_COLON_WORDS = frozenset(w for p in PERSON_COLON_LABELS for w in _WORD_RE.findall(p))
_CUE_WORDS = (
    frozenset(w for p in PERSON_SOFT_CUES for w in _WORD_RE.findall(p) if w not in _COMMON)
    | frozenset(w for h in HONORIFICS for w in _WORD_RE.findall(h.casefold()))
    | TITLE_CONTEXT
)
