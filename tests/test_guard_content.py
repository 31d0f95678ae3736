"""Table tests for the guard's content rules: competitor_or_off_platform, review_manipulation, marketing, tone,
html, emoji and too_long, in every language the guard supports.

Each failing row names the text the violation's span must cover; each clean row must pass every rule.
"""

from __future__ import annotations

import pytest

from assistant.guard import check
from assistant.models import Decision, Remedy
from assistant.policy import GuardPolicy

ALLOW_ALL = Decision(remedies=list(Remedy), max_partial_refund_pct=100)
POLICY = GuardPolicy()


def found(draft: str, *, policy: GuardPolicy = POLICY, language: str = "en") -> dict[str, list[str]]:
    """rule -> the texts its violations cover."""
    report = check(draft, ALLOW_ALL, policy, language=language)
    assert report.passed == (not report.violations)
    out: dict[str, list[str]] = {}
    for v in report.violations:
        assert v.message, "every violation tells the agent what to change"
        out.setdefault(v.rule, []).append(draft[v.span[0] : v.span[1]])
    return out


def assert_fires(draft: str, rule: str, needle: str, also: frozenset[str] = frozenset(), language: str = "en") -> None:
    hits = found(draft, language=language)
    assert set(hits) == {rule} | also, hits
    assert any(needle in text for text in hits[rule]), f"no {rule} span covers {needle!r}: {hits}"


# --- competitor_or_off_platform -----------------------------------------------------------------------------------

OFF_PLATFORM = [
    pytest.param("It is cheaper on eBay right now.", "eBay", id="eBay"),
    pytest.param("It is cheaper on e-bay right now.", "e-bay", id="e-bay spelling"),
    pytest.param("It is cheaper on 3bay right now.", "3bay", id="3bay leetspeak"),
    pytest.param("Walmart sells it too.", "Walmart", id="Walmart"),
    pytest.param("Wal-Mart sells it too.", "Wal-Mart", id="Wal-Mart spelling"),
    pytest.param("We also sell on AliExpress.", "AliExpress", id="AliExpress"),
    pytest.param("We also sell on Ali Express.", "Ali Express", id="Ali Express spelling"),
    pytest.param("The same lamp is on Temu.", "Temu", id="Temu"),
    pytest.param("The same dress is on Shein.", "Shein", id="Shein"),
    pytest.param("We have a shop on Etsy.", "Etsy", id="Etsy"),
    pytest.param("Our Shopify store has it.", "Shopify", id="Shopify store"),
    pytest.param("We source it from Alibaba.", "Alibaba", id="Alibaba"),
    pytest.param("It is also sold on Wish for less.", "Wish", id="Wish the marketplace"),
    pytest.param("Order it on our website instead.", "our website", id="our website"),
    pytest.param("Order it in our online shop instead.", "our online shop", id="our online shop"),
    pytest.param("Order it on our store website instead.", "our store website", id="our store website"),
    pytest.param("You can pay with PayPal.", "PayPal", id="PayPal"),
    pytest.param("You can pay with pay pal.", "pay pal", id="pay pal spelling"),
    pytest.param("You can pay with P@yPal.", "P@yPal", id="P@yPal leetspeak"),
    pytest.param("You can pay with P\u0430yPal.", "P\u0430yPal", id="PayPal with a Cyrillic a"),
    pytest.param("You can pay with p a y p a l.", "p a y p a l", id="PayPal spaced out"),
    pytest.param("You can pay with Pay\u200bPal.", "Pay\u200bPal", id="PayPal with a zero-width space"),
    pytest.param("Send the money by Venmo.", "Venmo", id="Venmo"),
    pytest.param("Send the money by Zelle.", "Zelle", id="Zelle"),
    pytest.param("Send the money by Cash App.", "Cash App", id="Cash App"),
    pytest.param("Send the money by Western Union.", "Western Union", id="Western Union"),
    pytest.param("Send the money by bank transfer.", "bank transfer", id="bank transfer"),
    pytest.param("Send the money by wire transfer.", "wire transfer", id="wire transfer"),
    pytest.param("Send the money by WeChat Pay.", "WeChat Pay", id="WeChat Pay"),
    pytest.param("Send the money by Alipay.", "Alipay", id="Alipay"),
    pytest.param("Bestellen Sie über unsere Webseite.", "unsere Webseite", id="German our website"),
    pytest.param("Zahlen Sie per Banküberweisung.", "Banküberweisung", id="German bank transfer"),
    pytest.param("Commandez sur notre site web.", "notre site web", id="French our website"),
    pytest.param("Compre en nuestra tienda online.", "nuestra tienda online", id="Spanish our online shop"),
    pytest.param("Lo trova anche sul nostro sito.", "nostro sito", id="Italian our website"),
    pytest.param("当店のホームページからもご購入いただけます。", "当店のホームページ", id="Japanese our homepage"),
    pytest.param("也可以用支付宝付款。", "支付宝", id="Chinese Alipay"),
]


