"""Structured answers: parse the model's JSON, validate it with pydantic, re-ask once with the error, then give up.

Also the incremental reader that pulls the `reply` string out of a JSON answer while it streams.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError

from assistant.errors import LLMInvalidError
from assistant.llm.chat import Budget, ChatClient

__all__ = ["ReplyStreamReader", "ask_structured", "describe_error", "extract_json", "validate_answer"]

T = TypeVar("T", bound=BaseModel)
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


def extract_json(text: str) -> str:
    """The JSON object in an answer, without code fences or chatter around it (small models add both)."""
    stripped = _FENCE.sub("", text.strip())
    start, end = stripped.find("{"), stripped.rfind("}")
    if start == -1 or end < start:
        raise ValueError("the answer contains no JSON object")
    return stripped[start:end + 1]


def describe_error(exc: ValidationError | ValueError) -> str:
    """A short, model-readable list of what is wrong with the answer."""
    if not isinstance(exc, ValidationError):
        return str(exc)
    lines = []
    for err in exc.errors(include_url=False)[:6]:
        where = ".".join(str(p) for p in err["loc"]) or "answer"
        lines.append(f"- {where}: {err['msg']}")
    return "\n".join(lines)


def validate_answer(raw: str, schema: type[T], context: dict[str, Any] | None = None) -> T:
    """Parse and validate one answer; raises ValidationError or ValueError with a readable message."""
    if not raw.strip():
        raise ValueError("the answer was empty")
    try:
        data = json.loads(extract_json(raw))
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON: {exc.msg} at position {exc.pos}") from exc
    return schema.model_validate(data, context=context)


def ask_structured(
    chat: ChatClient,
    messages: Sequence[BaseMessage],
    schema: type[T],
    budget: Budget,
    reask: Callable[[str], str],
    context: dict[str, Any] | None = None,
    first_answer: str | None = None,
) -> T:
    """Ask, validate, and on an invalid answer ask once more with the error; LLMInvalidError if still invalid.

    `first_answer` is an answer already received (a finished stream), validated before asking anything.
    """
    raw = first_answer if first_answer is not None else chat.complete(messages, schema, budget)
    try:
        return validate_answer(raw, schema, context)
    except (ValidationError, ValueError) as exc:
        problem = describe_error(exc)
    retry = [*messages, AIMessage(content=raw or "(empty)"), HumanMessage(content=reask(problem))]
    raw = chat.complete(retry, schema, budget)
    try:
        return validate_answer(raw, schema, context)
    except (ValidationError, ValueError) as exc:
        raise LLMInvalidError(f"the LLM answered invalid JSON twice; last problem: {describe_error(exc)}") from exc


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_REPLY_KEY = re.compile(r'"reply"\s*:\s*"')


def _hex(text: str) -> int | None:
    try:
        return int(text, 16) if len(text) == 4 else None
    except ValueError:
        return None


def _unicode_escape(raw: str, i: int) -> tuple[str, int]:
    """Decode the \\uXXXX escape at raw[i] (joining surrogate pairs); (char, length), or ("", 0) if incomplete."""
    if i + 6 > len(raw):
        return "", 0
    high = _hex(raw[i + 2:i + 6])
    if high is None:
        return "?", 6
    if not 0xD800 <= high < 0xDC00:
        return chr(high), 6
    if i + 12 > len(raw):
        return "", 0
    low = _hex(raw[i + 8:i + 12]) if raw[i + 6:i + 8] == "\\u" else None
    if low is None or not 0xDC00 <= low < 0xE000:
        return "?", 6
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), 12


class ReplyStreamReader:
    """Feed raw JSON chunks; get back the decoded characters of the top-level "reply" string as they arrive."""

    def __init__(self) -> None:
        self.raw = ""
        self._pos: int | None = None  # where the reply's characters start in `raw`, once found
        self._done = False

    def feed(self, chunk: str) -> str:
        self.raw += chunk
        if self._done:
            return ""
        if self._pos is None:
            found = _REPLY_KEY.search(self.raw)
            if found is None:
                return ""
            self._pos = found.end()
        out, i = [], self._pos
        while i < len(self.raw):
            ch = self.raw[i]
            if ch == '"':
                self._done = True
                i += 1
                break
            if ch != "\\":
                out.append(ch)
                i += 1
                continue
            if i + 1 >= len(self.raw):
                break  # the escape is split across chunks: wait for the rest
            code = self.raw[i + 1]
            if code == "u":
                char, used = _unicode_escape(self.raw, i)
                if used == 0:
                    break  # wait for the rest of the escape
                out.append(char)
                i += used
            else:
                out.append(_ESCAPES.get(code, code))
                i += 2
        self._pos = i
        return "".join(out)
