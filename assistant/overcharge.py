"""Whether the buyer says they were charged more than they should have been: more than the price shown, twice for
one order, shipping that was meant to be free, a fee nobody mentioned, a coupon that was not taken off, a total
that does not add up. Pure.

A charge is a payment question a person checks (item price, shipping, the taxes the marketplace collects,
promotions, a pending authorisation), not a fault of the item: without this, "the listing said $39.99 but I was
charged $47.20" read as not as described and was offered a refund, and "me cobraron de más" as a wrong item with a
resend. Customs duties and a price that dropped after the purchase have signals of their own (customs.py,
price_drop.py). The words are ours, per language; most need a charge already made ("charged", "abgebucht", 扣了),
so a question before buying ("is there an extra charge for gift wrap?") is not one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["charged_more"]

_AMOUNT = r"(?<![\d.,])\d[\d.,]*(?![\d.,]|\s?%)"  # an amount, not a share ("100% cotton")
# A charge already made, per language.
_CHARGED = (
    r"\b(?:charged|billed|debited|took|taken|paid|stuck me with|came to|comes to)\b",
    r"\b(?:abgebucht|berechnet|belastet|bezahlt|gezahlt|eingezogen|abgezogen|in rechnung gestellt)\b",
    r"\b(?:prélevée?s?|prelevee?s?|facturée?s?|factures?|débitée?s?|debitee?s?|payée?s?|payé|paye|réglée?|compté)\b",
    r"\b(?:cobrad[oa]s?|cobraron|cobrasteis|cobrado|cargad[oa]s?|cargaron|pagad[oa]|pagué|pague|abonad[oa]|aboné"
    r"|pasado por la tarjeta|metieron)\b",
    r"\b(?:addebitat[oaie]|pagat[oaie]|scalat[oaie]|pres[oaie]|sborsat[oaie]|prelevat[oaie]|fatto pagare)\b",
    r"請求|引き落と|課金|取られ|払っ|支払|持ってかれ|決済金額|明細",
    r"扣了|扣款|扣我|扣的钱|收了|付了|实付|支付了|多付|账单",
    # the statement, receipt or invoice shows it
    r"\b(?:statement|receipt|invoice|bank|card) (?:shows|says|has)\b|\bon my (?:statement|receipt|invoice|card|bill)\b",
    r"\b(?:abgezogen|kontoauszug|kreditkartenabrechnung|abrechnung|auf der rechnung)\b",
    r"\b(?:relevé|releve|ma banque|sur ma facture|sur la facture)\b", r"\b(?:extracto|en el banco|en la factura)\b",
    r"\b(?:estratto conto|sulla carta|in fattura|sulla fattura)\b",
)
CHARGED = re.compile("|".join(_CHARGED))
# What the buyer expected: a price shown on the listing or page, per language.
SHOWN = re.compile("|".join((
    r"\b(?:listing|page|ad|advert|advertised|listed|price was|was supposed to be)\b",
    r"\b(?:price|amount|total) (?:shown|displayed)\b", r"\b(?:it|which|that) (?:said|says|showed|shows)\b",
    r"\b(?:angebot|artikelseite|produktseite|anzeige|angezeigt|stand|kostete|laut)\b",
    r"\b(?:annonce|affichée?s?|indiquée?|indiquait|page produit|fiche|prix était)\b",
    r"\b(?:anuncio|ponía|ponia|decía|decia|costaba|precio era|marcaba)\b",
    r"\b(?:inserzione|annuncio|indicat[oa]|prezzo era|costava|c'era scritto|pagina)\b",
    r"\b(?:sale|reduced|discounted|deal|offer) price\b", r"\b(?:reduziert|angebotspreis)\b",
    r"\b(?:soldé|solde|prix promo)\b", r"\b(?:rebajad[oa]|oferta)\b", r"\b(?:in offerta|scontat[oa])\b",
    r"表示|商品ページ|書いて|掲載|セール", r"页面|写的|标价|显示|活动价|促销价",
)))
OVERCHARGE = re.compile("|".join((
    # more than it should be, in so many words
    r"\bover ?charg(?:e|ed|ing)\b", r"\bcharged (?:me )?(?:twice|double|two times|more than|extra|too much)\b",
    r"\bdouble[- ]charg(?:e|ed)\b", r"\bbilled (?:me )?(?:twice|double|more than|too much)\b",
    r"\bmore than (?:the )?(?:price|amount) (?:shown|listed|advertised|displayed|on the (?:listing|page))\b",
    r"\b(?:doppelt|zweimal|2x|zu viel|mehr) (?:\w+ ){0,2}(?:abgebucht|berechnet|belastet|bezahlt|eingezogen"
    r"|abgezogen|in rechnung gestellt)\b", r"\bmehr (?:abgebucht|berechnet) als\b",
    r"\bfactur[ée]e? (?:plus cher|deux fois|en double)\b", r"\bd[ée]bit[ée]e? (?:deux fois|en double|de plus)\b",
    r"\bpr[ée]lev[ée]e? (?:deux fois|en double)\b", r"\bplus cher que le prix\b", r"\bpay[ée] plus (?:cher )?que\b",
    r"\b(?:cobrado|cobraron|cobrasteis|cobran) (?:de más|de mas|dos veces|doble|el doble|más de lo|mas de lo)\b",
    r"\bm[áa]s (?:caro )?que el precio\b",
    r"\baddebitat[oaie] (?:due volte|più del|piu del|in più|in piu|il doppio)\b",
    r"\b(?:pagato|pagare|addebitato) (?:più|piu) (?:del|di quanto)\b",
    r"(?:表示|掲載)(?:価格|金額)より(?:高い|多い|高く)", r"余分に(?:請求|引き落と|支払)", r"(?:高く|多く)(?:請求|課金)",
    r"比(?:页面|网页|标价|显示)(?:上)?(?:的)?(?:价格|金额)?多", r"多扣(?:了)?(?:钱|款)?", r"多收(?:了)?(?:钱|费)?",
    r"乱收费",
    # the same order paid twice
    r"\b(?:two|2) (?:identical )?(?:payments|charges|debits|transactions)\b", r"\bcharged twice\b",
    r"\bzwei (?:identische )?(?:abbuchungen|zahlungen|belastungen)\b", r"\b2x\b[^.!?\n]{0,20}\beingezogen\b",
    r"\bdeux (?:prélèvements|prelevements|débits|debits|paiements)\b", r"\bdos (?:cargos|cobros|pagos)\b",
    r"\bcargos? (?:idénticos|identicos|duplicados?|doble)\b", r"\bcobro (?:doble|duplicado)\b",
    r"\bdue (?:addebiti|movimenti|pagamenti|prelievi)\b", r"\bdoppio (?:addebito|pagamento)\b",
    r"\b(?:scalato|addebitato|pagato) due volte\b",
    r"(?:2|二)回(?:引き落と|請求|決済|課金)", r"二重(?:請求|引き落とし|決済|課金)", r"重复(?:支付|扣款|扣费|付款)",
    r"扣了两次", r"收了两次", r"两笔(?:扣款|付款)",
    # shipping that was meant to be free
    r"\bfree (?:shipping|delivery|postage)\b[^\n]{0,80}\b(?:charged|billed|stuck me with|paid|took|receipt"
    r"|invoice|statement)\b",
    r"\b(?:charged|billed)\b[^.!?\n]{0,40}\b(?:shipping|delivery|postage)\b[^\n]{0,60}\bfree\b",
    r"(?:versandkostenfrei|kostenlose[rn]? versand)[^\n]{0,80}\b(?:berechnet|abgebucht|bezahlt|gezahlt|rechnung)\b",
    r"\blivraison (?:gratuite|offerte)\b[^\n]{0,80}\b(?:frais de port|factur|prélev|compté|payé)",
    r"\benv[íi]o gratis\b[^\n]{0,80}\b(?:gastos de env[íi]o|cobra|metieron|pagu)",
    r"\bspedizione (?:gratuita|gratis)\b[^\n]{0,80}\b(?:spese di spedizione|addebitat|pagat)",
    r"送料無料[^\n]{0,40}(?:送料|請求|取られ)", r"包邮[^\n]{0,30}(?:运费|邮费)",
    # a fee nobody mentioned
    r"\b(?:fee|surcharge|charge)\b[^\n]{0,60}\b(?:wasn't|was not|not|never|nobody|no one) (?:mentioned|shown|listed"
    r"|displayed|said)\b",
    r"\b(?:gebühr|pauschale|zuschlag)\w*[^\n]{0,60}\b(?:nirgends|nicht (?:erwähnt|angezeigt|angegeben)|keine rede"
    r"|vorher nichts)\b",
    r"\bversteckte (?:kosten|gebühren)\b",
    r"\b(?:frais|supplément|supplement)\b[^\n]{0,60}\b(?:nulle part|n'apparaissai|pas (?:été )?(?:mentionn|indiqu"
    r"|affich|signal)|que vous n'aviez pas)",
    r"\bfrais (?:cach[ée]s|suppl[ée]mentaires)\b",
    r"\b(?:comisi[óo]n|recargo|cargo|tasa)\b[^\n]{0,60}\b(?:ning[úu]n (?:lado|sitio)|no (?:sal[íi]a|aparec[íi]a|se "
    r"mencion|dec[íi]a))",
    r"\b(?:commissione|supplemento|sovrapprezzo)\b[^\n]{0,60}\b(?:non (?:era|è stat[oa]) (?:indicat|menzionat"
    r"|segnalat)|da nessuna parte)",
    r"\bcosti (?:nascosti|aggiuntivi)\b",
    r"(?:説明の|記載の)な(?:かっ)?た[^\n]{0,10}(?:手数料|料金|費用)",
    r"(?:手数料|料金)[^\n]{0,40}(?:表示されていな|書いてな"
    r"|説明がな|聞いていな|記載がな)",
    r"(?:服务费|手续费|附加费)[^\n]{0,40}(?:没有显示|没显示|没说|没提|没有提)",
    # a coupon or sale price not taken off
    r"\b(?:coupon|promo code|discount code|voucher|discount)\b[^\n]{0,60}\b(?:wasn't|was not|not|never|didn't)"
    r" (?:applied|apply|taken off|deducted)\b",
    r"\b(?:gutschein\w*|rabattcode|aktionscode)\b[^\n]{0,60}\bnicht (?:abgezogen|angewendet|berücksichtigt|eingelöst)",
    r"\b(?:code promo|coupon|bon de réduction|réduction)\b[^\n]{0,60}\bpas (?:été )?(?:pris en compte|appliqu|déduit)",
    r"\b(?:cup[óo]n|c[óo]digo (?:de )?descuento|descuento)\b[^\n]{0,60}\bno (?:se (?:me )?)?(?:aplic|descont)",
    r"\bno se (?:me )?aplic[óo] (?:el )?(?:cup[óo]n|descuento|c[óo]digo)",
    r"\b(?:codice sconto|coupon|sconto)\b[^\n]{0,60}\bnon (?:è stato |e stato )?(?:applicat|scalat|detratt)",
    r"クーポン[^\n]{0,30}(?:割引されて(?:い)?な|適用されて(?:い)?な|反映されて(?:い)?な)",
    r"(?:优惠券|优惠码|折扣)[^\n]{0,30}(?:没有抵扣|没抵扣|没有用上|没用上|没减)",
    r"\b(?:paid|paying|charged|billed)\b[^.!?\n]{0,30}\b(?:the )?(?:full|regular|normal|original) price\b(?! for)",
    r"\b(?:full|regular|normal|original) price\b[^.!?\n]{0,30}\b(?:paid|charged|billed)\b",
    r"\btotal at checkout was the (?:regular|full|normal) price\b",
    r"\bvollen preis\b[^.!?\n]{0,20}\b(?:bezahlt|gezahlt|berechnet)\b", r"\b(?:plein tarif|prix fort)\b",
    r"\bprecio (?:completo|normal|íntegro|integro)\b", r"\bprezzo pieno\b", r"通常価格のまま",
    r"定価で(?:払|支払|請求)",
    r"按原价", r"原价(?:扣|收|付)",
    # more units billed than ordered
    r"\b(?:billed|charged) for (?:two|three|four|\d+)\b", r"\bberechnet wurden (?:aber )?\d+\b",
    r"\bon m'en a factur[ée] (?:\d+|deux|trois)\b",
    r"\bme cobraron (?:\d+|dos|tres)(?! ?(?:€|eur|euros|\$|d[óo]lares))\b",
    r"\bme ne avete fatt[ei] pagare\b", r"\d+個分(?:の)?請求", r"扣了(?:\d+|两|三|几)件的钱",
    # a conversion or exchange rate that cost more
    r"\b(?:exchange rate|conversion|converted)\b[^\n]{0,80}\b(?:more|higher|charged|statement|tacked)\b",
    r"\b(?:wechselkurs|umgerechnet|umrechnung)\b[^\n]{0,80}\b(?:höher|mehr|abgebucht|abrechnung)\b",
    r"\b(?:taux de change|conversion)\b[^\n]{0,80}\b(?:plus|prélev|factur|débit)",
    r"\b(?:tipo de cambio|conversi[óo]n)\b", r"\b(?:cambio applicato|tasso di cambio)\b",
    r"為替(?:レート)?[^\n]{0,40}(?:高い|おかしい|多い)", r"(?:请求|請求)額[^\n]{0,20}(?:想定|予想)より", r"汇率",
    # the total at checkout higher than the price shown
    r"\btotal\b[^.!?\n]{0,40}\b(?:higher|more) than\b", r"\b(?:le )?total\b[^.!?\n]{0,40}\bne correspondait pas\b",
    r"\bel total\b[^.!?\n]{0,40}\bm[áa]s alto\b", r"\bil totale\b[^.!?\n]{0,40}\bpiù alto\b",
    r"結帐|结账的时候变成", r"(?:合計|決済)金額が[^\n]{0,20}(?:高|違)",
    # a total that does not add up
    r"\b(?:doesn'?t|does not|don'?t|do not) add up\b", r"\bhow is (?:my|the) total\b",
    r"\b(?:rechnung|betrag|summe)\b[^\n]{0,80}\bpasst (?:doch |da )?(?:nicht|was nicht)\b",
    r"\bcomprends? pas (?:le total|la facture|le montant)\b", r"\bno me cuadra\b", r"\bi conti non tornano\b",
    r"計算(?:が)?合わな", r"算不(?:明白|对)", r"(?:金额|总价|价格)对不上",
)))


# A fee the buyer did not expect counts once it was charged ("are there any hidden fees?" asks before buying).
SURPRISE_FEE = re.compile(r"\b(?:hidden|unexpected|surprise) (?:fee|fees|charge|charges|costs)\b"
                          r"|\b(?:an|this|the) (?:extra|additional) (?:fee|charge) (?:i|that|which|of|on my|was)\b")


def charged_more(text: str) -> bool:
    """True when the buyer says the amount charged is more than it should be (or was charged twice)."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    if OVERCHARGE.search(folded) or (SURPRISE_FEE.search(folded) and CHARGED.search(folded)):
        return True
    # "the listing said 29.99 and 34.99 was taken": a price shown, a charge made, and two amounts
    return bool(SHOWN.search(folded) and CHARGED.search(folded) and len(re.findall(_AMOUNT, folded)) >= 2)
