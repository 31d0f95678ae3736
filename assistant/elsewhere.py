"""Whether the buyer says the item was bought from another shop or seller: not an order of ours to make good. Pure.

Such a message goes to a person (rules.yaml, bought_elsewhere_to_human); without this, "the rice cooker I bought
at another shop broke, you sell it too, can you replace it?" read as a defect of ours and was offered a full refund.
The words are ours, per language: another shop, site or seller named as where it was bought, or "you sell it too".
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["bought_elsewhere"]

ELSEWHERE = re.compile("|".join((
    r"\b(?:from|at|on) (?:a |an )?(?:different|another|other) (?:store|shop|seller|site|website|retailer|vendor)\b",
    r"\b(?:didn'?t|did not) (?:buy|order|get) (?:it|this|them|the \w+) (?:from|with|through) you\b",
    r"\byou (?:guys )?(?:also |both )?sell (?:it|them|the same \w+|this one|the same one) (?:too|as well)\b",
    r"\b(?:woanders|anderswo) gekauft\b", r"\b(?:in|bei) einem anderen (?:shop|laden|geschäft|händler|anbieter)\b",
    r"\bihr verkauft (?:die|das|den|sie|es) (?:ja |doch )?auch\b",
    r"\b(?:sur|chez) un autre (?:site|vendeur|marchand)\b", r"\bdans un autre magasin\b",
    r"\bvous (?:le|la|les) vendez aussi\b",
    r"\ben otra tienda\b", r"\ben otra (?:web|página)\b", r"\bustedes (?:también |tambien )?lo venden\b",
    r"\b(?:su|in) un altro (?:sito|negozio|venditore)\b", r"\b(?:le|li|lo|la) vendete anche voi\b",
    r"\bidentich[ei] alle vostre\b",
    r"(?:他|別)の(?:お店|店|サイト|ショップ|販売者)で(?:買|購入)", r"他店で(?:買|購入)",
    r"(?:御社|そちら)でも(?:販売|扱)",
    r"扱っているようなので",
    r"(?:别家|别的店|其他店|其他平台|别的平台|别的商家)(?:买|购)", r"你们也卖(?:一样的|同款|这个|这款)",
)))


def bought_elsewhere(text: str) -> bool:
    """True when the buyer says the item came from another shop, site or seller."""
    return bool(ELSEWHERE.search(unicodedata.normalize("NFKC", text).lower()))
