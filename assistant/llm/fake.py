"""Test fake for the chat-model seam: replays scripted answers (or raises scripted errors), records every call."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

__all__ = ["ScriptedChatModel"]


class ScriptedChatModel(BaseChatModel):
    """Each call takes the next script item: a string is the answer, an exception is raised instead.

    `calls` keeps (messages, kwargs) per call, so tests can read the prompt, the re-ask and the response_format.
    Streaming splits the answer into `chunk_size`-character chunks.
    """

    script: list[str | BaseException]
    chunk_size: int = 7
    calls: list[tuple[list[BaseMessage], dict[str, Any]]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        self.calls.append((list(messages), dict(kwargs)))
        if not self.script:
            raise AssertionError("the scripted chat model ran out of answers")
        item = self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._next(messages, kwargs)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages, kwargs)
        for start in range(0, len(text), self.chunk_size):
            yield ChatGenerationChunk(message=AIMessageChunk(content=text[start:start + self.chunk_size]))
