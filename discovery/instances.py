"""Stage 3b, mine: cut each routine type's events into instances (start/end detection).

Within one routine type (a signature community) the events of a segment are read in order,
skipping everything else (noise and other routines in between), so consecutive instances of
the type sit side by side. A step that occurs once per instance coming round again means a new
instance has begun somewhere since its last sighting; the cut goes to the most start-like
position in between. Start-likeness is learned per signature: how often the type resumes there
after other work or a segment break, and how long the pause before it is (not while learning
from fewer than ``min_support`` anchors, where no step's pauses differ). Which signatures occur
more than once per instance is learned from their recurrence distance (shorter than half the
typical instance length); a single sighting of a once-per-instance step that comes round sooner
than its loop distance (a retried login, a redone field) does not cut either. With
``core_typical`` the typical length is measured again on the steps done in nearly every
instance of a first cut (a variant's own steps recur only with their variant), and that cut is
kept only if its instances take alternative branches (the type really mixes variants). Tolerant of
inserted noise (skipped), optional steps (instances need not be complete), swapped steps (order
inside an instance is free) and immediate repeats (removed before mining, re-attached later).
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from discovery.communities import recurrence_profile
from discovery.parameters import DiscoveryParameters

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Family-wise level of the test that a step's pauses differ from the others' (_pauses_tell_steps).
PAUSE_LEVEL = 0.01


def split_instances(
    codes: IntArray,
    segment_of: IntArray,
    labels: IntArray,
    gap_score: FloatArray,
    *,
    core_typical: bool = False,
    params: DiscoveryParameters,
) -> tuple[IntArray, IntArray]:
    """Instance id per position (-1 = in none) and the community of each instance."""
    instance_of = np.full(len(codes), -1, dtype=np.int64)
    communities: list[int] = []
    if len(codes) == 0:
        return instance_of, np.empty(0, dtype=np.int64)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    bounds = np.flatnonzero(np.diff(sorted_labels)) + 1
    starts = np.concatenate(([0], bounds)).tolist()
    ends = np.concatenate((bounds, [len(order)])).tolist()
    segment_start = np.concatenate(([True], segment_of[1:] != segment_of[:-1]))
    previous_label = _previous_attached_label(labels, segment_start)
    for begin, end in zip(starts, ends, strict=True):
        community = int(sorted_labels[begin])
        if community < 0:
            continue
        positions = order[begin:end]
        sub_codes = codes[positions]
        sub_segments = segment_of[positions]
        # Evidence that an instance starts here: the type resumes after other work or a break.
        resumes = segment_start[positions] | (previous_label[positions] != community)
        anchors = resumes.astype(np.float64)
        pause = 0.25 * np.clip(gap_score[positions], -2.0, 2.0)
        evidence = anchors + pause
        # Pass 1 learns the start steps from its anchors. With fewer than min_support of them
        # (one session, the type never resuming after other work) the pause alone places the
        # first cuts, and where no step's pauses differ from the others' it is noise: a long
        # pause before the second step of one instance gives that step a start, which makes it
        # more start-like at the next instance, until every cut sits one step off. Pass 1 then
        # goes by the anchors alone (the segment start), pass 2 weighs the pause again.
        learn = evidence
        if anchors.sum() < params.min_support and not _pauses_tell_steps(
            sub_codes, pause, min_support=params.min_support
        ):
            learn = anchors
        # A once-per-instance step coming round sooner than its loop distance is done again
        # inside the instance (a retried login), not a new instance.
        repeating, loop_distance = recurrence_profile(sub_codes, sub_segments)
        loop = loop_distance.tolist()
        code_list = sub_codes.tolist()
        segment_list = sub_segments.tolist()
        evidence_list = evidence.tolist()
        learn_list = learn.tolist()
        # Pass 1 learns which steps start instances (anchored at segment starts and resumes);
        # pass 2 cuts again with that knowledge for the whole log at once.
        cuts = _two_pass_cut(
            code_list, segment_list, evidence_list, learn_list, repeating=repeating, loop=loop
        )
        if core_typical:
            # Only a type whose instances take alternative branches mixes variants; elsewhere
            # the widest steps may be ones done twice per instance (a loop, a button shared
            # with another task) and their distance would cut instances in pieces.
            core = _core_steps(code_list, cuts, share=1.0 - params.step_share)
            repeating, loop_distance = recurrence_profile(sub_codes, sub_segments, core=core)
            recut = _two_pass_cut(
                code_list,
                segment_list,
                evidence_list,
                learn_list,
                repeating=repeating,
                loop=loop_distance.tolist(),
            )
            if _mixes_alternatives(
                sub_codes, np.asarray(recut, dtype=np.int64), share=params.step_share
            ):
                cuts = recut
        valid = _valid_instances(sub_codes.tolist(), cuts, min_steps=params.min_steps)
        renumber = {old: new for new, old in enumerate(sorted(valid))}
        mapped = np.asarray([renumber.get(value, -1) for value in cuts], dtype=np.int64)
        keep = mapped >= 0
        instance_of[positions[keep]] = mapped[keep] + len(communities)
        communities.extend([community] * len(renumber))
    return instance_of, np.asarray(communities, dtype=np.int64)


def _previous_attached_label(labels: IntArray, segment_start: npt.NDArray[np.bool_]) -> IntArray:
    """Label of the nearest earlier event of some routine type in the segment (-2 if none):
    unattached events (scattered other work) neither end nor resume a routine."""
    positions = np.arange(len(labels))
    anchor = np.where((labels >= 0) | segment_start, positions, -1)
    anchor = np.maximum.accumulate(anchor)
    shifted = np.concatenate(([-1], anchor[:-1]))
    result = np.where(shifted >= 0, labels[np.maximum(shifted, 0)], -2)
    result[segment_start] = -2
    # An anchor that is a segment start but unattached carries no label either.
    return np.where(result < 0, -2, result)


def _two_pass_cut(
    codes: list[int],
    segments: list[int],
    evidence: list[float],
    learn: list[float],
    *,
    repeating: frozenset[int],
    loop: list[float],
) -> list[int]:
    """Pass 1 learns which steps start instances (anchored at segment starts and resumes,
    with the evidence ``learn``); pass 2 cuts again with that knowledge for the whole log at
    once, with ``evidence``."""
    first = _cut(codes, segments, learn, repeating=repeating, loop=loop, prior=None)
    share = _start_shares(codes, first)
    return _cut(codes, segments, evidence, repeating=repeating, loop=loop, prior=share)


def _start_shares(codes: list[int], cuts: list[int]) -> dict[int, float]:
    """Per code, the share of its sightings that begin an instance."""
    seen: dict[int, int] = {}
    starts: dict[int, int] = {}
    previous = -1
    for code, instance in zip(codes, cuts, strict=True):
        seen[code] = seen.get(code, 0) + 1
        if instance != previous:
            starts[code] = starts.get(code, 0) + 1
            previous = instance
    return {code: starts.get(code, 0) / count for code, count in seen.items()}


def _cut(
    codes: list[int],
    segments: list[int],
    evidence: list[float],
    *,
    repeating: frozenset[int],
    loop: list[float],
    prior: dict[int, float] | None,
) -> list[int]:
    """Instance number per position: cut at segment changes and at the most start-like position
    before a once-per-instance step that comes round again. Start-likeness = the share of the
    step's sightings that began an instance (``prior``, or learned online so far) + evidence."""
    instance_start: list[int] = []
    last_seen: dict[int, int] = {}
    seen: dict[int, int] = {}
    starts: dict[int, int] = {}
    current_start = 0
    previous_segment = -1

    def likeness(position: int) -> float:
        code = codes[position]
        if prior is not None:
            share = prior.get(code, 0.0)
        else:
            share = starts.get(code, 0) / (seen.get(code, 0) + 1)
        return share + evidence[position]

    for index, (code, segment) in enumerate(zip(codes, segments, strict=True)):
        if segment != previous_segment:
            instance_start.append(index)
            starts[code] = starts.get(code, 0) + 1
            current_start = index
            last_seen = {}
            previous_segment = segment
        elif (
            code not in repeating
            and last_seen.get(code, -1) >= current_start
            and index - last_seen[code] >= loop[code]
        ):
            # Ties go to the latest position, i.e. right before the repeated step.
            best = index
            best_score = likeness(index)
            for candidate in range(index - 1, last_seen[code], -1):
                score = likeness(candidate)
                if score > best_score:
                    best, best_score = candidate, score
            instance_start.append(best)
            starts[codes[best]] = starts.get(codes[best], 0) + 1
            current_start = best
        last_seen[code] = index
        seen[code] = seen.get(code, 0) + 1
    result = [0] * len(codes)
    boundaries = [*instance_start, len(codes)]
    for number in range(len(instance_start)):
        for position in range(boundaries[number], boundaries[number + 1]):
            result[position] = number
    return result


