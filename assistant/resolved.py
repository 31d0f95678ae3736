"""Whether the buyer writes that the problem has sorted itself out: the parcel was at the neighbour's, the missing
screw was in the foam, "never mind, all good now". Pure.

Such a follow-up is answered with thanks and nothing offered (rules.yaml, already_resolved); without this, "nvm,
the neighbour had it" read as a parcel marked delivered but not received and opened a carrier claim. A message that
turns to a new problem ("it turned up, but the lid is cracked") is not resolved. The words are ours, per language.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["says_resolved"]

RESOLVED = re.compile("|".join((
    r"\b(?:never ?mind|nvm)\b", r"\b(?:all|everything(?:'s| is)?) (?:good|fine|sorted|ok|okay) now\b",
    r"(?<!not )(?<!n't )\ball good\s*(?:[.!,]|$|now\b|thanks?\b)",
    r"\bno (?:longer )?need to (?:send|do|refund|replace)",
    r"\b(?:problem|issue) (?:is |has been )?(?:solved|resolved|sorted)\b",
    r"\bplease (?:ignore|disregard) my (?:last|previous|earlier|first) (?:message|email|mail)\b",
    r"\b(?:it|the parcel|the package|my order|the order) (?:has )?(?:finally )?(?:turned|showed) up\b",
    r"\barrived after all\b", r"\bneighbou?rs? had (?:it|them)\b", r"\bfound (?:it|them)(?: after all| now)?[.!]",
    r"hat sich erledigt", r"\balles (?:gut|da|ok|okay|in ordnung|geklärt)\s*(?:[.!,]|$|danke)", r"\bbitte ignorier",
    r"\bnicht mehr nötig\b", r"\bdoch (?:noch )?(?:gefunden|angekommen|da)\b",
    r"\bvergessen sie (?:meine|die) (?:nachricht|anfrage)", r"\bist doch (?:noch )?angekommen\b",
    r"\bfinalement\b[^.!?\n]{0,30}\b(?:était chez|l'ai trouvé|l'ai trouvée|est arrivé|est arrivée|bien reçu)\b",
    r"\btout est (?:ok|bon|en ordre|rentré dans l'ordre|réglé)\s*(?:[.!,]|$|merci)",
    r"\bplus besoin d'(?:envoyer|expédier|renvoyer)",
    r"\bplus besoin de (?:rien|m'envoyer|me renvoyer)\b", r"\bne tenez pas compte", r"\bproblème (?:réglé|résolu)",
    r"\bc'est réglé\b", r"\bya está\s*(?:[.!,]|$|todo\b|solucionado|resuelto)",
    r"\bno hace falta\b(?! que)", r"\bolvíd(?:elo|enlo|alo)\b", r"\bolvid(?:elo|enlo|alo)\b",
    r"\btodo (?:bien|ok|en orden|solucionado|resuelto)\s*(?:[.!,]|$|gracias)", r"\bya (?:lo|la|los|las) encontré\b",
    r"\bproblema (?:resuelto|solucionado)\b", r"\bignoren? (?:mi|el) (?:mensaje|correo)\b",
    r"\bya (?:llegó|ha llegado|apareció)\b", r"\btutto (?:risolto|a posto|ok|okay)\s*(?:[.!,]|$|grazie)",
    r"\bnon serve più (?:mandare|inviare|spedire|fare nulla|nulla)\b", r"\bnon serve più\s*[.!]",
    r"\blasciate perdere\s*(?:[.!,]|$)", r"\bignorate (?:il|il mio) (?:messaggio|precedente)",
    r"\bl'ho trovat[oa]\s*(?:[.!,]|$)",
    r"\bproblema risolto\b", r"\bscusate (?:per )?il messaggio\b",
    r"\b(?:è|e) arrivat[oa] (?:alla fine|finalmente)\b",
    r"対応(?:は)?不要", r"お騒がせ", r"解決しました", r"見つかりました",
    r"\b(?:you )?can close (?:this|it|the case|the ticket|my request|the request)\b", r"\bkann geschlossen werden\b",
    r"\bvous pouvez (?:clôturer|fermer)\b", r"\bpueden cerrar (?:el caso|la solicitud|la consulta)\b",
    r"\bpotete chiudere (?:la richiesta|il caso|la pratica)\b", r"(?:麻烦|可以)?关闭(?:一下)?(?:工单|请求)?[。.!！]?$",
    r"不用补发", r"不用(?:了|处理|管了)", r"已经(?:拿到|找到)了", r"找到了", r"解决了", r"没事了",
)))
# "The box was crushed but the contents are fine, just so you know": a note for our information, closed like a
# resolved problem, but only when it says both that it is for information and that nothing inside is harmed ("just
# letting you know it arrived broken" still wants an answer).
FOR_INFORMATION = re.compile("|".join((
    r"\bjust (?:so you know|letting you know|to let you know|fyi|for your information)\b", r"\bfyi\b",
    r"\bno action (?:needed|required)\b", r"\bnur (?:zur|als) (?:info|information|hinweis)\b",
    r"\b(?:juste )?pour (?:info|information)\b", r"\bpara (?:su|vuestra) información\b",
    r"\bsolo para que lo sepan\b", r"\bper (?:vostra )?(?:informazione|conoscenza)\b",
    r"念のため(?:ご報告|お知らせ|ご連絡)", r"(?:告知|反馈|说)一下(?:而已)?", r"跟你们说一声",
)))
UNHARMED = re.compile("|".join((
    r"\b(?:the )?(?:contents?|item|items|product|everything inside)\b[^.!?\n]{0,20}\b(?:is|was|are|were) "
    r"(?:all )?(?:fine|ok|okay|intact|undamaged|unharmed|in perfect condition|perfect)\b",
    r"\bnothing (?:inside )?(?:is |was )?broken\b",
    r"\binhalt (?:ist|war) (?:aber |jedoch |zum glück )?(?:in ordnung|unversehrt|heil|ok|intakt)\b",
    r"\balles (?:ist |war )?heil\b",
    r"\ble contenu (?:est|était) (?:intact|en bon état|ok)\b", r"\brien (?:n'est |n'était )?cassé\b",
    r"\bel contenido (?:está|estaba) (?:bien|intacto|perfecto)\b", r"\bnada (?:está |estaba )?roto\b",
    r"\bil contenuto (?:è|era) (?:integro|intatto|a posto)\b", r"\bniente di rotto\b",
    r"中身(?:は|も)(?:無事|問題な|大丈夫)", r"中の\S{0,6}(?:は|も)(?:無事|問題な|大丈夫)",
    r"(?:东西|里面|商品)(?:都)?(?:没坏|完好|没问题)",
)))
# A turn to something else after the good news: "it arrived after all, but the lid is cracked".
CONTRAST = re.compile(
    r"\b(?:but|however|although|except|aber|jedoch|allerdings|außer|mais|cependant|sauf|pero|sin embargo|excepto|"
    r"però|tuttavia|tranne)\b|但|可是|不过|就是|でも|しかし|けど|(?:た|す|だ)が[、,]|ただ、"
)


def says_resolved(text: str) -> bool:
    """True when the message says the matter has sorted itself out and turns to nothing else after that ("sorry,
    I said it was missing, but it was in the foam: all good" is resolved)."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    if FOR_INFORMATION.search(lowered) and UNHARMED.search(lowered):
        return True
    found = RESOLVED.search(lowered)
    # from the match's last character on: "見つかりましたが、" turns on the た it ends with
    return found is not None and not CONTRAST.search(lowered, found.end() - 1)
