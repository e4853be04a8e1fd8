"""The pure mining core: normalise -> segment -> mine routines -> rank candidates.

Data in, data out: no clock, no I/O, no global state; the only randomness (Louvain) is seeded
by ``DiscoveryParameters.seed``. ``discover`` equals composing the four stages below.
"""

from discovery.parameters import DiscoveryParameters, RoiParameters
from discovery.pipeline import discover, split_partitions
from discovery.ranking import rank_candidates
from discovery.routines import Routine, RoutineOccurrence, mine_routines
from discovery.segments import Segment, segment_partition
from discovery.vocabulary import Vocabulary, learn_vocabulary

__all__ = [
    "DiscoveryParameters",
    "RoiParameters",
    "Routine",
    "RoutineOccurrence",
    "Segment",
    "Vocabulary",
    "discover",
    "learn_vocabulary",
    "mine_routines",
    "rank_candidates",
    "segment_partition",
    "split_partitions",
]
