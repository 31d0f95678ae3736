"""Where the words settle what the embedding misreads: the classifier's intent, corrected by keyword signals. Pure.

The head reads the topic of a message well, but a few situations look like another topic to it: an exchange like
small talk, a customs charge like a wrong item, a change to a placed order like an address change, an overcharge
like a misdescribed item. Each correction below names the intents it moves from, and why. `before_requests` runs
on the head's intent, `after_requests` once a second request in the message has been read (classify).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from assistant.exchange import wants_exchange
from assistant.models import Category, Fault, Intent, OrderFacts, Signals
from assistant.signals import declines_something, for_order, rest_in_transit, returning_to_sender
from assistant.usage import asks_how_to_use

__all__ = [
    "CUSTOMS_MISREAD", "OFF_PLATFORM_MISREAD", "ORDER_CHANGE_MISREAD", "OVERCHARGE_MISREAD",
    "UNSHIPPED_CHANGE_MISREAD", "after_requests", "before_requests", "terse_intent",
]

# A customs notice read as one of these is about the parcel's journey ("refund me the import duty" is not a refund of
# the order), as is a customs question about an order that has shipped. A customs word in a damage report, a return,
# an invoice request ("customs want a commercial invoice") or a question before buying keeps its intent.
CUSTOMS_MISREAD = frozenset({Intent.WRONG_ITEM, Intent.NOT_AS_DESCRIBED, Intent.REFUND_STATUS, Intent.OTHER})
# A change to an order already placed ("could you make it the grey ones before it ships?") read as one of these is
# about the order itself: it is cancelled and placed again. Before it ships, a return, a wrong, missing or faulty item,
# a late parcel or a review cannot be meant yet either; once delivered, a change is an exchange (a return) and is
# left to those rules.
ORDER_CHANGE_MISREAD = frozenset({Intent.ADDRESS_CHANGE, Intent.SHIPPING_STATUS, Intent.OTHER,
                                  Intent.PRE_SALE_QUESTION})
UNSHIPPED_CHANGE_MISREAD = ORDER_CHANGE_MISREAD | {
    Intent.RETURN_REQUEST, Intent.WRONG_ITEM, Intent.MISSING_ITEMS, Intent.DELIVERY_DELAY, Intent.PRODUCT_DEFECT,
    Intent.NOT_AS_DESCRIBED, Intent.FEEDBACK_REVIEW}
# "I was charged more than the listing said" or "charged twice" read as a fault of the item (and offered its refund
# or resend), a refund, an invoice, a complaint or a question is a payment for a person to check (`other`). A late or
# damaged parcel keeps its intent: a charge beside it is not what needs answering first.
OVERCHARGE_MISREAD = frozenset({Intent.NOT_AS_DESCRIBED, Intent.WRONG_ITEM, Intent.PRODUCT_DEFECT, Intent.REFUND_STATUS,
                                Intent.INVOICE_REQUEST, Intent.RETURN_REQUEST, Intent.MISSING_ITEMS,
                                Intent.FEEDBACK_REVIEW, Intent.PRE_SALE_QUESTION})
# A request to pay, order or be refunded outside the marketplace read as a cancellation ("I'd pay you by bank
# transfer and cancel this order"), an invoice, a refund, a review ("cashback for my 5 stars to my WeChat") or a
# question ("can I pay you directly?") is declined as such (`other`, rule off_platform_declined). A problem keeps its
# intent, and the reply says that everything stays on the marketplace.
OFF_PLATFORM_MISREAD = frozenset({Intent.ORDER_CANCELLATION, Intent.INVOICE_REQUEST, Intent.REFUND_STATUS,
                                  Intent.FEEDBACK_REVIEW, Intent.PRE_SALE_QUESTION})


def before_requests(intent: Intent, category: Category, signals: Signals, about: str,
                    order: OrderFacts | None) -> tuple[Intent, Signals]:
    """The intent after the corrections that need only the message and its order facts, and the signals as the
    order facts complete them (`signals.for_order`). `category` is the head's topic, `about` the text it read."""
    status = order.status if order is not None else None
    on_its_way = status in ("shipped", "delivered")
    if wants_exchange(about) and (intent is Intent.OTHER or (
            intent is Intent.WRONG_ITEM and signals.fault is Fault.BUYER) or (
            intent is Intent.PRE_SALE_QUESTION and on_its_way)):
        # An exchange we could not place, or "I ordered the wrong size myself, can I swap it?": a return with a
        # request, not small talk nor an item we sent by mistake.
        intent = Intent.RETURN_REQUEST
    if signals.customs and (intent in CUSTOMS_MISREAD or (intent is Intent.PRE_SALE_QUESTION and on_its_way)):
        # "the courier wants 18 euros customs, nobody mentioned it" is not a wrong or misdescribed item
        intent = Intent.SHIPPING_STATUS
    signals = for_order(signals, about, order)
    if signals.order_change and ((intent in ORDER_CHANGE_MISREAD and status in (None, "unshipped", "shipped")) or (
            intent in UNSHIPPED_CHANGE_MISREAD and status == "unshipped")):
        intent = Intent.ORDER_CANCELLATION
    if intent is Intent.RETURN_REQUEST and status == "unshipped":
        # "I want my money back, I don't need it any more" before it ships: nothing to send back, it is cancelled
        intent = Intent.ORDER_CANCELLATION
    if signals.overcharge and not signals.customs and intent in OVERCHARGE_MISREAD:
        intent = Intent.OTHER
    if category is not Category.SHIPPING and returning_to_sender(about):
        # "returned to sender" is carrier talk for a parcel on its way back to us, not a return request
        intent = Intent.DELIVERY_DELAY
    if intent is Intent.MISSING_ITEMS and rest_in_transit(about):
        # "only one of the two boxes came, the other is still on its way": nothing is missing yet, it is where
        intent = Intent.SHIPPING_STATUS
    return intent, signals


