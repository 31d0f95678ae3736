"""A request to pay, order, be refunded or talk outside the marketplace, in seven languages: read, declined in the
reply, and kept apart from reports of suspicious messages and questions about the marketplace's own payments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.models import Intent
from assistant.off_platform import asks_off_platform
from assistant.signals import for_intent, read_signals

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("text", [
    "Can I pay you directly by bank transfer to save the marketplace fees?",
    "What's your WhatsApp? I'll send you the video there.",
    "Please send the cashback for my 5-star review to my PayPal.",
    "Kann ich direkt per PayPal Freunde & Familie bezahlen?",
    "Donnez-moi votre numéro, ce sera plus simple.",
    "¿Te puedo pagar por Bizum y nos ahorramos la comisión?",
    "Posso pagarvi con bonifico direttamente?",
    "次回からはAmazonを通さず直接購入したいです。",
    "加个微信吧，私下转账便宜点。",
])
def test_a_request_to_deal_outside_is_read(text: str) -> None:
    assert asks_off_platform(text)


@pytest.mark.parametrize(("text", "why"), [
    ("I paid with PayPal at checkout, when will the refund arrive?", "the marketplace's own payment"),
    ("A card in the box says add us on WeChat for cashback. Is that actually from you? Seems dodgy.", "a report"),
    ("Do you offer cash on delivery?", "the marketplace's own payment option"),
    ("What is your order number policy?", "no contact asked"),
    ("I'm pissed off, Amazon charged me twice.", "'off Amazon' in another sense"),
    ("Me dijeron que me iban a reembolsar.", "'iban' in Spanish"),
])
def test_look_alikes_are_not_a_request(text: str, why: str) -> None:
    assert not asks_off_platform(text), why


def test_the_decline_goes_with_every_intent() -> None:
    """Unlike the intent-bound signals, a request to go off the marketplace is declined whatever else is asked."""
    read = read_signals("The lamp flickers. Can I send you the video on WhatsApp? What is your number?")
    assert read.off_platform
    assert all(for_intent(read, intent).off_platform for intent in Intent)


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("name", "found", "wrong"), [("off_platform_dev.jsonl", 56, 0),
                                                      ("off_platform_dev2.jsonl", 42, 0),
                                                      ("heldout_off_platform.jsonl", 42, 3)])
def test_requests_written_by_others(name: str, found: int, wrong: int) -> None:
    """Three sets of 56 requests to deal outside the marketplace and 56 look-alikes (a PayPal payment at checkout, an
    invoice, photos sent here, the courier, the marketplace's fees, cash on delivery, a report of a suspicious
    message, a bulk price, the return address), each by another helper who saw neither the words nor the data. The
    first words read 25 of 56 of the first set with 4 look-alikes; after reading its misses, 56 and none. The second
    set was then measured once: 42 of 56, and 3 look-alikes, each a report of someone posing as the shop on a
    messaging app ("that wasn't you, was it?"); words for such reports went in after, so it is a development set
    now (42, none). The third set, with 21 such reports among its look-alikes, was measured once after that: 42 of
    56, and 3 of the reports still read as requests."""
    rows = _rows(name)
    read = {True: 0, False: 0}
    for row in rows:
        read[bool(row["off_platform"])] += asks_off_platform(str(row["text"]))
    assert len(rows) == 112
    assert read[True] >= found - 1 and read[False] <= wrong
