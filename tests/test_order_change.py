"""A change to an order already placed (another colour, size or quantity, an item added or taken out), in seven
languages: read, moved to the order's own answer (cancel and order again), and kept apart from look-alikes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.models import Intent, OrderFacts
from assistant.order_change import changes_placed_order, wants_order_change
from assistant.signals import for_intent, read_signals

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("text", [
    "Can you change my order to the 500 ml bottle?",
    "Please add a second bath mat to my order.",
    "Could you remove the spare filter from my order? I only need the jug.",
    "I selected the wrong colour, can it still be fixed?",
    "Könnten Sie meine Bestellung noch auf Größe L ändern?",
    "Bitte die Topflappen aus meiner Bestellung entfernen.",
    "Je voudrais modifier ma commande, il me faut deux coussins.",
    "Pouvez-vous ajouter une taie d'oreiller à ma commande ?",
    "¿Podéis añadir otra taza a mi pedido?",
    "Me equivoqué de color, ¿se puede arreglar?",
    "Potete aggiungere una tovaglietta al mio ordine?",
    "注文内容を変更したいです。",
    "数量を2個に変更できますか。",
    "能帮我修改一下订单吗？颜色要灰色的。",
    "订单里再加一个杯垫。",
])
def test_a_change_to_the_order_is_read(text: str) -> None:
    assert wants_order_change(text)


@pytest.mark.parametrize(("text", "why"), [
    ("Please change the delivery address on my order.", "the address is not the order's content"),
    ("Ich möchte die Lieferadresse meiner Bestellung ändern.", "the address, in a compound"),
    ("Can I change the credit card I paid my order with?", "paying another way"),
    ("¿Puedo cambiar la forma de pago de mi pedido?", "paying another way"),
    ("Please cancel my order, I ordered the wrong size.", "a cancellation with its reason"),
    ("注文をキャンセルしたいです。間違えて注文してしまいました。", "a cancellation with its reason"),
    ("Where is my order? It has not shipped yet.", "a tracking question"),
    ("Do you have this lamp in green?", "a question before buying"),
])
def test_look_alikes_are_not_a_change(text: str, why: str) -> None:
    assert not wants_order_change(text), why


@pytest.mark.parametrize(("text", "unshipped"), [
    ("I just ordered it in white but wanted navy.", True),
    ("Make it 3 packs instead of 1, please.", True),
    ("Ich habe gerade in Grau bestellt, wollte aber eigentlich Blau.", True),
    ("J'ai commandé la taille 38, je voulais la 40.", True),
    ("Ne ho ordinata una, me ne servono due: potete aggiungere l'altra?", True),
    ("白ではなく黒にしてください。", True),
    ("还没发货的话，帮我改成蓝色。", True),
    ("Can I get it in XL instead?", True),
    ("It already shipped, but can you still throw in one more candle?", False),
])
def test_with_the_order_placed_fewer_words_say_it(text: str, unshipped: bool) -> None:
    """Order facts that say the order is placed and not delivered let "wanted navy" or "instead of 1" count; without
    them these words alone are not read as a change."""
    assert changes_placed_order(text, unshipped=unshipped)
    assert not wants_order_change(text)


@pytest.mark.parametrize("text", [
    "When will my order ship? I wanted it by Friday.",
    "Please send it to 22 Harbour Lane instead.",
    "I typed the wrong zip code on my order, please fix it.",
    "Can I pay with PayPal instead?",
    "Please cancel it, I wanted the blue one instead.",
    "Could you add tracking details to the message?",
])
def test_with_the_order_placed_look_alikes_still_are_not(text: str) -> None:
    assert not changes_placed_order(text, unshipped=True)


def test_an_exchange_changes_the_order_only_before_it_ships() -> None:
    assert changes_placed_order("Ich brauche sie eine Nummer größer.", unshipped=True)
    assert not changes_placed_order("Ich brauche sie eine Nummer größer.", unshipped=False)


def test_the_change_shapes_only_a_cancellation_answer() -> None:
    read = read_signals("Can you change my order to the 500 ml bottle?")
    assert read.order_change
    assert for_intent(read, Intent.ORDER_CANCELLATION).order_change
    assert not for_intent(read, Intent.SHIPPING_STATUS).order_change


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def _answered(parts, name: str) -> dict[bool, int]:  # type: ignore[no-untyped-def]
    """How many messages of each kind get the order-change answer, with the order status the row gives."""
    answered = {True: 0, False: 0}
    for row in _rows(name):
        text = str(row["text"])
        got = parts.classifier.classify(text, parts.embedder.query([text]), OrderFacts(status=row["status"]))
        answered[bool(row["order_change"])] += (
            got.intent is Intent.ORDER_CANCELLATION and for_intent(got.signals, got.intent).order_change)
    return answered


@pytest.mark.integration
def test_order_changes_in_the_development_set(real_parts) -> None:  # type: ignore[no-untyped-def]
    """tests/data/order_change_dev.jsonl: 63 changes (42 before shipping, 21 after) and 56 look-alikes (a new
    address, a plain cancellation, another size after delivery, a question before buying, another card, an invoice
    name, a wrong colour we sent, a review), by a helper who saw neither the patterns nor the data. The first
    version of the words answered 14 of 63; after reading the misses, 54 of 63 and none of the look-alikes. The
    rest were shipped orders asking for another size, which get the exchange answer (return and reorder)."""
    assert (len(_rows("order_change_dev.jsonl")), _answered(real_parts, "order_change_dev.jsonl")[False]) == (119, 0)
    assert _answered(real_parts, "order_change_dev.jsonl")[True] >= 54 - 1


@pytest.mark.integration
def test_order_changes_held_out(real_parts) -> None:  # type: ignore[no-untyped-def]
    """tests/data/heldout_order_change.jsonl: 56 changes and 56 look-alikes by a second helper, measured once after
    the development set was done: 37 of 56 answered as a change, none of the look-alikes (0 of 56 before there was
    an order-change rule). One message of slack each."""
    answered = _answered(real_parts, "heldout_order_change.jsonl")
    assert len(_rows("heldout_order_change.jsonl")) == 112
    assert answered[True] >= 37 - 1 and answered[False] <= 0 + 1
