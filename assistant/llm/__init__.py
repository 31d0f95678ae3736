"""The LLM seam: drafting and classification through any OpenAI-compatible server (LangChain ChatOpenAI).

Needs the `llm` extra. Import from here; the modules are: chat (budget, retries, errors), structured (JSON,
validation, re-ask, stream reader), prompts (template variables), schemas (answer models), drafter, fake.
"""

from assistant.llm.chat import Budget, ChatClient, RetryPolicy, translate_error
from assistant.llm.drafter import LLMClassifier, OpenAIDrafter, chat_client, make_chat_model
from assistant.llm.fake import ScriptedChatModel

__all__ = [
    "Budget",
    "ChatClient",
    "LLMClassifier",
    "OpenAIDrafter",
    "RetryPolicy",
    "ScriptedChatModel",
    "chat_client",
    "make_chat_model",
    "translate_error",
]
