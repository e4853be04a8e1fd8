"""The deterministic PDD drafter: every section from the mined data, evidence everywhere."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from taskmine.domain.results import Candidate, Variant
from taskmine.pdd import PddInputError, draft_pdd
from taskmine.pdd.model import Claim, DataHandling, Pdd
from taskmine.pdd.sample import build_sample_candidate, sample_result_meta

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
CANARIES = (
    "zoe.canary@example.org",
    "GB82WEST12345698765432",
    "4111 1111 1111 1111",
    "+44 20 7946 0958",
)


@pytest.fixture(scope="module")
def candidate() -> Candidate:
    return build_sample_candidate()


@pytest.fixture(scope="module")
def pdd(candidate: Candidate) -> Pdd:
    return draft_pdd(candidate, result_meta=sample_result_meta(), generated_at=AT)


def _recorded_ids(candidate: Candidate) -> set[str]:
    return {i for o in candidate.occurrences for i in o.event_ids}


def _claims(node: Any) -> list[Claim]:
    """Every Claim anywhere in the document."""
    if isinstance(node, Claim):
        return [node]
    if isinstance(node, BaseModel):
        return [c for name in type(node).model_fields for c in _claims(getattr(node, name))]
    if isinstance(node, tuple | list):
        return [c for item in node for c in _claims(item)]
    return []


def test_every_step_links_to_a_recorded_event_id(candidate: Candidate, pdd: Pdd) -> None:
    recorded = _recorded_ids(candidate)
    assert [s.step_index for s in pdd.steps] == list(range(len(candidate.steps)))
    for step in pdd.steps:
        assert step.refs.event_ids, f"step {step.number} has no evidence"
        assert set(step.refs.event_ids) <= recorded
        assert step.refs.steps == (step.step_index,)


def test_every_data_claim_carries_event_ids(candidate: Candidate, pdd: Pdd) -> None:
    recorded = _recorded_ids(candidate)
    claims = [c for c in _claims(pdd) if c not in pdd.overview.out_of_scope]
    assert len(claims) > 8
    for claim in claims:
        assert claim.refs.event_ids, f"claim without evidence: {claim.text}"
        assert set(claim.refs.event_ids) <= recorded
    evidenced = [
        *pdd.applications,
        *pdd.variants,
        *pdd.exceptions,
        *pdd.input_data,
        *pdd.output_data,
    ]
    assert all(item.refs.event_ids for item in evidenced)


def test_figures_are_the_candidates_own(candidate: Candidate, pdd: Pdd) -> None:
    assert pdd.metrics.frequency == candidate.frequency == pdd.overview.volumes.occurrences_observed
    assert pdd.metrics.users == candidate.users
    assert pdd.metrics.mean_handling_time_s == candidate.mean_duration_s
    assert pdd.assessment.scores.model_dump() == candidate.scores.model_dump()
    assert pdd.assessment.roi.model_dump() == candidate.roi.model_dump()
    assert pdd.metrics.hours_per_month == candidate.roi.hours_per_month
    assert pdd.metrics.variants_total == candidate.metrics["variants_total"]
    # 40 cases over the 2 observed days, 21 working days a month.
    assert pdd.overview.volumes.per_month == pytest.approx(40 / 2 * 21)


def test_drafting_twice_gives_the_same_document(candidate: Candidate) -> None:
    first = draft_pdd(candidate, result_meta=sample_result_meta(), generated_at=AT)
    second = draft_pdd(candidate, result_meta=sample_result_meta(), generated_at=AT)
    assert json.dumps(first.to_json_dict()) == json.dumps(second.to_json_dict())


def test_generated_at_is_the_only_clock(pdd: Pdd) -> None:
    control = pdd.document_control
    assert control.created_at == control.updated_at == AT
    assert control.revisions[0].at == AT
    assert control.version == 1
    assert control.status.value == "draft"


def test_naive_generation_time_is_refused(candidate: Candidate) -> None:
    with pytest.raises(PddInputError, match="time zone"):
        draft_pdd(candidate, generated_at=datetime(2026, 3, 5))  # noqa: DTZ001


def test_candidate_without_steps_is_refused(candidate: Candidate) -> None:
    empty = candidate.model_copy(update={"steps": ()})
    with pytest.raises(PddInputError, match="no steps"):
        draft_pdd(empty, generated_at=AT)


def test_copied_typed_derived_and_constant_fields_are_told_apart(pdd: Pdd) -> None:
    handling = {f.name: f.handling for f in pdd.output_data}
    assert handling == {
        "Customer name": DataHandling.COPIED,
        "E-mail": DataHandling.COPIED,
        "Last name": DataHandling.DERIVED,  # "Doe" typed after pasting "Jane Doe"
        "IBAN": DataHandling.TYPED,
        "Country": DataHandling.CONSTANT,
    }
    copied = next(f for f in pdd.output_data if f.name == "Customer name")
    assert copied.source == "copied from step 2"
    assert copied.refs.steps == (1, 3)  # the copy and the paste
    assert {f.name for f in pdd.input_data} == {"A2", "B2", "IBAN"}


def test_variants_and_exceptions_follow_the_mined_variants(pdd: Pdd) -> None:
    assert [(v.count, v.is_main) for v in pdd.variants] == [(30, True), (8, False), (2, False)]
    assert [v.share for v in pdd.variants] == [0.75, 0.2, 0.05]
    assert [e.kind for e in pdd.exceptions] == ["skipped_steps", "incomplete"]
    assert "step 10" in pdd.exceptions[0].description
    assert [e.cases for e in pdd.exceptions] == [8, 2]


def test_task_map_splits_become_decision_points(pdd: Pdd) -> None:
    texts = [c.text for c in pdd.process_map.decision_points]
    assert texts == [
        "After step 8 the path splits: step 9 (38 cases), end (2 cases).",
        "After step 9 the path splits: step 10 (30 cases), step 11 (8 cases).",
    ]
    assert pdd.steps[8].business_rule is not None
    assert "Decision point" in pdd.steps[8].business_rule


def test_personal_data_never_reaches_the_document(candidate: Candidate) -> None:
    steps = list(candidate.steps)
    steps[1] = steps[1].model_copy(update={"example_value": f"mail {CANARIES[0]} now"})
    steps[3] = steps[3].model_copy(update={"example_value": f"Pay {CANARIES[1]} now"})
    steps[7] = steps[7].model_copy(update={"window": f"Card {CANARIES[2]} - CRM"})
    steps[8] = steps[8].model_copy(update={"name": f"Call {CANARIES[3]}"})
    planted = candidate.model_copy(update={"steps": tuple(steps), "name": f"For {CANARIES[0]}"})
    text = json.dumps(draft_pdd(planted, generated_at=AT).to_json_dict(), ensure_ascii=False)
    for canary in CANARIES:
        assert canary not in text
    assert "[EMAIL]" in text
    assert "[IBAN]" in text
    assert "[CARD]" in text
    assert "[PHONE]" in text


def test_missing_task_map_and_metrics_still_draft(candidate: Candidate) -> None:
    bare = candidate.model_copy(update={"task_map": {}, "metrics": {}})
    pdd = draft_pdd(bare, generated_at=AT)
    assert pdd.process_map.transitions == ()
    assert pdd.metrics.p90_handling_time_s is None
    assert pdd.overview.volumes.observed_days == 2  # from the occurrences' dates
    assert pdd.metrics.variants_total == len(candidate.variants)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=11, unique=True))
def test_any_subset_of_steps_keeps_one_evidenced_row_per_step(indices: list[int]) -> None:
    base = build_sample_candidate()
    steps = tuple(base.steps[i] for i in indices)
    sub = base.model_copy(
        update={
            "steps": steps,
            "variants": (Variant(steps=tuple(range(len(steps))), count=base.frequency),),
            "task_map": {},
        }
    )
    pdd = draft_pdd(sub, generated_at=AT)
    assert len(pdd.steps) == len(steps)
    assert all(row.refs.event_ids == steps[row.step_index].example_event_ids for row in pdd.steps)
    assert pdd.variants[0].share == 1.0
