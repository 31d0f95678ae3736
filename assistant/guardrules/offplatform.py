"""Rule `competitor_or_off_platform`: other marketplaces and shops, "our website", payment or chat outside the
marketplace. Names are data: the built-in list below plus the seller's `GuardPolicy.blocked_names`.
Spelling variants are generated: `pay pal`, `e-bay`, `P@yPal`, `3bay`, `$hein`.

Source: marketplace buyer-seller messaging guidelines, "do not direct buyers to other websites or ask for payment
outside the marketplace".
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.guardrules.context import GuardInput, merged
from assistant.guardrules.phrases import Phrases
from assistant.models import GuardViolation

__all__ = ["BUILT_IN_NAMES", "check_off_platform"]

# Each name is its words; the words may be written together or apart ("paypal", "pay pal", "pay-pal").
# fmt: off
BUILT_IN_NAMES: tuple[tuple[str, ...], ...] = (
    ("e", "bay"), ("wal", "mart"), ("ali", "express"), ("temu",), ("shein",), ("etsy",), ("shopify",),
    ("ali", "baba"), ("rakuten",), ("mercari",), ("taobao",), ("kaufland",), ("zalando",), ("cdiscount",),
    ("mercado", "libre"), ("pay", "pal"), ("venmo",), ("cash", "app"), ("western", "union"), ("money", "gram"),
    ("bank", "transfer"), ("wire", "transfer"), ("wechat", "pay"), ("ali", "pay"), ("revolut",), ("skrill",),
    ("payoneer",), ("bitcoin",), ("whats", "app"), ("telegram",), ("wechat",), ("weixin",), ("viber",),
    ("skype",), ("kakao", "talk"),
)
# fmt: on
_LEET = {"a": "a@4", "e": "e3", "i": "i1!", "o": "o0", "s": "s5$", "l": "l1|"}
_SEP = r"[\s\-_.]?"
_CLOSE = r"(?![^\W_])"

_PHRASES = (
    # "our website", "our online shop", "our store website" and their translations
    r"\bour\s+(?:own\s+)?(?:web\s?site|online\s+(?:shop|store)|web\s?shop|(?:store|shop)\s+web\s?site|home\s?page)",
    r"\bunsere[nmr]?\s+(?:eigene[nmr]?\s+)?(?:web\s?seite|website|homepage|online-?shop|internetseite)",
    r"\bnotre\s+(?:propre\s+)?(?:site(?:\s+(?:web|internet))?|boutique\s+en\s+ligne)",
    r"\bnuestr[oa]\s+(?:propi[oa]\s+)?(?:sitio\s+web|p[áa]gina\s+web|web|tienda\s+(?:online|en\s+l[íi]nea))",
    r"\b(?:il\s+)?nostro\s+(?:sito(?:\s+web)?|negozio\s+online)",
    r"(?:当店|弊社|私たち)の?(?:ウェブサイト|ホームページ|公式サイト|オンラインショップ|サイト)|自社サイト",
    r"我们的(?:网站|官网|网店)|官网|独立站",
    # buying or paying around the marketplace
    r"\b(?:buy|order|purchase|shop|pay)\w*\s+(?:it\s+|us\s+)?directly\s+(?:from|with|through|to)\s+us",
    r"\boutside\s+(?:of\s+)?amazon\b|\boff[\s-]amazon\b",
    r"\bbank[üu]berweisung|\b[üu]berweisung\b|\bvirement(?:\s+bancaire)?\b|\btransferencia\s+bancaria|"
    r"\bbonifico(?:\s+bancario)?\b|銀行振込|銀行振り込み|银行转账|银行卡转账|微信支付|支付宝|淘宝|天猫|京东|拼多多|メルカリ|楽天市場",
    r"\bwish\.com\b",
    # LINE, Japan's messenger: the word only where Japanese particles or "add as a friend" make it the app
    r"(?<![a-z])line(?=\s*(?:で|の|に|を|から|公式|アカウント|友|へ))|(?<![ァ-ヺー])ライン(?=\s*(?:で|の|に|を|から|公式|アカウント|友|へ))|"
    r"友(?:だち|達)追加",
)
# "Wish" the marketplace, not the verb: capitalised, after "on"/"from"/..., or before "app"/"store"; on the folded text.
_WISH = re.compile(
    r"(?:(?<=\bon )|(?<=\bfrom )|(?<=\bvia )|(?<=\bauf )|(?<=\bsur )|(?<=\ben )|(?<=\bsu ))Wish\b"
    r"|\bWish(?=\s+(?:app|store|shop))"
)
_ZELLE_ANYWHERE = re.compile(r"\bzelle\b")
# In German "Zelle" is a (battery) cell: only payment context counts there.
_ZELLE_PAYMENT = re.compile(
    r"(?:(?<=via )|(?<=per )|(?<=with )|(?<=über )|(?<=by )|(?<=mit ))zelle\b|\bzelle(?=[\s-]*(?:pay|zahlung|transfer|"
    r"account|konto|app))"
)


def _variant_pattern(words: tuple[str, ...]) -> str:
    letters = ["".join("[" + re.escape(_LEET[c]) + "]" if c in _LEET else re.escape(c) for c in word) for word in words]
    return r"\b" + _SEP.join(letters) + _CLOSE


_BUILT_IN = Phrases([*(_variant_pattern(n) for n in BUILT_IN_NAMES), *_PHRASES])


@lru_cache(maxsize=32)
def _seller_names(names: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """The seller's own blocked names (case-insensitive, any spacing between their words), and their first words
    lower-cased, which must occur in the draft before the pattern is worth running."""
    words = [name.split() for name in names if name.strip()]
    if not words:
        return None
    parts = [r"(?<![^\W_])" + r"\s+".join(re.escape(w) for w in name) + _CLOSE for name in words]
    return re.compile("|".join(parts), re.I), tuple(name[0].lower() for name in words)


def check_off_platform(inp: GuardInput) -> list[GuardViolation]:
    matches = list(_BUILT_IN.finditer(inp.lower))
    if "zelle" in inp.lower:
        matches.extend((_ZELLE_PAYMENT if inp.language == "de" else _ZELLE_ANYWHERE).finditer(inp.lower))
    if "wish" in inp.lower:
        matches.extend(_WISH.finditer(inp.folded))
    seller = _seller_names(tuple(inp.policy.blocked_names))
    if seller is not None and any(first in inp.lower for first in seller[1]):
        matches.extend(seller[0].finditer(inp.folded))
    spans = merged(inp.text.span(*m.span()) for m in matches if m.end() > m.start())
    return [
        GuardViolation(
            rule="competitor_or_off_platform",
            span=span,
            message=f"Remove “{inp.draft[span[0] : span[1]]}”: do not mention other marketplaces or shops, your own "
            "website, or payment and chat outside the marketplace.",
        )
        for span in spans
    ]
