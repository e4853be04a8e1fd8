"""PDD stage, LLM drafter: deterministic draft + prose from any OpenAI-compatible endpoint.

Flow: ``draft_pdd`` fills every section from the data; a redacted prompt within the token budget
asks the model (chat completions, structured output with the ``PddProse`` JSON schema) for prose;
the answer is parsed and checked; one invalid answer is retried once with the reason; a second
failure, a transport error or an exhausted budget falls back to the deterministic draft, and the
reason is recorded in ``document_control.drafting``. The model only writes text: numbers,
references and tables always come from the data (``merge_prose``).

A misbehaving endpoint cannot run the job away: spending is counted from the usage the endpoint
reports (it may ignore ``max_tokens``), and no retry is sent once the budget has no room for
one, so a document never exceeds its budget by more than one answer; an answer is read in
chunks and refused past ``max_response_bytes``; the whole document has one wall-clock deadline
(``timeout_s``) checked between chunks, so a server that hangs or trickles bytes is cut off
(each request's timeout is the time left; the client's own transport retries, ``max_retries``,
can each add one more).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import openai
import orjson
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from taskmine.domain.results import Candidate
from taskmine.pdd.drafter import ResultMeta, draft_pdd
from taskmine.pdd.errors import DraftingError
from taskmine.pdd.model import DraftingInfo, DraftMethod, Pdd
from taskmine.pdd.prompt import MESSAGE_OVERHEAD, Prompt, build_prompt, estimate_tokens
from taskmine.pdd.prose import PddProse, check_prose, merge_prose, parse_prose, prose_json_schema

ClientFactory = Callable[[], openai.OpenAI]
NO_KEY = "not-needed"  # local OpenAI-compatible servers accept any key; the client insists on one
# A token is ~4 characters; JSON escaping can make one up to 6 bytes (\\uXXXX): 32 bytes per
# requested token plus the envelope is far above any honest answer.
BYTES_PER_TOKEN = 32
RESPONSE_ENVELOPE_BYTES = 64 * 1024


class LlmSettings(BaseModel):
    """Where and how to ask for prose; ``model=None`` means no LLM (deterministic draft)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    model: str | None = None
    base_url: str | None = Field(default=None, description="OPENAI_BASE_URL; None = api.openai.com")
    api_key: SecretStr | None = None
    token_budget: int = Field(default=16_000, ge=1, description="Prompt + answers, per document.")
    max_output_tokens: int = Field(default=3_000, ge=1)
    min_output_tokens: int = Field(default=600, ge=1)
    timeout_s: float = Field(
        default=120.0, gt=0, description="Wall-clock limit for one document, all requests."
    )
    max_retries: int = Field(default=1, ge=0, description="Transport retries inside the client.")
    temperature: float = Field(default=0.2, ge=0, le=2)


