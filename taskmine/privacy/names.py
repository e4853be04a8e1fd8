"""Privacy, stage 0: PERSON detection, mostly from context.

A person's name is found where the text announces one: after a label (``Name:``, ``Customer``,
``Recipient:``, ``An:``, ``Destinataire :``, ``Attn``, ``Dear``), after an honorific (``Mr``,
``Frau``, ``Mme``, ``Sra.``, ``Dott.``), before an e-mail address in angle brackets
(``Jane Doe <[EMAIL]>``), right before an activity verb (``Jane Doe commented``,
``Jane Doe is typing``), or as a whole segment of a window title of a mail, chat, CRM or
contacts app (``Inbox - Jane Doe - Outlook``). What follows the cue must then look like a name:
capitalised words (``O'Brien``, ``Jean-Luc``, ``van der Berg``, initials), none of them an
everyday UI or business word (``lexicon.UI_WORDS``), so ``Customer Service`` and
``Contact: Sales Team`` stay. Only the name is replaced; the cue stays, so ``Dear [PERSON]``
still reads as a greeting. A bare name with no cue (``meeting Jane Doe at 10``) is found only
from a known given name (``given_names``, ``given_names_scripts``) or a surname's ending
(``surname_endings``). What a name looks like once a cue is found is ``name_shapes``; names
as whole window-title pieces are ``name_titles``; names in scripts without capitals
``name_scripts``.
"""

from __future__ import annotations

import re

from taskmine.privacy.given_names import fold, given_name_spans, given_names, surnames
from taskmine.privacy.given_names_scripts import (
    chinese_given_name_spans,
    chinese_titled_name_spans,
    cjk_name_in_latin_spans,
    japanese_name_spans,
    korean_given_name_spans,
    korean_name_spans,
    may_hold_titled_name,
    may_hold_uncased_given_name,
    uncased_given_name_spans,
    uncased_honorific_spans,
)
from taskmine.privacy.lexicon import (
    ACTIVITY_VERBS,
    COMMON_WORDS,
    HONORIFICS,
    LOWER,
    NAME_OBJECT_WORDS,
    NAME_PREPOSITIONS,
    PERSON_COLON_LABELS,
    PERSON_SOFT_CUES,
    TITLE_CONTEXT,
    UPPER,
    alternation,
)
from taskmine.privacy.name_scripts import (
    UNCASED_LETTERS,
    has_uncased_letter,
    uncased_name_at,
    uncased_name_before,
)
from taskmine.privacy.name_shapes import (
    HONORIFIC,
    LETTERS,
    PERSONAL_SUFFIX,
    is_degree,
    name_at,
    names_at,
    strict_name_at,
    word_kind,
)
from taskmine.privacy.name_titles import (
    TITLE_SEPARATOR,
    is_context_piece,
    pieces_with_offsets,
    title_spans,
    whole_pieces,
)
from taskmine.privacy.place_names import names_a_place
from taskmine.privacy.surname_endings import (
    armenian_surname_spans,
    georgian_surname_spans,
    may_hold_georgian_surname,
    surname_ending_spans,
    vietnamese_name_spans,
)
from taskmine.privacy.windows import join_spans

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
    uncased = has_uncased_letter(text)  # Arabic, Hebrew, CJK...: a name read from its script
    soft = _SOFT_CUE.finditer(text) if not _SOFT_WORDS.isdisjoint(lowered) else ()
    titles = HONORIFIC.finditer(text) if not _HONORIFIC_WORDS.isdisjoint(cased) else ()
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
        end = names_at(
            text,
            match.end(),
            min_words=1,
            allow_lower=strong,
            lists=True,
            capitals=True,
            everyday_first=strong,
        )
        if end is not None and text[match.end() : end].casefold().strip(". ") in COMMON_WORDS:
            continue  # ``Assigned to: Unassigned``, ``Owner: Finance``: one everyday word
        if end is None and uncased:
            end = uncased_name_at(text, match.end(), one_word=strong)
        if end is not None:
            spans.append((match.end(), end))
    for match in soft:
        cue = " ".join(match.group("cue").casefold().split())
        greeting = cue in _GREETINGS
        end = names_at(
            text,
            match.end(),
            min_words=1 if greeting else 2,
            lists=not greeting,
            everyday_first=not greeting,
        )
        if end is None and uncased:
            end = uncased_name_at(text, match.end())
            greeting = False  # ``Hi 王小明`` reads as a greeting whatever follows
        if end is None:
            continue
        if greeting and _count_words(text[match.end() : end]) < 2 and not _comma_after(text, end):
            continue  # ``Hello World`` is a UI string; ``Hi Jane,`` is a greeting
        spans.append((match.end(), end))
    titled: list[Span] = []  # a courtesy title says a person follows, whatever the words
    for match in titles:
        end = names_at(text, match.end(), min_words=1, everyday_first=True)
        if end is not None:
            titled.append((_given_name_before(text, match), end))
    for match in _BEFORE_EMAIL.finditer(text) if "[EMAIL]" in text else ():
        start = _name_start_before(text, match.start())
        if start is None and uncased:
            start = uncased_name_before(text, match.start())  # ``王小明 <[EMAIL]>``
        if start is not None:
            spans.append((start, match.start()))
    if TITLE_SEPARATOR.search(text) is not None:
        spans.extend(title_spans(text))
    if _CAPITALISED_PAIR.search(text) is not None:
        spans.extend(_generic_spans(text))
        spans.extend(given_name_spans(text))
        spans.extend(surname_ending_spans(text))
        spans.extend(armenian_surname_spans(text))
        spans.extend(vietnamese_name_spans(text))
    if uncased:
        spans.extend(_uncased_spans(text))
        spans.extend(uncased_given_name_spans(text))
        spans.extend(uncased_honorific_spans(text))
        spans.extend(georgian_surname_spans(text))
        spans.extend(cjk_name_in_latin_spans(text))
        spans.extend(japanese_name_spans(text))
        spans.extend(korean_name_spans(text))
        spans.extend(korean_given_name_spans(text))
        spans.extend(chinese_given_name_spans(text))
        spans.extend(chinese_titled_name_spans(text))
    if PERSONAL_SUFFIX.search(text) is not None:
        spans.extend(_suffixed_spans(text))
    if uncased and "-" in text:
        spans = [(start, _double_surname_end(text, end)) for start, end in spans]
    spans = [span for span in spans if not names_a_place(text, span)]
    return join_spans(spans + titled)


