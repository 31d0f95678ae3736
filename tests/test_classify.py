"""The exemplar classifier: unit tests on a fake embedder, and the shipped exemplars on the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.classify import ExemplarClassifier, load_exemplars
from assistant.embeddings import HashEmbedder
from assistant.errors import KnowledgeError
from assistant.models import Category, Intent

EXEMPLARS = Path(__file__).resolve().parents[1] / "assistant" / "exemplars"


def tiny(tmp_path: Path) -> Path:
    (tmp_path / "damaged_in_transit.yaml").write_text(
        'intent: damaged_in_transit\nen: ["cracked jar", "broken glass jar", "the jar is cracked"]\n', encoding="utf-8")
    (tmp_path / "address_change.yaml").write_text(
        'intent: address_change\nen: ["change my address", "new address please", "wrong street address"]\n',
        encoding="utf-8")
    (tmp_path / "other.yaml").write_text('intent: other\nen: ["hello there", "thanks", "good morning"]\n',
                                         encoding="utf-8")
    return tmp_path


def test_nearest_intent_wins_and_maps_to_category(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    clf = ExemplarClassifier(embedder, load_exemplars(tiny(tmp_path)), cache_dir=tmp_path / "cache", other_threshold=0.0)
    result = clf.classify("my jar arrived cracked", embedder.query(["my jar arrived cracked"]))
    assert result.intent == Intent.DAMAGED_IN_TRANSIT
    assert result.category == Category.DAMAGE
    assert result.alternatives[0][0] == Intent.DAMAGED_IN_TRANSIT
    assert 0.0 <= result.confidence <= 1.0


def test_low_confidence_becomes_other(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    clf = ExemplarClassifier(embedder, load_exemplars(tiny(tmp_path)), other_threshold=0.5)
    result = clf.classify("!!!", embedder.query(["!!!"]))  # no trigrams: every intent ties
    assert result.intent == Intent.OTHER


def test_exemplar_vectors_are_cached(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    ExemplarClassifier(embedder, load_exemplars(tiny(tmp_path)), cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("exemplars-*.npy"))) == 1


def test_broken_exemplar_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("intent: teleportation\nen: [a]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="x.yaml"):
        load_exemplars(tmp_path)


def test_shipped_exemplars_cover_every_intent_in_seven_languages() -> None:
    ex = load_exemplars(EXEMPLARS)
    for intent in Intent:
        assert ex.intents.count(intent) >= 40, intent
    import yaml

    for path in EXEMPLARS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {"en", "de", "fr", "es", "it", "ja", "zh"} <= set(data), path.name


@pytest.mark.integration
@pytest.mark.parametrize(("text", "intent"), [
    ("The mug arrived broken", Intent.DAMAGED_IN_TRANSIT),
    ("tracking says delivered but nothing came", Intent.DELIVERED_NOT_RECEIVED),
    ("please change my address", Intent.ADDRESS_CHANGE),
    ("Ich möchte meine Bestellung stornieren", Intent.ORDER_CANCELLATION),
    ("J'ai besoin d'une facture pour ma société", Intent.INVOICE_REQUEST),
    ("¿Este cargador es compatible con el iPhone 15?", Intent.PRE_SALE_QUESTION),
    ("Mi è arrivato il modello sbagliato", Intent.WRONG_ITEM),
    ("返金はいつ頃になりますか？", Intent.REFUND_STATUS),
    ("收到的时候少了一个配件", Intent.MISSING_ITEMS),
], ids=lambda v: str(v))
def test_real_model_on_our_own_phrasings(real_parts, text: str, intent: Intent) -> None:  # type: ignore[no-untyped-def]
    query = real_parts.embedder.query([text])
    assert real_parts.classifier.classify(text, query).intent == intent
