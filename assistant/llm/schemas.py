"""What the LLM must answer, as pydantic models: the JSON schema we send and the validator we re-ask with.

These are answers from a model, not contracts between our stages: unknown keys are ignored, not an error.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from assistant.models import Intent

__all__ = ["LLMDraft", "LLMIntent"]


class LLMDraft(BaseModel):
    """The draft prompt's answer. `reply` comes first so that a stream shows the reply from its start."""

    model_config = ConfigDict(extra="ignore")

    reply: str = Field(min_length=1, description="the whole reply to the buyer, signature included")
    citations: list[str] = Field(default_factory=list, description="ids of the policy snippets the reply relies on")

    @field_validator("reply")
    @classmethod
    def _reply_is_text(cls, value: str) -> str:
        text = value.strip()
        if len(text) < 20:
            raise ValueError("the reply is too short to answer the buyer; write the full reply")
        if text.startswith("{"):
            raise ValueError("the reply must be plain text for the buyer, not JSON")
        return text

    @field_validator("citations")
    @classmethod
    def _known_ids(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("snippet_ids")
        if known is None:
            return value
        unknown = [v for v in value if v not in known]
        if unknown:
            allowed = ", ".join(known) or "none (leave the list empty)"
            raise ValueError(f"unknown snippet ids {unknown}; use only: {allowed}")
        return value


class LLMIntent(BaseModel):
    """The classify prompt's answer: one of our intents and how sure the model is."""

    model_config = ConfigDict(extra="ignore")

    intent: Intent
    confidence: float = Field(ge=0, le=1)
