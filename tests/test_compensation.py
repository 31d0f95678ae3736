"""Table tests for decide(): one row per rule and modifier in knowledge/rules.yaml, with the reason in the id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.compensation import decide, price_bands
from assistant.models import Fault, Flag, Intent, OrderFacts, Remedy, Route, Severity, Signals
from assistant.policy import Policy, load_policy

RULES = Path(__file__).resolve().parents[1] / "knowledge" / "rules.yaml"
I, R = Intent, Remedy  # noqa: E741 - one-letter aliases keep each table row on a line; I. never reads as l. here


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(RULES)


def sig(
    severity: Severity = Severity.UNKNOWN, fault: Fault = Fault.UNKNOWN, flags: list[Flag] | None = None,
    praise: bool = False, careless_delivery: bool = False, safety_incident: bool = False, exchange: bool = False,
    customs: bool = False, extra_item: bool = False, resolved: bool = False, accident: bool = False,
    elsewhere: bool = False, price_drop: bool = False, warranty: bool = False, order_change: bool = False,
    overcharge: bool = False, off_platform: bool = False,
) -> Signals:
    return Signals(severity=severity, fault=fault, flags=flags or [], praise=praise,
                   careless_delivery=careless_delivery, safety_incident=safety_incident, exchange=exchange,
                   customs=customs, extra_item=extra_item, resolved=resolved, accident=accident,
                   elsewhere=elsewhere, price_drop=price_drop, warranty=warranty, order_change=order_change,
                   overcharge=overcharge, off_platform=off_platform)


# (id: why, intent, signals, order facts, expected remedies in order, cap, route, rule ids that must have fired)
ROWS: list[tuple[str, Intent, Signals, dict[str, Any], list[Remedy], int, Route, list[str]]] = [
    ("tracking asked -> tracking", I.SHIPPING_STATUS, sig(), {"status": "shipped"},
     [R.PROVIDE_TRACKING], 0, Route.SELLER, ["tracking_on_request"]),
    ("import duty asked before delivery -> explain and check with the carrier, never pay it",
     I.SHIPPING_STATUS, sig(customs=True), {"status": "shipped", "item_price": 120},
     [], 0, Route.SELLER, ["customs_charges"]),
    ("mcf parcel 8 days late -> refund and claim", I.DELIVERY_DELAY, sig(),
     {"fulfillment": "mcf", "days_past_estimated_delivery": 8, "item_price": 20},
     [R.FULL_REFUND, R.FILE_CARRIER_CLAIM, R.PROVIDE_TRACKING], 0, Route.SELLER, ["mcf_lost_after_7_days"]),
    ("mcf only 3 days late -> not yet a lost claim, general late rule", I.DELIVERY_DELAY, sig(),
     {"fulfillment": "mcf", "days_past_estimated_delivery": 3, "item_price": 20},
     [R.FULL_REFUND, R.RESEND, R.FILE_CARRIER_CLAIM, R.PROVIDE_TRACKING], 0, Route.SELLER,
     ["late_past_latest_delivery_cheap"]),
    ("past latest date, cheap -> refund or resend", I.DELIVERY_DELAY, sig(),
     {"days_past_estimated_delivery": 2, "item_price": 12},
     [R.FULL_REFUND, R.RESEND, R.FILE_CARRIER_CLAIM, R.PROVIDE_TRACKING], 0, Route.SELLER,
     ["late_past_latest_delivery_cheap"]),
    ("past latest date, expensive -> refund, no resend", I.DELIVERY_DELAY, sig(),
     {"days_past_estimated_delivery": 2, "item_price": 80},
     [R.FULL_REFUND, R.FILE_CARRIER_CLAIM, R.PROVIDE_TRACKING], 0, Route.SELLER, ["late_past_latest_delivery"]),
    ("late but inside window -> tracking only", I.DELIVERY_DELAY, sig(), {"days_past_estimated_delivery": 0},
     [R.PROVIDE_TRACKING], 0, Route.SELLER, ["late_within_window"]),
    ("delivered not received, cheap -> neighbours then refund/resend", I.DELIVERED_NOT_RECEIVED, sig(),
     {"item_price": 14, "in_stock": True},
     [R.CHECK_WITH_NEIGHBORS, R.FULL_REFUND, R.RESEND], 0, Route.SELLER, ["delivered_not_received_cheap"]),
    ("delivered not received, expensive -> neighbours then carrier", I.DELIVERED_NOT_RECEIVED, sig(),
     {"item_price": 90}, [R.CHECK_WITH_NEIGHBORS, R.FILE_CARRIER_CLAIM], 0, Route.SELLER, ["delivered_not_received"]),
    ("mcf marked delivered -> no lost claim", I.DELIVERED_NOT_RECEIVED, sig(), {"item_price": 90, "fulfillment": "mcf"},
     [R.CHECK_WITH_NEIGHBORS], 0, Route.SELLER, ["delivered_not_received", "mcf_no_claim_when_marked_delivered"]),
    ("minor damage -> partial up to 35%", I.DAMAGED_IN_TRANSIT, sig(Severity.MINOR), {"item_price": 60},
     [R.PARTIAL_REFUND], 35, Route.SELLER, ["damage_minor"]),
    ("severe damage, 30 or less -> refund or resend", I.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE),
     {"item_price": 30, "currency": "GBP", "in_stock": True}, [R.FULL_REFUND, R.RESEND], 0, Route.SELLER,
     ["damage_severe_cheap"]),
    ("severe damage above 30 -> refund only", I.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE), {"item_price": 31},
     [R.FULL_REFUND], 0, Route.SELLER, ["damage_severe"]),
    ("unclear damage, unknown price -> ask, partial only", I.DAMAGED_IN_TRANSIT, sig(), {},
     [R.PARTIAL_REFUND], 35, Route.SELLER, ["damage_unclear"]),
    ("minor defect -> partial", I.PRODUCT_DEFECT, sig(Severity.MINOR), {"item_price": 50},
     [R.PARTIAL_REFUND], 35, Route.SELLER, ["defect_minor"]),
    ("doesn't work, cheap -> refund or resend", I.PRODUCT_DEFECT, sig(Severity.SEVERE), {"item_price": 19.99},
     [R.FULL_REFUND, R.RESEND], 0, Route.SELLER, ["defect_cheap"]),
    ("doesn't work, expensive -> refund only", I.PRODUCT_DEFECT, sig(Severity.SEVERE), {"item_price": 79},
     [R.FULL_REFUND], 0, Route.SELLER, ["defect"]),
    ("not as described, our listing wrong -> above 35% allowed", I.NOT_AS_DESCRIBED, sig(fault=Fault.SELLER), {},
     [R.PARTIAL_REFUND, R.RETURN_AND_REFUND, R.FULL_REFUND], 50, Route.SELLER, ["not_as_described_seller_fault"]),
    ("not as described, buyer misread -> 35% cap", I.NOT_AS_DESCRIBED, sig(fault=Fault.BUYER), {},
     [R.PARTIAL_REFUND, R.RETURN_AND_REFUND], 35, Route.SELLER, ["not_as_described"]),
    ("missing generic cable -> small compensation, no resend", I.MISSING_ITEMS, sig(), {"part_is_generic": True},
     [R.PARTIAL_REFUND], 15, Route.SELLER, ["missing_generic_part"]),
    ("missing specific part -> resend the part", I.MISSING_ITEMS, sig(), {"part_is_generic": False, "in_stock": True},
     [R.RESEND_PART], 0, Route.SELLER, ["missing_specific_part"]),
    ("missing, unknown part -> ask; part or small compensation", I.MISSING_ITEMS, sig(), {},
     [R.RESEND_PART, R.PARTIAL_REFUND], 15, Route.SELLER, ["missing_unclear"]),
    ("wrong item -> compensation first, then refund/resend", I.WRONG_ITEM, sig(), {"in_stock": True},
     [R.PARTIAL_REFUND, R.FULL_REFUND, R.RESEND], 35, Route.SELLER, ["wrong_item"]),
    ("address, unshipped -> update", I.ADDRESS_CHANGE, sig(), {"status": "unshipped"},
     [R.UPDATE_ADDRESS], 0, Route.SELLER, ["address_unshipped"]),
    ("address, shipped cheap -> resend to new address", I.ADDRESS_CHANGE, sig(), {"status": "shipped", "item_price": 9},
     [R.RESEND], 0, Route.SELLER, ["address_shipped_cheap"]),
    ("address, shipped expensive -> refund once returned", I.ADDRESS_CHANGE, sig(),
     {"status": "shipped", "item_price": 99}, [R.RETURN_AND_REFUND], 0, Route.SELLER, ["address_shipped"]),
    ("address, status unknown -> update if not shipped", I.ADDRESS_CHANGE, sig(), {},
     [R.UPDATE_ADDRESS], 0, Route.SELLER, ["address_status_unknown"]),
    ("cancel unshipped -> cancel", I.ORDER_CANCELLATION, sig(), {"status": "unshipped"},
     [R.CANCEL_ORDER], 0, Route.SELLER, ["cancel_unshipped"]),
    ("cancel shipped, large amount -> ~10% keep-it",
     I.ORDER_CANCELLATION, sig(), {"status": "shipped", "item_price": 150},
     [R.PARTIAL_REFUND, R.RETURN_AND_REFUND], 10, Route.SELLER, ["cancel_shipped_large_amount"]),
    ("cancel shipped -> up to 35% keep-it or return",
     I.ORDER_CANCELLATION, sig(), {"status": "shipped", "item_price": 40},
     [R.PARTIAL_REFUND, R.RETURN_AND_REFUND], 35, Route.SELLER, ["cancel_shipped"]),
    ("cancel already cancelled -> nothing to offer", I.ORDER_CANCELLATION, sig(), {"status": "cancelled"},
     [], 0, Route.SELLER, ["cancel_already_cancelled"]),
    ("cancel, status unknown -> cancel or return", I.ORDER_CANCELLATION, sig(), {},
     [R.CANCEL_ORDER, R.RETURN_AND_REFUND], 0, Route.SELLER, ["cancel_status_unknown"]),
    ("another colour before it ships -> cancel so the buyer orders again, no keep-it discount",
     I.ORDER_CANCELLATION, sig(order_change=True), {"status": "unshipped", "item_price": 40},
     [R.CANCEL_ORDER], 0, Route.SELLER, ["order_change_unshipped"]),
    ("an item added once shipped -> order it separately, return what is not wanted; no keep-it discount",
     I.ORDER_CANCELLATION, sig(order_change=True), {"status": "shipped", "item_price": 40},
     [R.RETURN_AND_REFUND], 0, Route.SELLER, ["order_change_shipped"]),
    ("a change, status unknown -> cancel if not shipped, else return",
     I.ORDER_CANCELLATION, sig(order_change=True), {},
     [R.CANCEL_ORDER, R.RETURN_AND_REFUND], 0, Route.SELLER, ["order_change_status_unknown"]),
    ("charged more than the listing said -> a person checks the payment, nothing promised",
     I.OTHER, sig(overcharge=True), {"status": "delivered", "item_price": 30},
     [R.ESCALATE], 0, Route.HUMAN, ["overcharge_to_human"]),
    ("pay directly by bank transfer -> declined, nothing offered, no person needed",
     I.OTHER, sig(off_platform=True), {"status": "unshipped", "item_price": 30},
     [], 0, Route.SELLER, ["off_platform_declined"]),
    ("where is it, but the order was cancelled -> nothing to track or resend",
     I.SHIPPING_STATUS, sig(), {"status": "cancelled", "item_price": 20},
     [], 0, Route.SELLER, ["delivery_question_cancelled_order"]),
    ("never arrived, but the order was cancelled -> no resend, no refund by us",
     I.DELIVERY_DELAY, sig(), {"status": "cancelled", "item_price": 20, "days_past_estimated_delivery": 5},
     [], 0, Route.SELLER, ["delivery_question_cancelled_order"]),
    ("late, but not shipped yet -> the dispatch estimate, or cancel it",
     I.DELIVERY_DELAY, sig(), {"status": "unshipped", "item_price": 20},
     [R.PROVIDE_TRACKING, R.CANCEL_ORDER], 0, Route.SELLER, ["late_unshipped"]),
    ("money back, not shipped yet -> cancel it",
     I.REFUND_STATUS, sig(), {"status": "unshipped", "item_price": 20},
     [R.CANCEL_ORDER], 0, Route.SELLER, ["refund_unshipped"]),
    ("a change to a cancelled order -> nothing to change", I.ORDER_CANCELLATION, sig(order_change=True),
     {"status": "cancelled"}, [], 0, Route.SELLER, ["cancel_already_cancelled"]),
    ("return request -> refund after return, 48h", I.RETURN_REQUEST, sig(), {},
     [R.RETURN_AND_REFUND, R.PARTIAL_REFUND], 35, Route.SELLER, ["return_request"]),
    ("wants another size -> return and reorder, no keep-it discount for an item of no use",
     I.RETURN_REQUEST, sig(exchange=True), {"status": "delivered"},
     [R.RETURN_AND_REFUND], 0, Route.SELLER, ["exchange_by_return_and_reorder"]),
    ("two lamps for the price of one -> thanked by a person, no resend nor refund for what is not missing",
     I.MISSING_ITEMS, sig(extra_item=True), {"status": "delivered", "item_price": 25, "in_stock": True},
     [], 0, Route.HUMAN, ["missing_unclear", "extra_item_to_human"]),
    ("sent twice through Amazon's fulfilment -> Amazon's warehouse sorts it out", I.RETURN_REQUEST,
     sig(extra_item=True), {"fulfillment": "amazon"}, [], 0, Route.AMAZON,
     ["return_request", "extra_item_to_human", "fba_handled_by_amazon"]),
    ("'the neighbour had it, all good' -> thanks, no claim nor refund", I.DELIVERED_NOT_RECEIVED,
     sig(resolved=True), {"status": "delivered", "item_price": 20}, [], 0, Route.SELLER,
     ["delivered_not_received_cheap", "already_resolved"]),
    ("resolved after an A-to-z threat -> the seller closes it, no person needed", I.DELIVERY_DELAY,
     sig(resolved=True, flags=[Flag.ATOZ_THREAT]), {}, [], 0, Route.SELLER,
     ["late_within_window", "atoz_threat_to_human", "already_resolved"]),
    ("'I dropped it, send a new one free' -> a person decides, no refund or resend by rule", I.DAMAGED_IN_TRANSIT,
     sig(Severity.SEVERE, accident=True), {"status": "delivered", "item_price": 25, "in_stock": True}, [], 0,
     Route.HUMAN, ["damage_severe_cheap", "accident_to_human"]),
    ("'bought it at another shop, you sell it too' -> a person checks the order, nothing by rule", I.PRODUCT_DEFECT,
     sig(Severity.SEVERE, elsewhere=True), {"item_price": 60}, [], 0, Route.HUMAN,
     ["defect", "bought_elsewhere_to_human"]),
    ("'it is cheaper now, refund the difference' -> a person decides, no partial refund by rule", I.RETURN_REQUEST,
     sig(price_drop=True), {"status": "delivered", "item_price": 89.99}, [], 0, Route.HUMAN,
     ["return_request", "price_drop_to_human"]),
    ("'bought it last year, it no longer switches on' -> a person and the warranty, no refund by rule",
     I.PRODUCT_DEFECT, sig(Severity.SEVERE, warranty=True), {"status": "delivered", "item_price": 40}, [], 0,
     Route.HUMAN, ["defect", "warranty_to_human"]),
    ("exchange through Amazon's fulfilment -> Amazon handles it", I.RETURN_REQUEST, sig(exchange=True),
     {"fulfillment": "amazon"}, [], 0, Route.AMAZON, ["exchange_by_return_and_reorder", "fba_handled_by_amazon"]),
    ("refund status -> explain timing", I.REFUND_STATUS, sig(), {}, [], 0, Route.SELLER, ["refund_status"]),
    ("pre-sale -> seller answers", I.PRE_SALE_QUESTION, sig(), {}, [], 0, Route.SELLER, ["pre_sale_question"]),
    ("invoice -> seller answers", I.INVOICE_REQUEST, sig(), {}, [], 0, Route.SELLER, ["invoice_request"]),
    ("feedback -> no offer for reviews", I.FEEDBACK_REVIEW, sig(), {}, [], 0, Route.SELLER, ["feedback_review"]),
    ("out of scope -> a human reads it", I.OTHER, sig(), {}, [R.ESCALATE], 0, Route.HUMAN, ["out_of_scope"]),
    ("thanks and nothing else -> thanked by the seller, nobody escalated", I.OTHER, sig(praise=True), {}, [], 0,
     Route.SELLER, ["thanks_only"]),
    ("parcel left carelessly -> apology, no tracking to share", I.SHIPPING_STATUS, sig(careless_delivery=True),
     {"status": "delivered"}, [], 0, Route.SELLER, ["careless_delivery"]),
    ("careless delivery of an FBA order -> Amazon delivered it", I.SHIPPING_STATUS, sig(careless_delivery=True),
     {"status": "delivered", "fulfillment": "amazon"}, [], 0, Route.AMAZON,
     ["careless_delivery", "fba_handled_by_amazon"]),
    ("item caught fire -> a person answers first, within 12 h", I.PRODUCT_DEFECT,
     sig(Severity.SEVERE, safety_incident=True), {"item_price": 100},
     [R.FULL_REFUND, R.ESCALATE], 0, Route.HUMAN, ["defect", "safety_incident_to_human"]),
    ("harm on an FBA order -> still a person, not only Amazon", I.PRODUCT_DEFECT, sig(safety_incident=True),
     {"fulfillment": "amazon"}, [R.ESCALATE], 0, Route.HUMAN,
     ["defect", "fba_handled_by_amazon", "safety_incident_to_human"]),
    ("out of stock -> no resend", I.WRONG_ITEM, sig(), {"in_stock": False},
     [R.PARTIAL_REFUND, R.FULL_REFUND], 35, Route.SELLER, ["wrong_item", "no_resend_out_of_stock"]),
    ("A-to-z threat -> human, escalate", I.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE, flags=[Flag.ATOZ_THREAT]),
     {"item_price": 100}, [R.FULL_REFUND, R.ESCALATE], 0, Route.HUMAN, ["damage_severe", "atoz_threat_to_human"]),
    ("review threat -> escalate, same offer", I.PRODUCT_DEFECT, sig(Severity.SEVERE, flags=[Flag.REVIEW_THREAT]),
     {"item_price": 100}, [R.FULL_REFUND, R.ESCALATE], 0, Route.SELLER, ["defect", "review_threat_escalate"]),
    ("FBA order -> Amazon handles it",
     I.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE), {"fulfillment": "amazon", "item_price": 10},
     [], 0, Route.AMAZON, ["damage_severe_cheap", "fba_handled_by_amazon"]),
    ("CSBA enrolled, ordered after -> CSBA", I.DELIVERY_DELAY, sig(),
     {"fulfillment": "merchant", "csba_enrolled": True, "ordered_after_csba_enrollment": True},
     [], 0, Route.CSBA, ["late_within_window", "csba_post_order"]),
    ("CSBA but ordered before enrolment -> seller", I.DELIVERY_DELAY, sig(),
     {"fulfillment": "merchant", "csba_enrolled": True, "ordered_after_csba_enrollment": False},
     [R.PROVIDE_TRACKING], 0, Route.SELLER, ["late_within_window"]),
    ("CSBA answers product questions on an order it covers", I.PRE_SALE_QUESTION, sig(),
     {"status": "delivered", "fulfillment": "merchant", "csba_enrolled": True, "ordered_after_csba_enrollment": True},
     [], 0, Route.CSBA, ["pre_sale_question", "csba_product_question_on_order"]),
    ("...but not questions before an order", I.PRE_SALE_QUESTION, sig(),
     {"fulfillment": "merchant", "csba_enrolled": True, "ordered_after_csba_enrollment": True},
     [], 0, Route.SELLER, ["pre_sale_question"]),
    ("CSBA never covers invoices", I.INVOICE_REQUEST, sig(),
     {"fulfillment": "merchant", "csba_enrolled": True, "ordered_after_csba_enrollment": True},
     [], 0, Route.SELLER, ["invoice_request"]),
]


@pytest.mark.parametrize(("intent", "signals", "facts", "remedies", "cap", "route", "fired"),
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_decide(policy: Policy, intent: Intent, signals: Signals, facts: dict[str, Any], remedies: list[Remedy],
                cap: int, route: Route, fired: list[str]) -> None:
    decision = decide(intent, signals, OrderFacts(**facts), policy)
    assert decision.remedies == remedies
    assert decision.max_partial_refund_pct == cap
    assert decision.route == route
    assert [r.rule for r in decision.reasons] == fired
    assert all(r.source.document and r.source.section for r in decision.reasons)


def test_every_rule_and_modifier_has_a_row(policy: Policy) -> None:
    covered = {rule for row in ROWS for rule in row[7]}
    declared = {r.id for r in policy.rules} | {m.id for m in policy.modifiers}
    assert declared - covered == set(), "add a table row for each new rule"


def test_reply_windows(policy: Policy) -> None:
    assert decide(I.RETURN_REQUEST, sig(), None, policy).reply_within_hours == 48
    assert decide(I.SHIPPING_STATUS, sig(), None, policy).reply_within_hours == 24
    atoz = decide(I.SHIPPING_STATUS, sig(flags=[Flag.ATOZ_THREAT]), None, policy)
    assert atoz.reply_within_hours == 12


@pytest.mark.parametrize(("facts", "bands"), [
    ({"item_price": 30, "currency": "USD"}, {"cheap"}),
    ({"item_price": 30.01, "marketplace": "DE"}, {"expensive"}),
    ({"item_price": 4000, "marketplace": "JP"}, {"cheap"}),
    ({"item_price": 200, "marketplace": "UK"}, {"expensive", "large"}),
    ({"item_price": 10, "currency": "XYZ"}, set()),
    ({}, set()),
], ids=["usd at limit", "eur above", "jpy via marketplace", "gbp large", "unknown currency", "no price"])
def test_price_bands(policy: Policy, facts: dict[str, Any], bands: set[str]) -> None:
    assert price_bands(OrderFacts(**facts), policy) == bands
