"""Rule `review_manipulation`: asking for a (positive) review or feedback, offering anything for one, asking to
change or remove one, or "only review if satisfied", in en, de, fr, es, it, ja and zh.

Source: marketplace communication guidelines, "do not ask for positive reviews or offer incentives for reviews".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, merged
from assistant.guardrules.phrases import Phrases
from assistant.guardrules.sentences import sentence_around
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_reviews"]

MESSAGE = (
    "Remove the review request: do not ask for a (positive) review or feedback, offer anything for one, "
    "or ask the buyer to change or remove one."
)

# A filler word between a verb and "review" that is not a preposition or pronoun ("leave us a quick review").
_W = r"(?:(?!(?:for|to|on|you|about|of|in|at|with|after|before|and)\b)[\w'-]+[\s-]+)"
_EN_R = r"(?:reviews?|feedback|ratings?|testimonials?)\b"
# "we will share your feedback with the team" reports, it does not ask.
_WE_BEFORE = re.compile(r"\b(?:we|i)(?:'ll|'ve|'d|\s+will|\s+have|\s+can|\s+would|\s+shall)?\s+$")

_ALWAYS = (
    # en
    r"\b(?:leave|write|give|post|submit|share|drop|add)\s+(?:us\s+|me\s+)?(?:a\s+|an\s+|your\s+|some\s+)?"
    + _W
    + r"{0,2}"
    + _EN_R
    + r"(?!\s+(?:to|with)\s+(?:our|the|them)\b)",
    r"\brate\s+(?:us|our\s+\w+|the\s+(?:item|product|order|seller))\b",
    r"\b(?:leave|left|leaving|give|gave|giving)\s+(?:us\s+)?(?:a\s+few|some|\d|one|two|three|four|five)\s+stars?\b",
    r"\b(?:change|update|remove|delete|revise|edit|amend|withdraw|retract|take\s+down|modify|reconsider|"
    r"improve|raise)\s+(?:your\s+|the\s+|this\s+|that\s+|their\s+)?"
    + _W
    + r"{0,2}(?:reviews?|feedback|ratings?|comments?)\b",
    r"\b(?:reviews?|feedback|ratings?)\s+(?:be\s+|is\s+|being\s+)?(?:removed|deleted|changed|updated|withdrawn|taken\s+down)",
    r"\bin\s+(?:exchange|return)\s+for\s+(?:a\s+|an\s+|your\s+|leaving\s+a\s+|writing\s+a\s+)?" + _W + r"{0,2}" + _EN_R,
    r"\bfor\s+(?:a|an)\s+(?:positive|good|5[\s-]*star|five[\s-]*star|honest|great)\s+" + _EN_R,
    r"\bif\s+(?:you\s+are|you're|you\s+were|you\s+feel)\s+(?:\w+\s+){0,2}(?:satisfied|happy|pleased)\b[^.!?\n]{0,80}\b"
    r"(?:review|feedback|rating|rate|stars?)\b",
    r"\b(?:before|instead\s+of)\s+(?:leaving|writing|posting|giving)\s+(?:a\s+|any\s+)?(?:negative|bad|poor|low|critical|"
    r"1[\s-]*star|one[\s-]*star)?\s*" + _EN_R,
    r"\b(?:don't|do\s+not)\s+(?:leave|write|post|give)\s+(?:us\s+)?(?:a\s+|any\s+)?(?:negative|bad|poor|low)\b",
    # de
    r"\b(?:bewertung|rezension|feedback|sterne)\w*\s+(?:\w+\s+){0,4}?(?:zu\s+)?(?:hinterlassen|schreiben|abgeben|"
    r"abzugeben|verfassen|ändern|anpassen|anzupassen|löschen|entfernen|zurückziehen|zurückzuziehen|aktualisieren|"
    r"überarbeiten|korrigieren)\b",
    r"\b(?:hinterlassen|schreiben|geben|verfassen|ändern|löschen|entfernen|anpassen)\s+sie\s+(?:uns\s+)?(?:bitte\s+)?"
    r"(?:eine|ihre|die)\s+(?:\w+\s+)?(?:bewertung|rezension)",
    r"\b(?:für|gegen)\s+eine\s+(?:\w+\s+)?(?:bewertung|rezension)",
    r"\bwenn\s+sie\s+(?:\w+\s+){0,2}zufrieden\s+(?:sind|waren)\b[^.!?\n]{0,80}(?:bewertung|rezension|bewerten|sterne)",
    r"\bnur\s+(?:dann\s+)?(?:bewerten|eine\s+(?:\w+\s+)?bewertung)",
    r"\bbevor\s+sie\s+(?:eine\s+)?(?:negative|schlechte)\s+(?:bewertung|rezension)",
    # fr
    r"\b(?:laisser|laissez|écrire|écrivez|donner|donnez|publier|publiez|poster|postez|mettre|mettez)[\s-]+(?:nous\s+)?"
    r"(?:un|une|votre)\s+(?:\w+\s+)?(?:avis|évaluation|commentaire|note)\b",
    r"\b(?:modifier|modifiez|supprimer|supprimez|retirer|retirez|changer|changez|mettre\s+à\s+jour|corriger|revoir|"
    r"réviser)\s+(?:votre\s+|cet\s+|cette\s+|l'|le\s+|la\s+|son\s+)(?:\w+\s+)?(?:avis|évaluation|commentaire|note)\b",
    r"\ben\s+échange\s+d'(?:un|une)\s+(?:\w+\s+)?(?:avis|évaluation|commentaire)",
    r"\bpour\s+(?:un|une)\s+(?:avis|évaluation)\s+(?:positi\w+|favorable|5\s*étoiles)",
    r"\bsi\s+vous\s+(?:êtes|etes|étiez)\s+(?:\w+\s+){0,2}satisfaite?s?\b[^.!?\n]{0,80}(?:avis|évaluation|étoiles|"
    r"commentaire)",
    r"\bavant\s+de\s+(?:laisser|publier|écrire)\s+(?:un|une)\s+(?:avis|évaluation|commentaire)\s+(?:négati\w+|défavorable)",
    # es
    r"\b(?:deje|déjenos|dejar|dejarnos|escriba|escríbanos|escribir|dar|danos|denos|publique|publicar|ponga|poner)\s+"
    r"(?:nos\s+)?(?:una|un|su)\s+(?:\w+\s+)?(?:reseña|valoración|opinión|comentario|calificación|evaluación)",
    r"\b(?:cambiar|cambie|modificar|modifique|eliminar|elimine|borrar|borre|retirar|retire|actualizar|actualice|quitar|"
    r"quite)\s+(?:su|la|esta|esa|el)\s+(?:\w+\s+)?(?:reseña|valoración|opinión|comentario|calificación)",
    r"\ba\s+cambio\s+de\s+(?:una|un|su)\s+(?:\w+\s+)?(?:reseña|valoración|opinión|comentario)",
    r"\bsi\s+(?:está|esta|queda|quedó|estuvo)\s+(?:\w+\s+){0,2}satisfech[oa]s?\b[^.!?\n]{0,80}(?:reseña|valoración|"
    r"opinión|estrellas)",
    r"\bantes\s+de\s+(?:dejar|escribir|publicar)\s+(?:una|un)\s+(?:reseña|valoración|opinión|comentario)\s+negativ[oa]",
    # it
    r"\b(?:lasci|lasciare|lasciarci|lasciateci|scriva|scrivere|scriverci|dia|dare|darci|pubblichi|pubblicare|metta|"
    r"mettere)\s+(?:ci\s+)?(?:una|un|la\s+sua)\s+(?:\w+\s+)?(?:recensione|valutazione|feedback|opinione|commento)",
    r"\b(?:modificare|modifichi|rimuovere|rimuova|cancellare|cancelli|eliminare|elimini|cambiare|cambi|aggiornare|"
    r"aggiorni|ritirare|ritiri|rivedere)\s+(?:la\s+sua|la|sua|questa|il\s+suo|il)\s+(?:\w+\s+)?(?:recensione|"
    r"valutazione|feedback|commento)",
    r"\bin\s+cambio\s+di\s+(?:una|un)\s+(?:\w+\s+)?(?:recensione|valutazione|feedback)",
    r"\b(?:gradiremmo|apprezzeremmo|gradirei|apprezzerei|ci\s+farebbe\s+(?:molto\s+)?(?:piacere|felici))\s+"
    r"(?:\w+\s+){0,4}(?:recensione|valutazione|feedback|stelle)",
    r"\bse\s+(?:è|e'|é|fosse|era)\s+(?:\w+\s+){0,2}soddisfatt[oaie]\b[^.!?\n]{0,80}(?:recensione|valutazione|feedback|"
    r"stelle)",
    r"\bprima\s+di\s+(?:lasciare|scrivere)\s+(?:una|un)\s+(?:recensione|valutazione|feedback)\s+negativ[oa]",
    # ja
    r"(?:レビュー|評価|フィードバック|口コミ|感想)(?:を|の)?(?:ご)?(?:投稿|記入|書いて|書き込|残して|お書き|いただけ|頂け|お願い)",
    r"(?:レビュー|評価|フィードバック|口コミ)(?:を|の)?(?:削除|変更|修正|更新|取り消|撤回|書き直|見直)",
    r"(?:レビュー|評価)(?:と引き換え|の代わりに|のお礼に|をいただいた方に|を書いていただいた方に|投稿で)",
    r"(?:レビュー|評価)[^。！？!?\n]{0,15}(?:プレゼント|ギフト|割引|クーポン)",
    r"(?:ご満足|満足)(?:いただけ|頂け|され)[^。！？!?\n]{0,20}(?:レビュー|評価)",
    # zh
    r"(?:留下|写|给|发表|发布|打)(?:我们|我)?(?:一个|个|一下|下|一条|条)?(?:好评|评价|评论|五星|5星|反馈|晒单)",
    r"(?:删除|删掉|修改|更改|撤销|撤回|追加|改)(?:一下)?(?:您的|你的|这个|该)?(?:差评|评价|评论|反馈)",
    r"(?:差评|评价|评论)(?:删除|删掉|改成|改为|修改|撤回)",
    r"好评返现|返现|(?:评价|好评)[^。！？!?\n]{0,10}(?:送|返|赠|红包|优惠券)",
    r"(?:满意的?话|如果(?:您|你)?满意)[^。！？!?\n]{0,15}(?:评价|好评|五星)",
)
# "positive review", "5 stars", 高評価, 好评: a request only when the sentence asks for something
# ("thank you for your positive feedback" is fine).
_POSITIVE = Phrases(
    (
        r"\b(?:positive|good|great|glowing|favou?rable|5[\s-]*star|five[\s-]*star)\s+(?:reviews?|feedback|ratings?)\b"
        r"|\b(?:5|five|fünf|cinq|cinco|cinque)[\s-]*(?:stars?|sterne?n?|étoiles|estrellas|stelle)\b"
        r"|\b(?:positive|gute)n?\s+(?:bewertung|rezension)|\b(?:avis|évaluation)\s+(?:positi\w+|favorable)"
        r"|\b(?:reseña|valoración|opinión)\s+(?:positiva|favorable)|\b(?:recensione|valutazione)\s+(?:positiva|favorevole)"
        r"|高評価|星5|★5|☆5|5つ星|五つ星|良い評価|いい評価|良いレビュー|好评|五星|5星|五颗星",
    ),
)
_ASKING = Phrases(
    (
        r"\b(?:please|would|could|kindly|appreciate|consider|hope|love|grateful|bitte|würden|könnten|freuen|dankbar|"
        r"pourriez|pouvez|veuillez|merci\s+de|n'hésitez|serions|apprécierions|podría|puede|por\s+favor|agradeceríamos|"
        r"encantaría|potrebbe|può|per\s+favore|preghiamo|saremmo)\b|お願い|ください|下さい|いただけ|頂け|幸いです|请|麻烦|希望|给个|能否|可否",
    ),
)
# "a gift ... for a review": the incentive is looked for in code before "for a review" (numbers are everywhere).
_FOR_A_REVIEW = Phrases((r"\bfor\s+(?:a|an|leaving|writing|posting)\s+" + _W + r"{0,2}" + _EN_R,))
_INCENTIVE = re.compile(r"\b(?:free|gift|bonus|reward|refund|discount|coupon|voucher|cashback)\b|\$\d+|\d+\s*%")
_THANKS = Phrases((r"\bthank|\bdanke|\bmerci\s+pour|\bgracias|\bgrazie|ありがと|感谢|谢谢",))
_ALWAYS_PHRASES = Phrases(_ALWAYS)


def check_reviews(inp: GuardInput) -> list[GuardViolation]:
    text = inp.lower
    spans = [m.span() for m in _ALWAYS_PHRASES.finditer(text) if not _WE_BEFORE.search(text, 0, m.start())]
    for match in _FOR_A_REVIEW.finditer(text):
        incentive = _INCENTIVE.search(text, sentence_around(text, *match.span())[0], match.start())
        if incentive is not None:
            spans.append((incentive.start(), match.end()))
    for match in _POSITIVE.finditer(text):
        start, end = sentence_around(text, match.start(), match.end())
        sentence = text[start:end]
        thanks_window = text[max(start, match.start() - 30) : match.start()]
        if _has(_ASKING, sentence) and not _has(_THANKS, thanks_window):
            spans.append(match.span())
    return [GuardViolation(rule="review_manipulation", span=inp.text.span(*s), message=MESSAGE) for s in merged(spans)]


def _has(phrases: Phrases, text: str) -> bool:
    return phrases.search(text) is not None
