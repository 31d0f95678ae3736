"""Table tests for the guard's contact rules: link, email, phone (and messenger handles), pii_echo.

Each failing row names the text the violation's span must cover; each clean row must pass every rule.
"""

from __future__ import annotations

import pytest
from guard_tables import assert_fires, found

# --- link -------------------------------------------------------------------------------------------------------

LINKS = [
    pytest.param("See https://shop.example.com/item/1 for photos.", "https://shop.example.com/item/1", id="https url"),
    pytest.param("Details: hxxp://evil.example.net/x", "hxxp://evil.example.net/x", id="hxxp scheme"),
    pytest.param("Open http[:]//example.org now.", "http[:]//example.org", id="bracketed colon scheme"),
    pytest.param("Go to www.example.com please.", "www.example.com", id="www prefix"),
    pytest.param("The manual is at shop.example.com today.", "shop.example.com", id="scheme-less subdomain"),
    pytest.param("Read it on example.co.uk/returns first.", "example.co.uk/returns", id="scheme-less with path"),
    pytest.param("Write EXAMPLE.COM in the browser.", "EXAMPLE.COM", id="upper-case domain"),
    pytest.param("Visit example dot com for the manual.", "example dot com", id="spelled-out dot"),
    pytest.param("Visit example[.]com for the manual.", "example[.]com", id="bracketed dot"),
    pytest.param("Visit example(dot)com for the manual.", "example(dot)com", id="parenthesised dot word"),
    pytest.param("Visit example。com for the manual.", "example。com", id="ideographic full stop as the dot"),
    pytest.param("詳しくはexample.comをご覧ください。", "example.com", id="Japanese around it, no spaces"),
    pytest.param("请访问https://example.com了解详情。", "https://example.com", id="Chinese around a URL, no spaces"),
    pytest.param("Visit example . com for the manual.", "example . com", id="spaced dot"),
    pytest.param("Besuchen Sie beispiel punkt de bitte.", "beispiel punkt de", id="German punkt"),
    pytest.param("Visit ｅｘａｍｐｌｅ．ｃｏｍ now.", "ｅｘａｍｐｌｅ．ｃｏｍ", id="full-width characters"),
    pytest.param("Visit exa\u200bmple.com now.", "exa\u200bmple.com", id="zero-width space inside"),
    pytest.param("Visit \u0435\u0445\u0430mple.com now.", "\u0435\u0445\u0430mple.com", id="Cyrillic homoglyphs"),
    pytest.param("Visit w w w . e x a m p l e . c o m now.", "w w w . e x a m p l e . c o m", id="spaced-out letters"),
    pytest.param("Short link: bit.ly/3xYz9 here.", "bit.ly/3xYz9", id="URL shortener"),
    pytest.param("Message us at wa.me/491761234567 today.", "wa.me/491761234567", id="WhatsApp link"),
    pytest.param("Join t.me/harborpine for news.", "t.me/harborpine", id="Telegram link"),
]


@pytest.mark.parametrize(("draft", "needle"), LINKS)
def test_link_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "link", needle)


LINK_LOOKALIKES = [
    pytest.param("There is a dot on the screen of the watch.", id="a dot on the screen"),
    pytest.param("There is a small dot in the corner of the print.", id="dot in: 'in' is a word, not an ending"),
    pytest.param("The link cable connects both speakers.", id="link cable"),
    pytest.param("It costs 14.99 and ships within 2.5 days.", id="decimal numbers"),
    pytest.param("Please use e.g. the left port.", id="abbreviation e.g."),
    pytest.param("Thanks.Best regards from the team.", id="missing space after full stop, capitalised"),
    pytest.param("De mon point de vue, le colis est arrivé.", id="French point de vue"),
    pytest.param("El punto es que el paquete llegó tarde.", id="Spanish punto es"),
    pytest.param("The file manual.pdf explains the set-up.", id="file name"),
    pytest.param("We will look at it and reply within 24 hours.", id="we will look at it"),
    pytest.param("ご連絡ありがとうございます。It arrives tomorrow.", id="ideographic full stop, then 'It ...'"),
    pytest.param("ご連絡ありがとうございます。Es llega mañana.", id="ideographic full stop, then 'Es ...'"),
]


@pytest.mark.parametrize("draft", LINK_LOOKALIKES)
def test_link_lookalikes_pass(draft: str) -> None:
    assert found(draft) == {}


# --- email ------------------------------------------------------------------------------------------------------

