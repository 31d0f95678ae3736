"""The intent corrections on their own: each moves only the intents it names, and only with its words."""

from __future__ import annotations

import pytest

from assistant.corrections import after_requests, before_requests, terse_intent
from assistant.models import CATEGORY_OF, Intent, OrderFacts
from assistant.signals import read_signals

I = Intent  # noqa: E741 - the tables read better short


@pytest.mark.parametrize(("text", "head", "status", "expected"), [
    # an exchange the head could not place is a return with a request
    ("Can I swap these shoes for a bigger size?", I.OTHER, "delivered", I.RETURN_REQUEST),
    # customs read as a wrong item is the parcel's journey
    ("Ich soll 18 Euro Zoll bezahlen, bevor DHL liefert.", I.WRONG_ITEM, "shipped", I.SHIPPING_STATUS),
    # a change to a placed order, by status
    ("Could you change my order to the grey ones?", I.ADDRESS_CHANGE, "unshipped", I.ORDER_CANCELLATION),
    ("I just ordered it in white but wanted navy.", I.RETURN_REQUEST, "unshipped", I.ORDER_CANCELLATION),
    ("I just ordered it in white but wanted navy.", I.RETURN_REQUEST, "delivered", I.RETURN_REQUEST),
    # a return before the order ships is a cancellation
    ("I want my money back, I don't need it any more.", I.RETURN_REQUEST, "unshipped", I.ORDER_CANCELLATION),
    ("I want my money back, I don't need it any more.", I.RETURN_REQUEST, "delivered", I.RETURN_REQUEST),
    # an overcharge read as an item fault goes to a person; customs keeps its own reading
    ("The listing said $39.99 but I was charged $47.20.", I.NOT_AS_DESCRIBED, "delivered", I.OTHER),
    ("The listing said $39.99 but I was charged $47.20.", I.DAMAGED_IN_TRANSIT, "delivered", I.DAMAGED_IN_TRANSIT),
    # carrier talk for a parcel on its way back
    ("Tracking says returned to sender.", I.RETURN_REQUEST, "shipped", I.DELIVERY_DELAY),
    # the rest of the order still on its way
    ("Only one box came, the other is still on its way.", I.MISSING_ITEMS, "shipped", I.SHIPPING_STATUS),
    ("Only one box came, the lid is missing.", I.MISSING_ITEMS, "delivered", I.MISSING_ITEMS),
])
def test_before_requests(text: str, head: Intent, status: str, expected: Intent) -> None:
    got, _ = before_requests(head, CATEGORY_OF[head], read_signals(text), text, OrderFacts(status=status))
    assert got is expected


def test_the_order_facts_complete_the_signals() -> None:
    text = "Make it 3 packs instead of 1, please."
    read, other = read_signals(text), CATEGORY_OF[I.OTHER]
    _, unshipped = before_requests(I.OTHER, other, read, text, OrderFacts(status="unshipped"))
    _, unknown = before_requests(I.OTHER, other, read, text, None)
    assert unshipped.order_change and not unknown.order_change


@pytest.mark.parametrize(("text", "head", "also", "expected", "expected_also"), [
    ("The manual is only in German, how do I set the timer?", I.NOT_AS_DESCRIBED, [I.PRE_SALE_QUESTION],
     I.PRE_SALE_QUESTION, []),
    ("It won't start. I don't want to return it, how do I set the timer?", I.PRODUCT_DEFECT, [],
     I.PRE_SALE_QUESTION, []),
    ("It won't start. How do I set the timer?", I.PRODUCT_DEFECT, [], I.PRODUCT_DEFECT, []),
    ("Can I pay you by bank transfer? I'd cancel this order then.", I.ORDER_CANCELLATION, [I.PRE_SALE_QUESTION],
     I.OTHER, []),
    ("The lamp flickers, can I send the video on WhatsApp?", I.PRODUCT_DEFECT, [], I.PRODUCT_DEFECT, []),
])
def test_after_requests(text: str, head: Intent, also: list[Intent], expected: Intent,
                        expected_also: list[Intent]) -> None:
    assert after_requests(head, also, read_signals(text), text, text) == (expected, expected_also)


@pytest.mark.parametrize(("text", "cues", "expected"), [
    ("where?", {}, I.SHIPPING_STATUS), ("dov'è?", {}, I.SHIPPING_STATUS), ("在哪里？？", {}, I.SHIPPING_STATUS),
    ("cassé", {I.DAMAGED_IN_TRANSIT: 1}, I.DAMAGED_IN_TRANSIT), ("refund pls", {I.REFUND_STATUS: 1}, I.REFUND_STATUS),
    ("customer service mail", {I.FEEDBACK_REVIEW: 1}, None),  # a weak cue says too little alone
    ("??", {}, None), ("broken and late", {I.DAMAGED_IN_TRANSIT: 1, I.DELIVERY_DELAY: 1}, None),
    ("where is the manual for the lamp I bought", {}, None),  # not terse
])
def test_a_terse_message_names_its_intent(text: str, cues: dict[Intent, int], expected: Intent | None) -> None:
    assert terse_intent(text, lambda _: cues) is expected
