"""Discovery configuration: the per-project knobs of mining, scoring and ROI, with defaults.

Every threshold the pipeline uses is either here (documented, the same for every log) or derived
from the log's own statistics at run time. The models are frozen pydantic models so that a
project can store them as JSON and a Temporal workflow can carry them as a payload.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class RoiParameters(BaseModel):
    """What an hour of work and a day of automation build cost in one project."""

    model_config = _FROZEN
    hourly_cost: float = Field(default=45.0, gt=0, description="Loaded cost of one work hour.")
    working_days_per_month: float = Field(default=21.0, gt=0)
    hours_per_day: float = Field(default=8.0, gt=0, description="Hours of one FTE day.")
    build_days_base: float = Field(
        default=1.0, ge=0, description="Fixed build effort per bot (setup, test, deploy)."
    )
    build_days_per_step: float = Field(default=0.1, ge=0)
    build_days_per_app: float = Field(default=1.0, ge=0)
    build_day_cost: float = Field(default=600.0, ge=0, description="Cost of one developer day.")
    automation_share: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Share of the manual time a bot removes when potential is 1.",
    )


class DiscoveryParameters(BaseModel):
    """Mining thresholds. Defaults are the same for every log; see docs/discovery.md."""

    model_config = _FROZEN
    seed: int = Field(default=0, description="Seed of the community detection (determinism).")
    min_support: int = Field(
        default=3,
        ge=2,
        description="A name part or action signature must recur this often to be kept.",
    )
    min_idle_gap_s: float = Field(
        default=60.0, gt=0, description="Idle gaps shorter than this never split a segment."
    )
    idle_mad_factor: float = Field(
        default=6.0,
        gt=0,
        description="A gap is idle when its log exceeds the median log gap by this many MADs.",
    )
    window: int = Field(
        default=8, ge=1, le=48, description="Farthest pair of one chunk counted as co-occurring."
    )
    min_edge_weight: float = Field(
        default=0.15, ge=0, le=1, description="Weakest association kept in the signature graph."
    )
    attach_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="A signature joins a routine only if its strongest association reaches this.",
    )
    resolution: float = Field(default=1.0, gt=0, description="Louvain resolution.")
    chain_share: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="Two communities that follow each other this consistently are one routine.",
    )
    min_occurrences: int = Field(default=3, ge=2, description="Instances a routine needs.")
    min_steps: int = Field(default=2, ge=1, description="Distinct steps an instance needs.")
    step_share: float = Field(
        default=0.1,
        gt=0,
        le=1,
        description="Share of occurrences a signature must appear in to be a routine step.",
    )
    active_gap_s: float = Field(
        default=30.0, gt=0, description="Pauses longer than this inside an occurrence are idle."
    )
    max_variants: int = Field(default=50, ge=1, description="Variants listed per candidate.")
    roi: RoiParameters = Field(default_factory=RoiParameters)


class InvalidParametersError(ValueError):
    """A project's discovery settings that ``DiscoveryParameters`` refuses, said readably."""


def parse_parameters(overrides: dict[str, Any]) -> DiscoveryParameters:
    """``DiscoveryParameters`` from a project's overrides (defaults for everything unset), or
    ``InvalidParametersError`` naming each setting and what is wrong with it."""
    try:
        return DiscoveryParameters.model_validate(overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise InvalidParametersError(
            f"the project's discovery settings are not valid ({problems}); fix them in the "
            "project settings and start a new job"
        ) from None
