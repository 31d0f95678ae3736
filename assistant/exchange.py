"""Whether the buyer wants the item swapped for another size, colour or version of it (an exchange). Pure.

Read for every message, used only where it changes the answer: a return request (signals.for_intent). The words
are ours, per language, for the meaning: the word for "exchange" or "swap", or another size, colour or version
asked for. Other senses are left out: an exchange rate, "in exchange for a refund", messages exchanged, a colour
"different from the photo" (a complaint about the listing), 退换 (returns in general).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["wants_exchange"]

_VARIANT_EN = r"(?:size|colou?r|shade|model|version|style|length|width|fit)"
_SIZE = r"(?:xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl|small|medium|large|\d{1,2}(?:[.,]5)?)"

EXCHANGE = re.compile("|".join((
    # English
    r"(?<!in )\bexchang(?:e|ed|ing)\b(?! rates?\b)(?! (?:of )?(?:messages|emails|information))",
    r"\bswap(?:ped|ping)?\b(?! (?:messages|emails|numbers))", r"\bswitch (?:it|them|this|these) (?:for|to)\b",
    r"\btrade (?:it|them|this|these) (?:in )?for\b",
    rf"\b(?:another|the other|a different|different|other|bigger|smaller|larger|longer|shorter) {_VARIANT_EN}\b"
    r"(?! (?:than|from|to the|as))(?! (?:is|was|looks)\b)",
    r"\b(?:a|one|half a) size (?:up|down|bigger|smaller|larger)\b", r"\bsize (?:up|down)\b",
    rf"\b(?:in|for|a|an|the|size) {_SIZE}\b[^.!?\n]{{0,25}}\binstead\b",
    rf"\binstead of (?:the |a |an |my )?(?:size )?{_SIZE}\b",
    r"\b(?:the|a) (?:next|smaller|bigger|larger) (?:one|size) (?:up|down)?\b",
    r"\b(?:send|return) (?:it|them|this|these) back and (?:get|have|receive) (?:the|a|an)\b(?! (?:full )?refund)",
    # German
    r"umtausch", r"\bum(?:zu)?tauschen\b", r"\b(?:den|dem|einen|zum) tausch\b", r"\bdagegen (?:um)?tauschen\b",
    rf"\b{_SIZE} statt (?:der |dem |in )?{_SIZE}\b", r"\btausch(?:en)?\b[^.!?\n]{0,40}\bgegen\b", r"\beintausch",
    r"\beine nummer (?:größer|kleiner)\b", r"\b(?:eine|einer|die|der|in der) größe (?:größer|kleiner)\b",
    r"\b(?:eine|einer|die|der|in einer) andere[nr]? (?:größe|farbe|ausführung|variante|länge)\b",
    # French
    r"(?<!nos )(?<!vos )(?<!des )\béchang(?:er|e|é|ez|eons|ement)\b(?! (?:de|d')(?: nos)? ?(?:mails|messages))",
    r"\bune (?:taille|pointure) (?:au[- ]dessus|au[- ]dessous|en[- ]dessous|plus grande|plus petite|de plus|de moins)",
    r"\b(?:une |l')autre (?:taille|couleur|coloris|pointure|modèle|modele|version)\b",
    r"\bcontre (?:une |un |du |le |la |l')?(?:taille|pointure|couleur|modèle|modele|\d)",
    r"\bl'?avoir en (?:taille |pointure )?\w+", r"\bremplacer par\b[^.!?\n]{0,20}"
    r"\b(?:taille|pointure|couleur|coloris|modèle|modele|version)",
    rf"\b{_SIZE} au lieu (?:du|de la|de l'|de|d')\s?(?:taille |pointure )?{_SIZE}?\b",
    r"\bla (?:taille|pointure) (?:au[- ]dessus|au[- ]dessous|en[- ]dessous)\b",
    r"\bremplacer par (?:une? |le |la |l')?(?:autre |taille|pointure|couleur|coloris|modèle|modele|\d)",
    # Spanish
    r"\bcambi(?:ar|arlo|arla|arlos|arlas|ármelo|ármela|armelo|armela|ármelos|arme|o|e|en|éis|eis)\b"
    r"[^.!?\n]{0,30}\bpor (?:una?|el|la|otr[oa]s?|\d)",
    r"\botra (?:talla|medida|versión|version)\b(?! que)",
    r"\botro (?:color|número|numero|modelo|tamaño|tamano)\b(?! que)",
    r"\buna talla (?:más|mas|menos)\b", r"\bun número (?:más|mas|menos)\b", r"\bun numero (?:mas|menos)\b",
    r"\bcambio de (?:talla|color|número|numero|modelo)\b",
    r"(?<!a )\b(?:se puede|puedo|podéis|podeis|pueden|podrían|podrian) cambiar\b"
    r"(?! (?:de |la |el |mi )?(?:opinión|opinion|idea|dirección|direccion|domicilio|contraseña))",
    rf"\b{_SIZE} en (?:vez|lugar) (?:de|del|de la) (?:talla |número |numero )?{_SIZE}\b",
    # Italian
    r"\bcambi(?:are|arlo|arla|arli|arle|armelo|armela|o)\b[^.!?\n]{0,30}\bcon (?:una?|il|la|l'|un'|\d)",
    r"\b(?:un'altra|altra) (?:taglia|misura|colorazione)\b", r"\bun altro (?:colore|modello|numero)\b",
    r"\buna taglia (?:più|in più|in meno|sopra|sotto)\b", r"\bun numero (?:in più|in meno|più grande|più piccolo)\b",
    r"\bcambio (?:taglia|misura|colore|numero|modello)\b", r"\b(?:fare|faccio|fate|fa) (?:il|un) cambio\b",
    r"\bal posto di quest[oa]\b", r"\bme l[aoie] cambiate\b",
    r"\bscambi(?:are|arlo|arla|arli|o)\b(?! (?:di )?(?:messaggi|email|mail|informazioni))",
    r"\bsostitu(?:ire|irlo|irla|zione)\b[^.!?\n]{0,30}\b(?:taglia|misura|colore|numero)\b",
    # Japanese
    r"(?<!情報)(?<!意見)交換", r"取り?(?:替|換)え", r"サイズ(?:変更|違い)", r"色違い", r"別の(?:サイズ|色|カラー)",
    r"ワンサイズ(?:上|下|大き|小さ)", r"(?:サイズ|色|カラー|もの|の|版)(?:に|へ)(?:替え|換え|変え|変更|交換)",
    r"(?:大きい|小さい|大きな|小さな)サイズ(?:に|へ|と)",
    # Chinese
    r"(?<!退)换货", r"调换", r"(?<!退)换(?:成|为|一个|个|一件|一双|件|双|一下)", r"换(?:尺码|颜色|大小|码|号|型号)",
    r"(?:大|小)一(?:号|码|个码)", r"更换(?:尺码|颜色|大小|型号)", r"换[a-z0-9]{1,4}(?:码|号)", r"换色",
    r"换(?:短|长|大|小|宽|窄|深|浅)一?(?:点|些)",
)))


# "I just want my money back, not another size": the buyer turns an exchange down.
DECLINED = re.compile("|".join((
    r"\b(?:not interested in|no need for|don'?t want|do not want|rather not have|not looking for) (?:an? )?"
    r"(?:exchange|swap|another|different|other|replacement)",
    r"\b(?:kein(?:en)? (?:umtausch|tausch)|keine andere (?:größe|farbe))\b",
    r"\bpas besoin d'(?:un )?(?:échange|une autre|un autre)", r"\bpas (?:d'|un )échange\b",
    r"\b(?:no quiero|sin) (?:cambio|cambiarl[oa]|otra talla|otro color)\b",
    r"\bnon (?:voglio|mi serve|serve) (?:il cambio|cambiarl[oa]|un'altra taglia|un altro colore)\b",
    r"\b(?:don'?t|do not) need (?:an? )?(?:exchange|another|a different|other)\b",
    r"\b(?:andere|neue) (?:größe|farbe)\b[^.!?\n]{0,20}\b(?:brauche|möchte|will) ich nicht\b",
    r"\bbrauche (?:ich )?keine andere\b",
    r"\bne veux pas (?:d'une? |d'|un |une )(?:échange|autre)", r"\b(?:no necesito|no quiero) otr[oa]\b",
    r"\bnon (?:mi interessa|voglio|mi serve) (?:un altro|un'altra)\b",
    r"別の(?:サイズ|色|カラー|もの)は(?:必要ありません|不要|いりません|結構)",
    r"交換は(?:不要|結構|しなくて|いりません|必要ありません)", r"(?:不用|不要|不想)换", r"不换",
)))


def wants_exchange(text: str) -> bool:
    """True when the message asks for the item in another size, colour or version (or uses the word "exchange"),
    and does not turn that down."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    return bool(EXCHANGE.search(lowered)) and not DECLINED.search(lowered)
