"""PDD stage, redaction: the one function every recorded string passes before a PDD or a prompt.

``redact_for_pdd`` is ``taskmine.privacy.redact_text`` (e-mails, phones, Luhn-valid cards, IBANs,
national ids, replaced by ``[LABEL]``) preceded by a residual IBAN pass. Idempotent.
"""

from __future__ import annotations

import re

from taskmine.privacy import is_iban_valid, redact_text

_IBAN_CANDIDATE = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,40}")


def redact_for_pdd(text: str) -> str:
    """``text`` with every personal-data match replaced by its ``[LABEL]``."""
    return redact_text(redact_residual_ibans(text))


def redact_residual_ibans(text: str) -> str:
    """Replace IBANs that ``redact_text`` misses because a word followed them.

    The privacy detector matches greedily (``GB82WEST12345698765432 now`` is read as one
    candidate whose checksum fails), so here every candidate is also tried shortened, group by
    group, until a prefix passes the mod-97 check. Defence in depth for what leaves the machine.
    """
    out: list[str] = []
    position = 0
    for match in _IBAN_CANDIDATE.finditer(text):
        if match.start() < position:
            continue
        found = _longest_valid_iban(match.group(0))
        if found:
            out.append(text[position : match.start()] + "[IBAN]")
            position = match.start() + len(found)
    return "".join(out) + text[position:]


def _longest_valid_iban(candidate: str) -> str | None:
    for end in range(len(candidate), 14, -1):
        prefix = candidate[:end]
        if prefix.endswith(" ") or (end < len(candidate) and candidate[end].isalnum()):
            continue  # only cut at a group boundary, never inside a word
        if is_iban_valid(prefix):
            return prefix
    return None
