"""A follow-up saying the problem sorted itself out: read in seven languages, thanked, nothing offered."""

from __future__ import annotations

import pytest

from assistant.models import Intent
from assistant.resolved import says_resolved
from assistant.signals import for_intent, read_signals


@pytest.mark.parametrize("text", [
    "Never mind, the parcel was behind the bins. All good now!",
    "Please ignore my previous message, the package turned up.",
    "Found them. Sorry for the fuss.",
    "Hat sich erledigt, das Paket war beim Nachbarn.",
    "Die fehlende Schraube war doch im Karton, alles gut.",
    "Finalement le colis était chez ma voisine, tout est ok.",
    "Ne tenez pas compte de mon message, problème réglé.",
    "Olvídelo, ya apareció el paquete. Todo bien.",
    "Ya está, no hace falta mandar nada.",
    "Lasciate perdere, tutto risolto.",
    "Scusate il messaggio di prima, problema risolto.",
    "お騒がせしました。部品は箱の中にありました。",
    "解決しましたので、対応不要です。",
    "东西找到了，不用补发了。",
    "没事了，快递放在门卫那里。",
])
def test_a_resolved_problem_is_read(text: str) -> None:
    assert says_resolved(text)


@pytest.mark.parametrize(("text", "why"), [
    ("It turned up after all, but the lid is cracked.", "a new problem after the good news"),
    ("Is it all good to use in the dishwasher?", "a question"),
    ("It's not all good, the handle is loose.", "negated"),
    ("Das Paket ist doch angekommen, aber leer.", "a new problem"),
    ("Je n'en ai plus besoin, merci d'annuler la commande.", "a reason to cancel"),
    ("El móvil ya está vinculado a otra cuenta.", "'ya está' meaning 'is already'"),
    ("La giacca non serve più a niente, voglio il reso.", "no longer of use: a return"),
    ("L'ho trovato nel cortile, lanciato oltre il cancello.", "found where the courier threw it"),
    ("商品は無事に届きましたが、請求書をお願いします。", "arrived, then an invoice"),
    ("不用退款，我想问一下能不能放洗碗机。", "a question"),
])
def test_other_messages_are_not_resolved(text: str, why: str) -> None:
    assert not says_resolved(text), why


def test_a_resolved_problem_closes_problems_not_questions() -> None:
    read = read_signals("Never mind, all good now.")
    assert for_intent(read, Intent.DELIVERED_NOT_RECEIVED).resolved and for_intent(read, Intent.OTHER).resolved
    assert not for_intent(read, Intent.PRE_SALE_QUESTION).resolved
