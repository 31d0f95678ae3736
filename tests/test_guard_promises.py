"""Table tests for `unsupported_promise`: the offers a draft makes, compared with what the decision allows.

Each row gives the decision's remedies (and cap), the draft, and the offending text, or None when the draft must
pass. Rows cover every remedy mismatch, every language's remedy words, negations and non-offers.
"""

from __future__ import annotations

import pytest

from assistant.guard import check
from assistant.models import Decision, Remedy
from assistant.policy import GuardPolicy

R = Remedy
POLICY = GuardPolicy()

PARTIAL_35 = Decision(remedies=[R.PARTIAL_REFUND], max_partial_refund_pct=35)
RETURN_ONLY = Decision(remedies=[R.RETURN_AND_REFUND])
RESEND_ONLY = Decision(remedies=[R.RESEND])
RESEND_PART = Decision(remedies=[R.RESEND_PART])
FULL_ONLY = Decision(remedies=[R.FULL_REFUND])
CANCEL_ONLY = Decision(remedies=[R.CANCEL_ORDER])
TRACKING = Decision(remedies=[R.PROVIDE_TRACKING])
NOTHING = Decision(remedies=[])


def promises(draft: str, decision: Decision) -> list[str]:
    report = check(draft, decision, POLICY)
    other = {v.rule for v in report.violations} - {"unsupported_promise"}
    assert not other, f"unexpected rules {other}"
    return [draft[v.span[0] : v.span[1]] for v in report.violations]


MISMATCHES = [
    # full or plain refund without full_refund / return_and_refund
    pytest.param(PARTIAL_35, "We will give you a full refund.", "full refund", id="full refund, only partial allowed"),
    pytest.param(PARTIAL_35, "We will refund you in full.", "refund you in full", id="refund in full, only partial"),
    pytest.param(PARTIAL_35, "We will give you a “full refund” today.", "full refund", id="quoted, not a title"),
    pytest.param(RESEND_ONLY, "We will refund you today.", "refund", id="plain refund, only resend allowed"),
    pytest.param(TRACKING, "We'll refund you.", "refund", id="plain refund, no refund remedy"),
    pytest.param(PARTIAL_35, "We can refund 100% of the price.", "100%", id="100 percent is a full refund"),
    # percentages
    pytest.param(PARTIAL_35, "We can refund you 40% of the price.", "40%", id="percentage above the 35% cap"),
    pytest.param(PARTIAL_35, "We offer a partial refund of 50 percent.", "50 percent", id="percent spelled out"),
    pytest.param(RESEND_ONLY, "We can refund you 20% of the price.", "20%", id="percentage, partial not allowed"),
    pytest.param(RESEND_ONLY, "We can offer a partial refund.", "partial refund", id="partial refund not allowed"),
    pytest.param(TRACKING, "We will refund $5 for the shipping.", "$5", id="money amount, no refund remedy"),
    # replacement
    pytest.param(FULL_ONLY, "We will send you a replacement.", "replacement", id="replacement, resend not allowed"),
    pytest.param(FULL_ONLY, "We will resend the parcel.", "resend", id="resend not allowed"),
    pytest.param(FULL_ONLY, "We will send you a new one.", "send you a new", id="send a new one not allowed"),
    # cancellation
    pytest.param(RESEND_ONLY, "We will cancel the order for you.", "cancel", id="cancel not allowed"),
    # refund before the return
    pytest.param(RETURN_ONLY, "We will refund you right away.", "refund you right away", id="refund now, return first"),
    pytest.param(
        RETURN_ONLY, "We refund you before you send it back.", "refund you before you send", id="refund before return"
    ),
    pytest.param(
        RETURN_ONLY, "Keep the item, we will refund you.", "Keep the item", id="keep the item and get a refund"
    ),
    pytest.param(RETURN_ONLY, "No need to return it, we will refund you.", "No need to return", id="no return needed"),
    # languages
    pytest.param(PARTIAL_35, "Sie erhalten eine volle Rückerstattung.", "volle Rückerstattung", id="de: full refund"),
    pytest.param(
        PARTIAL_35,
        "Wir veranlassen die Rückerstattung des vollen Betrags.",
        "Rückerstattung des vollen Betrags",
        id="de: refund of the full amount",
    ),
    pytest.param(FULL_ONLY, "Wir senden Ihnen einen neuen Artikel.", "neuen", id="de: new item"),
    pytest.param(RESEND_ONLY, "Wir stornieren die Bestellung.", "stornieren", id="de: cancel"),
    pytest.param(PARTIAL_35, "Nous vous proposons un remboursement intégral.", "remboursement intégral", id="fr: full"),
    pytest.param(FULL_ONLY, "Nous allons vous renvoyer un colis.", "vous renvoyer", id="fr: resend to you"),
    pytest.param(FULL_ONLY, "Nous allons renvoyer le colis demain.", "renvoyer", id="fr: we resend the parcel"),
    pytest.param(PARTIAL_35, "Le ofrecemos un reembolso completo.", "reembolso completo", id="es: full refund"),
    pytest.param(FULL_ONLY, "Vamos a reenviar el paquete.", "reenviar", id="es: resend"),
    pytest.param(PARTIAL_35, "Le offriamo un rimborso completo.", "rimborso completo", id="it: full refund"),
    pytest.param(FULL_ONLY, "Possiamo reinviare il pacco.", "reinviare", id="it: resend"),
    pytest.param(PARTIAL_35, "全額返金いたします。", "全額返金", id="ja: full refund"),
    pytest.param(FULL_ONLY, "商品を再送いたします。", "再送", id="ja: resend"),
    pytest.param(PARTIAL_35, "我们将为您全额退款。", "全额退款", id="zh: full refund"),
    pytest.param(FULL_ONLY, "我们会为您补发。", "补发", id="zh: send again (补发)"),
    pytest.param(FULL_ONLY, "我们会给您重发一个。", "重发", id="zh: send again (重发)"),
    pytest.param(PARTIAL_35, "Wir erstatten Ihnen 50 % des Preises.", "50 %", id="de: percentage above the cap"),
]