EMAILS = [
    pytest.param("Write to jane.doe@example.com today.", "jane.doe@example.com", id="plain address"),
    pytest.param("Write to jane (at) gmail (dot) com today.", "jane (at) gmail (dot) com", id="(at) and (dot)"),
    pytest.param("Write to jane[at]example[dot]org today.", "jane[at]example[dot]org", id="[at] and [dot]"),
    pytest.param("Write to jane at outlook dot com today.", "jane at outlook dot com", id="words at and dot"),
    pytest.param("Write to jane at gmail.com today.", "jane at gmail.com", id="word at, mail provider"),
    pytest.param("Write to jane＠example．com today.", "jane＠example．com", id="full-width at sign"),
    pytest.param("Write to j a n e @ g m x . d e today.", "j a n e @ g m x . d e", id="spaced-out letters"),
    pytest.param("Write to jane (at) example [.] org today.", "jane (at) example [.] org", id="mixed disguises"),
    pytest.param("请发邮件到jane@example.com联系。", "jane@example.com", id="Chinese around it, no spaces"),
]


@pytest.mark.parametrize(("draft", "needle"), EMAILS)
def test_email_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "email", needle)


EMAIL_LOOKALIKES = [
    pytest.param("We will look at it and get back to you.", id="look at it"),
    pytest.param("The parcel arrives at noon. Com is short for comment.", id="at ... dot-like text"),
    pytest.param("We are at your service at 9 a.m. tomorrow.", id="at with a time"),
]


@pytest.mark.parametrize("draft", EMAIL_LOOKALIKES)
def test_email_lookalikes_pass(draft: str) -> None:
    assert found(draft) == {}


# --- phone and messenger handles ----------------------------------------------------------------------------------

PHONES = [
    pytest.param("Call us on +49 176 1234 5678 today.", "+49 176 1234 5678", id="international with spaces"),
    pytest.param("Call us on 0049 176 12345678 today.", "0049 176 12345678", id="international 00 prefix"),
    pytest.param("Call us on +1 (555) 123-4567 today.", "+1 (555) 123-4567", id="US international"),
    pytest.param("Call us on (555) 123-4567 today.", "(555) 123-4567", id="US national with brackets"),
    pytest.param("Call us on 555-123-4567 today.", "555-123-4567", id="US national with dashes"),
    pytest.param("Rufen Sie 030 12345678 an.", "030 12345678", id="German landline"),
    pytest.param("Appelez le 06 12 34 56 78 svp.", "06 12 34 56 78", id="French mobile in pairs"),
    pytest.param("お電話は090-1234-5678まで。", "090-1234-5678", id="Japanese mobile"),
    pytest.param("请拨打 +86 138 0013 8000。", "+86 138 0013 8000", id="Chinese international"),
    pytest.param("手机 13800138000 随时联系。", "13800138000", id="Chinese mobile unformatted"),
    pytest.param("Tel. 01761234567 for questions.", "01761234567", id="unformatted national with 0"),
    pytest.param("Phone 5551234567 anytime.", "5551234567", id="unformatted after the word phone"),
    pytest.param("WhatsApp: +49 1761234567 anytime.", "WhatsApp: +49 1761234567", id="WhatsApp number"),
    pytest.param("Add WeChat ID: harbor_pine88 please.", "WeChat ID: harbor_pine88", id="WeChat id"),
    pytest.param("Write to Telegram @harborpine too.", "Telegram @harborpine", id="Telegram handle"),
    pytest.param("Our LINE ID: hp-shop is open.", "LINE ID: hp-shop", id="LINE id"),
    pytest.param("有问题加微信 harbor123 联系。", "微信 harbor123", id="WeChat id in Chinese"),
    pytest.param("Call us on plus one five five five, one two three, four five six seven.",
                 "plus one five five five, one two three, four five six seven", id="number written in words"),
    pytest.param("Rufen Sie an: null eins sieben sechs, eins zwei drei vier fünf.",
                 "null eins sieben sechs, eins zwei drei vier fünf", id="German number in words"),
]


@pytest.mark.parametrize(("draft", "needle"), PHONES)
def test_phone_fires(draft: str, needle: str) -> None:
    assert_fires(draft, "phone", needle)


