"""Part of an order that is still on its way ("only one of the two boxes came, the other is in transit") is a
delivery question, not a missing item to resend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.models import Intent
from assistant.signals import rest_in_transit

DATA = Path(__file__).parent / "data"
SHIPPING = {Intent.SHIPPING_STATUS, Intent.DELIVERY_DELAY}


@pytest.mark.parametrize("text", [
    "Only one of my two boxes arrived. The second parcel is still on its way.",
    "The table ships separately, when will it come?",
    "Das zweite Paket ist noch unterwegs.",
    "Le deuxième colis est encore en cours d'acheminement.",
    "La otra caja sigue en camino según el seguimiento.",
    "L'altro pacco è ancora in transito.",
    "もう1つはまだ配送中ですか？",
    "另一个包裹物流显示还在路上。",
])
def test_the_rest_on_its_way_is_read(text: str) -> None:
    assert rest_in_transit(text)


@pytest.mark.parametrize("text", [
    "The lid was missing from the box.",
    "The tracking says everything was delivered but the second lamp is not here.",
    "Fehlt da nicht das Ladekabel?",
    "Il manque la notice dans le colis.",
    "配件少了一个。",
])
def test_a_part_missing_from_the_box_is_not(text: str) -> None:
    assert not rest_in_transit(text)


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / "heldout_split.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.integration
def test_split_shipments_held_out(real_parts) -> None:  # type: ignore[no-untyped-def]
    """tests/data/heldout_split.jsonl: 56 messages about the rest of an order still on its way and 56 look-alikes (a
    part missing from the box, an empty box, a late order...), by a helper who saw neither the words nor the data.
    The classifier already read 53 of the 56 as delivery questions and none as a missing item; the correction
    (missing item + the rest still on its way -> where is it) changed none of the 112 here. It is for the ones it
    does read as missing (the three below were offered a resend). The three left read as "shows delivered" because
    one parcel did arrive."""
    counts = {True: 0, False: 0}
    missing = {True: 0, False: 0}
    for row in _rows():
        text = str(row["text"])
        got = real_parts.classifier.classify(text, real_parts.embedder.query([text]), None).intent
        counts[bool(row["split"])] += got in SHIPPING
        missing[bool(row["split"])] += got is Intent.MISSING_ITEMS
    assert counts[True] >= 53 - 1 and missing[True] == 0
    assert missing[False] >= 21 - 1  # the look-alikes that are missing items stay missing items


@pytest.mark.integration
@pytest.mark.parametrize("text", [
    "Me ha llegado solo una parte del pedido, la otra caja sigue en camino según el seguimiento.",
    "2個口のうち1つしか届いていません。もう1つはまだ配送中ですか？",
    "只收到了一个包裹，另一个包裹物流显示还在路上。",
])
def test_read_as_missing_but_still_on_its_way(real_parts, text: str) -> None:  # type: ignore[no-untyped-def]
    """Each of these read as a missing item and was offered a resend or a partial refund."""
    got = real_parts.classifier.classify(text, real_parts.embedder.query([text]), None)
    assert got.intent is Intent.SHIPPING_STATUS
    assert Intent.MISSING_ITEMS in dict(got.alternatives)