@pytest.mark.parametrize(("decision", "draft", "needle"), MISMATCHES)
def test_unsupported_promise_fires(decision: Decision, draft: str, needle: str) -> None:
    spans = promises(draft, decision)
    assert spans, "no unsupported_promise"
    assert any(needle in s for s in spans), spans


ALLOWED = [
    pytest.param(FULL_ONLY, "We will give you a full refund.", id="full refund allowed"),
    pytest.param(RETURN_ONLY, "We will refund you in full once the item is back.", id="full refund after return"),
    pytest.param(
        RETURN_ONLY, "If you prefer a refund after the return arrives, just let us know.", id="refund after return"
    ),
    pytest.param(
        RETURN_ONLY,
        "We will take the item back and refund you as soon as the return reaches us.",
        id="offline drafter's return-and-refund sentence",
    ),
    pytest.param(PARTIAL_35, "We can refund you 35% of the price.", id="percentage at the cap"),
    pytest.param(
        PARTIAL_35,
        "We can give you a partial refund of 20% of the item price while you keep the item.",
        id="partial refund while the buyer keeps the item",
    ),
    pytest.param(RESEND_ONLY, "We will send you a replacement at no cost.", id="replacement allowed"),
    pytest.param(RESEND_PART, "We will send you the missing part at no cost.", id="missing part allowed"),
    pytest.param(RESEND_ONLY, "Please keep the damaged item; we will send a replacement.", id="keep item, no refund"),
    pytest.param(CANCEL_ONLY, "We will cancel the order for you.", id="cancellation allowed"),
]


@pytest.mark.parametrize(("decision", "draft"), ALLOWED)
def test_allowed_offers_pass(decision: Decision, draft: str) -> None:
    assert promises(draft, decision) == []


