"""Received more than was paid for: read in seven languages, thanked, nothing offered, a person decides."""

from __future__ import annotations

import pytest

from assistant.models import Intent
from assistant.overdelivery import received_extra
from assistant.signals import for_intent, read_signals


@pytest.mark.parametrize("text", [
    "The kettle arrived twice, two separate parcels. I only paid for one.",
    "There were 2 instead of 1 in the box.",
    "Looks like I got a duplicate shipment of my order.",
    "Die Bestellung wurde zweimal geliefert.",
    "Ich habe nur eine Lampe bestellt, im Paket waren zwei.",
    "J'ai reçu la commande en double, que dois-je faire ?",
    "Il y avait deux au lieu d'une dans le colis.",
    "Me ha llegado el pedido dos veces.",
    "Recibí dos en vez de uno.",
    "Il pacco è arrivato due volte.",
    "Ho ordinato solo una tazza ma ne sono arrivate due.",
    "同じ荷物が二重に届きました。",
    "注文したのは1つですが、2つ入っていました。",
    "你们重复发货了，我收到了两个包裹。",
    "好像多发了一件。",
    "There were two in the box and my card was only charged once.",
    "Bezahlt habe ich aber nur einmal.",
    "Je n'ai été débitée qu'une fois pour les deux lampes.",
    "Me llegaron dos paquetes iguales.",
    "Ho ordinato 1 lampada e ne sono arrivate 2.",
    "請求は1回分だけでした。",
    "只扣了一个的钱。",
    "A baby bib was in my box next to my mugs, I think it's meant for someone else.",
    "Im Paket war noch ein Buch, das gehört mir nicht.",
    "You refunded me because the parcel was lost, but the package arrived today.",
    "你们已经退款了，结果包裹又送到了。",
])
def test_more_than_was_paid_for_is_read(text: str) -> None:
    assert received_extra(text)


@pytest.mark.parametrize(("text", "why"), [
    ("I was charged twice for one order.", "a payment, not a parcel"),
    ("I ordered two mugs and received two.", "what was ordered"),
    ("I ordered 2 and only got one.", "something missing"),
    ("Ich habe zwei bestellt und nur eine bekommen.", "something missing"),
    ("J'ai été débité deux fois.", "charged twice"),
    ("我买了两个，只收到一个。", "something missing"),
    ("The box had someone else's order in it instead of my frying pan.", "a wrong item: my own is missing"),
    ("The refund arrived this morning, thanks.", "a refund that came, no parcel"),
])
def test_other_messages_are_not_over_delivery(text: str, why: str) -> None:
    assert not received_extra(text), why


def test_over_delivery_counts_where_the_parcel_is_talked_about() -> None:
    read = read_signals("The lamp was delivered twice.")
    assert for_intent(read, Intent.MISSING_ITEMS).extra_item and for_intent(read, Intent.RETURN_REQUEST).extra_item
    assert not for_intent(read, Intent.ORDER_CANCELLATION).extra_item  # "ordered twice, cancel one" is a change
