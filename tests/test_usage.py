"""A question about how to use the item is a product question, not a complaint about the listing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.classify import ExemplarClassifier, load_exemplars
from assistant.embeddings import HashEmbedder
from assistant.models import Intent
from assistant.usage import asks_how_to_use


@pytest.mark.parametrize("text", [
    "How do I set the clock on the air fryer?",
    "Wie stelle ich die Uhrzeit ein? Die Anleitung ist nur auf Englisch.",
    "Comment on fait la tare sur cette balance ?",
    "¿Cómo se configura el temporizador? Las instrucciones solo en inglés.",
    "Come si imposta il timer?",
    "玄米を炊くときの水の量はどこに合わせればいいですか？",
    "说明书只有德文，这个锅怎么设置？",
])
def test_a_how_to_question_is_read(text: str) -> None:
    assert asks_how_to_use(text)


@pytest.mark.parametrize(("text", "why"), [
    ("The listing said dishwasher safe but the manual says it is not.", "a manual that contradicts the listing"),
    ("商品ページには食洗機対応とあったのに、説明書には食洗機不可と書いてあります。", "the same, in Japanese"),
    ("The colour is nothing like the photo.", "a complaint"),
])
def test_a_complaint_is_not_a_how_to_question(text: str, why: str) -> None:
    assert not asks_how_to_use(text), why


def _tiny(tmp_path: Path) -> Path:
    (tmp_path / "other.yaml").write_text('intent: other\nen: ["hello there", "thanks"]\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("text", "expected"), [
    ("How do I set the water level for brown rice? The manual is only in German.", Intent.PRE_SALE_QUESTION),
    ("The bowl is smaller than the listing says.", Intent.NOT_AS_DESCRIBED),
])
def test_a_how_to_question_read_as_not_as_described_becomes_a_product_question(tmp_path: Path, text: str,
                                                                                expected: Intent) -> None:
    class Ranked(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (Intent.NOT_AS_DESCRIBED, Intent.PRE_SALE_QUESTION)]
            return [(Intent.NOT_AS_DESCRIBED, 0.8), (Intent.PRE_SALE_QUESTION, 0.1)] + [(i, 0.1 / len(rest))
                                                                                     for i in rest]

    embedder = HashEmbedder()
    result = Ranked(embedder, load_exemplars(_tiny(tmp_path))).classify(text, embedder.query([text]))
    assert result.intent is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The timer won't start. I don't want to return it, can you tell me how to set it?", Intent.PRE_SALE_QUESTION),
    ("加湿器が動きません。返品ではなく、正しいセットの仕方を教えていただけますか。", Intent.PRE_SALE_QUESTION),
    ("smart plug 连不上，是不是坏了？我不想退，只想用起来。", Intent.PRE_SALE_QUESTION),
    ("The timer won't start. How do I set it?", Intent.PRODUCT_DEFECT),  # no return turned down: it may be faulty
    ("It won't start. I don't want to return it, I want a replacement.", Intent.PRODUCT_DEFECT),  # no how-to
])
def test_a_fault_with_a_return_turned_down_and_a_how_to_question_is_a_product_question(
        tmp_path: Path, text: str, expected: Intent) -> None:
    """From the third probe: "not a return, just tell me how to fit the tank" was offered a full refund."""
    class Ranked(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (Intent.PRODUCT_DEFECT, Intent.PRE_SALE_QUESTION)]
            return [(Intent.PRODUCT_DEFECT, 0.8), (Intent.PRE_SALE_QUESTION, 0.1)] + [(i, 0.1 / len(rest))
                                                                                   for i in rest]

    embedder = HashEmbedder()
    result = Ranked(embedder, load_exemplars(_tiny(tmp_path))).classify(text, embedder.query([text]))
    assert result.intent is expected
