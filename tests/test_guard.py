"""The guard's public contract: `check` is pure and deterministic, reports sorted spans into the draft and passes
exactly when nothing is wrong; clean drafts in every language pass; any known violation inserted into any clean
draft makes it fail; folding never crashes and keeps spans on the original text."""

from __future__ import annotations

import random

import pytest

import assistant.guard as guard
from assistant.guard import check
from assistant.guardrules import RULE_IDS
from assistant.models import Decision, GuardReport, Remedy
from assistant.policy import GuardPolicy

POLICY = GuardPolicy()
PARTIAL_AND_RESEND = Decision(remedies=[Remedy.PARTIAL_REFUND, Remedy.RESEND], max_partial_refund_pct=35)

# Polite replies full of look-alikes: an order id, a date, a price, a tracking number, sizes and model numbers.
CLEAN = {
    "en": (
        "Hello, thank you for your message about order 113-1234567-1234567. We are sorry the lamp arrived damaged "
        "on 23.11.2026. We can give you a partial refund of 20% of the item price ($14.99) while you keep the item, "
        "or send you a replacement at no cost. The tracking number is 1Z999AA10123456784; the frame is 30x40 cm "
        "(model WH-1000XM5). There is a small dot on the screen? We will look at it. Kind regards, Harbor & Pine"
    ),
    "de": (
        "Hallo, vielen Dank für Ihre Nachricht zur Bestellung 112-4471093-5520187 vom 23.11.2026. Es tut uns leid, "
        "dass die Lampe beschädigt ankam. Wir senden Ihnen gerne einen Ersatzartikel, der Preis von 14,99 € bleibt "
        "gleich. Mit freundlichen Grüßen, Harbor & Pine"
    ),
    "fr": (
        "Bonjour, merci pour votre message concernant la commande 113-1234567-1234567 du 23/11/2026. Nous sommes "
        "désolés que la lampe soit arrivée endommagée. Nous vous proposons un remplacement sans frais; le prix de "
        "14,99 € reste inchangé. Cordialement, Harbor & Pine"
    ),
    "es": (
        "Hola, gracias por su mensaje sobre el pedido 113-1234567-1234567 del 2026-11-23. Lamentamos que la lámpara "
        "llegara dañada. Le enviaremos un reemplazo sin coste; el precio de 14,99 € no cambia. Saludos cordiales, "
        "Harbor & Pine"
    ),
    "it": (
        "Buongiorno, grazie per il suo messaggio sull'ordine 113-1234567-1234567 del 23.11.2026. Ci dispiace che la "
        "lampada sia arrivata danneggiata. Le invieremo un articolo in sostituzione senza costi; il prezzo di "
        "14,99 € resta invariato. Cordiali saluti, Harbor & Pine"
    ),
    "ja": (
        "ご注文113-1234567-1234567（2026年11月23日）についてご連絡いただきありがとうございます。"
        "商品が破損していたとのこと、大変申し訳ございません。代替品を無料でお送りいたします。"
        "価格は¥1,980のままです。今後ともよろしくお願いいたします。"
    ),
    "zh": (
        "您好，感谢您关于订单113-1234567-1234567（2026-11-23）的留言。很抱歉商品在运输中损坏。"
        "我们会免费为您补发一个新的，价格仍为¥99.00。祝您生活愉快！"
    ),
}

# One violation of each kind, inserted into every clean draft, with the rule that must catch it.
INSERTS = {
    "link": "Details: shop.example.com/help.",
    "email": "Mail help (at) example (dot) com.",
    "phone": "Call +49 176 1234 5678.",
    "competitor_or_off_platform": "Pay via P@yPal.",
    "review_manipulation": "Please leave us a 5-star review.",
    "marketing": "Use coupon SAVE10.",
    "html": "<b>Thanks</b>",
    "emoji": "😊",
    "tone": "Please wait.",
    "unsupported_promise": "We will cancel the order for you.",
    "pii_echo": "We ship to 12 Main Street.",
}
BUYER = "Hi, I live at 12 Main Street and the lamp arrived broken."


def test_public_api() -> None:
    assert guard.__all__ == ["check", "repair"]
    assert set(INSERTS) | {"too_long"} == set(RULE_IDS)


@pytest.mark.parametrize("language", sorted(CLEAN))
def test_polite_draft_with_lookalikes_passes_in_every_language(language: str) -> None:
    report = check(CLEAN[language], PARTIAL_AND_RESEND, POLICY, buyer_text=BUYER, language=language)
    assert report == GuardReport(passed=True, violations=[])