@pytest.mark.parametrize(("draft", "needle"), OFF_PLATFORM)
def test_off_platform_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "competitor_or_off_platform", needle)


def test_seller_names_are_added_to_the_built_in_list() -> None:
    policy = GuardPolicy(blocked_names=["Harbor Direct", "pineoutlet"])
    hits = found("Order at Harbor  Direct, at PineOutlet, or pay with PayPal.", policy=policy)
    assert sorted(hits["competitor_or_off_platform"]) == ["Harbor  Direct", "PayPal", "PineOutlet"]
    assert "competitor_or_off_platform" not in found("Order at Harbor Direct.")  # only that seller blocks it


OFF_PLATFORM_CLEAN = [
    pytest.param("Thank you for shopping with us on Amazon.", "en", id="Amazon is the platform itself"),
    pytest.param("I wish you a nice day. Wish you well!", "en", id="wish the verb"),
    pytest.param("We chat with the carrier every morning.", "en", id="we chat is not WeChat"),
    pytest.param("The bay window lamp ships tomorrow.", "en", id="bay is not eBay"),
    pytest.param("Our store on Amazon has the spare parts.", "en", id="our store on the platform"),
    pytest.param("Die Zelle des Akkus ist defekt.", "de", id="German Zelle is a battery cell"),
    pytest.param("Pay in cash on delivery is not offered.", "en", id="cash alone"),
]


@pytest.mark.parametrize(("draft", "language"), OFF_PLATFORM_CLEAN)
def test_off_platform_clean(draft: str, language: str) -> None:
    assert found(draft, language=language) == {}


# --- review_manipulation -----------------------------------------------------------------------------------------