# A double surname joined by a hyphen in a script without capitals: ``ปรินรัตน์ แขสีสุก-หนอกสีสุก``,
# ``سارا احمدی-نیا``; the part after the hyphen is the same person's name.
_UNCASED_HYPHENED = re.compile(rf"-[{UNCASED_LETTERS}]+")


def _double_surname_end(text: str, end: int) -> int:
    if end == 0 or not has_uncased_letter(text[end - 1]):
        return end
    joined = _UNCASED_HYPHENED.match(text, end)
    return joined.end() if joined is not None else end


def _suffixed_spans(text: str) -> list[Span]:
    """A name that a personal suffix closes needs no other cue: ``Lola Khan PhD``, ``Chat with
    Ana Ruiz Jr.``. Roman numerals are left out here (``Street Fighter II``)."""
    spans: list[Span] = []
    for suffix in PERSONAL_SUFFIX.finditer(text):
        start = _name_start_before(text, suffix.start())
        if start is not None and strict_name_at(text, start) is not None:
            spans.append((start, suffix.end()))
    return spans


def may_mention_person(text: str) -> bool:
    """The cheap pre-check: a cue word, or two capitalised words in a row."""
    if _CAPITALISED_PAIR.search(text) is not None:
        return True
    words = _WORD_RE.findall(text.casefold())
    if not words:
        return has_uncased_letter(text) and (
            may_hold_uncased_given_name(text)
            or may_hold_titled_name(text)
            or may_hold_georgian_surname(text)
        )
    if not _CUE_WORDS.isdisjoint(words) or "<[email]>" in text.casefold():
        return True
    if has_uncased_letter(text) and (
        not _ACTIVITY_WORDS.isdisjoint(words)
        or _PERSON_PREPOSITION.search(text)
        or may_hold_uncased_given_name(text)
        or may_hold_titled_name(text)
        or may_hold_georgian_surname(text)
        or cjk_name_in_latin_spans(text)
    ):
        return True  # ``محمد العلي mentioned you``, ``Invoice for 浜田 陽葵``: no capitals to pair
    return ":" in text and not _COLON_WORDS.isdisjoint(words)


# --- matching a name -------------------------------------------------------------------------


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
            end = strict_name_at(text, match.end())
            if end is not None:
                spans.append((match.end(), end))
    for match in _ACTIVITY.finditer(text):
        start = _name_start_before_verb(text, match.start())
        if start is not None:
            spans.append((start, match.start()))
    pieces = pieces_with_offsets(text)
    if len(pieces) >= 2:
        spans.extend(whole_pieces(pieces, strict_name_at))
    return [span for span in spans if not _word_and_acronym(text, span)]


