"""PDD stage, errors: one small hierarchy; each message says what was wrong and what to do."""

from __future__ import annotations


class PddError(Exception):
    """Base of every error the PDD package raises."""


class PddInputError(PddError, ValueError):
    """The candidate or an argument cannot be turned into a document."""


class ReviewError(PddError):
    """A review action is not allowed in the document's current state."""


class DraftingError(PddError):
    """The language model could not produce usable prose (the caller falls back)."""

    def __init__(self, message: str, *, attempts: int = 0) -> None:
        super().__init__(message)
        self.attempts = attempts


class TokenBudgetError(DraftingError):
    """The prompt does not fit the per-document token budget even after trimming."""