@pytest.mark.parametrize("rule", sorted(INSERTS))
@pytest.mark.parametrize("language", sorted(CLEAN))
def test_inserting_a_violation_into_a_clean_draft_makes_it_fail(language: str, rule: str) -> None:
    clean = CLEAN[language]
    cut = min(i for i in (clean.find(". ", len(clean) // 2) + 1, clean.find("。", len(clean) // 2) + 1) if i > 0)
    snippet = INSERTS[rule]  # inserted as a sentence of its own, after the first full stop past the middle
    draft = f"{clean[:cut]} {snippet} {clean[cut:]}"
    report = check(draft, PARTIAL_AND_RESEND, POLICY, buyer_text=BUYER, language=language)
    assert not report.passed
    start = cut + 1
    hits = [v for v in report.violations if v.rule == rule]
    assert hits, [(v.rule, draft[v.span[0] : v.span[1]]) for v in report.violations]
    assert all(start <= v.span[0] and v.span[1] <= start + len(snippet) for v in report.violations), (
        "only the inserted text may be reported"
    )


def test_report_is_sorted_pure_and_deterministic() -> None:
    draft = "Call +49 176 1234 5678 😊 or see shop.example.com. Please wait. <b>Use coupon</b> on eBay."
    decision = PARTIAL_AND_RESEND.model_copy(deep=True)
    first = check(draft, decision, POLICY)
    second = check(draft, decision, POLICY)
    assert first == second
    assert decision == PARTIAL_AND_RESEND
    spans = [v.span for v in first.violations]
    assert spans == sorted(spans)
    assert {v.rule for v in first.violations} == {
        "phone",
        "emoji",
        "link",
        "tone",
        "html",
        "marketing",
        "competitor_or_off_platform",
    }
    for v in first.violations:
        assert 0 <= v.span[0] < v.span[1] <= len(draft)
        assert v.rule in RULE_IDS and v.message.endswith((".", ")"))
    assert not first.passed and not first.repaired


def test_email_is_not_also_reported_as_a_link_or_phone() -> None:
    draft = "Write to 12345678@qq.com or jane (at) gmail (dot) com."
    assert [v.rule for v in check(draft, PARTIAL_AND_RESEND, POLICY).violations] == ["email", "email"]


def test_spans_point_into_the_original_text_after_folding() -> None:
    draft = "Ｔｈａｎｋｓ！ Visit ｅｘａｍｐｌｅ．ｃｏｍ or pay with p\u200ba\u200byp\u0430l."
    report = check(draft, PARTIAL_AND_RESEND, POLICY)
    texts = {v.rule: draft[v.span[0] : v.span[1]] for v in report.violations}
    assert texts == {"link": "ｅｘａｍｐｌｅ．ｃｏｍ", "competitor_or_off_platform": "p\u200ba\u200byp\u0430l"}


def test_decomposed_accents_are_composed_before_matching() -> None:
    draft = "Nous vous proposons un remboursement inte\u0301gral."
    report = check(draft, Decision(remedies=[Remedy.RESEND]), POLICY)
    assert [draft[v.span[0] : v.span[1]] for v in report.violations] == ["remboursement inte\u0301gral"]


def _random_text(rng: random.Random, length: int) -> str:
    # fmt: off
    pools = [
        (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x400, 0x4FF), (0x2000, 0x206F), (0x3000, 0x30FF),
        (0x4E00, 0x4E80), (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF), (0xFE00, 0xFE0F), (0xD7B0, 0xD7FF),
    ]
    # fmt: on
    chars = []
    for _ in range(length):
        low, high = rng.choice(pools)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(40))
def test_arbitrary_unicode_never_crashes_and_spans_stay_in_bounds(seed: int) -> None:
    rng = random.Random(seed)
    draft = _random_text(rng, rng.randint(0, 600))
    buyer = _random_text(rng, rng.randint(0, 200))
    report = check(draft, PARTIAL_AND_RESEND, POLICY, buyer_text=buyer, language="other")
    assert report.passed == (not report.violations)
    for v in report.violations:
        assert 0 <= v.span[0] <= v.span[1] <= len(draft)
    guard.repair(draft, report)


def test_empty_draft_passes() -> None:
    assert check("", PARTIAL_AND_RESEND, POLICY).passed
