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
], ids=lambda v: str(v))
def test_detect(text: str, marketplace: str | None, lang: str) -> None:
    assert detect_language(text, marketplace) == lang