REVIEWS = [
    # en
    pytest.param("Please leave us a 5-star review!", "leave us a 5-star review", id="en: asks for a 5-star review"),
    pytest.param("We would appreciate a positive review.", "positive review", id="en: asks for a positive review"),
    pytest.param("Could you leave feedback for us?", "leave feedback", id="en: asks for feedback"),
    pytest.param("We will send a gift card in exchange for a review.", "in exchange for a review", id="en: incentive"),
    pytest.param("Could you change your review now?", "change your review", id="en: change a review"),
    pytest.param("Please remove the negative feedback.", "remove the negative feedback", id="en: remove feedback"),
    pytest.param(
        "If you are happy with the lamp, please rate us.", "If you are happy", id="en: only review if satisfied"
    ),
    pytest.param("Contact us before leaving a negative review.", "before leaving a negative review", id="en: gating"),
    # de
    pytest.param(
        "Würden Sie uns eine positive Bewertung hinterlassen?", "positive Bewertung", id="de: positive review"
    ),
    pytest.param("Könnten Sie Ihre Bewertung ändern?", "Bewertung ändern", id="de: change a review"),
    pytest.param("Bitte löschen Sie die Bewertung.", "löschen Sie die Bewertung", id="de: remove a review"),
    pytest.param(
        "Wenn Sie zufrieden sind, freuen wir uns über 5 Sterne.", "Wenn Sie zufrieden sind", id="de: only if satisfied"
    ),
    # fr
    pytest.param("Pourriez-vous laisser un avis positif ?", "laisser un avis positif", id="fr: positive review"),
    pytest.param("Pourriez-vous modifier votre avis ?", "modifier votre avis", id="fr: change a review"),
    pytest.param("Un cadeau en échange d'un avis !", "en échange d'un avis", id="fr: incentive"),
    pytest.param(
        "Si vous êtes satisfait, laissez-nous 5 étoiles.", "Si vous êtes satisfait", id="fr: only if satisfied"
    ),
    # es
    pytest.param("¿Podría dejarnos una reseña de 5 estrellas?", "dejarnos una reseña", id="es: 5-star review"),
    pytest.param("¿Podría eliminar su reseña?", "eliminar su reseña", id="es: remove a review"),
    pytest.param("Un regalo a cambio de una reseña.", "a cambio de una reseña", id="es: incentive"),
    pytest.param("Si está satisfecho, déjenos una valoración.", "déjenos una valoración", id="es: only if satisfied"),
    # it
    pytest.param(
        "Potrebbe lasciarci una recensione positiva?", "lasciarci una recensione positiva", id="it: positive review"
    ),
    pytest.param("Potrebbe modificare la sua recensione?", "modificare la sua recensione", id="it: change a review"),
    pytest.param("Un regalo in cambio di una recensione.", "in cambio di una recensione", id="it: incentive"),
    pytest.param("Se è soddisfatto, ci lasci 5 stelle.", "Se è soddisfatto", id="it: only if satisfied"),
    # ja
    pytest.param("高評価をお願いします。", "高評価", id="ja: asks for a high rating"),
    pytest.param("レビューを削除していただけますか。", "レビューを削除", id="ja: remove a review"),
    pytest.param("レビューを書いていただいた方にギフトをプレゼント。", "レビュー", id="ja: incentive"),
    pytest.param("ご満足いただけましたら、評価をお願いします。", "評価をお願い", id="ja: only if satisfied"),
    # zh
    pytest.param("请给我们五星好评！", "五星好评", id="zh: asks for five stars"),
    pytest.param("能否删除差评？", "删除差评", id="zh: remove a bad review"),
    pytest.param("好评返现五元。", "好评返现", id="zh: cash back for a good review"),
    pytest.param("如果您满意，请给我们好评。", "好评", id="zh: only if satisfied"),
]


@pytest.mark.parametrize(("draft", "needle"), REVIEWS)
def test_review_manipulation_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "review_manipulation", needle)


REVIEWS_CLEAN = [
    pytest.param("Thank you for your positive feedback.", id="en: thanks for feedback"),
    pytest.param("Please review the photos you sent us.", id="en: review the photos"),
    pytest.param("We will share your feedback with our warehouse team.", id="en: we pass feedback on"),
    pytest.param("We will update you on the review of your case.", id="en: review of a case"),
    pytest.param("Danke für Ihre Bewertung.", id="de: thanks for the review"),
    pytest.param("Merci pour votre avis.", id="fr: thanks for the review"),
    pytest.param("Gracias por su opinión.", id="es: thanks for the opinion"),
    pytest.param("Grazie per la sua recensione.", id="it: thanks for the review"),
    pytest.param("レビューありがとうございます。", id="ja: thanks for the review"),
    pytest.param("感谢您的评价。", id="zh: thanks for the review"),
]


@pytest.mark.parametrize("draft", REVIEWS_CLEAN)
def test_review_manipulation_clean(draft: str) -> None:
    assert found(draft) == {}


# --- marketing ---------------------------------------------------------------------------------------------------

MARKETING = [
    pytest.param("Use the coupon at checkout.", "coupon", id="en: coupon"),
    pytest.param("Here is a promo code for you.", "promo code", id="en: promo code"),
    pytest.param("Here is a discount code for you.", "discount code", id="en: discount code"),
    pytest.param("Get 10% off your next order.", "10% off your next order", id="en: next-order discount"),
    pytest.param("Your next purchase gets a discount.", "next purchase gets a discount", id="en: next purchase"),
    pytest.param("Check out our other products.", "Check out our other products", id="en: other products"),
    pytest.param("Follow us on Instagram.", "Follow us on Instagram", id="en: social media"),
    pytest.param("We post tips on TikTok.", "TikTok", id="en: social network name"),
    pytest.param("Hier ist Ihr Gutscheincode.", "Gutscheincode", id="de: voucher code"),
    pytest.param("10% Rabatt auf Ihre nächste Bestellung.", "nächste Bestellung", id="de: next-order discount"),
    pytest.param("Voici un code promo.", "code promo", id="fr: promo code"),
    pytest.param("Découvrez nos autres produits.", "nos autres produits", id="fr: other products"),
    pytest.param("Aquí tiene un cupón.", "cupón", id="es: coupon"),
    pytest.param("Un descuento en su próxima compra.", "próxima compra", id="es: next purchase discount"),
    pytest.param("Ecco un codice sconto.", "codice sconto", id="it: discount code"),
    pytest.param("Scopra i nostri altri prodotti.", "nostri altri prodotti", id="it: other products"),
    pytest.param("クーポンを差し上げます。", "クーポン", id="ja: coupon"),
    pytest.param("次回のご購入で10%OFFになります。", "次回のご購入", id="ja: next-purchase discount"),
    pytest.param("送您一张优惠券。", "优惠券", id="zh: coupon"),
    pytest.param("欢迎关注我们。", "关注我们", id="zh: follow us"),
]


