"""The HTTP API's own request and response bodies, built from the contracts in assistant.models.

Length and batch limits are settings; `api.app` writes their configured values into the OpenAPI schema, and the
pipeline (text) and the batch route (items) enforce them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from api.problems import Problem
from assistant.models import Decision, DraftRequest, DraftResult, Language, OrderFacts
from assistant.policy import GuardPolicy, Modifier, Rule

__all__ = [
    "TEXT_MODELS",
    "ApiDraftRequest",
    "BatchItem",
    "BatchRequest",
    "BatchResponse",
    "CheckRequest",
    "ClassifyRequest",
    "DraftOptions",
    "Health",
    "IndexRebuilt",
    "PoliciesResponse",
    "Readiness",
]


def _not_blank(text: str) -> str:
    """The same words as the CLI's (pipeline.validate_request), not pydantic's "should match pattern '\\S'"."""
    if not text.strip():
        raise PydanticCustomError("blank_text", "the message text is empty. Paste the buyer's message.")
    return text


# minLength and pattern stay in the published schema; the validator gives the error its words
BuyerText = Annotated[str, Field(description="The buyer's message, not blank.",
                                 json_schema_extra={"minLength": 1, "pattern": r"\S"}), AfterValidator(_not_blank)]


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftOptions(ApiModel):
    """Per-request choices. Unset fields use the server's settings."""

    llm: Literal["offline", "openai"] | None = Field(
        default=None, description="Drafter for this request; if it is not available the offline draft comes back "
        "with `fallback` set.")
    language: Language | None = Field(default=None, description="Reply in this language instead of the detected one.")


class ApiDraftRequest(DraftRequest):
    """One buyer message, its order facts, and options."""

    text: BuyerText
    store: str | None = Field(default=None, max_length=64, description="The store to draft for (its rules, policies "
                              "and catalogue); none: the default store. Your API key must be allowed to use it.")
    options: DraftOptions | None = None


class BatchRequest(ApiModel):
    items: list[ApiDraftRequest] = Field(min_length=1, description="Drafted in order; one bad item does not fail "
                                         "the others.")


class BatchItem(ApiModel):
    """One item's outcome: a result, or the problem that stopped it."""

    index: int
    id: str | None = None
    result: DraftResult | None = None
    problem: Problem | None = None


class BatchResponse(ApiModel):
    results: list[BatchItem]
    drafted: int
    failed: int


class ClassifyRequest(ApiModel):
    text: BuyerText
    order: OrderFacts | None = None


class CheckRequest(ApiModel):
    """A draft to run through the guard only."""

    text: str = Field(min_length=1, description="The draft reply to check.")
    decision: Decision | None = Field(default=None, description="What the seller may offer; none: promise nothing.")
    language: Language = "en"
    buyer_text: str = Field(default="", description="The buyer's message, to catch their personal data echoed back.")
    store: str | None = Field(default=None, max_length=64, description="Check with this store's guard settings (its "
                              "extra blocked names); none: the default store. Your API key must be allowed to use it.")


class PoliciesResponse(ApiModel):
    """The active rules: version, thresholds, every rule with its source, and the guard's settings."""

    version: str
    currency: str
    cheap_item_max: dict[str, float]
    large_amount_min: dict[str, float]
    currency_of_marketplace: dict[str, str]
    default_reply_within_hours: int
    partial_refund_opening_pct: int
    rules: list[Rule]
    modifiers: list[Modifier]
    guard: GuardPolicy
    sources: list[str] = Field(description="Every source document the rules cite.")


class IndexRebuilt(ApiModel):
    collection: str
    passages: int
    took_ms: float
    stores: dict[str, int] = Field(default_factory=dict, description="passages embedded per store")


class Health(ApiModel):
    status: Literal["ok"] = "ok"


class Readiness(ApiModel):
    status: Literal["ready"] = "ready"
    checks: dict[str, dict[str, str | bool | int | float | None]]


# Models whose `text` (and `buyer_text`) gets maxLength = settings.max_text_chars in the published schema.
TEXT_MODELS = ("ApiDraftRequest", "ClassifyRequest", "CheckRequest")
