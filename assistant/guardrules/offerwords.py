"""The words of offers, in en, de, fr, es, it, ja and zh: remedy phrases, percentage and currency signs, and the
phrases that turn a remedy word into something other than an offer (negations, past events, the buyer's request).

Data for `offers`; every `Phrases` set here is matched on the lower-cased folded draft.
"""

from __future__ import annotations

import re

from assistant.guardrules.phrases import Phrases

__all__ = [
    "AMOUNT_AFTER",
    "AMOUNT_BEFORE",
    "CANCEL",
    "COMPENSATION",
    "CURRENCY",
    "FULL",
    "IMMEDIATE",
    "MARKETPLACE",
    "NEGATION_AFTER",
    "NEGATION_BEFORE",
    "NOT_AN_OFFER",
    "NOT_NEGATIONS",
    "NO_RETURN",
    "NO_RIGHT_BEFORE",
    "NUMBER_BEFORE",
    "PARTIAL",
    "PERCENT_SIGN",
    "POLICY_WORD",
    "QUOTED",
    "REFUND",
    "REQUEST_AFTER",
    "RESEND",
]


def _phrases(*parts: str) -> Phrases:
    return Phrases(parts)


_FULL_SRC = (
    r"\b(?:full|complete|total|entire)\s+refund\b|\brefund\s+(?:you\s+)?in\s+full\b|\brefund\s+(?:you\s+)?(?:the\s+)?"
    r"(?:full|entire|whole|total)\s+(?:amount|price|purchase\s+price|cost|order)|\bfull\s+amount\s+back\b",
    r"\b(?:volle|vollständige|komplette|gesamte)n?\s+(?:rück)?erstattung|\brückerstattung\s+des\s+(?:vollen|gesamten|"
    r"kompletten)\s+(?:betrags|kaufpreises|preises)|\b(?:vollen|gesamten|kompletten)\s+(?:kauf)?(?:preis|betrag)\s+"
    r"(?:zurück)?erstatt\w*|\b(?:vollständig|komplett|voll)\s+(?:zurück)?erstatt\w*",
    r"\bremboursement\s+(?:intégral|complet|total)\b|\brembours\w*\s+(?:intégralement|en\s+totalité|la\s+totalité)"
    r"|\bintégralement\s+rembours\w*",
    r"\breembolso\s+(?:completo|total|íntegro|integro)\b|\breembols\w+\s+(?:por\s+completo|íntegramente|el\s+importe\s+"
    r"(?:completo|total))",
    r"\brimborso\s+(?:completo|totale|integrale|pieno)\b|\brimbors\w+\s+(?:l'intero\s+importo|integralmente|"
    r"completamente|per\s+intero)",
    r"全額(?:を|の)?(?:ご)?返金|全額返還|代金を全額|全额退款|全部退款|全额退还|全款退",
)
_PARTIAL_SRC = (
    r"\bpartial\s+(?:refund|reimbursement|credit)\b|\brefund\s+(?:part|a\s+portion|some)\s+of\b",
    r"\bteil(?:weise)?\s*(?:rück)?erstatt\w*|\bteilweise\s+(?:zurück)?erstatt\w*|\bpreisnachlass\b",
    r"\bremboursement\s+partiel\b|\brembours\w+\s+partiellement|\bpartiellement\s+rembours\w*",
    r"\breembolso\s+parcial\b|\breembols\w+\s+parcialmente|\brimborso\s+parziale\b|\brimbors\w+\s+parzialmente",
    r"一部(?:を|の)?(?:ご)?返金|部分返金|部分退款|退(?:一)?部分|部分退还",
)
_REFUND_SRC = (
    r"\brefund(?:s|ed|ing)?\b|\breimburse\w*|\bmoney\s+back\b",
    r"\b(?:zurück|rück)?erstatt\w*|\bgeld\s+zurück\b",
    r"\brembours\w*|\breembols\w*|\bdevolver(?:le)?\s+(?:el|su)\s+dinero|\bdevolución\s+del\s+(?:dinero|importe)",
    r"\brimbors\w*",
    r"返金|返還|退款|退钱|退还",
)
_IMMEDIATE_SRC = (
    r"\b(?:immediate|instant)\s+refund\b|\brefund\w*\s+(?:you\s+)?(?:(?:the\s+)?full\s+amount\s+)?(?:now|right\s+(?:away|"
    r"now)|immediately|straight\s+away|today|at\s+once)\b|\brefund\w*\s+(?:you\s+)?before\s+(?:you\s+|we\s+)?(?:send|"
    r"return|ship|receive|get)\w*",
    r"\bsofort\w*\s+(?:zurück)?erstatt\w*|\b(?:rück)?erstattung\s+sofort|\bsofortige\s+(?:rück)?erstattung",
    r"\bremboursement\s+immédiat|\brembours\w*\s+immédiatement|\bimmédiatement\s+rembours\w*",
    r"\breembolso\s+inmediato|\breembols\w+\s+(?:de\s+)?inmediato|\binmediatamente\s+reembols\w*",
    r"\brimborso\s+immediato|\brimbors\w+\s+(?:subito|immediatamente)|\bsubito\s+rimbors\w*",
    r"(?:すぐに|直ちに|即時|即日|今すぐ)(?:ご)?返金|立即退款|马上退款|先退款|直接退款|立刻退款",
)
# Refund without the item coming back: only an offer when the sentence also refunds ("keep the item and we'll
# refund 20%" is a partial refund; "keep the damaged item, we'll send a replacement" is no refund at all).
_NO_RETURN_SRC = (
    r"\bbefore\s+(?:you\s+)?(?:send|return|ship|post)\w*\s+(?:it\s+|them\s+|the\s+\w+\s+)?back\b|\bbefore\s+(?:we\s+)?"
    r"(?:receive|get)\s+(?:it|them|the\s+\w+)|\bbefore\s+the\s+return\s+(?:arrives|reaches\s+us|is\s+received)"
    r"|\bwithout\s+(?:(?:the\s+)?need\s+(?:to|for)\s+)?(?:a\s+)?return(?:ing)?\b|\bno\s+need\s+to\s+(?:return|send)"
    r"|\b(?:don't|do\s+not)\s+need\s+to\s+(?:return|send)|\bkeep\s+(?:the|your)\s+(?:item|product|order|original)\b",
    r"\bohne\s+(?:rücksendung|rückversand|zurückzusenden)|\bbehalten\s+sie\b|\b(?:artikel|produkt|gerät)\s+behalten"
    r"|\bnicht\s+zurück(?:zu)?senden|\bvor\s+(?:der\s+)?rücksendung",
    r"\bsans\s+(?:retour|renvoi|avoir\s+à\s+(?:renvoyer|retourner))|\b(?:gardez|conservez)\s+(?:l'article|le\s+produit)"
    r"|\bavant\s+(?:le\s+)?retour\b",
    r"\bsin\s+(?:necesidad\s+de\s+)?devol\w+|\bquédese\s+con\s+el\s+(?:artículo|producto)|\bantes\s+de\s+(?:la\s+)?"
    r"devolución",
    r"\bsenza\s+(?:bisogno\s+di\s+)?(?:res[oa]|restituire|rispedire)|\btenga\s+(?:pure\s+)?(?:l'articolo|il\s+prodotto)"
    r"|\bprima\s+del\s+reso",
    r"返品(?:不要|は不要|の必要はありません|いただく必要はありません|せずに)|返品前に|お手元に(?:残して|保管)",
    r"无需退(?:货|回)|不用退(?:货|回)|不需要退(?:货|回)",
)
_RESEND_SRC = (
    r"\breplacements?\b|\bre-?send\w*|\bre-?ship\w*|\bsend\s+(?:you\s+)?(?:out\s+)?(?:a\s+)?(?:new|another|second|fresh)"
    r"\b|\bsend\s+(?:you\s+)?(?:the\s+)?missing\s+(?:parts?|items?|pieces?|components?)|\bship\s+(?:you\s+)?(?:a\s+)?"
    r"(?:new|another)\b|\bsend\s+(?:it|them|one)\s+again\b|\breplace\s+(?:it|them|the\s+\w+|your\s+\w+)\b"
    r"|\bexchange\s+(?:it|them|the\s+item)\b",
    r"\bersatz(?:lieferung|artikel|teile?|gerät|produkt)?\b|\bneue[nrs]?\s+(?:artikel|produkt|gerät|exemplar|teil)\b"
    r"|\berneut\s+(?:zu\s+)?(?:senden|schicken|versenden|zusenden)|\b(?:noch\s*(?:ein)?mal|nochmals)\s+(?:zu\s+)?"
    r"(?:senden|schicken|zuschicken|zusenden|versenden)|\bnachliefer\w*|\bumtausch\w*|\b(?:senden|schicken)\s+"
    r"(?:ihnen\s+)?(?:gerne\s+)?(?:einen|eine|ein)\s+neue[nrs]?\b",
    r"\bremplacement\b|\bvous\s+(?:le\s+|la\s+|les\s+|en\s+)?(?:renvoy\w+|renverr\w+|réexpédi\w+)"
    # "nous allons renvoyer le colis" (we resend), not "veuillez nous renvoyer l'article" (please return it)
    r"|\bnous\s+(?:allons|pouvons|pourrons|pourrions)\s+(?:le\s+|la\s+|les\s+)?(?:renvoy\w+|réexpédi\w+)"
    r"|\bnous\s+(?:renvoyons|renverrons|réexpédions|réexpédierons)\b|\bnouvel?l?e?\s+"
    r"(?:article|produit|exemplaire|pièce)\b|\béchange\s+standard\b",
    r"\breemplazo\b|\bsustitución\b|\breenvi\w+|\breenvío\b|\bvolver\s+a\s+enviar\w*|\benviar(?:le)?\s+(?:uno\s+nuevo|"
    r"otro|un\s+nuevo|una\s+nueva)|\bnuevo\s+(?:artículo|producto|envío)\b",
    r"\bsostituzione\b|\bsostitutivo\b|\breinvi\w+|\binviar(?:le|e)?\s+(?:un\s+nuovo|una\s+nuova|un\s+altro)"
    r"|\bnuovo\s+(?:articolo|prodotto)\b",
    r"再送|再発送|交換品|代替品|新しい(?:商品|もの|品)を(?:お送り|発送|送)|新品(?:を|と)(?:お送り|発送|交換)|交換(?:いたし|させて|対応)",
    r"补发|重发|重新发(?:货|送)|换货|更换(?:新的|一个)|寄(?:一个)?新的|发(?:一个)?新的|换新",
)
_CANCEL_SRC = (
    r"\bcancel(?:s|led|ed|ling|ing|lation|lations)?\b",
    r"\bstorn\w*(?<!wunsch)(?<!anfrage)(?<!antrag)\b",  # not the buyer's Stornierungswunsch / -anfrage
    r"\bannul\w*|\bcancel(?:ar|amos|aremos|ación|ado|ada)\b",
    r"\bannull\w*|\bcancell(?:are|iamo)\s+l'ordine|\bcancellazione\s+dell'ordine",
    r"キャンセル|取消",
)
FULL, PARTIAL, REFUND, IMMEDIATE, NO_RETURN, RESEND, CANCEL = (
    Phrases(src)
    for src in (_FULL_SRC, _PARTIAL_SRC, _REFUND_SRC, _IMMEDIATE_SRC, _NO_RETURN_SRC, _RESEND_SRC, _CANCEL_SRC)
)
# Percentages and amounts are found from their sign ("%", "€", "prozent", 割), which is rare, and the number is
# read backwards from there; scanning for numbers would try every digit of every order id.
PERCENT_SIGN = re.compile(
    r"%|(?:percent|per\s*cent|prozent|pour\s*cent|por\s*ciento|per\s*cento)\b|パーセント|割|百分之(\d{1,3})"
)
NUMBER_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*$")
CURRENCY = re.compile(r"[$€£¥₹円元块]|(?<![^\W\d_])(?:eur(?:os?)?|usd|gbp|dollars?|pounds?|yen)\b")
AMOUNT_AFTER = re.compile(r"\s?\d[\d.,]*\d|\s?\d")
AMOUNT_BEFORE = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?\s?$")
COMPENSATION = _phrases(
    *_REFUND_SRC,
    *_PARTIAL_SRC,
    r"\boff\b|\bdiscount|\bcompensat\w*|\bcredit\b|\brabatt|\bnachlass|\bgutschrift|\bentschädigung|\bréduction|\bremise"
    r"|\bdédommag\w*|\bdescuento|\bcompensación|\bsconto|\brisarciment\w*|\bindennizz\w*|割引|折扣|补偿|赔偿",
)