class OpenAIDrafter:
    """Drafts a PDD with prose from a chat-completions endpoint (see the module docstring)."""

    def __init__(
        self,
        client_factory: ClientFactory,
        *,
        model: str,
        token_budget: int = 16_000,
        max_output_tokens: int = 3_000,
        min_output_tokens: int = 600,
        temperature: float = 0.2,
        timeout_s: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client_factory = client_factory
        self._timeout_s = timeout_s
        self._clock = clock
        self._model = model
        self._token_budget = token_budget
        self._max_output_tokens = max_output_tokens
        self._min_output_tokens = min_output_tokens
        self._temperature = temperature

    def draft(
        self, candidate: Candidate, *, result_meta: ResultMeta | None = None, generated_at: datetime
    ) -> Pdd:
        base = draft_pdd(candidate, result_meta=result_meta, generated_at=generated_at)
        prompt: Prompt | None = None
        try:
            prompt = build_prompt(
                base,
                token_budget=self._token_budget,
                max_output_tokens=self._max_output_tokens,
                min_output_tokens=self._min_output_tokens,
            )
            prose, attempts = self._ask(prompt)
        except DraftingError as error:
            return _fallback(
                base, self._model, reason=str(error), attempts=error.attempts, prompt=prompt
            )
        notes = (
            [f"Prompt trimmed to fit the token budget: {', '.join(prompt.trimmed)}."]
            if (prompt.trimmed)
            else []
        )
        drafting = DraftingInfo(
            method=DraftMethod.LLM,
            model=self._model,
            attempts=attempts,
            prompt_tokens_estimate=prompt.tokens,
            notes=(*base.document_control.drafting.notes, *notes),
        )
        return merge_prose(base, prose, drafting=drafting)

    def _ask(self, prompt: Prompt) -> tuple[PddProse, int]:
        client = self._client_factory()
        deadline = self._clock() + self._timeout_s
        messages = list(prompt.messages)
        spent = 0
        max_tokens = prompt.max_tokens
        problem = ""
        for attempt in (1, 2):
            content, used = self._complete(
                client, messages, max_tokens=max_tokens, attempt=attempt, deadline=deadline
            )
            spent += used
            try:
                prose = parse_prose(content)
                problems = check_prose(prose, step_count=prompt.step_count, prompt_text=prompt.text)
            except (ValueError, ValidationError) as error:
                problems = [_short(error)]
            if not problems:
                return prose, attempt
            problem = "; ".join(problems)
            if attempt == 2:
                break
            retry_note = (
                f"Your previous answer was rejected: {problem}. Answer again, only with JSON "
                "matching the schema, using only the facts and numbers given."
            )
            messages = [*prompt.messages, {"role": "user", "content": retry_note}]
            prompt_tokens = sum(estimate_tokens(m["content"]) + MESSAGE_OVERHEAD for m in messages)
            max_tokens = min(self._max_output_tokens, self._token_budget - spent - prompt_tokens)
            if max_tokens < self._min_output_tokens:
                over = " (the endpoint ignored max_tokens)" if spent > self._token_budget else ""
                raise DraftingError(
                    f"the answer was invalid ({problem}) and, after {spent} tokens used{over}, "
                    f"the token budget ({self._token_budget}) has no room for a retry",
                    attempts=attempt,
                )
        raise DraftingError(f"the answer was invalid twice; last problem: {problem}", attempts=2)

    def _complete(
        self,
        client: openai.OpenAI,
        messages: list[dict[str, str]],
        *,
        max_tokens: int,
        attempt: int,
        deadline: float,
    ) -> tuple[str | None, int]:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise DraftingError(self._late(), attempts=attempt)
        limit = max_tokens * BYTES_PER_TOKEN + RESPONSE_ENVELOPE_BYTES
        try:
            # Plain dicts are what the wire carries; the client's TypedDict overloads reject them.
            with client.with_options(
                timeout=remaining
            ).chat.completions.with_streaming_response.create(  # type: ignore[call-overload]
                model=self._model,
                messages=messages,
                response_format=prose_json_schema(),
                max_tokens=max_tokens,
                temperature=self._temperature,
            ) as raw:
                body = self._read_capped(raw.iter_bytes(), limit=limit, deadline=deadline)
            response = ChatCompletion.model_validate(orjson.loads(body))
        except (openai.APITimeoutError, httpx.TimeoutException, _Late) as error:
            raise DraftingError(self._late(), attempts=attempt) from error
        except httpx.HTTPError as error:  # raised while reading the body, outside the client
            raise DraftingError(
                f"the LLM endpoint failed: {type(error).__name__}: {_short(error)}",
                attempts=attempt,
            ) from error
        except openai.OpenAIError as error:
            raise DraftingError(
                f"the LLM endpoint failed: {type(error).__name__}: {_short(error)}",
                attempts=attempt,
            ) from error
        except _AnswerTooLarge as error:
            raise DraftingError(
                f"the LLM endpoint sent more than {limit} bytes for at most {max_tokens} "
                f"tokens ({error}); reading stopped",
                attempts=attempt,
            ) from error
        except (orjson.JSONDecodeError, ValidationError) as error:
            raise DraftingError(
                f"the LLM endpoint's answer is not a chat completion: {_short(error)}",
                attempts=attempt,
            ) from error
        if not response.choices:
            return None, _used(response, messages)
        choice = response.choices[0]
        if choice.finish_reason == "length":
            return None, _used(response, messages)
        message: Any = choice.message
        if getattr(message, "refusal", None):
            return None, _used(response, messages)
        return message.content, _used(response, messages)

    def _read_capped(self, chunks: Iterator[bytes], *, limit: int, deadline: float) -> bytes:
        body = bytearray()
        for chunk in chunks:
            body += chunk
            if len(body) > limit:
                raise _AnswerTooLarge(f"{len(body)} bytes read")
            if self._clock() > deadline:
                raise _Late
        return bytes(body)

    def _late(self) -> str:
        return (
            f"the LLM endpoint did not answer within {self._timeout_s:g} s "
            "(LlmSettings.timeout_s, for the whole document); stopped"
        )


class _AnswerTooLarge(Exception):
    pass


class _Late(Exception):
    pass


def draft_pdd_with_llm(
    candidate: Candidate,
    *,
    settings: LlmSettings,
    result_meta: ResultMeta | None = None,
    generated_at: datetime,
) -> Pdd:
    """The entry point for the drafting activity: LLM prose if configured, else deterministic."""
    if not settings.model:
        pdd = draft_pdd(candidate, result_meta=result_meta, generated_at=generated_at)
        return _fallback(
            pdd,
            None,
            reason="no LLM model configured",
            attempts=0,
            prompt=None,
            method=DraftMethod.DETERMINISTIC,
        )

    def make_client() -> openai.OpenAI:
        key = settings.api_key.get_secret_value() if settings.api_key else NO_KEY
        return openai.OpenAI(
            base_url=settings.base_url,
            api_key=key,
            timeout=settings.timeout_s,
            max_retries=settings.max_retries,
        )

    drafter = OpenAIDrafter(
        make_client,
        model=settings.model,
        token_budget=settings.token_budget,
        max_output_tokens=settings.max_output_tokens,
        min_output_tokens=settings.min_output_tokens,
        temperature=settings.temperature,
        timeout_s=settings.timeout_s,
    )
    return drafter.draft(candidate, result_meta=result_meta, generated_at=generated_at)


def _fallback(
    pdd: Pdd,
    model: str | None,
    *,
    reason: str,
    attempts: int,
    prompt: Prompt | None,
    method: DraftMethod = DraftMethod.DETERMINISTIC,
) -> Pdd:
    drafting = pdd.document_control.drafting.model_copy(
        update={
            "method": method,
            "model": model,
            "attempts": attempts,
            "prompt_tokens_estimate": prompt.tokens if prompt else None,
            "fallback_reason": reason,
        }
    )
    return pdd.model_copy(
        update={"document_control": pdd.document_control.model_copy(update={"drafting": drafting})}
    )


def _used(response: Any, messages: list[dict[str, str]]) -> int:
    usage = getattr(response, "usage", None)
    if usage is not None and getattr(usage, "total_tokens", None):
        return int(usage.total_tokens)
    text = "".join(m["content"] for m in messages)
    content = response.choices[0].message.content if response.choices else ""
    return estimate_tokens(text) + estimate_tokens(content or "")


def _short(error: BaseException, limit: int = 300) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