def _word_and_acronym(text: str, span: Span) -> bool:
    """A word and an acronym or a capitalised identifier, by shape alone: ``Ricevuto EOS``,
    ``Citrix ICA``, ``Topptekstfelt PATH``. A surname in capitals after a listed given name
    stays a name (``Jean DUPONT``), and so does one a degree or generation closes."""
    words = text[span[0] : span[1]].split()
    if len(words) < 2:
        return False
    last = words[-1].strip(".,")
    if not (last.isascii() and last.isupper() and len(last) >= 2):
        return False
    if is_degree(last):
        return False  # ``Tamia Dibbert MD``, ``Deepan Abbott IV``: a suffix closes a name
    known, _ = given_names()
    return fold(words[0].strip(".,")) not in known


def _uncased_spans(text: str) -> list[Span]:
    """Names in a script without capitals that a Latin cue announces, besides a label's:
    after ``by`` / ``from`` / ``with``, before an activity verb, as a title piece of a mail,
    chat or contacts app (``توفيق السعيد - Outlook``)."""
    spans: list[Span] = []
    for match in _PERSON_PREPOSITION.finditer(text):
        end = uncased_name_at(text, match.end())
        if end is not None:
            spans.append((match.end(), end))
    for match in _ACTIVITY_AFTER_SCRIPT.finditer(text):
        start = uncased_name_before(text, match.start())
        if start is not None:
            spans.append((start, match.start()))
    pieces = pieces_with_offsets(text)
    if len(pieces) >= 2 and any(is_context_piece(piece) for piece, _ in pieces):
        spans.extend(whole_pieces(pieces, uncased_name_at))
    return spans


def _name_start_before_verb(text: str, verb: int) -> int | None:
    """Start of the name that ends right before an activity verb (``Jane Doe commented``,
    ``Driver Jane Doe has arrived``): the longest run of two to four name words there, opening
    its segment or following an everyday word (``Driver``). ``Sales Team joined`` stays."""
    head = text[:verb]
    starts = [m.start() for m in _WORD_START.finditer(head, max(0, verb - 80))]
    for index, start in enumerate(starts[-5:-1], start=max(0, len(starts) - 5)):
        if strict_name_at(text, start) != verb:
            continue
        before = _WORD_RE.findall(head[max(0, start - 30) : start])
        if (
            not before
            or before[-1].casefold() in COMMON_WORDS
            or _SEGMENT_OPENS.search(head, max(0, start - 40), start)
        ):
            return _past_role_word(text, starts, index, verb)
    return None


def _past_role_word(text: str, starts: list[int], index: int, verb: int) -> int:
    """The name's start past a role word that opens the run (``Attendee Peter Novak
    arrived``): the second word is a listed given name, and the first is a plain English
    word of five letters or more that is no listed given name or surname. Titles stay in
    the span (``Dra``, ``Mevr.``, ``Δόκτορ``), and so do Vietnamese names, whose first word
    is a family name (``Vân Quyên Ngô``)."""
    start = starts[index]
    if index + 2 >= len(starts) or starts[index + 2] >= verb:
        return start  # fewer than three words: nothing to drop
    first = _WORD_RE.match(text, start)
    second = _WORD_RE.match(text, starts[index + 1])
    if first is None or second is None or text[first.end() : first.end() + 1] == ".":
        return start
    word = first.group(0)
    known, _ = given_names()
    # all ASCII: a Vietnamese name (``Giang Thanh Hồ``) opens with a family name
    plain = text[start:verb].isascii() and len(word) >= 5 and fold(word) not in known
    if plain and fold(word) not in surnames() and fold(second.group(0)) in known:
        return starts[index + 1]
    return start


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
    if word_kind(word, allow_lower=False) != "proper" or word.casefold() in COMMON_WORDS:
        return title.end()
    return before.start("word")


def _name_start_before(text: str, end: int) -> int | None:
    """Start of a two-to-four word name that ends (before spaces) at ``end``."""
    head = text[:end].rstrip()
    match = _TRAILING_NAME.search(head, max(0, len(head) - 200))  # a name is a few words
    if match is None:
        return _display_name_before(text, head)
    start = match.start()
    found = name_at(text, start, min_words=2, allow_lower=False, capitals=True)
    if found is not None and found >= len(head):
        return start
    return _display_name_before(text, head)


def _display_name_before(text: str, head: str) -> int | None:
    """Start of a one-word display name before an address (``Tiffany <[EMAIL]>``): a
    capitalised word, no everyday word (``Support <[EMAIL]>`` stays), opening its segment."""
    match = _LAST_WORD.search(head)
    if match is None or word_kind(match.group(0), allow_lower=False) != "proper":
        return None
    if match.group(0).casefold() in COMMON_WORDS:
        return None
    return match.start()


def _object_word_before(text: str, start: int) -> bool:
    before = _WORD_RE.findall(text[max(0, start - 30) : start].casefold())
    return bool(before) and before[-1] in NAME_OBJECT_WORDS


