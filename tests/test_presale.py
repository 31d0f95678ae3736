"""Pre-sale questions answered from the store's listings (cited), or "we will check"; order facts from the catalogue."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from assistant.catalogue import Catalogue, answer_from_listing, calls_by_name, fill_order_facts, mentions_listing
from assistant.draft import OfflineDrafter
from assistant.knowledge import IncludedPart, Listing
from assistant.models import (
    Category,
    Classification,
    Decision,
    DraftContext,
    DraftRequest,
    Intent,
    Language,
    OrderFacts,
)
from assistant.pipeline import Parts, draft_reply, load_parts
from assistant.settings import Settings

CASE = Listing(sku="C-15", title="Slim Phone Case", price=12.5, currency="EUR", stock=3,
               description="A slim case with raised edges.", bullets=["Dishwasher safe? No: wipe clean only"],
               included=[IncludedPart(name="Screen protector", generic=True)],
               compatibility="iPhone 15 and iPhone 15 Pro", dimensions="15 x 7.5 cm")
JARS = Listing(sku="J-4", title="Glass Storage Jar Set", price=24.99, currency="USD", stock=5,
               description="Four glass jars.", bullets=["Set of 4: two 1 L jars and two 600 ml jars",
                                                        "Silicone seal rings keep contents airtight"],
               names={"fr": ["bocal", "bocaux"], "es": ["tarros"], "ja": ["保存容器"], "zh": ["储物罐"]})


@pytest.mark.parametrize(("question", "named"), [
    ("Les bocaux sont-ils hermétiques ?", True),
    ("¿Los tarros son herméticos?", True),
    ("この保存容器は密閉できますか？", True),
    ("这个储物罐是密封的吗？", True),
    ("Is the glass jar set airtight?", True),  # the title, as before
    ("Is the glass bowl airtight?", False),  # one title word names a material, not the product
    ("Les tasses sont-elles hermétiques ?", False),
    ("这个杯子是密封的吗？", False),
])
def test_a_question_names_the_listing_by_its_title_or_a_local_name(question: str, named: bool) -> None:
    assert mentions_listing(question, JARS) is named


def _generated_catalogue(size: int) -> Catalogue:
    """Listings with Latin, hyphenated, two-word, short, Japanese and Chinese names, some shared between listings."""
    words = ["tasse", "becher", "bocal", "tarro", "t-shirt", "tv", "e book", "coupe", "vaso", "kaffeetasse"]
    cjk = ["保存容器", "马克杯", "マグカップ", "储物罐", "iPhoneケース"]
    return Catalogue((f"S{i}", Listing(
        sku=f"S{i}", title=f"Product {i}", price=10, currency="USD", stock=1, description="A product.",
        names={"de": [f"{words[i % len(words)]}{i}", words[i % 7]], "ja": [f"{cjk[i % len(cjk)]}{i}"]},
    )) for i in range(size))


@pytest.mark.parametrize("question", [
    "Ist die Tasse3 spülmaschinenfest?", "Do you sell the super-tasse3 too?", "the tv1 or the tv11?",
    "is the e book6 in stock", "マグカップ4は電子レンジで使えますか", "这个马克杯1有现货吗", "Haben Sie Becher?",
    "the T-SHIRT4 and the kaffeetasse9", "nothing named here", "iphoneケース4",
])
def test_the_name_index_finds_what_trying_each_listing_finds(question: str) -> None:
    """A question with no SKU that names no search hit is looked up in the whole catalogue: the index built when it
    is first needed must find exactly the listings that calling `calls_by_name` on each would."""
    catalogue = _generated_catalogue(200)
    assert catalogue.called_by_name(question) == [item for item in catalogue.values() if calls_by_name(question, item)]


@pytest.mark.parametrize(("question", "answer"), [
    ("Les bocaux sont-ils hermétiques ?", "Silicone seal rings keep contents airtight"),
    ("这个储物罐一共有几个？", "Set of 4: two 1 L jars and two 600 ml jars"),
    ("Quelle est la contenance des bocaux ?", None),  # capacity, but no line names it
    ("Are the jars in stock? I need two sets.", "In stock: 5"),
    ("Sind die Vorratsgläser auf Lager?", "In stock: 5"),
    ("这个储物罐有现货吗？", "In stock: 5"),
    ("Are the jars available in amber glass?", None),  # a variant, not stock
])
def test_airtight_count_and_capacity_are_answered_across_languages(question: str, answer: str | None) -> None:
    found = answer_from_listing(question, JARS)
    assert (found.text if found else None) == answer


@pytest.mark.parametrize(("question", "answer"), [
    ("Does it fit the iPhone 15?", "Compatibility: iPhone 15 and iPhone 15 Pro"),
    ("Does it fit the iPhone 14?", None),  # the listing names 15 only: never guess about 14
    ("Is there a screen protector in the box?", "In the box: Screen protector"),
    ("Is it waterproof?", None),
    ("Is the case nice?", None),  # nothing specific asked: nothing to quote
    ("What are the dimensions?", "Dimensions: 15 x 7.5 cm"),
    ("Is it dishwasher safe?", "Dishwasher safe? No: wipe clean only"),  # the whole line, never half of it
    ("Ist die Hülle spülmaschinenfest?", "Dishwasher safe? No: wipe clean only"),
    ("Passt die Hülle auf das iPhone 15?", "Compatibility: iPhone 15 and iPhone 15 Pro"),
    ("Passt die Hülle auf das iPhone 14?", None),
    ("Quelle est la taille de la coque ?", "Dimensions: 15 x 7.5 cm"),
    ("このケースは食洗機で洗えますか？", "Dishwasher safe? No: wipe clean only"),
    ("这个手机壳兼容iPhone 15吗？", "Compatibility: iPhone 15 and iPhone 15 Pro"),
    ("¿Se puede meter en el horno?", None),  # the listing says nothing about ovens in any language
], ids=["fits 15", "not 14", "in the box", "not mentioned", "nothing specific", "dimensions", "whole line",
        "de dishwasher", "de fits 15", "de not 14", "fr size", "ja dishwasher", "zh fits 15", "es oven unknown"])
def test_answer_is_a_listing_line_naming_every_asked_term(question: str, answer: str | None) -> None:
    found = answer_from_listing(question, CASE)
    assert (found.text if found else None) == answer


class ForcedIntent:
    """The shared classifier, with the intent fixed: these tests are about the answer, not the classifier."""

    def __init__(self, inner: Any, intent: Intent = Intent.PRE_SALE_QUESTION) -> None:
        self._inner, self._intent = inner, intent

    def classify(self, text: str, query: Any, order: OrderFacts | None = None,
                 about: str | None = None) -> Classification:
        found: Classification = self._inner.classify(text, query, order, about=about)
        return found.model_copy(update={"intent": self._intent, "category": Category.PRODUCT_QUESTION,
                                        "language": "en"})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture()
def parts(fake_settings: Settings) -> Parts:
    loaded = load_parts(fake_settings)
    return dataclasses.replace(loaded, classifier=ForcedIntent(loaded.classifier))  # type: ignore[arg-type]


def test_question_answered_from_the_orders_listing_and_cited(parts: Parts) -> None:
    result = draft_reply(DraftRequest(text="Is the mug dishwasher safe?", order=OrderFacts(sku="HP-MUG-001")), parts)
    cited = result.citations[0]
    assert (cited.document, cited.section, cited.snippet) == ("listings", "HP-MUG-001", "Dishwasher and microwave safe")
    assert "According to the product listing: Dishwasher and microwave safe" in result.draft
    assert result.guard.passed, result.guard.violations


def test_question_the_listing_does_not_answer_says_we_will_check(parts: Parts) -> None:
    result = draft_reply(DraftRequest(text="Is the mug oven safe?", order=OrderFacts(sku="HP-MUG-001")), parts)
    assert "listings" not in [c.document for c in result.citations]
    assert "According to the product listing" not in result.draft
    assert "We will check the details and get back to you within 24 hours." in result.draft
    assert result.guard.passed, result.guard.violations


def test_without_a_sku_the_listing_the_question_names_is_found(parts: Parts) -> None:
    result = draft_reply(DraftRequest(text="Is the stoneware mug dishwasher safe?"), parts)
    assert result.citations[0].section == "HP-MUG-001"
    assert "Dishwasher and microwave safe" in result.draft


def test_a_question_in_another_language_finds_the_listing_by_its_local_name(parts: Parts) -> None:
    """'tarros' is the jar set's Spanish name (knowledge/listings.json); the nearest listing is the bamboo shelf."""
    result = draft_reply(DraftRequest(text="¿Las tapas de bambú de los tarros son herméticas?"), parts)
    assert result.citations[0].section == "HP-JAR-SET4"
    assert "airtight" in result.draft