NEGATION_BEFORE = _phrases(
    r"\b(?:cannot|can't|can\s+not|could\s+not|couldn't|unable|not\s+able|won't|will\s+not|wouldn't|would\s+not|"
    r"(?:do|does|did)\s+not|(?:don't|doesn't|didn't)|not\s+(?:possible|eligible|in\s+a\s+position)|no\s+longer|"
    r"is\s+not|isn't|are\s+not|aren't|not\s+(?:a|an|any)|never)\b",
    # A bare "no" negates only the phrase right after it ("no refund", see NO_RIGHT_BEFORE), not the clause ("no
    # problem, we ..."), except in Spanish, where it negates the verb ("no podemos ofrecer un reembolso").
    r"\bno\s+(?:podemos|puedo|es|se|ofrecemos|será|vamos|hay|está|tenemos)\b",
    r"\bnicht\b|\bkein\w*|\bne\b|\bn'|\bpas\b|\baucun\w*|\bjamais\b|\bningun\w*|\bnunca\b|\bnon\b|\bnessun\w*"
    r"|\bimpossib\w*",
    r"无法|不能|不会|没法|没办法|不可以|不可能|不予|不提供|不支持|不接受|暂不",
)
NO_RIGHT_BEFORE = re.compile(r"\bno\s+(?:\w+\s+)?$")
NEGATION_AFTER = _phrases(
    r"\b(?:is|are|would\s+be|will\s+be)\s+not\s+(?:possible|available|an\s+option|offered)|\bisn't\s+(?:possible|"
    r"available|an\s+option)|\bnot\s+(?:possible|available)\b|\b(?:cannot|can't)\s+be\b",
    r"\bnicht\b|\bkein\w*|\bn'est\s+pas|\bne\s+(?:sera|peut|pouvons)|\bpas\s+possible|\bimpossib\w*",
    r"\bno\s+(?:es|está)\s+(?:posible|disponible)|\bno\s+podemos|\bnon\s+è\s+(?:possibile|disponibile)|\bnon\s+possiamo",
    r"ません|かね(?:ます)?|不可|難しい|できない|出来ない|しない|是不可能的|不行|无法",
)
# Encouragements that contain a negation word but negate nothing ("don't hesitate to ask for a replacement").
NOT_NEGATIONS = _phrases(
    r"\b(?:don't|do\s+not)\s+hesitate|\bzögern\s+sie\s+nicht|\bn'hésitez\s+pas|\bno\s+dude|\bnon\s+esiti|\bno\s+problem"
)
NOT_AN_OFFER = _phrases(
    # past events and the buyer's own request
    r"\b(?:has|have|had)\s+(?:already\s+)?been\b|\b(?:was|were)\s+(?:already\s+)?(?:issued|processed|sent|refunded|"
    r"cancel+ed|shipped|initiated|completed|credited|approved|made)\b|\balready\b|\bwurden?\b|\bbereits\b|\bdéjà\b"
    r"|\ba\s+été\b|\bont\s+été\b|\bya\s+(?:se\s+)?(?:ha|hemos|fue)\b|\bha\s+sido\b|\bgià\b|\bè\s+stat[oa]\b|済み|完了|已经",
    r"\b(?:understand|see|note|noted|know|read)\s+(?:that\s+)?you\s+(?:would\s+like|'d\s+like|want|wish|are\s+asking|"
    r"asked|requested|need)|\bthat\s+you\s+(?:would\s+like|'d\s+like|want|wish)\b|\bque\s+vous\s+(?:souhaitez|voulez|"
    r"aimeriez|désirez)\b|\bque\s+(?:usted\s+)?(?:desea|quiere|quisiera)\b|\bche\s+(?:lei\s+)?(?:desidera|vuole|vorrebbe)\b|\byou\s+(?:asked|requested|are\s+asking|have\s+asked|have\s+requested|mentioned)\b"
    r"|\byour\s+(?:request|question|message|enquiry|inquiry)\b|\b(?:status|progress)\s+of\b|\b(?:update|information|"
    r"news)\s+(?:on|about)\b|\b(?:regarding|concerning)\b|\bwhere\s+(?:your|the)\b|\bwhen\s+(?:your|the)\b",
    r"\bsie\s+(?:möchten|wünschen)\b|\bihre[nr]?\s+(?:anfrage|wunsch|frage)\b|\b(?:status|stand)\s+(?:ihrer|der)\b|\bbezüglich\b"
    r"|\b(?:comprenons|compris|notons)\s+que\s+vous\b|\bvous\s+(?:demandez|avez\s+demandé)\b|\bvotre\s+demande\b"
    r"|\bstatut\s+de\b|\bétat\s+de\b|\bvous\s+souhaitez\s+(?:connaître|savoir)\b|\bconcernant\b|\b(?:entendemos|comprendemos)\s+que\b|\b(?:solicitó|pidió|ha\s+solicitado)\b"
    r"|\bsu\s+(?:solicitud|petición)\b|\bestado\s+de\b|\b(?:capiamo|comprendiamo)\s+che\b|\bha\s+(?:chiesto|richiesto)\b"
    r"|\bla\s+sua\s+richiesta\b|\bstato\s+del\b|\bin\s+merito\b",
    r"您(?:想|希望|要求|申请|要)|您的(?:请求|申请|要求)|关于|状态|进度",
)
# The marketplace acts, not the seller ("returns and refunds are handled by Amazon"): checked in the sentence.
MARKETPLACE = re.compile(r"amazon|アマゾン|亚马逊")  # no \\b: Japanese runs it into its words ("はamazonから")
REQUEST_AFTER = re.compile(
    r"^\w*?(?:s?\s+)?(?:request|status|anfrage|antrag|demande|solicitud|richiesta)|^(?:の|を|に)?(?:ご希望|ご依頼|ご要望|"
    r"リクエスト|申請|状況|について|に関して|に関する)|^(?:订单|商品)?(?:的)?(?:申请|请求|状态|进度)|^\s*(?:möchten|wollen|wünschen)"
)
# A quoted or bracketed title next to a policy word names a policy ("our “Refunds” policy (Returns)"), it offers
# nothing.
QUOTED = re.compile(
    r"“[^”\n]{1,80}”|\"[^\"\n]{1,80}\"|«[^»\n]{1,80}»|„[^“”\n]{1,80}[“”]|「[^」\n]{1,80}」|『[^』\n]{1,80}』"
    r"|‘[^’\n]{1,80}’|\([^()\n]{1,80}\)"
)
POLICY_WORD = re.compile(
    r"polic(?:y|ies)|richtlinie|politique|política|politica|ポリシー|規約|政策|规定|条款|section|abschnitt|apartado|sezione"
)