def _core_steps(codes: list[int], cuts: list[int], *, share: float) -> frozenset[int]:
    """Steps present in at least ``share`` x as many instances as the most widespread step:
    the ones done in (nearly) every instance, whatever its variant. Relative to the widest
    step, not to the instance count, so pieces cut off by a wrong first cut do not empty it."""
    present: dict[int, set[int]] = {}
    for code, instance in zip(codes, cuts, strict=True):
        present.setdefault(code, set()).add(instance)
    widest = max((len(found) for found in present.values()), default=0)
    return frozenset(code for code, found in present.items() if len(found) >= share * widest)


def _mixes_alternatives(codes: IntArray, cuts: IntArray, *, share: float) -> bool:
    """Whether the instances take alternative branches: two steps outside the core (present
    in fewer than ``1 - share`` x as many instances as the most widespread step), each in at
    least ``share`` of the instances, that share at most ``share`` x the instances of the
    rarer one. Only then does the type mix variants whose own steps recur only with theirs."""
    instances = int(cuts.max()) + 1 if len(cuts) else 0
    steps, step_of = np.unique(codes, return_inverse=True)
    held = np.zeros((instances, len(steps)), dtype=np.float64)
    held[cuts, step_of] = 1.0
    count = held.sum(axis=0)
    outside = count < (1.0 - share) * count.max(initial=0.0)
    kept = outside & (count >= max(2.0, share * instances))
    if kept.sum() < 2:
        return False
    sub = held[:, kept]
    together = sub.T @ sub
    rarer = np.minimum.outer(count[kept], count[kept])
    return bool((together <= share * rarer).any())


