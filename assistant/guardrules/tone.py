"""Rule `tone`: phrases the seller guide forbids: telling the buyer to wait, ordering them about, blaming them,
"as I already said", "stop messaging us", "calm down", "read the description", "that is not our problem"; in en, de,
fr, es, it, ja, zh.

Source: marketplace seller communication guide, "be courteous; do not blame or pressure the buyer".
"""

from __future__ import annotations

from assistant.guardrules.context import GuardInput, phrase_violations
from assistant.guardrules.phrases import Phrases
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_tone"]

MESSAGE = (
    'Rephrase politely: do not tell the buyer to wait or what they must do, blame them, repeat "as already said", '
    "or tell them to stop writing; say what you will do instead."
)

_PHRASES = Phrases(
    (
        # en
        r"\bplease\s+(?:just\s+)?wait\b|\bwait\s+patiently\b",
        r"\byou\s+must(?!\s+(?:be|have\s+been|feel)\b)|\byou\s+have\s+to\s+(?:wait|accept|understand)",
        r"\byou\s+should(?:\s+have|'ve)\b(?!\s+(?:received|got|gotten|been|seen|a|an|the|it)\b)",
        r"\b(?:it'?s|it\s+is|this\s+is|that\s+is|that'?s)\s+(?:all\s+)?your\s+(?:own\s+)?(?:fault|mistake|problem)",
        # "this is not your fault" reassures: only the blaming sense counts, here and in every language below
        r"(?<!not\s)(?<!n't\s)(?<!no\s)\byour\s+(?:own\s+)?fault\b",
        r"\b(?:that'?s|that\s+is|it'?s|it\s+is|this\s+is)\s+not\s+(?:our|my)\s+(?:problem|fault)\b",
        r"\bas\s+(?:i|we)\s+(?:have\s+)?(?:already|previously)\s+(?:said|told\s+you|stated|mentioned|explained)"
        r"|\bas\s+(?:i|we)\s+(?:said|told\s+you)\s+(?:before|already)",
        r"\bstop\s+(?:messaging|contacting|writing\s+to|emailing|spamming|bothering)\s+(?:us|me)\b"
        r"|\bdo\s+not\s+(?:contact|message)\s+us\s+again\b|\bdon'?t\s+(?:contact|message)\s+us\s+again\b",
        r"\bcalm\s+down\b",
        r"\b(?:read|check)\s+the\s+(?:product\s+|item\s+)?description\b|\byou\s+(?:didn'?t|did\s+not)\s+read\b",
        # de
        r"\bbitte\s+warten\s+sie\b|\bwarten\s+sie\s+(?:bitte|einfach|ab)\b|\bgedulden\s+sie\s+sich\b",
        r"\bsie\s+müssen(?!\s+(?:nichts|keine|nicht|sich\s+keine)\b)",
        r"\bsie\s+hätten\s+(?:(?!erhalten\b|bekommen\b|ankommen\b|eintreffen\b|sein\b)\w+\s+){0,4}(?:sollen|müssen)\b",
        r"\b(?:das|es)\s+ist\s+(?:ihre|ihr)\s+(?:eigene[rn]?\s+)?(?:schuld|fehler|problem)\b|(?<!nicht\s)\bihre\s+schuld\b",
        r"\b(?:das|es)\s+ist\s+nicht\s+unser(?:e)?\s+(?:problem|schuld)\b",
        r"\bwie\s+(?:ich|wir)\s+(?:ihnen\s+)?(?:bereits|schon)\s+(?:sagte|sagten|gesagt|geschrieben|mitgeteilt|"
        r"erklärt|erwähnt)",
        r"\bhören\s+sie\s+auf\b|\bschreiben\s+sie\s+uns\s+nicht\s+mehr\b",
        r"\bberuhigen\s+sie\s+sich\b",
        r"\blesen\s+sie\s+(?:bitte\s+)?(?:doch\s+)?(?:die\s+)?(?:produkt|artikel)?beschreibung\b",
        # fr
        r"\bveuillez\s+patienter\b|\bpatientez\b|\bmerci\s+de\s+patienter\b",
        r"\bvous\s+devez(?!\s+être\b)",
        r"\bvous\s+auriez\s+dû\b(?!\s+(?:le\s+|la\s+|les\s+|l'|en\s+)?(?:recevoir|être\s+livré))",
        r"\bc'est\s+(?:de\s+)?votre\s+(?:faute|erreur|problème)\b|(?<!pas\s)(?<!pas\sde\s)\bvotre\s+faute\b",
        r"\bce\s+n'est\s+pas\s+(?:de\s+)?notre\s+(?:faute|problème)\b",
        r"\bcomme\s+(?:je\s+l'ai|nous\s+l'avons|je\s+vous\s+l'ai|nous\s+vous\s+l'avons)\s+déjà\s+(?:dit|écrit|"
        r"expliqué|indiqué)",
        r"\barrêtez\s+de\s+nous\s+(?:écrire|contacter|envoyer)",
        r"\bcalmez[\s-]vous\b",
        r"\blisez\s+(?:la|bien\s+la)\s+description\b",
        # es
        r"\bpor\s+favor,?\s+espere\b|\bespere\s+por\s+favor\b|\btenga\s+paciencia\b",
        r"\busted\s+debe\b|\bdebe\s+usted\b|\busted\s+tiene\s+que\b",
        # "should have" blames the buyer; "it should have arrived / you should have received" does not
        r"\b(?:debería\s+haber|hubiera\s+debido)\b(?!\s+(?:llegado|recibido|sido|estado|funcionado|ocurrido))",
        r"(?<!no\s)\bes\s+(?:su|tu)\s+culpa\b|(?<!no\ses\s)\b(?:su|tu)\s+culpa\b",
        r"\bno\s+es\s+(?:culpa\s+nuestra|nuestra\s+culpa|nuestro\s+problema|problema\s+nuestro)\b",
        r"\bcomo\s+ya\s+(?:le\s+)?(?:dije|dijimos|indicamos|mencionamos|explicamos|hemos\s+dicho)",
        r"\bdeje\s+de\s+(?:escribirnos|contactarnos|enviarnos)",
        r"\bcálmese\b|\btranquilícese\b",
        r"\blea\s+(?:bien\s+)?la\s+descripción\b",
        # it
        r"\bper\s+favore,?\s+aspett\w+|\baspetti\s+per\s+favore\b|\battenda\b|\babbia\s+pazienza\b",
        r"\blei\s+deve\b|\bdeve\s+assolutamente\b",
        r"\bavrebbe\s+dovuto\b(?!\s+(?:arriva\w*|raggiung\w*|giung\w*|esse\w*|funziona\w*|riceve\w*))",
        r"(?<!non\s)\bè\s+colpa\s+(?:sua|tua)\b|(?<!non\sè\s)\bcolpa\s+sua\b",
        r"\bnon\s+è\s+(?:colpa\s+nostra|nostra\s+colpa|un\s+nostro\s+problema|problema\s+nostro)\b",
        r"\bcome\s+(?:le\s+)?(?:ho|abbiamo)\s+già\s+(?:detto|scritto|spiegato|indicato)",
        r"\bsmetta\s+di\s+(?:scriverci|contattarci)",
        r"\bsi\s+calmi\b",
        r"\blegga\s+(?:bene\s+)?la\s+descrizione\b",
        # ja
        r"お待ちください|待ってください|お待ち下さい",
        r"しなければなりません|する必要があります|べきでした",
        r"(?:あなた|お客様)の(?:せい|責任|ミス)(?!では|じゃ)",
        r"(?:当店|弊社|私ども|私たち)の(?:せい|責任|問題)では(?:ありません|ない|ございません)",
        r"(?:前にも|既に|すでに|先ほど)(?:申し上げた|言った|お伝えした)(?:通り|とおり)",
        r"(?:連絡|メッセージ)(?:を)?(?:しないで|送らないで|やめて)",
        r"落ち着いてください",
        r"(?:説明|商品説明|説明文)を(?:よく)?読んでください",
        # zh
        r"请(?:耐心)?等待|请等一下|请稍等",
        r"(?:你|您)必须",
        r"(?:你|您)(?:本)?应该早",
        r"(?<!不)是(?:你|您)(?:自己)?的(?:错|问题|责任)",
        r"不是我们的(?:错|问题|责任)|跟我们没(?:有)?关系|与我们无关",
        r"(?:我|我们)(?:已经)?说过了|正如我(?:已经)?说过",
        r"不要再(?:给我们)?发(?:消息|信息)|别再联系|停止联系我们",
        r"冷静(?:一下|点)",
        r"(?:请)?(?:仔细)?(?:阅读|看清楚?)(?:商品)?描述",
    )
)


def check_tone(inp: GuardInput) -> list[GuardViolation]:
    return phrase_violations(inp, "tone", MESSAGE, _PHRASES)