def after_requests(intent: Intent, also: list[Intent], signals: Signals, about: str,
                   text: str) -> tuple[Intent, list[Intent]]:
    """The intent and the second requests after the corrections that must see the second request first."""
    if (intent is Intent.NOT_AS_DESCRIBED and asks_how_to_use(about)) or (
            intent is Intent.PRODUCT_DEFECT and asks_how_to_use(about) and declines_something(text)):
        # "how do I set the water level? the manual is only in English" asks about the product, not a complaint;
        # so does "it won't start. I don't want to return it, how do I set the timer?"
        intent, also = Intent.PRE_SALE_QUESTION, [i for i in also if i is not Intent.PRE_SALE_QUESTION]
    if signals.off_platform and intent in OFF_PLATFORM_MISREAD:
        # after the second request is read: "can I pay you directly? I'd cancel this order then" is one request
        intent, also = Intent.OTHER, []
    return intent, also


# A message of a word or three ("broken", "refund pls", "wo?", 在哪里？？) gives the embedding little to go on, and the
# head calls it `other`. With a single keyword cue, or a bare "where?", the buyer has said what they want.
TERSE_MAX_WORDS = 3
TERSE_MAX_CJK = 8
WHERE_ONLY = re.compile(
    r"^\W*(?:where|where is it|wo|wo ist es|wo bleibt es|où|où est-il|où est-elle|dónde|donde|dónde está|dove|dov'è"
    r"|dove è|どこ|どこですか|在哪|在哪里|在哪儿|到哪了)\W*$", re.IGNORECASE)


def terse_intent(about: str, hits: Callable[[str], Mapping[Intent, int]]) -> Intent | None:
    """The intent a very short message names by itself (a bare "where?", or one intent's keyword), else None.

    `hits` gives a text's keyword cues (Lexicon.hits); it is asked only when the message is short.
    """
    cjk = sum(1 for ch in about if ord(ch) >= 0x2E80)
    if len(re.findall(r"\w+", about)) > TERSE_MAX_WORDS or cjk > TERSE_MAX_CJK:
        return None
    if WHERE_ONLY.match(about.strip()):
        return Intent.SHIPPING_STATUS
    cues = hits(about)
    # "customer service", "experience" and the like are feedback only in a sentence that says more
    named = [intent for intent in cues if intent is not Intent.FEEDBACK_REVIEW]
    return named[0] if len(named) == 1 and len(cues) == 1 else None