def test_each_store_answers_from_its_own_catalogue(parts: Parts) -> None:
    german = parts.for_store("rhein-kueche")
    result = draft_reply(DraftRequest(text="Is the casserole dishwasher safe?", order=OrderFacts(sku="RK-TOPF-24")),
                         german)
    assert result.citations[0].section == "RK-TOPF-24" and "Not dishwasher safe." in result.draft
    assert "Rheinblick Küche" in result.draft
    other = draft_reply(DraftRequest(text="Is the casserole dishwasher safe?", order=OrderFacts(sku="RK-TOPF-24")),
                        parts)
    assert "listings" not in [c.document for c in other.citations]  # the default store has no such SKU


def test_sku_fills_order_facts_and_the_decision_says_so(parts: Parts) -> None:
    damaged = dataclasses.replace(parts, classifier=ForcedIntent(parts.classifier, Intent.DAMAGED_IN_TRANSIT))
    result = draft_reply(DraftRequest(text="It arrived broken", order=OrderFacts(sku="HP-MUG-001")), damaged)
    reason = next(r for r in result.decision.reasons if r.rule == "order_facts_from_catalogue")
    assert reason.source.section == "HP-MUG-001"
    assert "item_price=14.0" in reason.note and "in_stock=True" in reason.note
    given = draft_reply(DraftRequest(text="It arrived broken", order=OrderFacts(sku="HP-MUG-001", item_price=14,
                                                                                   currency="USD", in_stock=True)),
                        damaged)
    assert "order_facts_from_catalogue" not in [r.rule for r in given.decision.reasons]


