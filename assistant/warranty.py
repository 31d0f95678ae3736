"""Whether the buyer writes about an item bought or used for months or years, or asks about the warranty: past the
return window, where a fault is a warranty matter, not a refund by rule. Pure.

Such a message goes to a person (rules.yaml, warranty_to_human); without this, "the kettle I bought in March last
year no longer switches on, is it still under warranty?" got a full refund. One month is not enough (the return
window is 30 days), nor is the word "warranty" alone (buyers use it for any fault); a question before buying keeps
its answer. The words are ours.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["past_return_window"]

_MONTHS_EN = r"(?:[2-9]|1[0-9]|2[0-4]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)"
_MONTHS_DE = r"(?:[2-9]|1[0-9]|2[0-4]|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|achtzehn)"
_MONTHS_FR = r"(?:[2-9]|1[0-9]|2[0-4]|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|dix-huit)"
_MONTHS_ES = r"(?:[2-9]|1[0-9]|2[0-4]|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|dieciocho)"
_MONTHS_IT = r"(?:[2-9]|1[0-9]|2[0-4]|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|diciotto)"

AGED = re.compile("|".join((
    rf"\b{_MONTHS_EN} months\b", r"\b(?:a|one|two|three|[1-5]) years?\b(?! old\b)", r"\b(?:over|more than) a year\b",
    r"\blast year\b",
    rf"\b{_MONTHS_DE} monat(?:e|en)?\b", r"\b(?:vor|seit|nach|über|ueber) (?:einem|einem halben|zwei|drei|\d) jahr",
    r"\bletzten jahres\b", r"\bletztes jahr\b",
    rf"\b{_MONTHS_FR} mois\b", r"\b(?:il y a|depuis|après|au bout d') ?(?:un|deux|trois|\d) ans?\b",
    r"\bl'année dernière\b", r"\bl'an dernier\b",
    rf"\b{_MONTHS_ES} meses\b", r"\b(?:hace|desde hace|después de|tras) (?:un|dos|tres|\d) años?\b",
    r"\bel año pasado\b",
    rf"\b{_MONTHS_IT} mesi\b", r"\b(?:un|due|tre|\d) anni? fa\b", r"\b(?:dopo|da) (?:un|due|tre|\d) anni?\b",
    r"\bl'anno scorso\b",
    r"(?:[2-9]|1[0-9]|二|三|四|五|六|七|八|九|十)(?:ヶ|か|カ|ケ|ヵ)月(?:前|使|経|ほど|以上)",
    r"(?:[1-9]|一|二|三)年(?:前|以上|ほど|使|経)", r"去年",
    r"(?:[2-9]|1[0-9]|两|三|四|五|六|七|八|九|十)个月", r"(?:[1-9]|一|两|三)年(?:多|前|了|以上)",
)))


# An expiry date months past ("expired two months ago") is a fault of what we sold, not the item's age.
EXPIRY = re.compile(r"expir|abgelaufen|haltbarkeit|périm|perim|caduc|scadut|scadenz|vencid|期限|过期|保质期")


def past_return_window(text: str) -> bool:
    """True when the buyer speaks of months or years of use or ownership (not of an expiry date)."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    return bool(AGED.search(lowered)) and not EXPIRY.search(lowered)
