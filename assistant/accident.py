"""Whether the buyer says the item was damaged after delivery by their own accident: dropped, broken by a child or
a pet, washed or dried against its care label, run on the wrong charger. Pure.

Such damage is not the seller's to make good by rule: a person answers and decides on any goodwill (rules.yaml,
accident_to_human); without this, "I dropped the French press, send me a new one" read as damage in transit and was
offered a full refund. Damage by the courier or an item that broke in normal use is not an accident of the buyer's.
The words are ours, per language.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["damaged_by_buyer"]

_WHO_EN = r"(?:son|daughter|kid|kids|child|children|toddler|baby|dog|cat|puppy|kitten|husband|wife|partner|boyfriend)"

ACCIDENT = re.compile("|".join((
    r"\bi (?:accidentally |accidently |clumsily )?(?:dropped|knocked over|sat on|stepped on|smashed|spilled)\b"
    r"(?! (?:it |them |the \w+ )?off\b)",
    r"\b(?:it|they|the \w+) (?:fell|slipped) (?:off|out of|from) (?:my|the|our) (?:hands?|table|counter|worktop|shelf|"
    r"desk|bed|sofa|couch|bag)\b",
    rf"\bmy {_WHO_EN}\b[^.!?\n]{{0,30}}\b(?:dropped|broke|chewed|knocked|threw|snapped|sat on|pulled|bit)\b",
    r"\bi (?:washed|tumble[- ]dried|dried|microwaved|ironed|bleached)\b[^.!?\n]{0,30}"
    r"\b(?:hot|60|90|high|dryer|by mistake|accidentally)\b",
    r"\bleft (?:it|them|the \w+)\b[^.!?\n]{0,30}\b(?:in the (?:sun|rain|car)|overnight|outside)\b[^.!?\n]{0,30}"
    r"\b(?:rain|wet)",
    r"\bleft (?:it|them) (?:out )?in the (?:sun|rain|car)\b", r"\b(?:wrong|another) (?:charger|adapter|power supply)\b",
    r"\b(?:laptop|phone|fast|another) charger instead of\b", r"\bin the tumble dryer by mistake\b",
    r"\b(?:aus der hand|runter) ge(?:rutscht|fallen)", r"\bdurchgekaut\b", r"\bzerkaut\b",
    r"\bversehentlich\b[^.!?\n]{0,30}\b(?:netzteil|ladegerät)\b",
    r"\b(?:s'est assis|s'est assise|a marché) sur\b", r"\ble chat a fait tomber\b", r"\bau lieu de celui fourni\b",
    r"\bcargador\b[^.!?\n]{0,20}\bque no era\b", r"\bbajo la lluvia\b",
    r"\blavato\b[^.!?\n]{0,40}\b(?:gradi|lavatrice)\b[^.!?\n]{0,40}\b(?:a mano|etichetta)",
    r"\bcaricabatterie del (?:portatile|telefono|pc)\b",
    r"(?:投げて|落として)(?:壊|割)", r"かじって(?:しまい|しまいました)", r"雨に濡れて",
    r"热水洗", r"咬断", r"(?:猫|狗)(?:把\S{0,8})?咬",
    r"\b(?:mir|uns) (?:ist|sind) (?:\w+ ){0,4}(?:heruntergefallen|runtergefallen|hingefallen|aus der hand gefallen)",
    r"\b(?:habe|hab) (?:\w+ ){0,4}(?:fallen lassen|runterfallen lassen)",
    r"\b(?:mein|unser)(?:e|en)? (?:sohn|tochter|kind|kinder|kleine|kleiner|hund|katze|mann|frau)\b[^.!?\n]{0,40}"
    r"\b(?:kaputt gemacht|zerbissen|angeknabbert|fallen lassen|runtergeworfen|umgeworfen|zerbrochen)",
    r"\b(?:zu heiß|bei 60|bei 90|bei 60 grad|bei 90 grad) gewaschen", r"\bim trockner\b",
    r"\bfalsche(?:s|n)? (?:ladegerät|netzteil)",
    r"\bje (?:l'|les )?ai fait tomber", r"\b(?:m'a|m'ont) glissé des mains", r"\btombée?s? de mes mains",
    r"\b(?:mon|ma) (?:fils|fille|chien|chienne|chat|chatte|mari|femme|petit|petite)\b[^.!?\n]{0,40}"
    r"\b(?:a cassé|a fait tomber|a mordu|a mâchouillé|a renversé)",
    r"\blavée?s? à (?:60|90|haute température)", r"\bau sèche-linge\b", r"\bmauvais chargeur\b",
    r"\bse me (?:cayó|cayeron|cayo|resbaló|resbalo)\b", r"\blo (?:dejé|deje|tiré|tire) caer\b",
    r"\bmi (?:hijo|hija|niño|niña|perro|perra|gato|gata|marido|mujer)\b[^.!?\n]{0,40}"
    r"\b(?:rompió|rompio|tiró|tiro|mordió|mordio|mordisqueó)",
    r"\blo lavé (?:a|en) (?:60|90|agua caliente)", r"\ben la secadora\b", r"\bcargador equivocado\b",
    r"\bmi (?:è|e) (?:caduto|caduta|scivolato|scivolata|cascato|cascata)\b", r"\bl'ho fatt[oa] cadere\b",
    r"\b(?:mio|mia) (?:figlio|figlia|cane|gatto|gatta|marito|moglie|bimbo|bimba)\b[^.!?\n]{0,40}"
    r"\b(?:ha rotto|ha fatto cadere|ha morso|ha rosicchiato|ha buttato)",
    r"\blavat[oaie] a (?:60|90)\b", r"\bin asciugatrice\b", r"\bcaricatore sbagliato\b",
    r"落として(?:しまい|しまって|割れ|壊れ|割って|壊して)", r"(?:私|自分)が(?:落と|割っ|壊し)",
    r"(?:子ども|子供|犬|猫|息子|娘|主人|夫)が(?:落と|割っ|壊し|かじ|噛)", r"乾燥機に(?:かけ|入れ)",
    r"(?:違う|別の)充電器",
    r"(?:我|自己)(?:不小心)?(?:把\S{0,8})?(?:摔|掉|弄)(?:了|坏|碎|到地上)",
    r"不小心(?:把\S{0,8})?(?:摔|掉|弄坏|打碎|碰倒)",
    r"(?:孩子|小孩|儿子|女儿|狗|猫)(?:不小心)?(?:把\S{0,8})?(?:给)?(?:摔|咬|弄|打)(?:坏|碎|了)",
    r"烘干机", r"用错(?:了)?充电器",
)))


def damaged_by_buyer(text: str) -> bool:
    """True when the buyer says the damage came from their own accident or misuse after delivery."""
    return bool(ACCIDENT.search(unicodedata.normalize("NFKC", text).lower()))
