"""One chat call to an OpenAI-compatible server: time budget, retries with backoff, format degrading, errors.

Every openai/httpx error is translated to the LLMError tree here, at the boundary. Retries (429, 5xx, dropped
connections) are ours, not the client's, so that one budget bounds all the calls made for one draft.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

import httpx
import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel
from tenacity import RetryCallState, Retrying, retry_if_exception

from assistant.errors import LLMError, LLMTimeoutError, LLMUnavailableError, LLMUnreachableError

__all__ = ["Budget", "ChatClient", "FormatMode", "RetryPolicy", "translate_error"]

# openai 1.x/2.x sit on httpx, openai 3.x on httpx2: a raw transport error may come from either.
_TIMEOUTS: tuple[type[BaseException], ...] = (openai.APITimeoutError, httpx.TimeoutException)
_TRANSPORT: tuple[type[BaseException], ...] = (openai.APIConnectionError, httpx.TransportError)
_FOREIGN: tuple[type[BaseException], ...] = (openai.OpenAIError, httpx.HTTPError, ValueError)
try:
    import httpx2

    _TIMEOUTS += (httpx2.TimeoutException,)
    _TRANSPORT += (httpx2.TransportError,)
    _FOREIGN += (httpx2.HTTPError,)
except ImportError:  # pragma: no cover - depends on the openai version installed
    pass

FormatMode = Literal["json_schema", "json_object", "prompt"]
NEXT_MODE: dict[FormatMode, FormatMode] = {"json_schema": "json_object", "json_object": "prompt"}
MAX_RETRY_AFTER_S = 30.0


class Budget:
    """The time left for everything one draft (or one classification) may spend on the LLM."""

    def __init__(self, total_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._deadline = clock() + total_s
        self.total_s = total_s

    def remaining(self) -> float:
        return self._deadline - self._clock()

    def timeout(self, per_call_s: float) -> float:
        """The timeout for the next call: the per-call limit, or what is left of the budget if that is less."""
        left = self.remaining()
        if left <= 0.05:
            raise LLMTimeoutError(f"the LLM time budget of {self.total_s:g} s is used up. "
                                  "Raise REPLY_ASSISTANT_LLM_BUDGET_S or use a faster model.")
        return min(per_call_s, left)


@dataclass(frozen=True)
class RetryPolicy:
    timeout_s: float = 20.0
    max_retries: int = 2
    backoff_s: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)


def _status(exc: BaseException) -> int | None:
    return exc.status_code if isinstance(exc, openai.APIStatusError) else None


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, _TIMEOUTS):
        return False  # a timeout has already spent its share of the budget
    if isinstance(exc, _TRANSPORT):
        return True
    status = _status(exc)
    return status is not None and (status == 429 or status >= 500)


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return min(float(value), MAX_RETRY_AFTER_S) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def translate_error(exc: BaseException) -> LLMError | None:
    """An openai/httpx error as one of ours, with a message that says what to do; None for anything else.

    ValueError counts as the server's: LangChain raises it for a response it cannot read. Other exceptions
    are bugs, and stay what they are.
    """
    if isinstance(exc, LLMError):
        return exc
    if not isinstance(exc, _FOREIGN):
        return None
    if isinstance(exc, _TIMEOUTS):
        return LLMTimeoutError("the LLM server did not answer in time. Raise REPLY_ASSISTANT_LLM_TIMEOUT_S "
                               "or check the server's load.")
    if isinstance(exc, _TRANSPORT):
        return LLMUnreachableError(f"cannot reach the LLM server ({exc}). Check REPLY_ASSISTANT_OPENAI_BASE_URL "
                                   "and that the server is running.")
    status = _status(exc)
    detail = getattr(exc, "message", str(exc))
    if status is not None and (status == 429 or status >= 500):
        return LLMUnavailableError(f"the LLM server kept answering HTTP {status} ({detail}). Try again later.")
    if status in (401, 403):
        return LLMError(f"the LLM server refused the key (HTTP {status}). Check REPLY_ASSISTANT_OPENAI_API_KEY.")
    if status == 404:
        return LLMError(f"the LLM server does not know the model or path (HTTP 404: {detail}). "
                        "Check REPLY_ASSISTANT_OPENAI_MODEL and REPLY_ASSISTANT_OPENAI_BASE_URL.")
    return LLMError(f"the LLM call failed: {detail}")


def _raise_translated(exc: Exception) -> NoReturn:
    ours = translate_error(exc)
    if ours is None:
        raise exc
    raise ours from exc


def _rejects_format(exc: BaseException) -> bool:
    """A 400/422 to a request carrying response_format: this server does not take that format."""
    return _status(exc) in (400, 422)


def response_format(mode: FormatMode, schema: type[BaseModel]) -> dict[str, Any] | None:
    if mode == "json_schema":
        return {"type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False}}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


class ChatClient:
    """A LangChain chat model (ChatOpenAI, or a scripted fake) with our budget, retries and format ladder.

    `mode` starts at the configured format and steps down (json_schema -> json_object -> prompt) the first time
    the server rejects one; it stays down for the life of the client, so only the first draft pays for it.
    """

    def __init__(self, model: BaseChatModel, policy: RetryPolicy, mode: FormatMode = "json_schema") -> None:
        self.model = model
        self.policy = policy
        self.mode: FormatMode = mode

    def _retrying(self, budget: Budget) -> Retrying:
        policy = self.policy

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            after = _retry_after(exc) if exc else None
            backoff = policy.backoff_s * 2 ** (state.attempt_number - 1) * (1 + random.random() / 4)
            return after if after is not None else backoff

        def stop(state: RetryCallState) -> bool:
            return state.attempt_number > policy.max_retries or state.upcoming_sleep >= budget.remaining() - 0.05

        return Retrying(retry=retry_if_exception(_retryable), wait=wait, stop=stop, sleep=policy.sleep, reraise=True)

    def _call_kwargs(self, mode: FormatMode, schema: type[BaseModel], budget: Budget) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"timeout": budget.timeout(self.policy.timeout_s)}
        fmt = response_format(mode, schema)
        if fmt is not None:
            # extra_body keeps LangChain on the plain chat.completions path (no beta `parse` helpers).
            kwargs["extra_body"] = {"response_format": fmt}
        return kwargs

    def _with_ladder(self, call: Callable[[dict[str, Any]], Any], schema: type[BaseModel], budget: Budget) -> Any:
        while True:
            mode = self.mode
            try:
                for attempt in self._retrying(budget):
                    with attempt:
                        return call(self._call_kwargs(mode, schema, budget))
            except Exception as exc:
                if mode in NEXT_MODE and _rejects_format(exc):
                    self.mode = NEXT_MODE[mode]
                    continue
                _raise_translated(exc)
            raise LLMError("the retry loop ended without an answer")  # pragma: no cover - tenacity reraises

    def complete(self, messages: Sequence[BaseMessage], schema: type[BaseModel], budget: Budget) -> str:
        """The text of one answer."""
        message = self._with_ladder(lambda kw: self.model.invoke(messages, **kw), schema, budget)
        return str(message.text)

    def stream(self, messages: Sequence[BaseMessage], schema: type[BaseModel], budget: Budget) -> Iterator[str]:
        """The answer's text in chunks as they arrive. Only opening the stream is retried."""

        def open_stream(kwargs: dict[str, Any]) -> tuple[str, Iterator[Any]]:
            chunks = iter(self.model.stream(messages, **kwargs))
            first = next(chunks, None)
            return (str(first.text) if first is not None else ""), chunks

        first, chunks = self._with_ladder(open_stream, schema, budget)
        if first:
            yield first
        try:
            for chunk in chunks:
                if budget.remaining() <= 0:
                    raise LLMTimeoutError(f"the LLM time budget of {budget.total_s:g} s ran out while streaming.")
                if chunk.text:
                    yield str(chunk.text)
        except Exception as exc:
            _raise_translated(exc)
