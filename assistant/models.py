"""The contracts between stages: every interface (CLI, API, evals, web page) speaks these models.

The names here are a public contract (see the foundation issue); other tools depend on them.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CATEGORY_OF",
    "SIGNAL_SWITCHES",
    "Category",
    "Citation",
    "Classification",
    "Decision",
    "DraftContext",
    "DraftRequest",
    "DraftResult",
    "Fault",
    "Flag",
    "Fulfillment",
    "GuardReport",
    "GuardViolation",
    "Intent",
    "Language",
    "OrderFacts",
    "OrderStatus",
    "Reason",
    "Remedy",
    "Route",
    "Severity",
    "Signals",
    "SourceRef",
]


class Contract(BaseModel):
    """Base for every contract model: unknown keys are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Intent(StrEnum):
    """Fine intent of a buyer message."""

    SHIPPING_STATUS = "shipping_status"
    DELIVERY_DELAY = "delivery_delay"
    DELIVERED_NOT_RECEIVED = "delivered_not_received"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    WRONG_ITEM = "wrong_item"
    MISSING_ITEMS = "missing_items"
    ADDRESS_CHANGE = "address_change"
    ORDER_CANCELLATION = "order_cancellation"
    RETURN_REQUEST = "return_request"
    REFUND_STATUS = "refund_status"
    PRODUCT_DEFECT = "product_defect"
    NOT_AS_DESCRIBED = "not_as_described"
    PRE_SALE_QUESTION = "pre_sale_question"
    INVOICE_REQUEST = "invoice_request"
    FEEDBACK_REVIEW = "feedback_review"
    OTHER = "other"


class Category(StrEnum):
    """Coarse category: what the seller's team would file the message under."""

    SHIPPING = "shipping"
    DAMAGE = "damage"
    WRONG_ITEM = "wrong_item"
    ADDRESS_CHANGE = "address_change"
    CANCELLATION = "cancellation"
    RETURN_REFUND = "return_refund"
    QUALITY = "quality"
    PRODUCT_QUESTION = "product_question"
    INVOICE = "invoice"
    FEEDBACK_REVIEW = "feedback_review"
    OTHER = "other"


CATEGORY_OF: dict[Intent, Category] = {
    Intent.SHIPPING_STATUS: Category.SHIPPING,
    Intent.DELIVERY_DELAY: Category.SHIPPING,
    Intent.DELIVERED_NOT_RECEIVED: Category.SHIPPING,
    Intent.DAMAGED_IN_TRANSIT: Category.DAMAGE,
    Intent.WRONG_ITEM: Category.WRONG_ITEM,
    Intent.MISSING_ITEMS: Category.WRONG_ITEM,
    Intent.ADDRESS_CHANGE: Category.ADDRESS_CHANGE,
    Intent.ORDER_CANCELLATION: Category.CANCELLATION,
    Intent.RETURN_REQUEST: Category.RETURN_REFUND,
    Intent.REFUND_STATUS: Category.RETURN_REFUND,
    Intent.PRODUCT_DEFECT: Category.QUALITY,
    Intent.NOT_AS_DESCRIBED: Category.QUALITY,
    Intent.PRE_SALE_QUESTION: Category.PRODUCT_QUESTION,
    Intent.INVOICE_REQUEST: Category.INVOICE,
    Intent.FEEDBACK_REVIEW: Category.FEEDBACK_REVIEW,
    Intent.OTHER: Category.OTHER,
}


class Flag(StrEnum):
    """Escalation flags detected in the message."""

    ATOZ_THREAT = "atoz_threat"
    REVIEW_THREAT = "review_threat"
    URGENT = "urgent"


class Remedy(StrEnum):
    """What the seller may offer. A decision lists them preferred first."""

    PROVIDE_TRACKING = "provide_tracking"
    CHECK_WITH_NEIGHBORS = "check_with_neighbors"
    FULL_REFUND = "full_refund"
    PARTIAL_REFUND = "partial_refund"
    RESEND = "resend"
    RESEND_PART = "resend_part"
    CANCEL_ORDER = "cancel_order"
    RETURN_AND_REFUND = "return_and_refund"
    UPDATE_ADDRESS = "update_address"
    FILE_CARRIER_CLAIM = "file_carrier_claim"
    ESCALATE = "escalate"


class Route(StrEnum):
    """Who should answer: the seller, Customer Service by Amazon, Amazon itself, or a human."""

    SELLER = "seller"
    CSBA = "csba"
    AMAZON = "amazon"
    HUMAN = "human"


class Severity(StrEnum):
    """How bad the damage or defect sounds, read from the message."""

    MINOR = "minor"
    SEVERE = "severe"
    UNKNOWN = "unknown"


class Fault(StrEnum):
    """Whose fault a not-as-described complaint seems to be."""

    SELLER = "seller"
    BUYER = "buyer"
    UNKNOWN = "unknown"


Fulfillment = Literal["merchant", "amazon", "mcf"]
OrderStatus = Literal["unshipped", "shipped", "delivered", "cancelled"]
Language = Literal["en", "de", "fr", "es", "it", "ja", "zh", "other"]


class OrderFacts(Contract):
    """What the seller knows about the order. Every field is optional; unknown keys are an error."""

    order_id: str | None = Field(default=None, max_length=64)
    marketplace: str | None = Field(default=None, max_length=8, description="US, UK, DE, FR, ES, IT, JP, CA, ...")
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    fulfillment: Fulfillment | None = None
    status: OrderStatus | None = None
    item_price: float | None = Field(default=None, ge=0)
    in_stock: bool | None = None
    days_past_estimated_delivery: int | None = None
    missing_part: str | None = Field(default=None, max_length=200)
    part_is_generic: bool | None = None
    csba_enrolled: bool | None = None
    ordered_after_csba_enrollment: bool | None = None
    sku: str | None = Field(default=None, max_length=64)


