"""Every error the assistant raises on purpose. Edges (CLI, API) map these to exit codes and HTTP statuses.

AssistantError
 ├── InputError            the request itself is wrong (empty text, too long, bad order facts)
 │    └── UnknownStoreError  the request names a store this deployment does not have
 ├── PolicyError           the rules file cannot be read or is invalid (names file, line, key)
 ├── KnowledgeError        the knowledge folder, listings or an exemplar file is broken
 │    └── StoreError       a store's folder or store.yaml is broken, or its overrides widen the rules (file, line)
 ├── IndexError_           the vector index is missing, stale or unreachable
 ├── EmbeddingError        the embedding model failed
 ├── DraftError            a drafter could not produce a reply
 │    └── LLMError         the LLM failed; `kind` is the DraftResult.fallback flag when we fall back offline
 │         ├── LLMTimeoutError      a call or the draft's total time budget ran out      (llm_timeout)
 │         ├── LLMUnreachableError  no connection to the server                          (llm_unreachable)
 │         ├── LLMUnavailableError  the server kept answering 429 or 5xx after retries   (llm_unavailable)
 │         └── LLMInvalidError      the answer was not valid JSON for the schema, twice  (llm_invalid)
 └── TemplateError         a prompt or reply template failed to render
"""

from __future__ import annotations

__all__ = [
    "AssistantError",
    "DraftError",
    "EmbeddingError",
    "IndexError_",
    "InputError",
    "KnowledgeError",
    "LLMError",
    "LLMInvalidError",
    "LLMTimeoutError",
    "LLMUnavailableError",
    "LLMUnreachableError",
    "PolicyError",
    "StoreError",
    "TemplateError",
    "UnknownStoreError",
]


class AssistantError(Exception):
    """Base of every deliberate error; its message says what is wrong and what to do."""

    kind = "assistant_error"


class InputError(AssistantError):
    kind = "invalid_input"


class UnknownStoreError(InputError):
    kind = "unknown_store"


class PolicyError(AssistantError):
    kind = "invalid_policy"


class KnowledgeError(AssistantError):
    kind = "invalid_knowledge"


class StoreError(KnowledgeError):
    kind = "invalid_store"


# N801/N818: the trailing underscore avoids shadowing the builtin IndexError; the name is public (API, CLI, tests)
class IndexError_(AssistantError):  # noqa: N801, N818
    kind = "index_unavailable"


class EmbeddingError(AssistantError):
    kind = "embedding_failed"


class DraftError(AssistantError):
    kind = "draft_failed"


class LLMError(DraftError):
    kind = "llm_failed"


class LLMTimeoutError(LLMError):
    kind = "llm_timeout"


class LLMUnreachableError(LLMError):
    kind = "llm_unreachable"


class LLMUnavailableError(LLMError):
    kind = "llm_unavailable"


class LLMInvalidError(LLMError):
    kind = "llm_invalid"


class TemplateError(AssistantError):
    kind = "template_failed"
