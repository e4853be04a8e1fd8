"""PDD stage, LLM prompt: a deterministic draft -> redacted chat messages within a token budget.

Guarantees: every string that reaches the messages has passed ``redact_for_pdd``
(``taskmine.privacy.redact_text`` plus a residual IBAN pass)
(e-mails, phone numbers, Luhn-valid card numbers, IBANs, national ids), even though the draft is
already redacted -- redaction is idempotent, so the second pass costs nothing and protects
against a field the draft forgot. The prompt is trimmed step by step (examples, then screens,
then detail sections, then trailing steps) until prompt plus answer fit ``token_budget``;
if even the smallest prompt does not fit, ``TokenBudgetError`` says by how much.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from taskmine.pdd.errors import TokenBudgetError
from taskmine.pdd.model import Pdd
from taskmine.pdd.redaction import redact_for_pdd

CHARS_PER_TOKEN = 4  # rough for English and JSON; errs high for short words
MESSAGE_OVERHEAD = 8
MIN_STEPS = 3

SYSTEM_PROMPT = (
    "You write the prose of a Process Design Document (PDD) for an RPA team, from a routine "
    "mined from recorded UI actions. Write clear business English for a business owner. Use "
    "only the facts given. Never invent figures: quote a number only if it appears in the "
    "data. Values shown as [EMAIL], [IBAN], [CARD], [PHONE], [NATIONAL_ID], [PERSON] or "
    "[ADDRESS] are redacted "
    "personal data; keep them redacted. Answer only with JSON matching the given schema: "
    "purpose (two or three sentences), one description per step number, business rules for "
    "steps where the data shows a rule, open questions for the business owner, and a TO-BE "
    "proposal describing what a bot would do and what stays with people."
)


@dataclass(frozen=True, slots=True)
class Prompt:
    """The messages to send, what they cost and what was left out to fit the budget."""

    messages: list[dict[str, str]]
    tokens: int
    max_tokens: int
    trimmed: tuple[str, ...]
    step_count: int

    @property
    def text(self) -> str:
        return "\n".join(m["content"] for m in self.messages)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def redact_payload(data: Any) -> Any:
    """``data`` with ``redact_text`` applied to every string, keys included."""
    if isinstance(data, str):
        return redact_for_pdd(data)
    if isinstance(data, dict):
        return {redact_for_pdd(str(k)): redact_payload(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [redact_payload(v) for v in data]
    return data


def build_prompt(
    pdd: Pdd, *, token_budget: int, max_output_tokens: int, min_output_tokens: int
) -> Prompt:
    """The smallest-trimmed prompt whose tokens plus an answer fit ``token_budget``."""
    levels = ["examples", "screens", "sections"]
    trimmed: list[str] = []
    step_limit = len(pdd.steps)
    while True:
        payload = redact_payload(_payload(pdd, trimmed=set(trimmed), step_limit=step_limit))
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": json.dumps(payload, ensure_ascii=False, indent=None)},
        ]
        tokens = sum(estimate_tokens(m["content"]) + MESSAGE_OVERHEAD for m in messages)
        room = token_budget - tokens
        if room >= min_output_tokens:
            return Prompt(
                messages=messages,
                tokens=tokens,
                max_tokens=min(max_output_tokens, room),
                trimmed=tuple(trimmed),
                step_count=step_limit,
            )
        if levels:
            trimmed.append(levels.pop(0))
        elif step_limit > MIN_STEPS:
            # Each dropped step costs its prompt row and its answer row; halve towards the floor.
            step_limit = max(MIN_STEPS, step_limit // 2)
            trimmed.append(f"steps after {step_limit}")
        else:
            raise TokenBudgetError(
                f"the prompt needs about {tokens} tokens and the answer at least "
                f"{min_output_tokens}, over the budget of {token_budget}; raise the token budget "
                f"to {tokens + min_output_tokens} or more"
            )


def _payload(pdd: Pdd, *, trimmed: set[str], step_limit: int) -> dict[str, Any]:
    steps = []
    for step in pdd.steps[:step_limit]:
        row: dict[str, Any] = {
            "number": step.number,
            "app": step.app,
            "action": step.action,
            "element": step.element,
            "share_of_cases": f"{step.support:.0%}",
        }
        if "screens" not in trimmed:
            row["screen"] = step.screen
        if step.input_source:
            row["value_source"] = step.input_source
        if step.input_data and "examples" not in trimmed:
            row["example_value"] = step.input_data
        if step.business_rule:
            row["observed_rule"] = step.business_rule
        steps.append(row)
    m = pdd.metrics
    payload: dict[str, Any] = {
        "process_name": pdd.overview.name,
        "applications": [
            {"name": a.name, "interface": a.interface, "version": a.version or "unknown"}
            for a in pdd.applications
        ],
        "steps": steps,
        "metrics": {
            "cases_observed": m.frequency,
            "cases_per_month": m.per_month,
            "users": m.users,
            "mean_handling_time_s": m.mean_handling_time_s,
            "hours_per_month": m.hours_per_month,
            "fte": m.fte,
        },
        "recommendation": pdd.assessment.recommendation,
        "proposed_bot_steps": list(pdd.assessment.bot_steps),
        "proposed_human_steps": list(pdd.assessment.human_steps),
    }
    if step_limit < len(pdd.steps):
        payload["note"] = f"Only the first {step_limit} of {len(pdd.steps)} steps are listed."
    if "sections" not in trimmed:
        payload["variants"] = [f"{v.description} ({v.count} cases)" for v in pdd.variants]
        payload["exceptions"] = [e.description for e in pdd.exceptions]
        payload["risks"] = [r.text for r in pdd.assessment.risks]
        payload["data_fields"] = [
            {"name": f.name, "handling": f.handling.value, "source": f.source}
            for f in pdd.output_data
        ]
    return payload
