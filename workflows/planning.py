"""Activity support (plan stage, pure): a job's pinned discovery settings checked, and its
partitions grouped into the chunks that segmentation runs on.

``parse_discovery_parameters`` turns the pinned overrides into ``DiscoveryParameters`` or says
what to fix. ``balance_chunks`` groups the sorted partitions into contiguous runs of about
equal event count, one segmentation activity each. ``MiningInputError`` is what a job that
cannot succeed as asked raises. The workflow's retry policy names the class, so the name must
stay, and the workflow never retries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from discovery import DiscoveryParameters
from discovery.parameters import InvalidParametersError, parse_parameters
from workflows.models import PartitionKey


class MiningInputError(Exception):
    """The job cannot succeed as asked (no events, invalid settings): never retried."""


def parse_discovery_parameters(overrides: dict[str, Any]) -> DiscoveryParameters:
    try:
        return parse_parameters(overrides)
    except InvalidParametersError as error:
        raise MiningInputError(str(error)) from None


def balance_chunks(
    partitions: Sequence[PartitionKey], wanted: int
) -> tuple[tuple[PartitionKey, ...], ...]:
    """Contiguous runs of the (sorted) partitions with about equal event counts each."""
    count = max(1, min(wanted, len(partitions)))
    total = sum(p.events for p in partitions)
    chunks: list[tuple[PartitionKey, ...]] = []
    current: list[PartitionKey] = []
    seen = 0
    for index, partition in enumerate(partitions):
        current.append(partition)
        seen += partition.events
        left = len(partitions) - index - 1
        still_to_fill = count - len(chunks) - 1
        full = seen >= total * (len(chunks) + 1) / count
        if still_to_fill > 0 and (full or left == still_to_fill):
            chunks.append(tuple(current))
            current = []
    if current:
        chunks.append(tuple(current))
    return tuple(chunks)
