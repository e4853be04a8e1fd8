"""Stage 1 helper, normalise: learn from sightings which name parts of each slot are data.

Input: every interned (slot, value) pair of a log with its sightings counted in runs
(``scan.count_value_runs``). Output: the kept values and shapes per slot, the word document
frequencies, and, for the batch path, the normalised value of every pair, which is exactly what
``SignatureNormaliser.normalise`` gives for it (so one process never masks a value twice).
The rules are described in ``vocabulary`` and docs/discovery.md §1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from discovery.shapes import WILDCARD, is_pure_data, mask_shape, skeleton
from discovery.slots import is_fixed_slot, is_index_slot

DATA = "<data>"


@dataclass(frozen=True, slots=True)
class LearnedForms:
    """What the sightings taught, plus the normalised value of each pair (None: not seen)."""

    kept_values: dict[str, set[str]]
    kept_shapes: dict[str, set[str]]
    token_df: dict[str, dict[str, int]]
    normalised: list[str | None]


def learn_forms(
    pairs: Sequence[tuple[str, str]], runs: Sequence[int], *, min_support: int
) -> LearnedForms:
    """Kept values / shapes per slot from the pairs' run counts (pairs with 0 runs are unseen)."""
    seen = [index for index, count in enumerate(runs) if count > 0]
    masked: dict[str, str] = {}
    shape_of: dict[int, str] = {}
    for index in seen:
        value = pairs[index][1]
        shape = masked.get(value)
        if shape is None:
            shape = masked[value] = mask_shape(value)
        shape_of[index] = shape
    token_df = _count_token_df(pairs, seen, shape_of)
    pure: dict[str, bool] = {}
    skeletons: dict[tuple[str, str], str] = {}
    form_of: dict[int, str] = {}
    for index in seen:
        slot = pairs[index][0]
        shape = shape_of[index]
        if is_index_slot(slot):
            form_of[index] = shape
            continue
        is_pure = pure.get(shape)
        if is_pure is None:
            is_pure = pure[shape] = is_pure_data(shape)
        if not is_pure:
            form = skeletons.get((slot, shape))
            if form is None:
                form = skeleton(shape, token_df.get(slot, {}), min_support=min_support)
                skeletons[(slot, shape)] = form
            form_of[index] = form
    varied = _varied_forms(pairs, runs, form_of, min_support=min_support)
    # Effective form: the value itself when it recurs and its form is no template of data.
    effective: dict[int, str] = {}
    form_runs: Counter[tuple[str, str]] = Counter()
    for index, form in form_of.items():
        slot, value = pairs[index]
        keep_raw = runs[index] >= min_support and (slot, form) not in varied
        chosen = effective[index] = value if keep_raw else form
        form_runs[(slot, chosen)] += runs[index]
    needed = _needed_runs(form_runs, min_support=min_support)
    kept_values: dict[str, set[str]] = {}
    kept_shapes: dict[str, set[str]] = {}
    for index, form in effective.items():
        slot, value = pairs[index]
        if form_runs[(slot, form)] < needed.get((slot, form), min_support):
            continue
        target = kept_values if form == value else kept_shapes
        target.setdefault(slot, set()).add(form)
    normalised: list[str | None] = [None] * len(pairs)
    for index in seen:
        slot, value = pairs[index]
        normalised[index] = _normalise(
            slot,
            value,
            shape_of[index],
            form_of.get(index),
            kept_values.get(slot, set()),
            kept_shapes.get(slot, set()),
            pure,
        )
    return LearnedForms(kept_values, kept_shapes, token_df, normalised)


def _normalise(
    slot: str,
    value: str,
    shape: str,
    form: str | None,
    values: set[str],
    shapes: set[str],
    pure: dict[str, bool],
) -> str:
    """``SignatureNormaliser.normalise`` for a learned pair (same rules, nothing recomputed)."""
    if is_fixed_slot(slot):
        return value
    if is_index_slot(slot):
        return value if value in values else shape
    if pure.get(shape, False):
        return shape
    if value in values:
        return value
    if form is not None and form in shapes:
        return form
    return DATA


def _count_token_df(
    pairs: Sequence[tuple[str, str]], seen: Sequence[int], shape_of: dict[int, str]
) -> dict[str, dict[str, int]]:
    """Per slot, in how many distinct multi-word values each word occurs (2 or more only)."""
    counts: dict[str, Counter[str]] = {}
    for index in seen:
        slot = pairs[index][0]
        if is_fixed_slot(slot):
            continue
        tokens = shape_of[index].split()
        if len(tokens) > 1:
            counts.setdefault(slot, Counter()).update(set(tokens))
    return {
        slot: {token: df for token, df in counter.items() if df >= 2}
        for slot, counter in counts.items()
    }


def _varied_forms(
    pairs: Sequence[tuple[str, str]],
    runs: Sequence[int],
    form_of: dict[int, str],
    *,
    min_support: int,
) -> set[tuple[str, str]]:
    """Forms with more distinct values than a typical value has sightings (``A14``, ``A15``,
    ... each seen a few times): their recurring values are coincidences of the data."""
    by_form: dict[tuple[str, str], list[int]] = {}
    for index, form in form_of.items():
        slot, value = pairs[index]
        if form != value:
            by_form.setdefault((slot, form), []).append(runs[index])
    # A learned template (``Customer <*>``) filled with at least ``min_support`` different
    # words is data however often each filler recurs: the words around it stay, the filler moves.
    return {
        key
        for key, found in by_form.items()
        if len(found) >= min_support
        and (WILDCARD in key[1] or len(found) > sorted(found)[len(found) // 2])
    }


def _needed_runs(
    form_runs: Counter[tuple[str, str]], *, min_support: int
) -> dict[tuple[str, str], float]:
    """Sightings a multi-word form needs in a data-like slot (one with more distinct forms than
    a typical form has sightings): ``min_support`` times the slot's mean, so that only labels
    that stand out of the data (a template, a fixed caption) survive."""
    by_slot: dict[str, list[tuple[str, int]]] = {}
    for (slot, form), count in form_runs.items():
        if " " in form:
            by_slot.setdefault(slot, []).append((form, count))
    needed: dict[tuple[str, str], float] = {}
    for slot, items in by_slot.items():
        counts = sorted(count for _, count in items)
        distinct = len(counts)
        if distinct >= min_support and distinct > counts[distinct // 2]:
            bar = min_support * sum(counts) / distinct
            needed.update({(slot, form): bar for form, _ in items})
    return needed
