"""The LLM drafter against a real local HTTP server speaking the chat-completions protocol.

The server (``http.server`` on 127.0.0.1, in a thread) records every request body and answers
from a queue, shaped like OpenAI's ``/v1/chat/completions`` responses. Checks: the request
carries the JSON schema and a max_tokens within budget and no unredacted personal data; an
invalid answer is retried once, then the deterministic draft is used with the reason recorded;
a valid answer's prose lands in the PDD while every number stays the data's. A misbehaving
server (usage over the budget, an enormous body, a hang, a trickle) stops the drafting with the
reason recorded, in bounded time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import openai
import pytest
from pydantic import SecretStr

from taskmine.domain.results import Candidate
from taskmine.pdd import LlmSettings, OpenAIDrafter, PddProse, draft_pdd, draft_pdd_with_llm
from taskmine.pdd.model import DraftMethod
from taskmine.pdd.sample import build_sample_candidate, sample_result_meta
from tests.integration.fakes import serving

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
CANARIES = {
    "email": "zoe.canary@example.org",
    "iban": "GB82WEST12345698765432",
    "iban_grouped": "GB29 NWBK 6016 1331 9268 19",
    "card": "4111111111111111",
    "card_spaced": "5500 0000 0000 0004",
    "phone": "+44 20 7946 0958",
    "ssn": "078-05-1120",
}
VALID_PROSE = {
    "purpose": "Register each new customer from the quarterly sheet in the CRM.",
    "step_descriptions": [
        {"step": 1, "description": "LLM: select the customer's row in the sheet."},
        {"step": 9, "description": "LLM: key in the IBAN from the signed mandate."},
    ],
    "business_rules": [{"step": 10, "rule": "LLM: the country is the team's default."}],
    "open_questions": ["LLM: is the IBAN also stored in the ERP?"],
    "to_be": "LLM: a bot fills the CRM form from the sheet; a person supplies the IBAN.",
}


class _ChatServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies: list[bytes] = []
        self.replies: list[tuple[int, dict[str, Any]]] = []
        self.hang_s = 0.0  # wait this long before answering (or until released)
        self.trickle_s = 0.0  # send the body one byte per this many seconds
        self.released = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: _ChatServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.bodies.append(body)
        if self.path != "/v1/chat/completions":
            status, reply = 404, {"error": {"message": f"no route {self.path}"}}
        elif self.server.replies:
            status, reply = self.server.replies.pop(0)
        else:
            status, reply = 500, {"error": {"message": "no reply queued"}}
        data = json.dumps(reply).encode()
        if self.server.hang_s:
            self.server.released.wait(self.server.hang_s)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not self.server.trickle_s:
                self.wfile.write(data)
            for byte in data if self.server.trickle_s else b"":
                if self.server.released.wait(self.server.trickle_s):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the client stopped reading: what the limits are for

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # keep test output clean


def _completion(
    content: str, *, finish: str = "stop", total_tokens: int = 1200
) -> tuple[int, dict[str, Any]]:
    return 200, {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_772_000_000,
        "model": "local-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": 900,
            "completion_tokens": total_tokens - 900,
            "total_tokens": total_tokens,
        },
    }


@pytest.fixture
def server() -> Iterator[_ChatServer]:
    chat = _ChatServer()
    with serving(chat, before_shutdown=chat.released):
        yield chat


@pytest.fixture(scope="module")
def planted() -> Candidate:
    """The sample candidate with personal data in example values, window titles and names."""
    base = build_sample_candidate()
    steps = list(base.steps)
    steps[1] = steps[1].model_copy(update={"example_value": f"Mail {CANARIES['email']} today"})
    steps[3] = steps[3].model_copy(update={"example_value": f"Pay {CANARIES['iban']} now"})
    steps[5] = steps[5].model_copy(update={"example_value": CANARIES["card"]})
    steps[6] = steps[6].model_copy(update={"window": f"Card {CANARIES['card_spaced']} - CRM"})
    steps[7] = steps[7].model_copy(
        update={"name": f"Call {CANARIES['phone']}", "example_value": CANARIES["ssn"]}
    )
    steps[8] = steps[8].model_copy(update={"example_value": f"to {CANARIES['iban_grouped']} ok"})
    return base.model_copy(
        update={"steps": tuple(steps), "name": f"Customers of {CANARIES['email']}"}
    )


def _drafter(
    server: _ChatServer, *, token_budget: int = 16_000, timeout_s: float = 120.0
) -> OpenAIDrafter:
    def make_client() -> openai.OpenAI:
        return openai.OpenAI(base_url=server.base_url, api_key="test-key", max_retries=0)

    return OpenAIDrafter(
        make_client, model="local-model", token_budget=token_budget, timeout_s=timeout_s
    )


def test_request_carries_the_schema_and_no_unredacted_personal_data(
    server: _ChatServer, planted: Candidate
) -> None:
    server.replies.append(_completion(json.dumps(VALID_PROSE)))
    settings = LlmSettings(
        model="local-model", base_url=server.base_url, api_key=SecretStr("k"), max_retries=0
    )
    pdd = draft_pdd_with_llm(planted, settings=settings, generated_at=AT)
    assert pdd.document_control.drafting.method is DraftMethod.LLM
    assert len(server.bodies) == 1
    raw = server.bodies[0].decode()
    request = json.loads(raw)
    assert request["model"] == "local-model"
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["schema"] == PddProse.model_json_schema()
    assert request["response_format"]["json_schema"]["strict"] is True
    assert 600 <= request["max_tokens"] <= 3_000
    for name, canary in CANARIES.items():
        assert canary not in raw, f"{name} leaked"
        assert canary.replace(" ", "") not in raw.replace(" ", ""), f"{name} leaked unspaced"
    user = request["messages"][-1]["content"]
    for label in ("[EMAIL]", "[IBAN]", "[CARD]", "[PHONE]", "[NATIONAL_ID]"):
        assert label in user


def test_valid_answer_prose_lands_and_numbers_stay_the_datas(server: _ChatServer) -> None:
    candidate = build_sample_candidate()
    server.replies.append(_completion(json.dumps(VALID_PROSE)))
    pdd = _drafter(server).draft(candidate, result_meta=sample_result_meta(), generated_at=AT)
    plain = draft_pdd(candidate, result_meta=sample_result_meta(), generated_at=AT)
    drafting = pdd.document_control.drafting
    assert (drafting.method, drafting.model, drafting.attempts) == (
        DraftMethod.LLM,
        "local-model",
        1,
    )
    assert drafting.fallback_reason is None
    assert pdd.overview.purpose.text == VALID_PROSE["purpose"]
    assert pdd.steps[0].description.startswith("LLM: select")
    assert pdd.steps[8].description.startswith("LLM: key in")
    assert pdd.steps[1].description == plain.steps[1].description
    assert pdd.assessment.to_be.text.startswith("LLM: a bot")
    assert pdd.open_questions[-1].text == "LLM: is the IBAN also stored in the ERP?"
    assert pdd.metrics == plain.metrics
    assert pdd.overview.volumes == plain.overview.volumes
    assert pdd.assessment.scores == plain.assessment.scores
    assert pdd.assessment.roi == plain.assessment.roi
    assert [s.refs for s in pdd.steps] == [s.refs for s in plain.steps]
    assert [s.support for s in pdd.steps] == [s.support for s in plain.steps]


def test_invalid_answer_is_retried_then_falls_back_with_the_reason(server: _ChatServer) -> None:
    candidate = build_sample_candidate()
    missing_field = {k: v for k, v in VALID_PROSE.items() if k != "to_be"}
    server.replies += [
        _completion("Sure! Here is your PDD."),
        _completion(json.dumps(missing_field)),
    ]
    pdd = _drafter(server).draft(candidate, generated_at=AT)
    assert len(server.bodies) == 2
    retry = json.loads(server.bodies[1])
    assert "previous answer was rejected" in retry["messages"][-1]["content"]
    assert retry["response_format"] == json.loads(server.bodies[0])["response_format"]
    drafting = pdd.document_control.drafting
    assert drafting.method is DraftMethod.DETERMINISTIC
    assert drafting.attempts == 2
    assert drafting.fallback_reason is not None
    assert "invalid twice" in drafting.fallback_reason
    assert "to_be" in drafting.fallback_reason
    plain = draft_pdd(candidate, generated_at=AT)
    assert pdd.model_copy(update={"document_control": plain.document_control}) == plain


def test_retry_with_a_valid_answer_is_used(server: _ChatServer) -> None:
    invented = {**VALID_PROSE, "to_be": "The bot will save 987 hours."}
    server.replies += [_completion(json.dumps(invented)), _completion(json.dumps(VALID_PROSE))]
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    assert len(server.bodies) == 2
    assert "987" in json.loads(server.bodies[1])["messages"][-1]["content"]
    assert pdd.document_control.drafting.attempts == 2
    assert pdd.document_control.drafting.method is DraftMethod.LLM
    assert pdd.assessment.to_be.text == VALID_PROSE["to_be"]


def test_truncated_answer_counts_as_invalid(server: _ChatServer) -> None:
    server.replies += [
        _completion('{"purpose": "cut', finish="length"),
        _completion(json.dumps(VALID_PROSE)),
    ]
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    assert pdd.document_control.drafting.attempts == 2
    assert pdd.overview.purpose.text == VALID_PROSE["purpose"]


def test_endpoint_error_falls_back_with_the_reason(server: _ChatServer) -> None:
    server.replies.append((503, {"error": {"message": "overloaded", "type": "server_error"}}))
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    drafting = pdd.document_control.drafting
    assert drafting.method is DraftMethod.DETERMINISTIC
    assert drafting.fallback_reason is not None
    assert "endpoint failed" in drafting.fallback_reason
    assert "InternalServerError" in drafting.fallback_reason


def test_budget_too_small_sends_nothing_and_says_why(server: _ChatServer) -> None:
    pdd = _drafter(server, token_budget=400).draft(build_sample_candidate(), generated_at=AT)
    assert server.bodies == []
    reason = pdd.document_control.drafting.fallback_reason
    assert reason is not None
    assert "over the budget of 400" in reason


def test_no_model_configured_drafts_deterministically(server: _ChatServer) -> None:
    pdd = draft_pdd_with_llm(
        build_sample_candidate(), settings=LlmSettings(base_url=server.base_url), generated_at=AT
    )
    assert server.bodies == []
    assert pdd.document_control.drafting.method is DraftMethod.DETERMINISTIC
    assert pdd.document_control.drafting.fallback_reason == "no LLM model configured"


# -- a misbehaving endpoint: the job stops at its budget, its size and its deadline ------------


def test_usage_over_the_budget_sends_no_retry_and_says_why(server: _ChatServer) -> None:
    # The server ignored max_tokens: one invalid answer that cost three times the budget.
    server.replies += [
        _completion("Sure! Here is your PDD.", total_tokens=48_000),
        _completion(json.dumps(VALID_PROSE)),
    ]
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    assert len(server.bodies) == 1
    drafting = pdd.document_control.drafting
    assert drafting.method is DraftMethod.DETERMINISTIC
    assert drafting.attempts == 1
    reason = drafting.fallback_reason or ""
    assert "after 48000 tokens used" in reason
    assert "ignored max_tokens" in reason
    assert "no room for a retry" in reason


def test_an_answer_within_budget_still_gets_its_one_retry(server: _ChatServer) -> None:
    server.replies += [
        _completion("Sure! Here is your PDD.", total_tokens=4_000),
        _completion(json.dumps(VALID_PROSE), total_tokens=4_500),
    ]
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    assert len(server.bodies) == 2
    retry_budget = json.loads(server.bodies[1])["max_tokens"]
    assert retry_budget <= 16_000 - 4_000
    assert pdd.document_control.drafting.method is DraftMethod.LLM


def test_an_enormous_answer_is_cut_off_and_falls_back(server: _ChatServer) -> None:
    server.replies.append(_completion("x" * 20_000_000))
    started = time.monotonic()
    pdd = _drafter(server).draft(build_sample_candidate(), generated_at=AT)
    assert time.monotonic() - started < 30
    assert len(server.bodies) == 1
    drafting = pdd.document_control.drafting
    assert drafting.method is DraftMethod.DETERMINISTIC
    assert "reading stopped" in (drafting.fallback_reason or "")


def test_a_hanging_server_times_out_and_falls_back_in_bounded_time(server: _ChatServer) -> None:
    server.hang_s = 60.0
    server.replies.append(_completion(json.dumps(VALID_PROSE)))
    started = time.monotonic()
    pdd = _drafter(server, timeout_s=1.0).draft(build_sample_candidate(), generated_at=AT)
    took = time.monotonic() - started
    print(f"hanging server: fell back after {took:.2f} s (timeout 1 s)")
    assert took < 10
    drafting = pdd.document_control.drafting
    assert drafting.method is DraftMethod.DETERMINISTIC
    assert "did not answer within 1 s" in (drafting.fallback_reason or "")


def test_a_trickling_server_is_cut_off_at_the_deadline(server: _ChatServer) -> None:
    # Each byte comes well within the read timeout; only a deadline for the whole answer helps.
    server.trickle_s = 0.05
    server.replies.append(_completion(json.dumps(VALID_PROSE)))
    started = time.monotonic()
    pdd = _drafter(server, timeout_s=1.5).draft(build_sample_candidate(), generated_at=AT)
    took = time.monotonic() - started
    print(f"trickling server: fell back after {took:.2f} s (timeout 1.5 s)")
    assert took < 10
    assert "did not answer within 1.5 s" in (pdd.document_control.drafting.fallback_reason or "")
