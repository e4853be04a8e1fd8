"""LLM prompt and prose: redaction, the token budget, checking and merging the model's prose."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from taskmine.pdd import PddProse, TokenBudgetError, draft_pdd, prose_json_schema
from taskmine.pdd.model import DraftingInfo, DraftMethod, Pdd
from taskmine.pdd.prompt import build_prompt, estimate_tokens, redact_payload
from taskmine.pdd.prose import check_prose, merge_prose, parse_prose
from taskmine.pdd.redaction import redact_for_pdd
from taskmine.pdd.sample import build_sample_candidate, sample_result_meta

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def pdd() -> Pdd:
    return draft_pdd(build_sample_candidate(), result_meta=sample_result_meta(), generated_at=AT)


def _prose(**changes: object) -> PddProse:
    data: dict[str, object] = {
        "purpose": "Register new customers in the CRM from the quarterly sheet.",
        "step_descriptions": [{"step": 1, "description": "Open the customer row."}],
        "business_rules": [{"step": 10, "rule": "Country is always Germany for this team."}],
        "open_questions": ["Which system holds the IBAN?"],
        "to_be": "A bot copies each row into the CRM; people supply the IBAN.",
    }
    data.update(changes)
    return PddProse.model_validate(data)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pay GB82WEST12345698765432 now", "[IBAN]"),
        ("to GB82 WEST 1234 5698 7654 32 today", "[IBAN]"),
        ("card 4111 1111 1111 1111", "[CARD]"),
        ("mail zoe.canary@example.org", "[EMAIL]"),
        ("call +44 20 7946 0958", "[PHONE]"),
        ("SSN 078-05-1120", "[NATIONAL_ID]"),
    ],
)
def test_redaction_replaces_personal_data_by_its_label(text: str, label: str) -> None:
    redacted = redact_for_pdd(text)
    assert label in redacted
    assert not any(ch.isdigit() for ch in redacted.split(label)[0][-4:])
    assert redact_for_pdd(redacted) == redacted  # idempotent


def test_payload_redaction_reaches_nested_strings_and_keys() -> None:
    payload = {"a@b.example.com": ["x", {"y": "IBAN DE89370400440532013000"}], "n": 3}
    assert redact_payload(payload) == {"[EMAIL]": ["x", {"y": "IBAN [IBAN]"}], "n": 3}


def test_prompt_within_budget_is_untrimmed_and_caps_the_answer(pdd: Pdd) -> None:
    prompt = build_prompt(pdd, token_budget=20_000, max_output_tokens=3_000, min_output_tokens=500)
    assert prompt.trimmed == ()
    assert prompt.max_tokens == 3_000
    assert prompt.step_count == len(pdd.steps)
    assert prompt.tokens == sum(estimate_tokens(m["content"]) + 8 for m in prompt.messages)
    assert "Customers Q1.xlsx" in prompt.text  # screens kept
    assert "[IBAN]" in prompt.text  # examples kept, redacted


def test_tight_budget_trims_examples_first_then_steps(pdd: Pdd) -> None:
    full = build_prompt(pdd, token_budget=20_000, max_output_tokens=3_000, min_output_tokens=500)
    tight = build_prompt(
        pdd, token_budget=full.tokens + 400, max_output_tokens=3_000, min_output_tokens=500
    )
    assert tight.trimmed[0] == "examples"
    assert "example_value" not in tight.text
    assert tight.tokens + tight.max_tokens <= full.tokens + 400
    smallest = build_prompt(pdd, token_budget=1_200, max_output_tokens=3_000, min_output_tokens=500)
    assert smallest.step_count < len(pdd.steps)
    assert smallest.tokens + smallest.max_tokens <= 1_200


def test_budget_too_small_for_any_prompt_is_refused_with_the_needed_size(pdd: Pdd) -> None:
    with pytest.raises(TokenBudgetError, match=r"raise the token budget to \d+"):
        build_prompt(pdd, token_budget=300, max_output_tokens=3_000, min_output_tokens=500)


def test_schema_is_strict_and_matches_the_prose_model() -> None:
    form = prose_json_schema()
    assert form["type"] == "json_schema"
    schema = form["json_schema"]["schema"]
    assert form["json_schema"]["strict"] is True
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(PddProse.model_fields)
    for definition in schema["$defs"].values():
        assert definition["additionalProperties"] is False
        assert set(definition["required"]) == set(definition["properties"])


def test_prose_with_invented_numbers_or_unknown_steps_is_rejected(pdd: Pdd) -> None:
    prompt = build_prompt(pdd, token_budget=20_000, max_output_tokens=3_000, min_output_tokens=500)
    assert check_prose(_prose(), step_count=11, prompt_text=prompt.text) == []
    invented = _prose(to_be="The bot saves 987 hours a month.")
    assert check_prose(invented, step_count=11, prompt_text=prompt.text) == [
        "to_be states numbers not in the data: 987"
    ]
    quoted = _prose(to_be="Of the 40 cases observed, 420 a month are expected.")
    assert check_prose(quoted, step_count=11, prompt_text=prompt.text) == []
    unknown = _prose(step_descriptions=[{"step": 12, "description": "Extra."}])
    problems = check_prose(unknown, step_count=11, prompt_text=prompt.text + " 12")
    assert problems == ["unknown step numbers [12]; steps are 1..11"]


def test_parse_prose_explains_bad_json() -> None:
    with pytest.raises(ValueError, match="empty"):
        parse_prose("  ")
    with pytest.raises(ValueError, match="to_be"):
        parse_prose(
            '{"purpose": "p", "step_descriptions": [], "business_rules": [], "open_questions": []}'
        )
    fenced = "```json\n" + _prose().model_dump_json() + "\n```"
    assert parse_prose(fenced) == _prose()


def test_merge_replaces_text_and_keeps_every_figure(pdd: Pdd) -> None:
    drafting = DraftingInfo(method=DraftMethod.LLM, model="m", attempts=1)
    merged = merge_prose(pdd, _prose(), drafting=drafting)
    assert merged.overview.purpose.text.startswith("Register new customers")
    assert merged.overview.purpose.refs == pdd.overview.purpose.refs
    assert merged.steps[0].description == "Open the customer row."
    assert merged.steps[1].description == pdd.steps[1].description
    assert merged.steps[9].business_rule is not None
    assert merged.steps[9].business_rule.startswith("Country is always Germany")
    assert "75% of cases" in merged.steps[9].business_rule  # the measured fact stays
    assert merged.open_questions[-1].text == "Which system holds the IBAN?"
    assert merged.assessment.to_be.text.startswith("A bot copies")
    assert merged.assessment.to_be.refs == pdd.assessment.to_be.refs
    assert merged.metrics == pdd.metrics
    assert merged.assessment.scores == pdd.assessment.scores
    assert merged.variants == pdd.variants
    assert [s.refs for s in merged.steps] == [s.refs for s in pdd.steps]
    assert merged.document_control.drafting == drafting
