"""Language detection, with the marketplace as a prior for short or unclear text."""

from __future__ import annotations

import pytest

from assistant.language import detect_language


@pytest.mark.parametrize(("text", "marketplace", "lang"), [
    ("Where is my order? It was supposed to arrive on Monday.", None, "en"),
    ("Wo bleibt mein Paket? Es sollte schon längst da sein.", None, "de"),
    ("Bonjour, je n'ai toujours pas reçu ma commande.", None, "fr"),
    ("Hola, el paquete llegó roto, ¿qué puedo hacer?", None, "es"),
    ("Buongiorno, il pacco non è ancora arrivato.", None, "it"),
    ("注文した商品がまだ届いていません。", None, "ja"),
    ("我的包裹还没有到", None, "zh"),
    ("ok", "DE", "de"),
    ("ok", None, "en"),
    ("Danke!", "DE", "de"),
    ("merci", "FR", "fr"),
    # two words and no marketplace: a courtesy word of one language decides
    ("facture svp", None, "fr"),
    ("stornieren bitte", None, "de"),
    ("reembolso por favor", None, "es"),
    ("fattura grazie", None, "it"),
    ("Hola, where is my order? It was supposed to arrive on Monday.", None, "en"),  # the sentence outweighs one word
    # clearly none of ours: the agent is told, the reply is in English
    ("Hallo, mijn bestelling is nog steeds niet aangekomen, kunt u dat nakijken?", "DE", "other"),
    ("Dzień dobry, moje zamówienie jeszcze nie dotarło, czy mogą Państwo sprawdzić?", None, "other"),
    ("Olá, meu pedido ainda não chegou, podem verificar por favor?", "ES", "other"),
    ("Здравствуйте, где мой заказ? Он до сих пор не пришёл.", None, "other"),
    ("مرحبا، أين طلبي؟ لم يصل بعد", None, "other"),
    ("안녕하세요, 주문한 물건이 아직 도착하지 않았어요.", None, "other"),
    # short or mixed text is never called unsupported
    ("Hallo, dank je", "DE", "de"),
    ("Obrigado!", "ES", "es"),
], ids=lambda v: str(v))
def test_detect(text: str, marketplace: str | None, lang: str) -> None:
    assert detect_language(text, marketplace) == lang