def test_fill_keeps_what_the_request_gave() -> None:
    filled = fill_order_facts(OrderFacts(sku="C-15", item_price=20), {"C-15": CASE})
    assert (filled.order.item_price, filled.order.in_stock, filled.order.currency) == (20, True, "EUR")


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it", "ja", "zh"])
def test_offline_templates_quote_the_answer_or_promise_to_check(fake_settings: Settings, lang: Language) -> None:
    classification = Classification(intent=Intent.PRE_SALE_QUESTION, category=Category.PRODUCT_QUESTION,
                                    confidence=0.9, language=lang)
    ctx = DraftContext(text="?", order=OrderFacts(), classification=classification,
                       decision=Decision(reply_within_hours=36), citations=[], store_name="S", signature="S team",
                       product_title="Slim Phone Case", pre_sale_answer="Compatibility: iPhone 15 and iPhone 15 Pro")
    drafter = OfflineDrafter(fake_settings.prompts_dir)
    answered = drafter.write(ctx)
    unanswered = drafter.write(ctx.model_copy(update={"pre_sale_answer": None}))
    assert "Compatibility: iPhone 15 and iPhone 15 Pro" in answered and "36" not in answered
    assert "iPhone" not in unanswered and "36" in unanswered  # says when the seller will answer, invents nothing
