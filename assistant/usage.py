"""Whether the buyer asks how to use, set up or care for the item: a product question, even after delivery. Pure.

classify reads such a message as a product question when it would otherwise be "not as described"; without this,
"the manual is only in German, how do I set the water level for brown rice?" got a partial refund. The words are
ours, per language: "how do I...", or a manual in a language the buyer cannot read. A manual that contradicts the
listing is a complaint, so the manual alone is not enough.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["asks_how_to_use"]

_VERB_EN = r"(?:use|set|set up|turn|switch|clean|change|reset|connect|pair|install|assemble|adjust|program|tare|charge)"

HOW_TO = re.compile("|".join((
    rf"\bhow (?:do|can|should|would) (?:i|we|you|one) {_VERB_EN}\b", rf"\bhow to {_VERB_EN}\b",
    r"\b(?:instructions|manual|user guide)\b[^.!?\n]{0,40}\b(?:only in|in english|in \w+ only|can'?t read|missing)",
    r"\bwie (?:stelle|benutze|verwende|reinige|schalte|verbinde|bediene|programmiere|montiere) ich\b",
    r"\bwie (?:funktioniert|geht|benutzt man|bedient man|stellt man)\b",
    r"\b(?:bedienungs)?anleitung (?:ist )?nur (?:auf|in)\b",
    r"\bcomment (?:on fait|faire|utiliser|régler|nettoyer|allumer|programmer|monter|installer|on règle|on utilise)\b",
    r"\b(?:notice|mode d'emploi) (?:uniquement|seulement|que) en\b",
    r"\bc[óo]mo (?:se usa|se utiliza|uso|utilizo|configuro|limpio|enciendo|programo|monto|se configura|se limpia)\b",
    r"\b(?:instrucciones|manual) (?:solo|sólo) en\b",
    r"\bcome (?:si usa|si utilizza|faccio a|si imposta|si pulisce|si accende|si monta|si programma|imposto)\b",
    r"\b(?:istruzioni|manuale) solo in\b",
    r"使い方", r"どうすれば(?:いい|良い)", r"説明書が\S{1,8}(?:だけ|のみ)", r"設定方法", r"やり方", r"どこに合わせ",
    r"仕方を教え", r"方法を教え", r"どうやって",
    r"怎么用", r"如何使用", r"说明书只有", r"怎么设置", r"怎么操作", r"怎么调", r"怎么连(?:接)?",
    r"如何(?:连接|设置|安装)", r"只想(?:把它)?用起来",
    r"\b(?:just )?want (?:it|to get it) (?:to work|working)\b",
)))


def asks_how_to_use(text: str) -> bool:
    """True when the message asks how to use, set up or care for the item, or for its manual."""
    return bool(HOW_TO.search(unicodedata.normalize("NFKC", text).lower()))