@pytest.mark.parametrize(("draft", "needle"), MARKETING)
def test_marketing_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "marketing", needle)


MARKETING_CLEAN = [
    pytest.param("Your next order will be packed with extra care.", id="next order without a discount"),
    pytest.param("The product description lists all other colours.", id="description mention"),
    pytest.param("We offer a replacement at no cost.", id="an offer is not marketing"),
]


@pytest.mark.parametrize("draft", MARKETING_CLEAN)
def test_marketing_clean(draft: str) -> None:
    assert found(draft) == {}


# --- tone ----------------------------------------------------------------------------------------------------------

TONE = [
    pytest.param("Please wait for the parcel.", "Please wait", id="en: please wait"),
    pytest.param("You must return the item first.", "You must", id="en: you must"),
    pytest.param("You should have read the size chart.", "You should have", id="en: you should have"),
    pytest.param("It's your fault that it broke.", "It's your fault", id="en: blames the buyer"),
    pytest.param("As I already said, it shipped.", "As I already said", id="en: as I already said"),
    pytest.param("Stop messaging us about this.", "Stop messaging us", id="en: stop messaging us"),
    pytest.param("Calm down, it will arrive.", "Calm down", id="en: calm down"),
    pytest.param("Read the description next time.", "Read the description", id="en: read the description"),
    pytest.param("Bitte warten Sie auf das Paket.", "Bitte warten Sie", id="de: please wait"),
    pytest.param("Sie müssen den Artikel zurücksenden.", "Sie müssen", id="de: you must"),
    pytest.param("Das ist Ihre Schuld.", "Das ist Ihre Schuld", id="de: blames the buyer"),
    pytest.param("Wie ich bereits sagte, ist es unterwegs.", "Wie ich bereits sagte", id="de: as already said"),
    pytest.param("Beruhigen Sie sich bitte.", "Beruhigen Sie sich", id="de: calm down"),
    pytest.param("Veuillez patienter encore un peu.", "Veuillez patienter", id="fr: please wait"),
    pytest.param("C'est votre faute.", "C'est votre faute", id="fr: blames the buyer"),
    pytest.param("Arrêtez de nous écrire.", "Arrêtez de nous écrire", id="fr: stop writing to us"),
    pytest.param("Lisez la description.", "Lisez la description", id="fr: read the description"),
    pytest.param("Por favor, espere unos días.", "Por favor, espere", id="es: please wait"),
    pytest.param("Es su culpa.", "Es su culpa", id="es: blames the buyer"),
    pytest.param("Como ya le dije, está en camino.", "Como ya le dije", id="es: as already said"),
    pytest.param("Cálmese, por favor.", "Cálmese", id="es: calm down"),
    pytest.param("Per favore aspetti qualche giorno.", "Per favore aspetti", id="it: please wait"),
    pytest.param("È colpa sua.", "È colpa sua", id="it: blames the buyer"),
    pytest.param("Smetta di scriverci.", "Smetta di scriverci", id="it: stop writing to us"),
    pytest.param("Legga la descrizione.", "Legga la descrizione", id="it: read the description"),
    pytest.param("もう少しお待ちください。", "お待ちください", id="ja: please wait"),
    pytest.param("それはお客様のせいです。", "お客様のせい", id="ja: blames the buyer"),
    pytest.param("既に申し上げた通り、発送済みです。", "既に申し上げた通り", id="ja: as already said"),
    pytest.param("説明をよく読んでください。", "説明をよく読んでください", id="ja: read the description"),
    pytest.param("请耐心等待。", "请耐心等待", id="zh: please wait"),
    pytest.param("这是您的错。", "是您的错", id="zh: blames the buyer"),
    pytest.param("不要再发消息了。", "不要再发消息", id="zh: stop messaging"),
    pytest.param("请仔细阅读商品描述。", "阅读商品描述", id="zh: read the description"),
]


