"""An item bought elsewhere and a price that dropped after the purchase: read in seven languages, a person answers."""

from __future__ import annotations

import pytest

from assistant.elsewhere import bought_elsewhere
from assistant.models import Intent
from assistant.price_drop import asks_price_difference
from assistant.signals import for_intent, read_signals


@pytest.mark.parametrize("text", [
    "The blender I got from a different seller broke, can you replace it?",
    "Die Lampe habe ich woanders gekauft, aber ihr verkauft die ja auch.",
    "Je l'ai acheté sur un autre site, vous le vendez aussi.",
    "Lo compré en otra tienda pero ustedes lo venden también.",
    "L'ho preso su un altro sito, lo vendete anche voi?",
    "他店で購入したケトルですが、そちらでも販売しているので交換できますか。",
    "在别家买的水壶坏了，你们也卖同款，能换吗？",
])
def test_an_item_bought_elsewhere_is_read(text: str) -> None:
    assert bought_elsewhere(text)


@pytest.mark.parametrize("text", [
    "It was $49 last week and now it's $39. Please refund me the difference.",
    "Der Preis wurde gesenkt, können Sie mir die Differenz erstatten?",
    "Il est moins cher aujourd'hui, pouvez-vous me rembourser la différence ?",
    "Ahora en las rebajas está a 29 €, ¿me devuelven la diferencia?",
    "Oggi costa a 30 euro, mi rimborsate la differenza?",
    "昨日買ったのに今日安くなっています。差額を返金してください。",
    "刚买就降价了，能退差价吗？",
])
def test_a_price_drop_is_read(text: str) -> None:
    assert asks_price_difference(text)


@pytest.mark.parametrize("text", [
    "Can I swap it for the 256GB one and pay the difference?",
    "I bought it from you last week and it stopped working.",
    "Do you sell the spare lid too?",
    "差額はお支払いしますので、大きいサイズに交換できますか。",
    "差价我补，能换成大号的吗？",
])
def test_look_alikes_are_neither(text: str) -> None:
    assert not bought_elsewhere(text) and not asks_price_difference(text)


def test_a_question_before_buying_keeps_its_answer() -> None:
    read = read_signals("Will it get cheaper? The price went down last month.")
    assert read.price_drop and for_intent(read, Intent.RETURN_REQUEST).price_drop
    assert not for_intent(read, Intent.PRE_SALE_QUESTION).price_drop
