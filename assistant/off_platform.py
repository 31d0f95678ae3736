"""Whether the buyer asks to deal with us outside the marketplace: pay or be refunded directly (a bank transfer,
PayPal friends and family, cash at our door, WeChat Pay "to save the fees"), order from our own shop next time, talk
on WhatsApp, WeChat or by private e-mail, settle a return "between us", a cashback for a review, or an offer of fake
orders and paid reviews. Pure.

The marketplace's rules keep orders, payments, refunds and messages on the marketplace, and so do ours
(knowledge/policies/messaging-standards.md); the guard keeps such names out of our drafts. Without this signal
"can I pay you by PayPal friends and family and cancel the order?" was answered with an offer to cancel, and "send
me your WhatsApp for the video" with a generic reply. A report of a suspicious message ("a card in the box says add
us on WeChat for cashback, is that you?") and a question about the marketplace's own fees or payment options are not
requests. The words are ours, per language.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["asks_off_platform"]

_P = re.IGNORECASE

# Messaging apps and person-to-person payment apps: named in a buyer's message, nearly always to move off the
# marketplace ("Pásame tu WhatsApp", "contact Telegram @rankboost", "send it by Lydia").
APPS = re.compile("|".join((
    r"\bwhats ?app\b", r"\btelegram\b", r"\bwechat\b", r"\bweixin\b", r"\bviber\b", r"\bkakao ?talk\b",
    r"\binsta(?:gram)?\b[^.!?\n]{0,20}\b(?:dm|direct|message|écrire|scrivere|escribir)", r"\b(?:dm|direct message)\b",
    r"\bfacebook messenger\b", r"\blydia\b", r"\bbizum\b", r"\brevolut\b", r"\bvenmo\b", r"\bzelle\b", r"\bcash ?app\b",
    r"\bpostepay\b", r"\bpaypay\b", r"\bline ?pay\b", r"LINE(?:で|の|ID|アカウント|交換)", r"ライン(?:で|の)",
    r"微信", r"(?<![a-z])vx(?![a-z])", r"v信", r"\bwx\b", r"\bqq\b", r"支付宝转", r"\btg ?@",
)), _P)

# Asking for or offering private contact, payment or a deal outside, per language.
OUTSIDE = re.compile("|".join((
    # English
    r"\b(?:your|ur) (?:own |personal |private |direct )?(?:phone |mobile |cell )?number\b",
    r"\b(?:your|a) (?:personal|private|direct) (?:e-?mail|email address|contact)\b",
    r"\boff-(?:amazon|platform|marketplace)\b",
    r"\b(?:outside|around|bypass(?:ing)?|skip(?:ping)?|avoid(?:ing)?) (?:of )?(?:the )?(?:amazon|marketplace|"
    r"platform|ebay)(?: fees?| commission)?\b(?!'s (?:own )?(?:payment|checkout))",
    r"\b(?:pay|paying|buy|buying|order|ordering|invoice me|send (?:you|the) money)\b[^.!?\n]{0,30}\bdirect(?:ly)?\b"
    r"(?! (?:on|through|via|here|in) )",
    r"\b(?:bank transfer|wire transfer|bank details)\b", r"\bpaypal (?:friends|f&f|family|gift)\b",
    r"\bfriends (?:and|&) family\b", r"\b(?:my|to my|on my|via|by) paypal\b(?! (?:at|during) checkout)",
    r"\b(?:mon|sur mon|mi|a mi|il mio|sul mio|mein|auf mein|meinen) paypal\b",
    r"\b(?:save|avoid|skip|split) (?:the |you the |us the |both )?(?:amazon |marketplace |platform )?(?:fees?"
    r"|commission)\b", r"\bthe fee you save\b",
    r"\b(?:refund (?:me )?privately|privately refund|between us|off the books)\b",
    r"\bwithout (?:opening|going through|using) (?:a |the )?(?:return|case|claim|amazon|platform|marketplace)\b",
    r"\byour (?:own )?(?:website|web ?site|web ?shop|online shop|store|factory)\b[^.!?\n]{0,40}\b(?:order|buy|direct)",
    r"\b(?:order|buy)\b[^.!?\n]{0,30}\b(?:from|on) your (?:own )?(?:website|site|shop|store|factory)\b",
    r"\b(?:pay|paying) (?:you )?(?:in |with )?cash\b", r"\bcash (?:when|if|on pick ?up)\b",
    r"\b(?:paid|fake|boost(?:ing)?|ranking) (?:reviews?|orders?|purchases?)\b", r"\border boosting\b",
    r"\b(?:reviews?|5[- ]star|five[- ]star)\b[^.!?\n]{0,40}\bcash ?back\b",
    r"\bcash ?back\b[^.!?\n]{0,40}\b(?:review|stars?|paypal)\b",
    r"[\w.+-]+@[\w-]+\.[a-z]{2,}",  # an e-mail address given to be written to or paid on
    # German
    r"\b(?:ihre|deine|eure) (?:handy|telefon|mobil)?nummer\b", r"\bunter welcher nummer\b",
    r"\b(?:direkt|privat)\b[^.!?\n]{0,30}\b(?:bezahlen|zahlen|überweisen|kaufen|bestellen|erstatten)\b",
    r"\bper überweisung\b", r"\b(?:bezahlen|zahlen|zahle)\b[^.!?\n]{0,20}\bmit überweisung\b", r"\b(?-i:IBAN)\b",
    r"\bspar(?:t|en) (?:ihr euch|sie sich|wir uns) die\b[^.!?\n]{0,20}gebühren", r"\bpaypal (?:freunde|an freunde)\b",
    r"\bfreunde (?:und|&) familie\b",
    r"\b(?:amazon|marktplatz)[- ]?gebühren (?:sparen|umgehen)\b", r"\bsparen (?:sie|wir) (?:sich |uns )?die"
    r" (?:amazon|marktplatz)?[- ]?gebühren\b",
    r"\bohne (?:amazon|den marktplatz|die plattform)\b", r"\bunter uns\b", r"\bohne dass ich (?:hier )?einen fall\b",
    r"\bau(?:ß|ss)erhalb (?:von amazon|der plattform|des marktplatzes)\b", r"\beigene[nrs]? (?:webseite|website|shop"
    r"|onlineshop)\b", r"\b(?:bar|in bar) (?:zahle|zahlen|bezahle|bezahlen)\b", r"\bbar bezahl",
    r"\btestkäufe\b", r"\bbewertungen\b[^.!?\n]{0,40}\branking\b",
    # French
    r"\b(?:votre|ton) (?:numéro|numero)(?: de téléphone| de portable| perso)?\b",
    r"\b(?:votre|ton) (?:adresse )?(?:e-?mail|mail) perso\b", r"\badresse mail perso\b",
    r"\b(?:directement|en direct)\b[^.!?\n]{0,30}\b(?:payer|régler|acheter|commander|virement)\b",
    r"\b(?:payer|régler|acheter|commander)\b[^.!?\n]{0,30}\b(?:directement|en direct|hors (?:amazon|plateforme))\b",
    r"\bhors (?:amazon|plateforme|de la plateforme)\b", r"\b(?:payer|régler|paie|payerai|paierai)\b[^.!?\n]{0,25}"
    r"\bvirement\b", r"\bsans passer par (?:amazon|la plateforme|le site)\b", r"\bentre nous\b",
    r"\b(?:pas la peine|sans) (?:d'|de )?ouvrir (?:un |de )?retour\b", r"\bpaypal entre proches\b",
    r"\b(?:économiser|éviter) (?:les )?frais\b", r"\bvotre (?:propre )?site (?:à vous|perso)\b",
    r"\bpar (?:e-?mail|mail)\b[^.!?\n]{0,30}\bmoins cher\b", r"\ben espèces\b",
    # Spanish
    r"\b(?:su|tu|vuestro) (?:número|numero)(?: de (?:teléfono|telefono|móvil|movil))?\b",
    r"\b(?:directamente|por fuera|fuera de (?:amazon|la plataforma))\b[^.!?\n]{0,30}\b(?:pagar|pago|comprar|pedir)\b",
    r"\b(?:pagar|comprar|pedir)(?:os|te|le)?\b[^.!?\n]{0,30}\b(?:directamente|por fuera|fuera de (?:amazon|la "
    r"plataforma))\b", r"\b(?:pagar|pagaros|pagarte|pagarle|pago|pagaría|pagaria|haces|hagas|mándame|mandame)\b"
    r"[^.!?\n]{0,20}\b(?:por|con|mediante|una) transferencia\b", r"\bsin pasar por (?:amazon|la plataforma)\b",
    r"\bentre nosotros\b", r"\bno hace falta liarla\b", r"\bpaypal (?:amigos|a amigos)\b",
    r"\bahorrar(?:nos|os)? (?:la |las )?comisi", r"\ben efectivo\b",
    # Italian
    r"\b(?:il vostro|il tuo|suo|vostro) (?:numero|contatto)\b", r"\bmi d[àa] il numero\b", r"\bmail personale\b",
    r"\b(?:direttamente|fuori (?:da )?(?:amazon|piattaforma))\b[^.!?\n]{0,30}\b(?:pagare|pago|comprare|ordinare)\b",
    r"\b(?:pagare|pagarvi|comprare|ordinare|ordine)\b[^.!?\n]{0,30}\b(?:direttamente|fuori (?:da )?(?:amazon|"
    r"piattaforma))\b", r"\b(?:pago|pagare|pagarvi|pagherei|pagherò|paghero)\b[^.!?\n]{0,25}\bbonifico\b",
    r"\bsenza (?:passare da|aprire la pratica)\b", r"\btra (?:di )?noi\b", r"\bin contanti\b",
    r"\b(?:risparmiare|evitare|evitiamo|risparmiamo) (?:le )?commissioni\b", r"\bbonifico\b[^.!?\n]{0,10}\bdirett",
    # Japanese
    r"(?:amazon|アマゾン|マーケットプレイス)を通さず", r"(?:amazon|アマゾン)経由だと",
    r"直接(?:銀行)?(?:振込|振り込み|購入"
    r"|取引|お支払|買い|送り返)", r"銀行振込", r"自社サイト", r"電話番号を教えて", r"個人の(?:メール|連絡先)",
    r"レビュー代行", r"購入代行", r"キャッシュバック",
    # Chinese
    r"(?:绕过|不走|避开)(?:平台|亚马逊|amazon)", r"站外", r"(?:私下|直接)(?:转账|付款|交易|购买|下单|退款)", r"私聊",
    r"刷单", r"补单", r"测评", r"返现", r"私下对接", r"对公转账", r"留个(?:电话|邮箱|手机)",
    r"官网(?:直接)?(?:买|下单|购买)", r"现金(?:交易|付款)",
)), _P)

# Reports and questions that stay on the marketplace.
REPORT = re.compile("|".join((
    r"\b(?:scam|phishing|suspicious|fake message|fraud|dodgy|sketchy|legit)\b", r"\bis (?:that|this|it) (?:actually )?"
    r"(?:from )?you\b", r"\bbetrug", r"\bist das (?:von )?ihnen\b", r"\barnaque\b", r"\bc'est (?:bien )?vous\b",
    r"\bestafa\b", r"\bson ustedes\b", r"\bsois vosotros\b", r"\btruffa\b", r"\bsiete voi\b", r"詐欺",
    r"本当に.{0,6}ですか", r"诈骗", r"骗子", r"是你们(?:放|发)的吗", r"不太对劲",
    r"cash on delivery", r"contrareembolso", r"contrassegno",
    r"代引き", r"货到付款", r"\bnachnahme\b", r"\b(?:wirklich )?von ihnen\?", r"\bunseriös", r"\bvraiment vous\b",
    r"\bes vuestr[oa]\b", r"\bme parece raro\b", r"御社のもの", r"怪しい",
    # someone posing as the shop: a warning or a check, not a request
    r"\b(?:posing|pretending|claiming) (?:to be |as )?(?:you|your (?:shop|store|company|customer service))\b",
    r"\b(?:wasn't|was not|was it|is it|isn't it|was that) (?:really )?you\b", r"\bimpersonat",
    r"\bgibt sich als\b", r"\bsich als (?:ihr|euer) (?:shop|laden|kundenservice)\b", r"\bwaren (?:das|sie das)"
    r" (?:wirklich )?sie\b", r"\bse (?:faisant|fait) passer pour\b", r"\bhaci[ée]ndose pasar por\b",
    r"\bse hace pasar por\b", r"\bspacciandosi per\b", r"\bsi spaccia per\b", r"\bsiete (?:stati )?voi\?",
    r"なりすまし", r"を名乗る", r"冒充", r"假冒", r"是你们吗", r"是不是你们",
)), _P)


def asks_off_platform(text: str) -> bool:
    """True when the buyer asks to pay, order, be refunded or talk outside the marketplace."""
    folded = unicodedata.normalize("NFKC", text)
    return bool(APPS.search(folded) or OUTSIDE.search(folded)) and not REPORT.search(folded)
