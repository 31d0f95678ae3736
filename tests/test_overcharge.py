"""A charge higher than expected (more than the price shown, twice, an unexpected fee), in seven languages: read,
and answered as a payment a person checks, not as a fault of the item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.models import Intent
from assistant.overcharge import charged_more
from assistant.signals import for_intent, read_signals

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("text", [
    "The listing said $39.99 but I was charged $47.20 at checkout.",
    "I was charged twice for the same order.",
    "You overcharged me for shipping, it said free delivery.",
    "Mir wurden 12 Euro mehr abgebucht als im Angebot stand.",
    "On m'a facturé plus cher que le prix affiché.",
    "Me cobraron de más, el precio era 25 € y pagué 31 €.",
    "Mi avete addebitato più del prezzo indicato nell'annuncio.",
    "表示価格より高い金額が請求されています。",
    "我付的钱比页面上的价格多了8美元。",
    "Im Angebot stand 29,99 €, abgebucht wurden aber 34,99 €.",
    "My bank statement shows two payments of 23.50 for one order.",
    "The coupon wasn't applied at checkout so I paid full price.",
    "送料無料と書いてあったのに送料550円取られていました。",
    "说好的包邮，结果还收了我12元运费。",
    "I was charged a hidden fee of $3 at checkout.",
])
def test_a_charge_higher_than_expected_is_read(text: str) -> None:
    assert charged_more(text)


@pytest.mark.parametrize(("text", "why"), [
    ("Is there an extra charge for gift wrap?", "a question before buying"),
    ("Are there any hidden fees if I order to Norway?", "a question before buying"),
    ("The listing says 100% cotton, the label says 65% polyester. Not what I paid for.", "shares, not amounts"),
    ("DHL charged me import fees before delivery.", "customs"),
    ("It is cheaper now, please refund me the difference.", "a price drop"),
    ("I was charged but never received the item.", "a parcel that did not come"),
    ("Can I have an invoice with the VAT shown?", "an invoice"),
])
def test_look_alikes_are_not_an_overcharge(text: str, why: str) -> None:
    assert not charged_more(text), why


def test_the_overcharge_shapes_only_an_answer_a_person_gives() -> None:
    read = read_signals("I was charged twice for the same order.")
    assert read.overcharge
    assert for_intent(read, Intent.OTHER).overcharge and not for_intent(read, Intent.NOT_AS_DESCRIBED).overcharge


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def _moved(parts, name: str) -> dict[bool, int]:  # type: ignore[no-untyped-def]
    """How many messages of each kind are read as an overcharge and go to the person who checks payments."""
    moved = {True: 0, False: 0}
    for row in _rows(name):
        text = str(row["text"])
        got = parts.classifier.classify(text, parts.embedder.query([text]))
        moved[bool(row["overcharge"])] += got.intent is Intent.OTHER and for_intent(got.signals, got.intent).overcharge
    return moved


def _read(name: str) -> dict[bool, int]:
    read = {True: 0, False: 0}
    for row in _rows(name):
        read[bool(row["overcharge"])] += charged_more(str(row["text"]))
    return read


@pytest.mark.parametrize(("name", "found"), [("overcharge_dev.jsonl", 51), ("overcharge_dev2.jsonl", 52),
                                             ("heldout_overcharge.jsonl", 28)])
def test_overcharges_written_by_others_are_read(name: str, found: int) -> None:
    """Three sets of 56 complaints about the amount charged and 56 look-alikes (shipping costs before buying,
    customs, a price drop, a refund awaited, an invoice with VAT, a parcel paid for that never came, a membership,
    praise for a good price, a coupon question), each by another helper who saw neither the words nor the data.
    The first words read 10 of 56 in the first set; after reading its misses, 51. The second set was then measured
    at 23 of 56 (new kinds: more units billed than ordered, a currency conversion, a sale price not applied); after
    reading its misses, 52. The third set was measured once, with nothing changed for it: 28 of 56. No look-alike in
    any of the three is read as an overcharge."""
    read = _read(name)
    assert sum(read.values()) <= len(_rows(name)) == 112
    assert read[True] >= found - 1 and read[False] == 0


@pytest.mark.integration
def test_overcharges_held_out_go_to_a_person(real_parts) -> None:  # type: ignore[no-untyped-def]
    """The whole reading on the third set: 27 of 56 go to a person with the payment-check reply, none of the 56
    look-alikes. A refund or a resend was offered for 19 of the 56 before the signal, 8 after (measured with
    `draft_reply` on a delivered order of 30)."""
    moved = _moved(real_parts, "heldout_overcharge.jsonl")
    assert moved[True] >= 27 - 1 and moved[False] == 0
