"""An item bought elsewhere, a price that dropped after the purchase, and a fault after months of use: read in seven
languages, a person answers."""

from __future__ import annotations

import pytest

from assistant.elsewhere import bought_elsewhere
from assistant.models import Intent
from assistant.price_drop import asks_price_difference
from assistant.signals import for_intent, read_signals
from assistant.warranty import past_return_window


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


@pytest.mark.parametrize("text", [
    "The kettle I bought 8 months ago no longer switches on.",
    "Die Lampe habe ich vor einem Jahr gekauft, jetzt flackert sie.",
    "Le grille-pain acheté l'année dernière ne chauffe plus.",
    "Compré la batidora hace dos años y ya no funciona.",
    "Il frullatore comprato sei mesi fa si è rotto.",
    "1年前に購入したケトルが壊れました。",
    "用了两年多的吹风机坏了。",
])
def test_months_of_use_are_read(text: str) -> None:
    assert past_return_window(text)


@pytest.mark.parametrize(("text", "why"), [
    ("I bought it a month ago and it stopped working.", "within the 30-day window"),
    ("It broke, is it still under warranty?", "the word alone: buyers use it for any fault"),
    ("The protein bars expired two months ago.", "an expiry date: a fault of what we sold"),
    ("Die Lampe ist nach zwei Tagen kaputt gegangen.", "days, not months"),
])
def test_other_durations_are_not_months_of_use(text: str, why: str) -> None:
    assert not past_return_window(text), why


def test_months_of_use_count_for_faults_and_returns() -> None:
    read = read_signals("I need the invoice from six months ago.")
    assert read.warranty and not for_intent(read, Intent.INVOICE_REQUEST).warranty
    assert for_intent(read_signals("It broke after 14 months."), Intent.PRODUCT_DEFECT).warranty
