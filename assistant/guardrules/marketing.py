"""Rule `marketing`: coupons, promo and discount codes, "next order" discounts, other products, social media,
in en, de, fr, es, it, ja and zh.

Source: marketplace communication guidelines, "messages may not contain marketing or promotional content".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, phrase_violations
from assistant.guardrules.phrases import Phrases
from assistant.guardrules.sentences import sentence_around
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_marketing"]

MESSAGE = (
    "Remove the promotion: no coupons, discount codes, next-order offers, other products or social-media accounts "
    "in marketplace messages."
)

# "next order" is a promotion only with a discount in the same sentence (checked in code, so that numbers,
# which are everywhere, are not where the phrase scan starts).
_NEXT_ORDER = Phrases(
    (
        r"\bnext\s+(?:order|purchase|buy)",
        r"\bnächste[nr]?\s+(?:bestellung|einkauf|kauf)",
        r"\bprochaine?\s+(?:commande|achat)",
        r"\bpróxim[oa]\s+(?:compra|pedido)",
        r"\bprossimo\s+(?:ordine|acquisto)",
    )
)
_DISCOUNT = re.compile(
    r"\b(?:discount|off|coupon|voucher|credit|deal|savings?|rabatt|nachlass|réduction|remise|descuento|sconto)\b"
    r"|\d+\s*%"
)

_PHRASES = Phrases(
    (
        # en
        r"\bcoupons?\b|\bvouchers?\s+codes?\b|\bpromo(?:tion(?:al)?)?\s*codes?\b|\bdiscount\s*codes?\b"
        r"|\buse\s+(?:the\s+)?code\s+\w+|\bnewsletter\b|\bspecial\s+offers?\b|\blimited[\s-]time\s+offer",
        r"\b(?:check\s+out|take\s+a\s+look\s+at|have\s+a\s+look\s+at|browse|visit|see|explore|discover)\s+"
        r"(?:all\s+)?(?:of\s+)?our\s+(?:other|new|latest|full|wider?)\s+(?:\w+\s+){0,2}(?:products|items|range|"
        r"collection|selection|offers|store|shop)",
        r"\byou\s+(?:might|may|will)\s+also\s+(?:like|love|enjoy)\b",
        r"\byou\s+(?:might|may|would)\s+(?:like|love|enjoy)\s+(?:it|them|these|this\s+one)\s+too\b",
        r"\b(?:follow|like|find|join|subscribe\s+to)\s+us\s+on\s+\w+",
        r"\b(?:instagram|facebook|tiktok|pinterest|snapchat)\b",
        r"\bour\s+(?:youtube|twitter)\b",
        # de
        r"\bgutschein(?:code)?s?\b|\brabattcodes?\b|\baktionscodes?\b|\bnewsletter\b",
        r"\bunsere[nm]?\s+(?:anderen|weiteren|neuen)\s+\w*(?:produkte|artikel|angebote|kollektion|sortiment)",
        r"\bmit\s+dem\s+code\s+\w+",
        r"\bfolgen\s+sie\s+uns\b",
        # fr
        r"\bcodes?\s+(?:promo(?:tionnel)?|de\s+réduction|réduction)\b|\bbons?\s+de\s+réduction\b",
        r"\bnos\s+(?:autres|nouveaux)\s+(?:produits|articles)",
        r"\b(?:avec|utilisez|entrez|saisissez)\s+le\s+code\s+(?!de\s+suivi|suivi)\w+",
        r"\bsuivez[\s-]+nous\b",
        # es
        r"\bcupón(?:es)?\b|\bcódigos?\s+(?:promocional(?:es)?|de\s+descuento)",
        r"\bnuestros\s+(?:otros|demás|nuevos)\s+(?:productos|artículos)",
        r"\b(?:con|use|utilice|introduzca)\s+el\s+código\s+(?!de\s+seguimiento|seguimiento)\w+",
        r"\bs[íi]ganos\s+en\b",
        # it
        r"\bcodic[ei]\s+(?:sconto|promozional[ei])\b|\bbuoni?\s+sconto\b",
        r"\b(?:i\s+)?nostri\s+(?:altri|nuovi)\s+(?:prodotti|articoli)",
        r"\b(?:con|usi|utilizzi|inserisca)\s+il\s+codice\s+(?!di\s+(?:tracciamento|spedizione)|tracking)\w+",
        r"\bseguiteci\b|\bci\s+segua\b",
        # ja
        r"クーポン|割引コード|プロモーションコード|プロモコード",
        r"次回(?:の)?(?:ご注文|ご購入|購入|注文|お買い物)[^。]{0,20}(?:割引|％|%|off|オフ)",
        r"(?:当店|弊社)の?(?:他の|その他の|新しい)(?:商品|製品)|(?:当店|弊社)の?新(?:商品|作|製品)",
        r"フォローして",
        # zh
        r"优惠券|优惠码|折扣码|促销码",
        r"下次(?:购买|订单|下单|购物)[^。]{0,20}(?:折|优惠|减)",
        r"我们的?其他(?:产品|商品)|店里的其他|推荐(?:一下)?(?:我们|本店|店里)的?(?:新款|其他|新品)",
        r"关注我们",
    )
)


def check_marketing(inp: GuardInput) -> list[GuardViolation]:
    found = phrase_violations(inp, "marketing", MESSAGE, _PHRASES)
    for match in _NEXT_ORDER.finditer(inp.lower):
        start, end = sentence_around(inp.lower, *match.span())
        discount = _DISCOUNT.search(inp.lower, start, end)
        if discount is not None:
            span = inp.text.span(min(discount.start(), match.start()), max(discount.end(), match.end()))
            found.append(GuardViolation(rule="marketing", span=span, message=MESSAGE))
    return found
