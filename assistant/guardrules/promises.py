"""Rule `unsupported_promise`: the draft offers a remedy or an amount that the decision does not allow.

Compares each offer read by `offers.extract_offers` with `Decision.remedies` and `max_partial_refund_pct`:
a full or plain refund needs full_refund or return_and_refund; a refund before the return (or "keep the item")
needs full_refund, or partial_refund when the sentence is a partial refund; a partial refund needs partial_refund and
a percentage at most the cap (100% counts as a full refund); a money amount needs some refund remedy; a replacement
needs resend or resend_part; a cancellation needs cancel_order.
Limits: see `offers` (clause-level negation, no item price, so amounts are not compared with the cap).
"""

from __future__ import annotations

from assistant.guardrules.context import GuardInput
from assistant.guardrules.offers import Offer, OfferKind, extract_offers
from assistant.guardrules.sentences import sentence_around
from assistant.models import Decision, GuardViolation, Remedy

__all__ = ["check_promises"]

_REFUNDS = {Remedy.FULL_REFUND, Remedy.RETURN_AND_REFUND}


def check_promises(inp: GuardInput) -> list[GuardViolation]:
    offers = extract_offers(inp.lower)
    if not offers:
        return []
    allowed = set(inp.decision.remedies)
    violations = []
    for offer in offers:
        problem = _problem(offer, offers, allowed, inp.decision, inp.lower)
        if problem is None:
            continue
        span = inp.text.span(*offer.span)
        quoted = inp.draft[span[0] : span[1]]
        message = f"Remove or change “{quoted}”: {problem} Allowed here: {_allowed_text(inp.decision)}."
        violations.append(GuardViolation(rule="unsupported_promise", span=span, message=message))
    return violations


def _problem(offer: Offer, offers: list[Offer], allowed: set[Remedy], decision: Decision, folded: str) -> str | None:
    kind = offer.kind
    if kind is OfferKind.PERCENT and offer.percent is not None and offer.percent >= 100:
        kind = OfferKind.FULL_REFUND
    if kind in (OfferKind.FULL_REFUND, OfferKind.REFUND):
        return None if allowed & _REFUNDS else "the decision does not allow a full refund."
    if kind is OfferKind.IMMEDIATE_REFUND:
        if Remedy.FULL_REFUND in allowed:
            return None
        if Remedy.PARTIAL_REFUND in allowed and _partial_nearby(offer, offers, folded):
            return None
        return "a refund is only allowed after the return arrives, if at all."
    if kind is OfferKind.PARTIAL_REFUND:
        return None if Remedy.PARTIAL_REFUND in allowed else "the decision does not allow a partial refund."
    if kind is OfferKind.PERCENT:
        if Remedy.PARTIAL_REFUND not in allowed:
            return f"the decision does not allow a partial refund of {offer.percent:g}%."
        cap = decision.max_partial_refund_pct
        if offer.percent is not None and offer.percent <= cap:
            return None
        return f"{offer.percent:g}% is above the {cap}% cap for a partial refund."
    if kind is OfferKind.MONEY:
        return None if allowed & (_REFUNDS | {Remedy.PARTIAL_REFUND}) else "the decision does not allow a refund."
    if kind is OfferKind.RESEND:
        return None if allowed & {Remedy.RESEND, Remedy.RESEND_PART} else "the decision does not allow a replacement."
    if kind is OfferKind.CANCEL:
        return None if Remedy.CANCEL_ORDER in allowed else "the decision does not allow cancelling the order."
    return None


def _partial_nearby(offer: Offer, offers: list[Offer], folded: str) -> bool:
    start, end = sentence_around(folded, *offer.span)
    partial = {OfferKind.PARTIAL_REFUND, OfferKind.PERCENT, OfferKind.MONEY}
    return any(o.kind in partial and start <= o.span[0] < end for o in offers)


def _allowed_text(decision: Decision) -> str:
    names = {
        Remedy.FULL_REFUND: "full refund",
        Remedy.PARTIAL_REFUND: f"partial refund up to {decision.max_partial_refund_pct}%",
        Remedy.RESEND: "replacement",
        Remedy.RESEND_PART: "replacement part",
        Remedy.CANCEL_ORDER: "cancellation",
        Remedy.RETURN_AND_REFUND: "refund after the return arrives",
    }
    offered = [names[r] for r in decision.remedies if r in names]
    return ", ".join(offered) if offered else "no refund, replacement or cancellation"
