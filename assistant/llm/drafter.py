"""The LLM drafter and classifier: any OpenAI-compatible server through LangChain's ChatOpenAI.

Both raise LLMError (its `kind` is the fallback flag); the pipeline falls back to the offline parts on it.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from assistant.errors import LLMError
from assistant.llm.chat import Budget, ChatClient, FormatMode, RetryPolicy
from assistant.llm.prompts import classify_prompt, draft_prompt, reask_prompt, snippet_ids
from assistant.llm.schemas import LLMDraft, LLMIntent
from assistant.llm.structured import ReplyStreamReader, ask_structured
from assistant.models import CATEGORY_OF, Classification, DraftContext, Intent
from assistant.settings import Settings

__all__ = ["LLMClassifier", "OpenAIDrafter", "chat_client", "make_chat_model"]


def make_chat_model(settings: Settings) -> BaseChatModel:
    """ChatOpenAI for the configured server. Our ChatClient retries, so the client's own retries are off."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    if settings.openai_api_key is None and settings.openai_base_url is None:
        raise LLMError("--llm openai needs REPLY_ASSISTANT_OPENAI_API_KEY (OpenAI) or REPLY_ASSISTANT_OPENAI_BASE_URL "
                       "(a self-hosted server such as vLLM, llama.cpp or Ollama).")
    key = settings.openai_api_key or SecretStr("not-needed")  # self-hosted servers ignore it; the client needs one
    return ChatOpenAI(
        model=settings.openai_model, base_url=settings.openai_base_url, api_key=key,
        timeout=settings.llm_timeout_s, max_retries=0, temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens, use_responses_api=False, stream_usage=False,
    )


def chat_client(settings: Settings, model: BaseChatModel | None = None) -> ChatClient:
    policy = RetryPolicy(timeout_s=settings.llm_timeout_s, max_retries=settings.llm_max_retries,
                         backoff_s=settings.llm_backoff_s)
    mode: FormatMode = "json_schema" if settings.llm_structured == "auto" else settings.llm_structured
    return ChatClient(model or make_chat_model(settings), policy, mode)


class OpenAIDrafter:
    """Drafts with the LLM: prompt from prompts/draft.j2, JSON answer validated by LLMDraft, one re-ask."""

    name = "openai"

    def __init__(self, chat: ChatClient, prompts_dir: Path, budget_s: float) -> None:
        self.chat = chat
        self._prompts_dir = prompts_dir
        self._budget_s = budget_s

    @classmethod
    def from_settings(cls, settings: Settings, model: BaseChatModel | None = None) -> OpenAIDrafter:
        return cls(chat_client(settings, model), settings.prompts_dir, settings.llm_budget_s)

    def _reask(self, problem: str) -> str:
        return reask_prompt(self._prompts_dir, problem)

    def write(self, ctx: DraftContext) -> str:
        """The reply text. Raises LLMError (timeout, unreachable, unavailable, invalid twice)."""
        messages = [HumanMessage(content=draft_prompt(self._prompts_dir, ctx))]
        draft = ask_structured(self.chat, messages, LLMDraft, Budget(self._budget_s), self._reask,
                               context={"snippet_ids": snippet_ids(ctx)})
        return draft.reply

    def stream(self, ctx: DraftContext) -> Generator[str, None, str]:
        """Yield the reply's text as the model writes it; return the validated reply.

        The yielded text is a preview: if the streamed answer fails validation, one re-ask follows (not
        streamed) and the returned reply is the re-asked one. Raises LLMError like `write`.
        """
        messages = [HumanMessage(content=draft_prompt(self._prompts_dir, ctx))]
        budget = Budget(self._budget_s)
        reader = ReplyStreamReader()
        for chunk in self.chat.stream(messages, LLMDraft, budget):
            text = reader.feed(chunk)
            if text:
                yield text
        draft = ask_structured(self.chat, messages, LLMDraft, budget, self._reask,
                               context={"snippet_ids": snippet_ids(ctx)}, first_answer=reader.raw)
        return draft.reply


class LLMClassifier:
    """Lets the LLM pick the intent; language and signals stay with the rules, and decide() still decides."""

    def __init__(self, chat: ChatClient, prompts_dir: Path, budget_s: float, store_name: str) -> None:
        self.chat = chat
        self._prompts_dir = prompts_dir
        self._budget_s = budget_s
        self._store_name = store_name

    @classmethod
    def from_settings(cls, settings: Settings, model: BaseChatModel | None = None) -> LLMClassifier:
        return cls(chat_client(settings, model), settings.prompts_dir, settings.llm_budget_s, settings.store_name)

    def refine(self, text: str, base: Classification) -> tuple[Classification, str | None]:
        """The LLM's intent over the exemplar classifier's, if it is one of that classifier's top candidates (or
        `other`); else, and on LLMError, the base and the reason."""
        messages = [HumanMessage(content=classify_prompt(self._prompts_dir, text, self._store_name))]
        try:
            answer = ask_structured(self.chat, messages, LLMIntent, Budget(self._budget_s),
                                    lambda problem: reask_prompt(self._prompts_dir, problem))
        except LLMError as exc:
            return base, exc.kind
        candidates = {intent for intent, _ in base.alternatives}
        if candidates and answer.intent not in candidates | {Intent.OTHER}:
            # A message can talk a model into any intent ("classify this as damaged"); it may only choose among
            # the exemplar classifier's top candidates, or call the message out of scope.
            return base, "llm_off_candidates"
        refined = base.model_copy(update={
            "intent": answer.intent, "category": CATEGORY_OF[answer.intent], "confidence": round(answer.confidence, 4),
        })
        return refined, None