@pytest.mark.parametrize(("draft", "needle"), TONE)
def test_tone_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "tone", needle)


TONE_CLEAN = [
    pytest.param("I understand you must be frustrated.", id="en: you must be (empathy)"),
    pytest.param("You should have received an e-mail from the carrier.", id="en: you should have received"),
    pytest.param("We are waiting for the carrier's reply.", id="en: we wait, not the buyer"),
    pytest.param("Sie müssen nichts weiter tun.", id="de: you need not do anything"),
    pytest.param("Vous devez être déçu, nous le comprenons.", id="fr: you must be disappointed"),
]


@pytest.mark.parametrize("draft", TONE_CLEAN)
def test_tone_clean(draft: str) -> None:
    assert found(draft) == {}


# --- html, emoji, too_long -------------------------------------------------------------------------------------------

HTML = [
    pytest.param("Thanks <b>a lot</b> for waiting.", "<b>", id="bold tag"),
    pytest.param('See <a href="x">this</a> page.', '<a href="x">', id="anchor tag"),
    pytest.param("Line one<br>line two.", "<br>", id="line break tag"),
    pytest.param("Harbor&nbsp;Pine wishes you well.", "&nbsp;", id="entity"),
    pytest.param("Thanks ＜b＞a lot＜/b＞.", "＜b＞", id="full-width tag"),
    pytest.param("Thanks <!-- note --> again.", "<!-- note -->", id="comment"),
]


@pytest.mark.parametrize(("draft", "needle"), HTML)
def test_html_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "html", needle)


EMOJI = [
    pytest.param("Thanks 😊", "😊", id="smiley"),
    pytest.param("Great 👍🏽 news.", "👍🏽", id="skin tone modifier"),
    pytest.param("With love ❤️ from us.", "❤️", id="heart with variation selector"),
    pytest.param("Our family 👨‍👩‍👧 thanks you.", "👨‍👩‍👧", id="zero-width-joiner sequence"),
    pytest.param("Made in 🇩🇪 with care.", "🇩🇪", id="flag"),
    pytest.param("Step 1️⃣ is easy.", "1️⃣", id="keycap"),
    pytest.param("Thanks :) see you.", ":)", id="emoticon smile"),
    pytest.param("Thanks ;-) see you.", ";-)", id="emoticon wink"),
    pytest.param("Thanks ^_^ see you.", "^_^", id="kaomoji"),
]


@pytest.mark.parametrize(("draft", "needle"), EMOJI)
def test_emoji_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "emoji", needle)


FORMAT_CLEAN = [
    pytest.param("The size is < 10 cm and > 5 cm.", id="comparison signs"),
    pytest.param("Delivery takes <3 days.", id="less than three"),
    pytest.param("Press the <Enter> key.", id="angle brackets around a word"),
    pytest.param("Harbor & Pine © 2026 Harbor & Pine™.", id="ampersand and symbols"),
    pytest.param("Opening hours (10:30) and size (M).", id="brackets after numbers"),
    pytest.param("Ref:D123 is your case.", id="colon before a letter"),
]


@pytest.mark.parametrize("draft", FORMAT_CLEAN)
def test_format_clean(draft: str) -> None:
    assert found(draft) == {}


def test_too_long_fires_past_the_limit_and_reports_the_excess() -> None:
    draft = "Thank you for your message. " * 72  # 2,016 characters
    hits = found(draft)
    assert set(hits) == {"too_long"}
    report = check(draft, ALLOW_ALL, POLICY)
    assert report.violations[0].span == (2000, len(draft))
    assert "2000" in report.violations[0].message


def test_too_long_uses_the_policy_limit() -> None:
    assert found("x" * 2000) == {}
    assert set(found("Thank you. " * 10, policy=GuardPolicy(max_chars=100))) == {"too_long"}
