"""Privacy, stage 0: a street named after a person, behind a street type that is also an
everyday word.

Spain's statistics office lists road types that are everyday words too (``Muelle``: quay,
``Monte``: hill, ``Puerta``: door, ``Salida``: exit, ``Grupo``: group, ``Entrada``: input),
and French and Italian have their own (``Jardin``, ``Galerie``, ``Porte``). Before a product
or a setting they name no street (``Salida HDMI 2``, ``Grupo Admin 3``, ``Entrada USB 3``),
but streets are mostly named after people, so such a type, a name that opens with a known
given name, and a house number (or ``s/n``, "no number") make a street line:
``Muelle Laura Benítez Brito 5``, ``Partida Ana 58``, ``Jardin Hubert 40``,
``Monte Jaime Valverde Armijo s/n.``.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.given_names import fold, given_names
from taskmine.privacy.lexicon import alternation

Span = tuple[int, int]

# Capitalised as a street line writes them; in lower case they are only everyday words.
_TYPES = alternation(
    (
        "Riera", "Muelle", "Monte", "Torrente", "Mercado", "Municipio", "Sección", "Salida",
        "Lugar", "Bloque", "Grupo", "Puente", "Partida", "Puerta", "Entrada", "Colegio", "Solar",
        "Lado", "Colonia", "Jardin", "Galerie", "Porte", "Villa", "Esplanade", "Cour", "Sente",
        "Giardino", "Ponte", "Porta", "Molo", "Borgata", "Frazione", "Località",
    )
)  # fmt: skip
_NAMED_LINE = re.compile(
    rf"(?<![{pattern.L}0-9_])(?:{_TYPES})[ \t]+(?P<first>{pattern.CAP_LOWER})"
    rf"(?:[ \t]+(?:{pattern.PARTICLE}[ \t]+)?{pattern.CAP_LOWER}){{0,3}}"
    rf",?[ \t]+(?:{pattern.NUM}|s/n\.?|S/N\.?)(?![{pattern.L}0-9])"
)
_SIGN = re.compile(rf"(?<![{pattern.L}])(?:{_TYPES})[ \t]")


def person_named_streets(text: str) -> list[Span]:
    """(start, end) of each street line whose everyday-word type a given name follows."""
    if _SIGN.search(text) is None:
        return []
    known, everyday = given_names()
    spans: list[Span] = []
    for match in _NAMED_LINE.finditer(text):
        first = fold(match.group("first"))
        if first in known and first not in everyday:
            spans.append(match.span())
    return spans
