"""Properties of the guard, checked with hypothesis over drawn drafts rather than fixed rows.

(a) any known violation inserted at any sentence boundary of any clean draft is caught, and only it is reported;
(b) folding and `check` never crash on arbitrary Unicode, keep spans in bounds and are deterministic;
(c) a clean draft stays clean when its whitespace changes harmlessly.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.guard import check, repair
from assistant.guardrules import RULE_IDS
from assistant.guardrules.normalize import normalize
from assistant.models import Decision, GuardReport, Remedy
from assistant.policy import GuardPolicy

POLICY = GuardPolicy()
DECISION = Decision(remedies=[Remedy.PARTIAL_REFUND, Remedy.RESEND], max_partial_refund_pct=35)
BUYER = "Hi, the lamp arrived broken. I live at 12 Main Street, Springfield."
PROPERTY = settings(max_examples=200, deadline=None)

# Polite replies, several sentences each, full of things a rule could mistake for a violation: order ids,
# tracking numbers, dates, times, prices, sizes, weights, model numbers, ASINs, file names, "e.g.", "dot".
CLEAN: dict[str, str] = {
    "en": (
        "Hello Jane, thank you for your message about order 113-1234567-1234567. We are sorry that the lamp "
        "(model WH-1000XM5, ASIN B08N5WRWNW) arrived damaged on 11/23/2026. We can give you a partial refund of "
        "20% of the item price ($14.99) while you keep the item, or send you a replacement at no cost. "
        "Your parcel left our warehouse on 2026-11-21 at 14:30; the tracking number is 1Z999AA10123456784. "
        "The frame measures 30x40 cm and weighs 2.5 kg, e.g. about the size of a small poster! "
        "Is there a small dot on the shade? The file manual.pdf in the box shows how to fit it. "
        "Kind regards, Harbor & Pine"
    ),
    "de": (
        "Hallo Herr Meier, vielen Dank für Ihre Nachricht zur Bestellung 112-4471093-5520187 vom 23.11.2026. "
        "Es tut uns leid, dass die Lampe beschädigt ankam. Wir senden Ihnen gerne einen Ersatzartikel, der Preis "
        "von 14,99 € bleibt gleich. Die Sendungsnummer lautet 00340434161094042557, die Zustellung ist zwischen "
        "23.11. - 25.11.2026 zu erwarten. Der Rahmen misst 30 x 40 cm (Modell HP-2040). "
        "Mit freundlichen Grüßen, Harbor & Pine"
    ),
    "fr": (
        "Bonjour Madame Martin, merci pour votre message concernant la commande 113-1234567-1234567 du 23/11/2026. "
        "Nous sommes désolés que la lampe soit arrivée endommagée. Nous vous proposons un remplacement sans frais; "
        "le prix de 14,99 € reste inchangé. Le numéro de suivi est 9400111899223856928499. De notre point de vue, "
        "le cadre de 30 x 40 cm (modèle WH-1000XM5) est le bon. Cordialement, Harbor & Pine"
    ),
    "es": (
        "Hola, gracias por su mensaje sobre el pedido 113-1234567-1234567 del 2026-11-23. Lamentamos que la lámpara "
        "llegara dañada. Le enviaremos un reemplazo sin coste; el precio de 14,99 € no cambia. El punto es que "
        "el número de seguimiento 1Z999AA10123456784 ya está activo. La caja mide 30 x 40 x 50 cm y pesa 2,5 kg. "
        "Saludos cordiales, Harbor & Pine"
    ),
    "it": (
        "Buongiorno, grazie per il suo messaggio sull'ordine 113-1234567-1234567 del 23.11.2026. Ci dispiace che "
        "la lampada sia arrivata danneggiata. Le invieremo un articolo in sostituzione senza costi; il prezzo di "
        "14,99 € resta invariato. Il numero di tracciamento è 1Z999AA10123456784 e il corriere passa alle 14:30. "
        "Cordiali saluti, Harbor & Pine"
    ),
    "ja": (
        "ご注文113-1234567-1234567（2026年11月23日）についてご連絡いただきありがとうございます。"
        "商品が破損していたとのこと、大変申し訳ございません。代替品を無料でお送りいたします。"
        "追跡番号は1Z999AA10123456784です。価格は¥1,980のままです。サイズは30x40 cmです。"
        "今後ともよろしくお願いいたします。"
    ),
    "zh": (
        "您好，感谢您关于订单113-1234567-1234567（2026-11-23）的留言。很抱歉商品在运输中损坏。"
        "我们会免费为您补发一个新的，价格仍为¥99.00。运单号是1Z999AA10123456784。尺寸为30x40 cm。祝您生活愉快！"
    ),
}

# (rule that must catch it, a sentence of its own): every rule family, plain and disguised, in several languages.
VIOLATIONS: list[tuple[str, str]] = [
    # link, plain and disguised
    ("link", "Photos are at https://shop.example.com/item/1 now."),
    ("link", "See www.harborpine.com for the manual."),
    ("link", "The manual is on example dot com."),
    ("link", "Visit example[.]com for details."),
    ("link", "Visit ｅｘａｍｐｌｅ．ｃｏｍ today."),
    ("link", "Visit exa\u200bmple.com today."),
    ("link", "Visit \u0435\u0445\u0430mple.com today."),
    ("link", "Go to w w w . e x a m p l e . c o m now."),
    ("link", "Short link: bit.ly/3xYz9 here."),
    ("link", "Open hxxp://evil.example.net/x now."),
    ("link", "Message us at wa.me/491761234567 today."),
    ("link", "Besuchen Sie beispiel punkt de bitte."),
    ("link", "詳しくはexample.comをご覧ください。"),
    ("link", "请访问https://shop.example.com了解。"),
    # email, plain and disguised
    ("email", "Write to jane.doe@example.com today."),
    ("email", "Write to jane (at) gmail (dot) com today."),
    ("email", "Write to jane[at]example[dot]org today."),
    ("email", "Write to jane at outlook dot com today."),
    ("email", "Write to jane＠example．com today."),
    ("email", "Write to j a n e @ g m x . d e today."),
    ("email", "Écrivez-nous à service@harborpine.fr svp."),
    ("email", "请发邮件到jane@example.com联系。"),
    # phone and messenger handles
    ("phone", "Call us on +49 176 1234 5678 today."),
    ("phone", "Call us on (555) 123-4567 today."),
    ("phone", "WhatsApp: +49 1761234567 anytime."),
    ("phone", "Rufen Sie 030 12345678 an."),
    ("phone", "Appelez le 06 12 34 56 78 svp."),
    ("phone", "お電話は090-1234-5678まで。"),
    ("phone", "请拨打 +86 138 0013 8000。"),
    ("phone", "Add WeChat ID: harbor_pine88 please."),
    ("phone", "Write to Telegram @harborpine too."),
    # other platforms, payment outside the platform
    ("competitor_or_off_platform", "You can pay with PayPal."),
    ("competitor_or_off_platform", "You can pay with P@yPal."),
    ("competitor_or_off_platform", "You can pay with P\u0430yPal."),
    ("competitor_or_off_platform", "You can pay with p a y p a l."),
    ("competitor_or_off_platform", "It is cheaper on eBay right now."),
    ("competitor_or_off_platform", "Contact us on WhatsApp for faster help."),
    ("competitor_or_off_platform", "Send the money by bank transfer."),
    ("competitor_or_off_platform", "Bestellen Sie über unsere Webseite."),
    ("competitor_or_off_platform", "Commandez sur notre site web."),
    ("competitor_or_off_platform", "也可以用支付宝付款。"),
    ("competitor_or_off_platform", "也可以用PayPal付款。"),
    ("competitor_or_off_platform", "eBayでも販売しています。"),
    # review manipulation in every supported language
    ("review_manipulation", "Please leave us a 5-star review!"),
    ("review_manipulation", "We will send a gift card in exchange for a review."),
    ("review_manipulation", "Würden Sie uns eine positive Bewertung hinterlassen?"),
    ("review_manipulation", "Pourriez-vous laisser un avis positif ?"),
    ("review_manipulation", "¿Podría dejarnos una reseña de 5 estrellas?"),
    ("review_manipulation", "Potrebbe lasciarci una recensione positiva?"),
    ("review_manipulation", "高評価をお願いします。"),
    ("review_manipulation", "请给我们五星好评！"),
    # marketing
    ("marketing", "Use coupon SAVE10."),
    ("marketing", "Get 10% off your next order."),
    ("marketing", "Follow us on Instagram."),
    ("marketing", "Hier ist Ihr Gutscheincode."),
    ("marketing", "Voici un code promo."),
    ("marketing", "Aquí tiene un cupón."),
    ("marketing", "Ecco un codice sconto."),
    ("marketing", "クーポンを差し上げます。"),
    ("marketing", "送您一张优惠券。"),
    # markup and emoji
    ("html", "<b>Thanks</b> again."),
    ("html", 'See <a href="x">this</a> page.'),
    ("html", "Harbor&nbsp;Pine wishes you well."),
    ("emoji", "Thanks 😊"),
    ("emoji", "Great 👍🏽 news."),
    ("emoji", "Made in 🇩🇪 with care."),
    ("emoji", "Thanks :) see you."),
    # tone
    ("tone", "Please wait for the parcel."),
    ("tone", "You must return the item first."),
    ("tone", "Bitte warten Sie auf das Paket."),
    ("tone", "C'est votre faute."),
    ("tone", "Es su culpa."),
    ("tone", "Smetta di scriverci."),
    ("tone", "もう少しお待ちください。"),
    ("tone", "请耐心等待。"),
    # what the decision does not allow, and the buyer's own data
    ("unsupported_promise", "We will cancel the order for you."),
    ("pii_echo", "We ship to 12 Main Street."),
]

# Where a sentence may be inserted: the start, after each sentence's closing mark and its space, and the end.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def boundaries(text: str) -> list[int]:
    return sorted({0, len(text), *(m.end() for m in _BOUNDARY.finditer(text))})


def insert_sentence(clean: str, at: int, sentence: str) -> tuple[str, int]:
    """The draft with `sentence` inserted at boundary `at`, and where the sentence starts in it."""
    before, after = clean[:at], clean[at:]
    lead = " " if before and not before[-1].isspace() and before[-1] not in "。！？" else ""
    trail = " " if after else ""
    return f"{before}{lead}{sentence}{trail}{after}", len(before) + len(lead)


@pytest.mark.parametrize("language", sorted(CLEAN))
def test_clean_drafts_pass(language: str) -> None:
    report = check(CLEAN[language], DECISION, POLICY, buyer_text=BUYER, language=language)
    assert report == GuardReport(passed=True, violations=[])


def test_every_rule_family_has_a_violation_to_insert() -> None:
    assert {rule for rule, _ in VIOLATIONS} == set(RULE_IDS) - {"too_long"}


@st.composite
def drafts_with_a_violation(draw: st.DrawFn) -> tuple[str, str, str, int, int]:
    language = draw(st.sampled_from(sorted(CLEAN)))
    rule, sentence = draw(st.sampled_from(VIOLATIONS))
    at = draw(st.sampled_from(boundaries(CLEAN[language])))
    draft, start = insert_sentence(CLEAN[language], at, sentence)
    return language, rule, draft, start, start + len(sentence)


@PROPERTY
@given(drafts_with_a_violation())
def test_a_violation_inserted_at_any_boundary_is_caught(case: tuple[str, str, str, int, int]) -> None:
    language, rule, draft, start, end = case
    report = check(draft, DECISION, POLICY, buyer_text=BUYER, language=language)
    found = [(v.rule, draft[v.span[0] : v.span[1]]) for v in report.violations]
    assert not report.passed
    assert rule in {v.rule for v in report.violations}, found
    assert all(start <= v.span[0] and v.span[1] <= end for v in report.violations), (
        f"only the inserted sentence may be reported: {found}"
    )


# Text that exercises the folding: invisible characters, combining marks, homoglyphs, full-width forms, emoji
# parts, CJK, and the separators that spaced-out and dotted words are made of.
_TRICKY = (
    "\u00ad\u034f\u200b\u200c\u200d\u2060\ufeff\u0301\u0308\u20dd\u3099\ufe0f\U0001f3fd"
    "аеорсухіѕԁһӏАВЕοαειΟΑΒ"
    "ＡＢｃｄ．＠／：＜＞１２"
    "ｱｶﾞﾟ①ﬁﬀ㍻"
    "评价好评レビュー"
    "😊👍🇩🇪"
    "abcdeklmoptwxyz@.:/-_*()[]<>&;#0123456789 \n\t"
)
# st.text() draws from all of Unicode but lone surrogates, which no str from a decoded request can hold.
ANY_TEXT = st.one_of(st.text(max_size=400), st.text(alphabet=_TRICKY, max_size=400))


@PROPERTY
@given(ANY_TEXT)
def test_folding_never_crashes_and_maps_back_into_the_draft(text: str) -> None:
    folded = normalize(text)
    assert folded.original == text
    assert normalize(text) == folded
    if folded.starts is None or folded.ends is None:
        assert folded.text == text
        return
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    # an inserted character (the space between a Chinese and a Latin word) maps to the empty place between them
    assert all(0 <= s <= e <= len(text) for s, e in zip(folded.starts, folded.ends, strict=True))
    assert list(folded.starts) == sorted(folded.starts), "folded characters keep the order of the original"
    for start in range(len(folded.text)):
        lo, hi = folded.span(start, len(folded.text))
        assert 0 <= lo <= hi <= len(text)


@PROPERTY
@given(ANY_TEXT, st.text(max_size=200), st.sampled_from([*sorted(CLEAN), "other"]))
def test_check_never_crashes_and_is_deterministic(draft: str, buyer: str, language: str) -> None:
    report = check(draft, DECISION, POLICY, buyer_text=buyer, language=language)
    assert check(draft, DECISION, POLICY, buyer_text=buyer, language=language) == report
    assert report.passed == (not report.violations)
    assert [v.span for v in report.violations] == sorted(v.span for v in report.violations)
    for v in report.violations:
        assert 0 <= v.span[0] < v.span[1] <= len(draft), v
        assert v.rule in RULE_IDS
    repaired = repair(draft, report)
    assert check(repaired, DECISION, POLICY, buyer_text=buyer, language=language) is not None


# A run of whitespace that changes nothing a reader sees as words: more spaces, a line break, a tab, a no-break
# space.
WHITESPACE = st.sampled_from([" ", "  ", "   ", "\n", " \n", "\n\n", "\t", "\u00a0"])


@st.composite
def respaced_clean_drafts(draw: st.DrawFn) -> tuple[str, str]:
    language = draw(st.sampled_from(sorted(CLEAN)))
    pieces = re.split(r"(\s+)", CLEAN[language])
    out = [draw(WHITESPACE) if piece.isspace() else piece for piece in pieces]
    lead = draw(st.sampled_from(["", " ", "\n"]))
    tail = draw(st.sampled_from(["", " ", "\n", "\n\n"]))
    return language, lead + "".join(out) + tail


@PROPERTY
@given(respaced_clean_drafts())
def test_a_clean_draft_stays_clean_when_its_whitespace_changes(case: tuple[str, str]) -> None:
    language, draft = case
    report = check(draft, DECISION, POLICY, buyer_text=BUYER, language=language)
    assert report.passed, [(v.rule, draft[v.span[0] : v.span[1]]) for v in report.violations]