class DraftRequest(Contract):
    """One buyer message with what is known of its order."""

    id: str | None = Field(default=None, max_length=128)
    text: str
    order: OrderFacts | None = None
    received_at: datetime | None = None


class Signals(Contract):
    """What keyword rules read from the message besides its intent."""

    flags: list[Flag] = Field(default_factory=list)
    severity: Severity = Severity.UNKNOWN
    fault: Fault = Fault.UNKNOWN
    praise: bool = Field(default=False, description="thanks or praise, no complaint: the reply thanks, not apologises")
    careless_delivery: bool = Field(
        default=False, description="complains how the courier left a parcel (thrown, left in the rain, no knock)"
    )
    safety_incident: bool = Field(
        default=False, description="the item caught fire, gave a shock, injured or sickened someone: a person answers"
    )
    exchange: bool = Field(
        default=False, description="wants the item in another size, colour or version: return it and order that one"
    )
    customs: bool = Field(
        default=False, description="the parcel is held at customs or the buyer is asked for import duties or taxes"
    )
    extra_item: bool = Field(
        default=False, description="received more than ordered (twice, two instead of one): thanked, a person decides"
    )
    resolved: bool = Field(
        default=False, description="a follow-up saying the problem sorted itself out: thanked, nothing offered"
    )
    elsewhere: bool = Field(
        default=False, description="says the item was bought from another shop or seller: a person answers"
    )
    price_drop: bool = Field(
        default=False, description="asks for the difference after the price dropped: a person decides"
    )
    warranty: bool = Field(
        default=False, description="bought or used for months or years: past the return window, a warranty matter"
    )
    order_change: bool = Field(
        default=False, description="asks to change the items, size, colour or quantity of an order already placed"
    )
    overcharge: bool = Field(
        default=False, description="says they were charged more than the price shown, twice, or an unexpected fee"
    )
    off_platform: bool = Field(
        default=False, description="asks to pay, order or talk outside the marketplace (declined in the reply)"
    )
    accident: bool = Field(
        default=False, description="the buyer damaged it after delivery (dropped it, washed it hot): a person decides"
    )

    def names(self) -> tuple[str, ...]:
        """The yes/no signals that are on, by field name (what a policy section's `signal:` condition names)."""
        return tuple(name for name in SIGNAL_SWITCHES if getattr(self, name))


# The yes/no signals by field name, in field order: what a rule's `when`, a policy section's `signal:` and the
# templates name. Derived, so a new signal needs no list of its own anywhere.
SIGNAL_SWITCHES: tuple[str, ...] = tuple(
    name for name, field in Signals.model_fields.items() if field.annotation is bool
)


class Classification(Contract):
    """The classify stage's answer."""

    intent: Intent
    category: Category
    confidence: float = Field(ge=0, le=1)
    language: Language
    signals: Signals = Field(default_factory=Signals)
    alternatives: list[tuple[Intent, float]] = Field(default_factory=list)
    also: list[Intent] = Field(
        default_factory=list, max_length=2,
        description="Other requests in the same message, each in another topic (\"...and I need an invoice\"). The "
        "reply acknowledges them and the agent summary names them; the decision covers `intent` only.")


class SourceRef(Contract):
    """Where a rule or a snippet comes from."""

    document: str
    section: str


class Reason(Contract):
    """Why the decision contains what it contains: one rule that fired."""

    rule: str
    source: SourceRef
    note: str = ""


class Decision(Contract):
    """What the seller may offer for this intent and these order facts. Rules decide; drafts obey."""

    remedies: list[Remedy] = Field(default_factory=list)
    max_partial_refund_pct: int = Field(default=0, ge=0, le=100)
    route: Route = Route.SELLER
    reply_within_hours: int = 24
    ask_buyer_for: list[Literal["photo", "details", "new_address", "cancellation_request"]] = Field(
        default_factory=list
    )
    reasons: list[Reason] = Field(default_factory=list)


class Citation(Contract):
    """A policy or listing passage the draft relies on."""

    id: str
    document: str
    section: str
    snippet: str
    score: float
    title: str = ""


class GuardViolation(Contract):
    """One broken messaging rule, with the offending span of the draft."""

    rule: str
    span: tuple[int, int]
    message: str


class GuardReport(Contract):
    """Whether a draft may be sent as it is."""

    passed: bool
    violations: list[GuardViolation] = Field(default_factory=list)
    repaired: bool = False


class DraftResult(Contract):
    """Everything the assistant says about one buyer message."""

    id: str | None
    language: Language
    intent: Intent
    category: Category
    confidence: float
    flags: list[Flag]
    decision: Decision
    draft: str
    citations: list[Citation]
    guard: GuardReport
    timings_ms: dict[str, float]
    drafter: str = "offline"
    fallback: str | None = None
    agent_summary: str = Field(default="", description="the buyer's message and the decision in the agent's language")
    also: list[Intent] = Field(
        default_factory=list, description="other requests in the same message (an invoice, an address change, a "
        "cancellation...): the draft acknowledges them, the decision does not cover them")


class DraftContext(Contract):
    """Everything a drafter may use. The decision is a hard limit: drafters phrase it, never widen it."""

    text: str
    order: OrderFacts
    classification: Classification
    decision: Decision
    citations: list[Citation]
    store_name: str
    signature: str
    tone: Literal["friendly", "formal"] = "friendly"
    partial_refund_pct: int = 0
    product_title: str | None = None
    pre_sale_answer: str | None = None
    violations: list[GuardViolation] = Field(default_factory=list, description="set when asking for a redraft")
