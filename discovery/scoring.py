"""Stage 6, scores and ROI: how automatable a routine is and what automating it is worth.

Formulas (documented with their parameters in docs/discovery.md):

* standardization = 1 - H(variants) / ln(max(2, occurrences)), H the Shannon entropy (nats) of
  the variant distribution: 1 when every occurrence follows the same path.
* rule_based = (1 - decisions / (steps + 1)) * (1 - 0.5 * unknown_inputs / max(1, inputs)):
  decision points of the task map lower it, and so do data-entry steps whose value neither is
  constant nor comes from a copied source (the data source is unknown).
* volume = 1 - exp(-hours_per_month / 10), duration = 1 - exp(-mean_duration_s / 60).
* automation_potential = standardization^0.35 * rule_based^0.35 * volume^0.15 * duration^0.15.
* hours_per_month = active hours observed / observed days * working_days_per_month.
* saved hours = hours_per_month * automation_share * automation_potential;
  fte = saved hours / (working_days_per_month * hours_per_day);
  build_days = build_days_base + build_days_per_step * steps + build_days_per_app * apps;
  payback_months = build_days * build_day_cost / (saved hours * hourly_cost) (None if 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from discovery.parameters import RoiParameters
from taskmine.domain.results import Roi, Scores

VOLUME_SCALE_HOURS = 10.0
DURATION_SCALE_S = 60.0


def score_standardization(variant_counts: Sequence[int]) -> float:
    """1 minus the normalised entropy of the variant distribution."""
    total = sum(variant_counts)
    if total <= 1:
        return 1.0
    entropy = -sum(c / total * math.log(c / total) for c in variant_counts if c)
    return max(0.0, 1.0 - entropy / math.log(max(2, total)))


def score_rule_based(*, decisions: int, steps: int, inputs: int, unknown_inputs: int) -> float:
    """Few decision points and known data sources make a routine rule-based."""
    branching = 1.0 - decisions / (steps + 1)
    sources = 1.0 - 0.5 * unknown_inputs / max(1, inputs)
    return max(0.0, branching) * sources


def score_routine(
    *,
    variant_counts: Sequence[int],
    decisions: int,
    steps: int,
    inputs: int,
    unknown_inputs: int,
    hours_per_month: float,
    mean_duration_s: float,
) -> Scores:
    """All scores of one routine (see the module docstring for the formulas)."""
    standardization = score_standardization(variant_counts)
    rule_based = score_rule_based(
        decisions=decisions, steps=steps, inputs=inputs, unknown_inputs=unknown_inputs
    )
    volume = 1.0 - math.exp(-hours_per_month / VOLUME_SCALE_HOURS)
    duration = 1.0 - math.exp(-mean_duration_s / DURATION_SCALE_S)
    potential = (
        standardization**0.35 * rule_based**0.35 * volume**0.15 * duration**0.15
        if min(standardization, rule_based, volume, duration) > 0
        else 0.0
    )
    return Scores(
        automation_potential=round(potential, 4),
        standardization=round(standardization, 4),
        rule_based=round(rule_based, 4),
        volume=round(volume, 4),
        duration=round(duration, 4),
    )


def estimate_roi(
    *,
    active_hours: float,
    observed_days: int,
    automation_potential: float,
    steps: int,
    apps: int,
    roi: RoiParameters,
) -> Roi:
    """Monthly hours, FTE, build effort and payback of automating one routine."""
    hours_per_month = active_hours / max(observed_days, 1) * roi.working_days_per_month
    saved = hours_per_month * roi.automation_share * automation_potential
    fte = saved / (roi.working_days_per_month * roi.hours_per_day)
    build_days = (
        roi.build_days_base + roi.build_days_per_step * steps + roi.build_days_per_app * apps
    )
    saving_value = saved * roi.hourly_cost
    payback = build_days * roi.build_day_cost / saving_value if saving_value > 0 else None
    return Roi(
        hours_per_month=round(hours_per_month, 3),
        fte=round(fte, 4),
        build_days=round(build_days, 2),
        payback_months=round(payback, 2) if payback is not None else None,
    )


def monthly_hours(*, active_hours: float, observed_days: int, roi: RoiParameters) -> float:
    """Active hours observed, scaled to a working month."""
    return active_hours / max(observed_days, 1) * roi.working_days_per_month
