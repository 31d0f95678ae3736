"""Table tests for the guard's content rules: competitor_or_off_platform, marketing, html, emoji and too_long
(review_manipulation and tone, which need every language, are in test_guard_languages.py).

Each failing row names the text the violation's span must cover; each clean row must pass every rule.
"""

from __future__ import annotations

import pytest
from guard_tables import ALLOW_ALL, POLICY, assert_fires, found

from assistant.guard import check
from assistant.policy import GuardPolicy

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
    pytest.param("也可以用PayPal付款。", "PayPal", id="PayPal in Chinese, no spaces"),
    pytest.param("eBayでも販売しています。", "eBay", id="eBay in Japanese, no spaces"),
    pytest.param("LINEで友だち追加していただければすぐ対応します。", "LINE", id="LINE the messenger in Japanese"),
    pytest.param("公式ラインからご連絡ください。", "ライン", id="LINE in katakana"),
    pytest.param("Add us on Skype for a quick call.", "Skype", id="Skype"),
    pytest.param("Write to us on KakaoTalk.", "KakaoTalk", id="KakaoTalk"),
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
    pytest.param("オンラインでのご注文、ガイドラインに沿って対応いたします。", "ja",
                 id="online and guideline are not LINE"),
    pytest.param("The deadline is the line on the label.", "en", id="line the word"),
]


@pytest.mark.parametrize(("draft", "language"), OFF_PLATFORM_CLEAN)
def test_off_platform_clean(draft: str, language: str) -> None:
    assert found(draft, language=language) == {}


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
    pytest.param("Check out our new bamboo range.", "our new bamboo range", id="en: other products, adjective"),
    pytest.param("You might like it too!", "You might like it too", id="en: you might like it too"),
    pytest.param("Sehen Sie sich unsere neuen Bambusprodukte an.", "unsere neuen Bambusprodukte",
                 id="de: compound products"),
    pytest.param("Sparen Sie mit dem Code DANKE10.", "mit dem Code DANKE10", id="de: with the code"),
    pytest.param("Profitez-en avec le code MERCI15.", "avec le code MERCI15", id="fr: with the code"),
    pytest.param("Ahorre con el código GRACIAS10.", "con el código GRACIAS10", id="es: with the code"),
    pytest.param("Usi il codice SCONTO10 al prossimo acquisto.", "Usi il codice SCONTO10", id="it: use the code"),
    pytest.param("当店の新商品もぜひご覧ください。", "当店の新商品", id="ja: our new products"),
    pytest.param("顺便推荐一下我们的新款砧板。", "推荐一下我们的新款", id="zh: recommending our new one"),
]


@pytest.mark.parametrize(("draft", "needle"), MARKETING)
def test_marketing_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "marketing", needle)


MARKETING_CLEAN = [
    pytest.param("Your next order will be packed with extra care.", id="next order without a discount"),
    pytest.param("The product description lists all other colours.", id="description mention"),
    pytest.param("We offer a replacement at no cost.", id="an offer is not marketing"),
    pytest.param("Con el código de seguimiento puede ver dónde está su paquete.", id="es: the tracking code"),
    pytest.param("Avec le code de suivi, vous pouvez suivre votre colis.", id="fr: the tracking code"),
    pytest.param("Con il codice di tracciamento può seguire il pacco.", id="it: the tracking code"),
    pytest.param("Our new warehouse team packs every order by hand.", id="en: our new team is not a product"),
]


@pytest.mark.parametrize("draft", MARKETING_CLEAN)
def test_marketing_clean(draft: str) -> None:
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