def _pauses_tell_steps(codes: IntArray, pause: FloatArray, *, min_support: int) -> bool:
    """Whether some step's pauses are longer (or shorter) than the others' beyond chance: the
    mean pause score of its ``n`` sightings more than the ``1 - PAUSE_LEVEL / k`` normal quantile
    of ``sd / sqrt(n)`` away from 0 (Bonferroni over the ``k`` steps seen ``min_support`` times)."""
    steps, step_of, seen = np.unique(codes, return_inverse=True, return_counts=True)
    spread = float(pause.std())
    tested = seen >= min_support
    if spread == 0.0 or not tested.any():
        return False
    mean = np.bincount(step_of, weights=pause, minlength=len(steps)) / seen
    score = np.abs(mean[tested]) * np.sqrt(seen[tested]) / spread
    bound = NormalDist().inv_cdf(1.0 - PAUSE_LEVEL / int(tested.sum()))
    return bool(score.max() >= bound)


def _valid_instances(codes: list[int], cuts: list[int], *, min_steps: int) -> set[int]:
    distinct: dict[int, set[int]] = {}
    for code, instance in zip(codes, cuts, strict=True):
        distinct.setdefault(instance, set()).add(code)
    return {instance for instance, found in distinct.items() if len(found) >= min_steps}
