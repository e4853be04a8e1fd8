"""PDD stage, LLM prose: what a language model may write, how it is checked, how it is merged.

The model writes prose only (purpose, step descriptions, business rules, open questions, TO-BE
text). Guarantees: ``PddProse`` is the exact JSON schema sent as the structured-output format;
``check_prose`` rejects answers naming unknown steps, overlong text, or any number that the
prompt did not contain (a model may quote figures, never invent them); ``merge_prose`` only
replaces text fields: every number, reference and table of the deterministic draft stays.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from taskmine.pdd.model import DraftingInfo, OpenQuestion, Pdd

PROSE_SCHEMA_NAME = "pdd_prose"
MAX_TEXT = 1500
MAX_QUESTIONS = 12
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FROZEN = ConfigDict(frozen=True, extra="forbid")


class StepProse(BaseModel):
    model_config = _FROZEN
    step: int
    description: str


class RuleProse(BaseModel):
    model_config = _FROZEN
    step: int
    rule: str


class PddProse(BaseModel):
    """The prose a language model writes for one PDD (every field required, no extras)."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="PddProse")
    purpose: str
    step_descriptions: list[StepProse]
    business_rules: list[RuleProse]
    open_questions: list[str]
    to_be: str


def prose_json_schema() -> dict[str, Any]:
    """The ``response_format`` for chat completions: strict JSON schema of ``PddProse``."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": PROSE_SCHEMA_NAME,
            "strict": True,
            "schema": PddProse.model_json_schema(),
        },
    }


def parse_prose(text: str | None) -> PddProse:
    """The answer's JSON as ``PddProse``; raises ``ValueError`` saying what was wrong."""
    if not text or not text.strip():
        raise ValueError("the answer was empty")
    cleaned = text.strip()
    if cleaned.startswith("```"):  # some endpoints wrap JSON in a fence despite the schema
        cleaned = cleaned.strip("`").removeprefix("json").strip()
    return PddProse.model_validate_json(cleaned)


def check_prose(prose: PddProse, *, step_count: int, prompt_text: str) -> list[str]:
    """Problems that make ``prose`` unusable (empty list: usable)."""
    problems: list[str] = []
    allowed = _numbers(prompt_text)
    texts: list[tuple[str, str]] = [("purpose", prose.purpose), ("to_be", prose.to_be)]
    for item in prose.step_descriptions:
        texts.append((f"step {item.step} description", item.description))
    for rule in prose.business_rules:
        texts.append((f"step {rule.step} rule", rule.rule))
    texts += [(f"open question {i + 1}", q) for i, q in enumerate(prose.open_questions)]
    for where, text in texts:
        if not text.strip():
            problems.append(f"{where} is empty")
        if len(text) > MAX_TEXT:
            problems.append(f"{where} is longer than {MAX_TEXT} characters")
        invented = sorted(n for n in set(_NUMBER.findall(text)) if float(n) not in allowed)
        if invented:
            problems.append(f"{where} states numbers not in the data: {', '.join(invented)}")
    steps = [item.step for item in prose.step_descriptions] + [r.step for r in prose.business_rules]
    unknown = sorted({s for s in steps if not 1 <= s <= step_count})
    if unknown:
        problems.append(f"unknown step numbers {unknown}; steps are 1..{step_count}")
    if len(prose.open_questions) > MAX_QUESTIONS:
        problems.append(f"more than {MAX_QUESTIONS} open questions")
    return problems


def merge_prose(pdd: Pdd, prose: PddProse, *, drafting: DraftingInfo) -> Pdd:
    """``pdd`` with the model's prose in its text fields; figures and evidence unchanged."""
    descriptions = {item.step: item.description.strip() for item in prose.step_descriptions}
    rules = {item.step: item.rule.strip() for item in prose.business_rules}
    steps = []
    for step in pdd.steps:
        update: dict[str, Any] = {}
        if step.number in descriptions:
            update["description"] = descriptions[step.number]
        if step.number in rules:
            # The measured facts (share of cases, decision counts) stay, after the model's rule.
            update["business_rule"] = " ".join(
                filter(None, [rules[step.number], step.business_rule])
            )
        steps.append(step.model_copy(update=update))
    known = {q.text for q in pdd.open_questions}
    questions = (
        *pdd.open_questions,
        *(
            OpenQuestion(section="general", text=q.strip())
            for q in prose.open_questions
            if q.strip() and q.strip() not in known
        ),
    )
    overview = pdd.overview.model_copy(
        update={"purpose": pdd.overview.purpose.model_copy(update={"text": prose.purpose.strip()})}
    )
    assessment = pdd.assessment.model_copy(
        update={"to_be": pdd.assessment.to_be.model_copy(update={"text": prose.to_be.strip()})}
    )
    control = pdd.document_control.model_copy(update={"drafting": drafting})
    merged = pdd.model_copy(
        update={
            "overview": overview,
            "steps": tuple(steps),
            "open_questions": questions,
            "assessment": assessment,
            "document_control": control,
        }
    )
    return Pdd.model_validate(merged.model_dump(by_alias=True))


def _numbers(text: str) -> set[float]:
    # Compared as values, so "420" in the prose matches "420.0" in the data.
    return {float(n) for n in _NUMBER.findall(text)}