NOT_PHONES = [
    pytest.param("Your order 113-1234567-1234567 has shipped.", id="order id 113-"),
    pytest.param("Your order 112-4471093-5520187 has shipped.", id="order id 112-"),
    pytest.param("Your digital order D01-1234567-1234567 is ready.", id="digital order id"),
    pytest.param("Tracking number 1Z999AA10123456784 shows it in transit.", id="UPS tracking"),
    pytest.param("Tracking number 9400111899223856928499 shows it in transit.", id="USPS tracking"),
    pytest.param("Tracking number 1234567890 shows it in transit.", id="10-digit tracking after the word"),
    pytest.param("Sendungsnummer 00340434161094042557 ist aktiv.", id="DHL tracking"),
    pytest.param("It shipped on 2026-11-23 and arrives soon.", id="ISO date"),
    pytest.param("Es wurde am 23.11.2026 versandt.", id="German date"),
    pytest.param("It shipped on 11/23/2026 from our warehouse.", id="US date"),
    pytest.param("Delivery between 23.11. - 25.11.2026 is expected.", id="date range"),
    pytest.param("The courier comes at 14:30 or between 9:00 - 17:00.", id="times"),
    pytest.param("The price was $14.99, the refund $1,299.00.", id="dollar prices"),
    pytest.param("Der Preis beträgt 14,99 € bzw. 1.299,00 EUR.", id="euro prices"),
    pytest.param("価格は¥1,980です。", id="yen price"),
    pytest.param("The frame measures 30x40 cm, the box 30 x 40 x 50 cm.", id="sizes"),
    pytest.param("The WH-1000XM5 uses a 2000 mAh battery.", id="model number and capacity"),
    pytest.param("The ASIN is B08N5WRWNW and the EAN 4006381333931.", id="ASIN and EAN"),
    pytest.param("We will reply within 24 hours, usually 2 to 3 days.", id="durations"),
    pytest.param("Pi is 3.14159265 as you know.", id="long decimal"),
    pytest.param(
        "WhatsApp and e-mail are not used here; we answer in the order messages.", id="messenger word no handle"
    ),
    pytest.param("One or two of the three parts ship first, the other one in five days.", id="a few number words"),
]


@pytest.mark.parametrize("draft", NOT_PHONES)
def test_phone_lookalikes_do_not_fire(draft: str) -> None:
    assert "phone" not in found(draft)


def test_bare_messenger_name_is_off_platform_not_phone() -> None:
    assert_fires("Contact us on WhatsApp for faster help.", "competitor_or_off_platform", "WhatsApp")


# --- pii_echo -----------------------------------------------------------------------------------------------------

BUYER = (
    "Hi, it's Jane. Mail me at jane.doe@example.com or call +1 555 123 4567. "
    "I live at 12 Main Street, Springfield. Meine Adresse: Hauptstraße 5. J'habite au 12 rue de la Paix. "
    "Vivo en Calle Mayor 10. Abito in Via Roma 5. 住所は神南1-2-3です。"
)

PII = [
    pytest.param("We will ship to 12 Main Street again.", "12 Main Street", frozenset(), id="street address echoed"),
    pytest.param("We will ship to 12  main street again.", "12  main street", frozenset(), id="address, other case"),
    pytest.param("Wir senden es an Hauptstraße 5.", "Hauptstraße 5", frozenset(), id="German address"),
    pytest.param("Nous envoyons au 12 rue de la Paix.", "12 rue de la Paix", frozenset(), id="French address"),
    pytest.param("Enviamos a Calle Mayor 10.", "Calle Mayor 10", frozenset(), id="Spanish address"),
    pytest.param("Spediamo in Via Roma 5.", "Via Roma 5", frozenset(), id="Italian address"),
    pytest.param("神南1-2-3にお送りします。", "1-2-3", frozenset(), id="Japanese address"),
    pytest.param(
        "We wrote to jane.doe@example.com.", "jane.doe@example.com", frozenset({"email"}), id="buyer e-mail echoed"
    ),
    pytest.param(
        "We will call 555-123-4567 tomorrow.", "555-123-4567", frozenset({"phone"}), id="buyer phone, other format"
    ),
]


@pytest.mark.parametrize(("draft", "needle", "also"), PII)
def test_pii_echo_fires(draft: str, needle: str, also: frozenset[str]) -> None:
    assert_fires(draft, "pii_echo", needle, also, buyer_text=BUYER)


PII_CLEAN = [
    pytest.param("We will ship the replacement to your address on file.", BUYER, id="refers to your address"),
    pytest.param("We will ship to 12 Main Street again.", "", id="no buyer text to compare with"),
    pytest.param("Our warehouse is closed on 12 May.", BUYER, id="number and word that is no address"),
]


@pytest.mark.parametrize(("draft", "buyer"), PII_CLEAN)
def test_pii_echo_clean(draft: str, buyer: str) -> None:
    assert "pii_echo" not in found(draft, buyer_text=buyer)
