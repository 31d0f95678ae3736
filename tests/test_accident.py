"""Damage the buyer says was their own accident after delivery: read in seven languages, handed to a person."""

from __future__ import annotations

import pytest

from assistant.accident import damaged_by_buyer
from assistant.models import Intent
from assistant.signals import for_intent, read_signals


@pytest.mark.parametrize("text", [
    "I dropped the teapot while unpacking it and the lid cracked.",
    "My dog chewed the charging cable, can I get a new one?",
    "I washed the cardigan on 60 by mistake and now it's tiny.",
    "Mir ist die Schüssel aus der Hand gefallen, gibt es Ersatz?",
    "Mein Sohn hat die Lampe umgeworfen und zerbrochen.",
    "Je l'ai fait tomber et l'écran est fissuré.",
    "Mon chat a fait tomber le vase de la commode.",
    "Se me cayó la jarra y se rompió el asa.",
    "Mi hijo rompió la tapa jugando.",
    "Mi è caduta la teiera e si è scheggiata.",
    "Il mio cane ha rosicchiato il cavo.",
    "落として割ってしまいました。部品だけ買えますか。",
    "子供が落として壊してしまいました。",
    "我不小心把杯子摔碎了，能单独买个杯盖吗？",
    "孩子把台灯摔坏了。",
])
def test_the_buyers_accident_is_read(text: str) -> None:
    assert damaged_by_buyer(text)


@pytest.mark.parametrize(("text", "why"), [
    ("The teapot arrived with a cracked lid.", "damaged on the way"),
    ("The courier dropped the parcel on my doorstep and the vase broke.", "the courier's doing"),
    ("I dropped it off at the post office yesterday.", "a return dropped off"),
    ("The handle fell off after two days of normal use.", "a defect"),
    ("Das Paket kam zerbrochen an.", "damaged on the way"),
    ("快递把包裹摔坏了。", "the courier's doing"),
])
def test_other_damage_is_not_the_buyers_accident(text: str, why: str) -> None:
    assert not damaged_by_buyer(text), why


def test_the_buyers_accident_counts_where_something_would_be_made_good() -> None:
    read = read_signals("I dropped the kettle and now it leaks.")
    assert for_intent(read, Intent.DAMAGED_IN_TRANSIT).accident and for_intent(read, Intent.PRODUCT_DEFECT).accident
    assert for_intent(read, Intent.RETURN_REQUEST).accident  # "...can I return it?"
    assert not for_intent(read, Intent.ORDER_CANCELLATION).accident
