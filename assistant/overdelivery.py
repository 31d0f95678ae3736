"""Whether the buyer reports receiving more than they paid for: the order delivered twice, two instead of one, an
extra item in the box. Pure.

Such a buyer is thanked and a person decides what happens to the extra (rules.yaml, extra_item_to_human); without
this, "I got two lamps but paid for one" read as a missing item and was offered a resend. The words are ours, per
language; a buyer charged twice or who ordered two is not over-delivered.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["received_extra"]

_DELIVERED_EN = r"(?:received|got|delivered|arrived|came|sent|shipped|turned up|showed up)"

EXTRA = re.compile("|".join((
    rf"\b{_DELIVERED_EN}\b[^.!?\n]{{0,40}}\b(?:twice|two times|double)\b", r"\bduplicate (?:order|delivery|parcel|"
    r"package|shipment|item)s?\b(?! (?:charge|payment))", r"\bmore than (?:i|we) (?:ordered|paid for|bought)\b",
    r"\b(?:two|2|three|3) instead of (?:one|1|two|2)\b", r"\b(?:i|we) only (?:ordered|paid for|bought) (?:one|1)\b",
    r"\ban? extra (?:one|item|\w+) (?:that )?(?:i|we) (?:didn'?t|did not|never) (?:order|pay for|buy)\b",
    # "...but I was only charged once": said only when more came than was paid for
    r"\b(?:only )?(?:charged|billed) (?:me )?(?:only )?once\b",
    r"\bordered (?:one|1|a single)\b[^.!?\n]{0,50}\b(?:two|2)\b",
    r"\bnur einmal (?:bezahlt|abgebucht|berechnet)", r"\bbezahlt\b[^.!?\n]{0,30}\bnur einmal\b",
    r"\bzwei identische (?:pakete|sendungen|lieferungen)",
    r"\b(?:débité|débitée|payé|payée|facturé|facturée) qu'une (?:seule )?fois",
    r"\b(?:deux|2)\b[^.!?\n]{0,25}\bau lieu d'(?:une?|1)\b",
    r"\b(?:cobraron|cobrado|cobró|pagué|pagado) (?:solo |sólo )?una vez\b", r"\bdos paquetes iguales\b",
    r"\baddebitat[oa] solo (?:una|uno|una volta)\b", r"\bpagat[oa] (?:solo )?una volta\b",
    r"\bordinato (?:1|una?)\b[^.!?\n]{0,40}\b(?:2|due)\b",
    r"請求は(?:1|一)回", r"(?:1|一)回分(?:だけ|のみ)",
    r"只扣了一(?:个|次|件)", r"只收了一(?:个|次|件)的钱", r"只付了一(?:个|次|件)",
    r"\b(?:doppelt|zweimal)\b[^.!?\n]{0,30}\b(?:geliefert|bekommen|erhalten|verschickt|angekommen|zugestellt)",
    r"\bmehr (?:geliefert |bekommen )?als (?:ich )?bestellt", r"\bzwei statt (?:einem|einer|eins)\b",
    r"\bnur (?:einen|eine|eins|ein)(?: \w+)? bestellt\b",
    r"\b(?:reçu|livré|livrée|envoyé|arrivé|arrivée)\b[^.!?\n]{0,30}\b(?:deux fois|en double)\b",
    r"\ben double exemplaire\b",
    r"\bdeux au lieu d'une?\b", r"\bplus que ce que j'ai commandé", r"\bn'en ai commandé qu'une?\b",
    r"\b(?:recibido|recibí|llegado|llegó|enviado|enviaron|mandaron)\b[^.!?\n]{0,30}\b(?:dos veces|por duplicado)",
    r"\bdos en (?:vez|lugar) de (?:uno|una)\b", r"\bmás de lo que (?:pedí|he pedido|pagué|compré)",
    r"\bsolo (?:pedí|he pedido|pagué|compré) (?:uno|una)\b",
    r"\b(?:ricevuto|arrivat[oaie]|consegnat[oaie]|spedit[oaie])\b[^.!?\n]{0,30}\b(?:due volte|in doppio)",
    r"\bin doppia copia\b",
    r"\bdue invece di (?:uno|una)\b", r"\bpiù di quanto (?:ho )?(?:ordinato|pagato|comprato)",
    r"\bho (?:ordinato|pagato|comprato) solo (?:uno|una)\b",
    r"二重(?:に|で)?(?:届|配送|発送|配達)", r"(?:2|二)回(?:届|配達|発送)", r"(?:2|二)つ届",
    r"注文したのは(?:1|一)つ", r"余分に(?:届|入って|送られ)", r"注文より多く",
    # a parcel that came after it was refunded as lost
    r"\brefund\w*\b[^.!?\n]{0,80}\b(?:parcel|package|order|item)\b[^.!?\n]{0,30}"
    r"\b(?:arrived|turned up|showed up|came|was delivered)\b",
    r"\berstattet\b[^.!?\n]{0,80}\b(?:paket|sendung|bestellung)\b[^.!?\n]{0,60}"
    r"\b(?:angekommen|vor der tür|geliefert)",
    r"\bremboursé\w*\b[^.!?\n]{0,80}\b(?:colis|commande)\b[^.!?\n]{0,40}"
    r"\b(?:arrivée?|livrée?)\b",
    r"\breembols\w*\b[^.!?\n]{0,80}\b(?:paquete|pedido)\b[^.!?\n]{0,30}\b(?:llegó|ha llegado|apareció)",
    r"\brimbors\w*\b[^.!?\n]{0,80}\b(?:pacco|ordine)\b[^.!?\n]{0,30}\b(?:arrivato|consegnato)",
    r"返金[^。]{0,40}(?:荷物|商品)[^。]{0,20}(?:届きました|届いた|配達され)",
    r"退款[^。]{0,20}(?:包裹|快递|货)[^。]{0,10}(?:又|还是|却)?(?:送到|到了|收到)",
    r"重复发货", r"多发了", r"多寄了", r"发了两次", r"收到(?:了)?两次", r"只(?:买|订|拍|下单)了一(?:个|件|份|单)",
)))


# Someone else's item in the parcel is extra only beside the buyer's own ("...along with my pillowcases"); in place
# of it ("someone else's order instead of my frying pan") it is a wrong item.
SOMEONE_ELSES = re.compile("|".join((
    r"\b(?:meant|intended|addressed) for (?:someone|somebody) else\b",
    r"\bsomeone else'?s (?:order|item|parcel|package)\b",
    r"\bfür jemand(?:en)? anderen\b", r"\bgehört (?:mir )?nicht\b", r"\bqui n'est pas à moi\b",
    r"\bau nom d'une autre personne\b", r"\b(?:a nombre|para) de otra persona\b",
    r"\bun altro (?:nome|cliente|destinatario)\b",
    r"他の(?:人|方|お客様)(?:の|宛)", r"别人的(?:东西|商品|包裹|快递)", r"不是我的(?:东西|商品)",
)))
INSTEAD = re.compile(
    r"\binstead of\b|\bstatt\b|\bau lieu d|\ben (?:vez|lugar) de\b|\binvece d|\bal posto d|代わりに|而不是|却是"
)


def received_extra(text: str) -> bool:
    """True when the buyer says they received more than they ordered or paid for."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    return bool(EXTRA.search(lowered)) or bool(SOMEONE_ELSES.search(lowered) and not INSTEAD.search(lowered))