def _count_words(text: str) -> int:
    return len(text.split())


def _comma_after(text: str, end: int) -> bool:
    return text[end : end + 1] in {",", "!"}


_WORD_RE = re.compile(rf"[{LETTERS}]+")
_NOT_WORD_BEFORE = rf"(?<![{LETTERS}0-9_.])"
_COLON_CUE = re.compile(
    rf"{_NOT_WORD_BEFORE}(?P<label>{alternation(PERSON_COLON_LABELS)})\s*[:：]\s*",
    re.IGNORECASE,
)
_SOFT_CUE = re.compile(
    rf"{_NOT_WORD_BEFORE}(?P<cue>{alternation(PERSON_SOFT_CUES)})[ \t]+", re.IGNORECASE
)
_BEFORE_EMAIL = re.compile(r"\s*[<(]\[EMAIL\][>)]")
_TRAILING_NAME = re.compile(
    rf"(?:[{UPPER}][{LETTERS}'’.-]*\s+)(?:[{LETTERS}][{LETTERS}'’.-]*\s+){{0,3}}[{UPPER}](?:[{LETTERS}'’-]*|[{LETTERS}.-]*\.)$"
)
_LAST_WORD = re.compile(rf"(?:^|(?<=[\s,:;(]))[{UPPER}][{LOWER}'’-]+\Z")
_GIVEN_BEFORE = re.compile(rf"(?<![{LETTERS}])(?P<word>[{UPPER}][{LOWER}'’-]+)[ \t]+\Z")

_ANY_LABEL = re.compile(rf"(?<=[{LETTERS}.)\]])[ \t]*[:：][ \t]*(?=[{UPPER}])")
_PREPOSITION = re.compile(
    rf"{_NOT_WORD_BEFORE}(?:{alternation(NAME_PREPOSITIONS)})[ \t]+(?=[{UPPER}])", re.IGNORECASE
)
_ACTIVITY = re.compile(
    rf"(?<=[{LETTERS}.])[ \t]+(?:(?:has|have|had|was|just)[ \t]+)?(?:{alternation(ACTIVITY_VERBS)})(?![{LETTERS}])"
)
_ACTIVITY_AFTER_SCRIPT = re.compile(
    rf"(?<=[^\s{LETTERS}0-9\W]|[{UNCASED_LETTERS}])[ \t]+(?:(?:has|have|had|was|just)[ \t]+)?(?:{alternation(ACTIVITY_VERBS)})(?![{LETTERS}])"
)
# The prepositions after which a name in a script without capitals is read: only the ones that
# hand a thing over from or to a person (``Submitted by``, ``Message from``, ``Call with``,
# ``Invoice for``). Thai and Indic names may end in a combining mark, which is no word letter.
_PERSON_PREPOSITION = re.compile(
    rf"{_NOT_WORD_BEFORE}(?:by|from|with|von|par|door|przez|av|af|(?:reply|replied|sent|assigned|forwarded|talking) to"
    rf"|(?:invoice|receipt|bill|quote|booking|reservation|appointment|payslip|prescription) for)[ \t]+",
    re.IGNORECASE,
)
_WORD_START = re.compile(rf"(?<![{LETTERS}'’.-])[{LETTERS}]")
_SEGMENT_OPENS = re.compile(r"(?:^|[,;:(\[\n]|\s[-–—|•·])\s*$")
_CAPITALISED_PAIR = re.compile(
    rf"[{UPPER}][{LETTERS}'’]+(?:-[{LETTERS}]+)*[ \t]+(?:[{LOWER}]{{1,4}}[ \t]+){{0,2}}[{UPPER}]['’]?[{LETTERS}]"
)

_COMMON = frozenset(
    _space_separated(
        "with from of by on de la le mit von avec con da met van a à to the part behalf"
    )
)
_SOFT_WORDS = frozenset(w for p in PERSON_SOFT_CUES for w in _WORD_RE.findall(p))
_HONORIFIC_WORDS = frozenset(w for h in HONORIFICS for w in _WORD_RE.findall(h))
_ACTIVITY_WORDS = frozenset(w for p in ACTIVITY_VERBS for w in _WORD_RE.findall(p))
_COLON_WORDS = frozenset(w for p in PERSON_COLON_LABELS for w in _WORD_RE.findall(p))
_CUE_WORDS = (
    frozenset(w for p in PERSON_SOFT_CUES for w in _WORD_RE.findall(p) if w not in _COMMON)
    | frozenset(w for h in HONORIFICS for w in _WORD_RE.findall(h.casefold()))
    | TITLE_CONTEXT
)
