"""Ranking helpers: a routine's step sequences as one flat array, and cheap trusted models.

Ranking reads every event of every occurrence several times (variants, task map transitions,
step presence, examples); at a million events per log those reads are numpy operations on one
flattened array of step indices instead of Python loops over tuples. ``LogFacts`` are the two
log-wide counts ranking needs (observed days, users), which ``discover`` already knows from its
single pass over the events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from taskmine.domain.events import Event

IntArray = npt.NDArray[np.int64]
Model = TypeVar("Model", bound=BaseModel)
START_CODE = -1
END_CODE = -2
_set = object.__setattr__


def trusted(cls: type[Model], **values: Any) -> Model:
    """``cls.model_construct(**values)`` for models whose every field is given (no defaults,
    no aliases): the values come from validated data, so nothing is checked."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


@dataclass(frozen=True, slots=True)
class LogFacts:
    """Log-wide counts ranking needs: distinct UTC dates with events, distinct users."""

    observed_days: int
    users: int

    @staticmethod
    def of(events: Iterable[Event]) -> LogFacts:
        days: set[int] = set()
        users: set[str] = set()
        for event in events:
            days.add(int(event.timestamp.timestamp() // 86400))
            users.add(event.user_id)
        return LogFacts(observed_days=len(days), users=len(users))


@dataclass(frozen=True, slots=True)
class FlatSteps:
    """Step sequences of a routine's occurrences, concatenated, with each one's start."""

    steps: IntArray
    starts: IntArray
    lengths: IntArray

    @staticmethod
    def of(sequences: Sequence[Sequence[int]]) -> FlatSteps:
        lengths = np.asarray([len(sequence) for sequence in sequences], dtype=np.int64)
        steps = np.fromiter(
            chain.from_iterable(sequences), dtype=np.int64, count=int(lengths.sum())
        )
        return FlatSteps(steps=steps, starts=np.cumsum(lengths) - lengths, lengths=lengths)

    @property
    def occurrences(self) -> int:
        return len(self.lengths)

    def _owner(self) -> IntArray:
        return np.repeat(np.arange(self.occurrences, dtype=np.int64), self.lengths)

    def _kept(self) -> npt.NDArray[np.bool_]:
        """Positions that are no immediate repeat of the step before in the same occurrence."""
        keep = np.ones(len(self.steps), dtype=bool)
        keep[1:] = self.steps[1:] != self.steps[:-1]
        keep[self.starts[self.lengths > 0]] = True
        return keep

    def collapsed_sequences(self) -> list[tuple[int, ...]]:
        """Each occurrence's steps with immediate repeats collapsed (its variant)."""
        keep = self._kept()
        values = self.steps[keep].tolist()
        counts = np.bincount(self._owner()[keep], minlength=self.occurrences)
        ends = np.cumsum(counts).tolist()
        begins = [0, *ends[:-1]]
        return [tuple(values[a:b]) for a, b in zip(begins, ends, strict=True)]

    def presence(self, size: int) -> IntArray:
        """Per step, in how many occurrences it appears."""
        if len(self.steps) == 0:
            return np.zeros(size, dtype=np.int64)
        width = max(size, int(self.steps.max()) + 1)
        pairs = np.unique(self._owner() * width + self.steps)
        return np.bincount(pairs % width, minlength=size).astype(np.int64)

    def first_positions(self, step: int, limit: int) -> list[int]:
        """The first ``limit`` flat positions of ``step`` (occurrence order, then event order)."""
        found: list[int] = np.flatnonzero(self.steps == step)[:limit].tolist()
        return found

    def transitions(self) -> list[tuple[int, int, int]]:
        """(source, target, count) of the collapsed sequences' transitions, with
        ``START_CODE`` before each occurrence and ``END_CODE`` after it, sorted by code."""
        keep = self._kept()
        values = self.steps[keep]
        owner = self._owner()[keep]
        first = np.ones(len(values), dtype=bool)
        first[1:] = owner[1:] != owner[:-1]
        last = np.ones(len(values), dtype=bool)
        last[:-1] = owner[:-1] != owner[1:]
        previous = np.empty_like(values)
        previous[1:] = values[:-1]
        previous[first] = START_CODE
        empty = int(np.sum(self.lengths == 0))
        sources = np.concatenate((previous, values[last], np.full(empty, START_CODE)))
        targets = np.concatenate(
            (values, np.full(int(last.sum()), END_CODE), np.full(empty, END_CODE))
        )
        offset = -END_CODE
        width = int(max(sources.max(initial=0), targets.max(initial=0))) + offset + 1
        keys, tallies = np.unique(
            (sources.astype(np.int64) + offset) * width + (targets.astype(np.int64) + offset),
            return_counts=True,
        )
        return [
            (key // width - offset, key % width - offset, count)
            for key, count in zip(keys.tolist(), tallies.tolist(), strict=True)
        ]
