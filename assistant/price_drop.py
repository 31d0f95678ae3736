"""Whether the buyer asks for the difference after the price dropped since they bought. Pure.

Price changes after a purchase are the seller's call, not a rule's: such a message goes to a person (rules.yaml,
price_drop_to_human); without this, "it was 89.99, now 69.99, refund me the difference" read as a return and was
offered a partial refund. "I'll pay the difference" for another size is an exchange, not a price drop. The words are
ours, per language.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["asks_price_difference"]

PRICE_DROP = re.compile("|".join((
    r"\b(?:refund|give|credit) (?:me |us )?(?:back )?(?:the )?(?:[$€£]?\d+(?:[.,]\d+)? ?(?:[$€£]|usd|eur|gbp)? )?"
    r"(?:price )?difference\b", r"\bprice (?:drop|adjustment)\b",
    r"\b(?:the price|it) (?:has )?(?:dropped|gone down|went down)\b",
    r"\b(?:is|it'?s) now (?:cheaper|on sale|reduced)\b",
    r"\bdifferenz\b[^.!?\n]{0,30}\b(?:erstatten|zurück|gutschreiben)", r"\bjetzt (?:günstiger|billiger)\b",
    r"\bpreis\w* (?:gesenkt|gefallen|reduziert)\b",
    r"\b(?:rembourse\w*|rendre|rendez) la différence\b", r"\bmoins cher (?:aujourd'hui|maintenant)\b",
    r"\b(?:devuelvan|devolváis|reembolsen|reembolséis|devolver|reembolsar) la diferencia\b",
    r"\b(?:ahora|hoy)\b[^.!?\n]{0,25}\b(?:está|esta|cuesta) (?:a|en) \d", r"\bha bajado (?:de precio|el precio)\b",
    r"\b(?:rimborsate|rimborsarmi|restituite|restituirmi|rimborso) (?:la differenza|i \d+ ?€)",
    r"\boggi (?:è|costa) a \d", r"\bprezzo (?:è )?(?:sceso|calato|ribassato)\b",
    r"差額(?:を|の)?返金", r"安くなって(?:い|ま)",
    r"(?:退|返)(?:我|给我)?(?:的)?差价", r"差价(?:退|返)", r"降价了", r"现在(?:才|只要)\d",
)))


def asks_price_difference(text: str) -> bool:
    """True when the buyer says the price dropped after their purchase or asks for the difference back."""
    return bool(PRICE_DROP.search(unicodedata.normalize("NFKC", text).lower()))
