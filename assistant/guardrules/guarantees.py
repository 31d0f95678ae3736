"""Rule `unsupported_promise`, delivery dates: the draft guarantees when a parcel will arrive ("we guarantee it
arrives tomorrow", "kommt garantiert am Freitag", "必ず明日お届けします"). The carrier decides that; no decision allows
it. "We cannot guarantee a date" is the honest sentence and passes. en, de, fr, es, it, ja, zh.

Source: marketplace seller communication guide, "do not promise what you cannot keep".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, merged
from assistant.guardrules.offers import negated_spans
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_guarantees"]

MESSAGE = (
    "Do not guarantee a delivery date: the carrier decides it. Say when the parcel is expected, or that you will "
    "check with the carrier."
)

_ARRIVE = (
    r"(?:arriv\w*|deliver\w*|reach\w*\s+you|be\s+(?:there|with\s+you)|get\s+(?:there|to\s+you)|ankomm\w*|ankommt|"
    r"geliefert|zugestellt|eintreff\w*|eintrifft|livr\w*|lleg\w*|entreg\w*|consegn\w*)"
)
_GUARANTEES = re.compile(
    "|".join(
        (
            # en
            r"\b(?:we|i)\s+(?:can\s+|will\s+|do\s+)?(?:guarantee|promise)\b[^.!?\n]{0,60}?\b" + _ARRIVE,
            r"\b(?:is|are|it'?s)\s+guaranteed\s+to\s+" + _ARRIVE,
            r"\bwill\s+(?:definitely|certainly|surely|100\s?%)\s+(?:arrive|be\s+delivered|reach\s+you|be\s+with\s+you)",
            # de
            r"\b(?:wir\s+)?garantieren\b[^.!?\n]{0,60}?\b" + _ARRIVE,
            r"\b(?:kommt|ist|wird)\s+(?:\w+\s+)?(?:garantiert|ganz\s+sicher|100\s?%)\s+(?:\w+\s+){0,4}"
            r"(?:an|da|geliefert|zugestellt|bei\s+ihnen)\b",
            # fr
            r"\bnous\s+(?:vous\s+)?garantissons\b[^.!?\n]{0,60}?\b" + _ARRIVE,
            r"\b(?:arrivera|sera\s+livrée?)\s+(?:\w+\s+){0,3}(?:sans\s+faute|à\s+coup\s+sûr|c'est\s+garanti|"
            r"certainement)",
            # es
            r"\b(?:le\s+)?garantizamos\b[^.!?\n]{0,60}?\b" + _ARRIVE,
            r"\bllegará\s+(?:\w+\s+){0,3}(?:sin\s+falta|seguro|con\s+total\s+seguridad)",
            # it
            r"\b(?:le\s+)?garantiamo\b[^.!?\n]{0,60}?\b" + _ARRIVE,
            r"\barriverà\s+(?:\w+\s+){0,3}(?:sicuramente|di\s+sicuro|senza\s+dubbio|senza\s+fallo)",
            # ja
            r"必ず[^。！？\n]{0,20}(?:届き|届け|お届け|到着)",
            r"(?:お届け|到着|配達)(?:日)?を(?:保証|お約束)",
            # zh
            r"保证[^。！？\n]{0,20}(?:到|送达|收到)",
            r"一定(?:会|能)[^。！？\n]{0,10}(?:到|送达|收到)",
        )
    ),
    re.I,
)
def check_guarantees(inp: GuardInput) -> list[GuardViolation]:
    found = [m.span() for m in _GUARANTEES.finditer(inp.lower)]
    # "we cannot guarantee ...", "お約束できかねます", "不能保证": the clause negation the offers are read with
    spans = [span for span, negated in zip(found, negated_spans(inp.lower, found), strict=True) if not negated]
    return [
        GuardViolation(rule="unsupported_promise", span=inp.text.span(*span), message=MESSAGE)
        for span in merged(spans)
    ]
