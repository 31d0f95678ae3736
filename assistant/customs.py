"""Whether the message is about customs: a parcel held for clearance, or import duties and taxes the buyer is asked
to pay before delivery. Pure.

Read for every message; it shapes the answer to a delivery question (signals.for_intent) and moves a customs
notice that the classifier read as a wrong or misdescribed item back to shipping (classify). The words are ours, per
language. Other senses are left out: a "clearance sale", a screen size in inches ("27 Zoll").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["mentions_customs"]

CUSTOMS = re.compile("|".join((
    r"\bcustoms\b", r"\bimport (?:duty|duties|tax|taxes|vat|fees?|charges?)\b", r"\bduties\b", r"\btariffs?\b",
    r"\b(?:vat|tax|taxes|duty) (?:on|upon) (?:arrival|import|delivery)\b",
    r"\b(?:customs |import )?clearance\b(?! (?:sale|price|item|section|rack))", r"\bbrokerage (?:fee|charge)",
    r"(?<![0-9])(?<![0-9] )(?<![0-9]-)\bzoll(?:amt|gebühr\w*|abfertigung|kosten|abgaben|behörde)?\b",
    r"\beinfuhr(?:umsatzsteuer|abgaben|zoll|gebühr\w*)", r"\bverzoll", r"\bzollfrei", r"\bzollgebuehr",
    r"\bimport(?:steuer|umsatzsteuer|abgaben|gebühr\w*|zoll)",
    r"\bdouane", r"\bdédouan", r"\bdedouan", r"\b(?:frais|taxes?|droits) d'importation", r"\bdroits de douane",
    r"\b(?:tva|taxes?) (?:à|a) l'importation",
    r"\baduan(?:a|as|ero|era|eros|eras)\b", r"\baranceles?\b", r"\bimpuestos? de importaci[óo]n",
    r"\biva de importaci[óo]n",
    r"\bdogana", r"\bdoganal", r"\bsdoganament", r"\bdazi\b", r"\bdazio\b",
    r"\b(?:iva|tasse|imposte) (?:all'|di |d')importazione",
    r"税関", r"関税", r"通関", r"輸入消費税",
    r"海关", r"关税", r"清关", r"进口税", r"报关", r"海關", r"關稅", r"清關", r"進口稅", r"報關",
)))


def mentions_customs(text: str) -> bool:
    """True when the message speaks of customs clearance or import charges."""
    return bool(CUSTOMS.search(unicodedata.normalize("NFKC", text).lower()))