NOT_OFFERS = [
    pytest.param("We cannot offer a refund.", id="en: negated"),
    pytest.param("Unfortunately a full refund is not possible.", id="en: negated after"),
    pytest.param("We are unable to send a replacement.", id="en: unable"),
    pytest.param("No refund can be issued for this order.", id="en: no refund"),
    pytest.param("Leider können wir keine volle Rückerstattung anbieten.", id="de: negated"),
    pytest.param("Eine Rückerstattung ist leider nicht möglich.", id="de: negated after"),
    pytest.param("Nous ne pouvons pas vous proposer de remboursement intégral.", id="fr: negated"),
    pytest.param("No podemos ofrecer un reembolso completo.", id="es: negated"),
    pytest.param("Non possiamo offrire un rimborso completo.", id="it: negated"),
    pytest.param("全額返金はいたしかねます。", id="ja: negated after"),
    pytest.param("我们无法全额退款。", id="zh: negated"),
    pytest.param("Your refund was issued on 23.11.2026.", id="past event, not an offer"),
    pytest.param("We understand you would like to know the status of your refund.", id="buyer's question"),
    pytest.param("Could you submit a cancellation request from your order page?", id="cancellation request"),
    pytest.param(
        "As this order was fulfilled by Amazon, its returns and refunds are handled by Amazon customer service.",
        id="the marketplace refunds, not the seller",
    ),
    pytest.param("This shirt is 100% cotton and costs $14.99.", id="percentage and price without a refund"),
    pytest.param("Don't hesitate to write to us again.", id="encouragement with a negation word"),
    pytest.param("Veuillez nous renvoyer l'article.", id="fr: renvoyer as 'send it back to us'"),
    pytest.param("This follows our “Refunds” policy (Returns and refunds).", id="en: a policy title"),
    pytest.param("Dies entspricht unserer Richtlinie „Erstattungen“.", id="de: a policy title"),
    pytest.param("本対応は、弊社の「返金」ポリシーに基づいております。", id="ja: a policy title"),
    pytest.param(
        "Hier kümmert sich der Amazon-Kundenservice um Lieferung, Rücksendungen und Erstattungen.",
        id="de: Amazon handles refunds",
    ),
    pytest.param(
        "配送・返品・返金につきましてはAmazonカスタマーサービスが対応いたします。", id="ja: Amazon handles refunds"
    ),
    pytest.param("其配送、退货和退款事宜均由亚马逊客服负责处理。", id="zh: Amazon handles refunds"),
    pytest.param("Nous avons bien noté que vous souhaitez annuler votre commande.", id="fr: the buyer's wish"),
    pytest.param("Sie möchten wissen, wie der aktuelle Stand Ihrer Erstattung ist.", id="de: refund status question"),
    pytest.param("Vous souhaitez connaître l'état de votre remboursement.", id="fr: refund status question"),
    pytest.param("Ihren Stornierungswunsch haben wir notiert.", id="de: the buyer's cancellation wish"),
    pytest.param("您消息中取消订单的请求我们也已记录。", id="zh: the buyer's cancellation request"),
]


@pytest.mark.parametrize("draft", NOT_OFFERS)
def test_non_offers_pass_with_nothing_allowed(draft: str) -> None:
    assert promises(draft, NOTHING) == []


def test_clause_after_but_is_still_an_offer() -> None:
    assert promises("We cannot resend it, but we will refund you in full.", RESEND_ONLY) == ["refund you in full"]


def test_message_names_what_is_allowed() -> None:
    report = check("We will give you a full refund.", PARTIAL_35, POLICY)
    (violation,) = report.violations
    assert violation.rule == "unsupported_promise"
    assert "full refund" in violation.message and "partial refund up to 35%" in violation.message


# A delivery date is the carrier's to keep: no decision allows guaranteeing one (guardrules/guarantees.py).
GUARANTEES = [
    pytest.param("We guarantee it will arrive tomorrow.", "We guarantee it will arrive", id="en guarantee"),
    pytest.param("It will definitely arrive by Friday.", "will definitely arrive", id="en definitely"),
    pytest.param("Das Paket kommt garantiert morgen an.", "kommt garantiert morgen an", id="de garantiert"),
    pytest.param("Nous vous garantissons une livraison avant Noël.", "garantissons une livraison", id="fr"),
    pytest.param("Le garantizamos que llegará el lunes.", "garantizamos que llegará", id="es"),
    pytest.param("Le garantiamo la consegna entro venerdì.", "garantiamo la consegna", id="it"),
    pytest.param("必ず明日お届けします。", "必ず明日お届け", id="ja"),
    pytest.param("我们保证明天送到。", "保证明天送到", id="zh"),
    pytest.param("Don't worry, we guarantee it will arrive tomorrow.", "we guarantee it will arrive",
                 id="a negation in another clause"),
]


@pytest.mark.parametrize(("draft", "needle"), GUARANTEES)
def test_a_guaranteed_delivery_date_is_an_unsupported_promise(draft: str, needle: str) -> None:
    (text,) = promises(draft, Decision(remedies=list(Remedy), max_partial_refund_pct=100))
    assert needle in text


@pytest.mark.parametrize("draft", [
    "We cannot guarantee a delivery date, but it is expected on Friday.",
    "Wir können nicht garantieren, dass es morgen ankommt.",
    "Nous ne pouvons pas garantir une livraison avant Noël.",
    "明日のお届けをお約束することはできかねますが、確認いたします。",
    "我们不能保证明天送到，但会帮您跟进。",
    "The marketplace's A-to-z Guarantee covers orders that never arrive.",
    "We promise to check with the carrier and get back to you.",
])
def test_saying_a_date_cannot_be_guaranteed_passes(draft: str) -> None:
    assert promises(draft, NOTHING) == []
