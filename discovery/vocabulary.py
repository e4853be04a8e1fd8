"""Stage 1, normalise: events -> action signatures that keep the element and drop the data.

A signature is the element's identity (kind, app, role, automation id, class, stable name parts,
path, window, url without query values) with data removed. Which name parts are data is learned
from the log itself: a value of one slot (app x role x field) is kept verbatim only when it recurs
in at least ``min_support`` separate runs across the log; otherwise its shape (digits, dates,
e-mails masked) is kept if *that* recurs; otherwise it becomes ``<data>``. Pure numbers, dates,
e-mails and ids are data whatever their frequency. Typed, pasted and copied values are always
data. The learned ``Vocabulary`` is small (only kept values), frozen and JSON-serialisable, and
depends only on the multiset of per-partition event sequences, never on partition order.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from discovery.learning import DATA as DATA
from discovery.learning import learn_forms
from discovery.parameters import DiscoveryParameters
from discovery.scan import EventScan, count_value_runs, positive_gaps, scan_events
from discovery.shapes import is_pure_data, mask_shape, skeleton
from discovery.slots import SlotReader, is_fixed_slot, is_index_slot
from taskmine.domain.events import Event

SEPARATOR = "\x1f"
_SEP = SEPARATOR


class Vocabulary(BaseModel):
    """What the log taught about its name parts: kept values, kept shapes and word document
    frequencies per slot, and the idle gap."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kept_values: dict[str, tuple[str, ...]]
    kept_shapes: dict[str, tuple[str, ...]]
    token_df: dict[str, dict[str, int]]
    min_support: int
    idle_gap_s: float

    def normaliser(self, *, reader: SlotReader | None = None) -> SignatureNormaliser:
        """A fast, cached mapper from events to signatures for this vocabulary."""
        return SignatureNormaliser(self, reader=reader)


def learn_vocabulary(
    events: Sequence[Event], *, params: DiscoveryParameters, reader: SlotReader | None = None
) -> Vocabulary:
    """Global pass: learn which name parts are data and how long an idle gap is.

    ``reader`` may be shared with the normaliser (``Vocabulary.normaliser(reader=...)``) so that
    each event's fields are read once per run; it changes nothing in the result."""
    reader = reader or SlotReader()
    scan = scan_events(events, reader)
    return vocabulary_from_scan(scan, reader, params=params)


def vocabulary_from_scan(
    scan: EventScan, reader: SlotReader, *, params: DiscoveryParameters
) -> Vocabulary:
    """The vocabulary of a scanned log (``learn_vocabulary`` without the pass over events)."""
    return vocabulary_and_forms(scan, reader, params=params)[0]


def vocabulary_and_forms(
    scan: EventScan, reader: SlotReader, *, params: DiscoveryParameters
) -> tuple[Vocabulary, list[str | None]]:
    """The vocabulary and the normalised value of each of ``reader``'s pairs (None: unseen),
    exactly as the vocabulary's normaliser gives it."""
    runs = count_value_runs(scan, reader)
    learned = learn_forms(reader.pairs, runs.tolist(), min_support=params.min_support)
    vocabulary = Vocabulary(
        kept_values={
            slot: tuple(sorted(values)) for slot, values in sorted(learned.kept_values.items())
        },
        kept_shapes={
            slot: tuple(sorted(values)) for slot, values in sorted(learned.kept_shapes.items())
        },
        token_df={slot: dict(sorted(df.items())) for slot, df in sorted(learned.token_df.items())},
        min_support=params.min_support,
        idle_gap_s=_derive_idle_gap(positive_gaps(scan), params=params),
    )
    return vocabulary, learned.normalised


class SignatureNormaliser:
    """Maps events to (signature text, signature id); caches per distinct raw field tuple."""

    def __init__(self, vocabulary: Vocabulary, *, reader: SlotReader | None = None) -> None:
        self._values = {slot: frozenset(values) for slot, values in vocabulary.kept_values.items()}
        self._shapes = {slot: frozenset(shapes) for slot, shapes in vocabulary.kept_shapes.items()}
        self._token_df = vocabulary.token_df
        self._support = vocabulary.min_support
        self._cache: dict[tuple[int, ...], tuple[str, int]] = {}
        self._memo: dict[int, str] = {}
        self._by_identity: dict[int, tuple[tuple[int, ...], tuple[str, int]]] = {}
        self._reader = reader or SlotReader()

    def signature(self, event: Event) -> tuple[str, int]:
        """The normalised signature text of ``event`` and its stable 63-bit id."""
        return self.signature_of_ids(self._reader.read_ids(event))

    def signature_of_ids(self, ids: tuple[int, ...]) -> tuple[str, int]:
        """The signature of an event already read into interned pair ids."""
        # Readers hand out shared tuples for repeated parts: try identity before hashing.
        known = self._by_identity.get(id(ids))
        if known is not None and known[0] is ids:
            return known[1]
        hit = self._cache.get(ids)
        if hit is None:
            memo = self._memo
            pairs = self._reader.pairs
            parts = []
            for index in ids:
                form = memo.get(index)
                if form is None:
                    slot, value = pairs[index]
                    form = memo.setdefault(index, slot + "=" + self.normalise(slot, value))
                parts.append(form)
            text = _SEP.join(parts)
            hit = (text, signature_id(text))
            self._cache[ids] = hit
        self._by_identity[id(ids)] = (ids, hit)
        return hit

    def normalise(self, slot: str, value: str) -> str:
        """One slot's value with its data parts removed."""
        if is_fixed_slot(slot):
            return value
        shape = mask_shape(value)
        if is_index_slot(slot):
            return value if value in self._values.get(slot, ()) else shape
        if is_pure_data(shape):
            return shape
        if value in self._values.get(slot, ()):
            return value
        form = skeleton(shape, self._token_df.get(slot, {}), min_support=self._support)
        if form in self._shapes.get(slot, ()):
            return form
        return DATA


def signature_id(text: str) -> int:
    """A stable 63-bit id of a signature text (the same in every process and run)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def describe_signature(text: str) -> dict[str, str]:
    """The field -> normalised value map of a signature text (for step names and selectors)."""
    fields: dict[str, str] = {}
    for part in text.split(_SEP):
        slot, _, value = part.partition("=")
        fields[slot.rsplit("/", 1)[-1]] = value
    return fields


def _derive_idle_gap(gaps: npt.NDArray[np.float64], *, params: DiscoveryParameters) -> float:
    """A gap is idle when it is far above the log's typical pause (robust, in log space)."""
    if len(gaps) == 0:
        return params.min_idle_gap_s
    logs = np.log(np.maximum(gaps, 1e-3))
    median = float(np.median(logs))
    mad = float(np.median(np.abs(logs - median))) * 1.4826
    derived = math.exp(median + params.idle_mad_factor * max(mad, 0.25))
    return max(params.min_idle_gap_s, derived)
