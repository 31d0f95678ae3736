"""Rule `pii_echo`: the draft repeats the buyer's e-mail address, phone number or street address line taken
from the buyer's message. The marketplace already knows them; a reply must not spread them further.

Source: marketplace data protection policy, "use buyer data only to fulfil the order; do not repeat it".
"""

from __future__ import annotations

import re

from assistant.cjk import CJK, HAN
from assistant.guardrules.contacts import plain_emails
from assistant.guardrules.context import GuardInput, merged
from assistant.guardrules.normalize import normalize
from assistant.guardrules.phones import phone_spans
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_pii_echo"]

MESSAGE = 'Do not repeat the buyer\'s address, e-mail or phone number; write "your address" or similar instead.'

_STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|pkwy|"
    r"highway|hwy|close|crescent|square|sq"
)
_ADDRESS = re.compile(
    "|".join(
        (
            # 12 Main Street, 221B Baker St
            r"\b\d{1,5}[a-z]?\s+(?:[^\W\d_][\w'.-]*\s+){1,4}(?:" + _STREET_WORDS + r")\b\.?",
            # Hauptstraße 5, Lindenweg 12a, Berliner Str. 7
            r"(?-i:\b[A-ZÄÖÜ][\w-]*)\s+(?:straße|strasse|str\.)\s*\d{1,4}[a-z]?\b",
            r"\b[^\W\d_]+(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer)\s*\d{1,4}[a-z]?\b",
            # 12 rue de la Paix, 5, avenue Foch
            r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|place|quai)\s+"
            r"(?:[\w'-]+\s?){1,5}",
            # Calle Mayor 10, Via Roma 5, Corso Italia 12
            r"\b(?:calle|c/|avenida|avda\.?|plaza|paseo|camino|via|viale|piazza|corso|largo|vicolo)\s+(?:[^\W\d_][\w'-]*\s+)"
            r"{1,4},?\s*(?:n[º°o.]?\s*)?\d{1,4}\b",
            # 神南1-2-3, 1丁目2番3号, 中山路100号
            r"\d{1,4}丁目\d{1,4}(?:番地?|-)\d{1,4}号?|[" + HAN + r"](?:路|街|道)\d{1,5}号"
            r"|[" + CJK + r"]\d{1,4}-\d{1,4}(?:-\d{1,4})?(?![\d-])",
        )
    ),
    re.I,
)


def check_pii_echo(inp: GuardInput) -> list[GuardViolation]:
    if not inp.buyer_text.strip():
        return []
    buyer = normalize(inp.buyer_text).text
    draft = inp.folded
    spans: list[tuple[int, int]] = []
    for email in set(plain_emails(buyer)):
        spans.extend(m.span() for m in re.finditer(re.escape(email), draft, re.I))
    for line in {m.group().strip(" ,.") for m in _ADDRESS.finditer(buyer)}:
        spans.extend(m.span() for m in re.finditer(_loose(line), draft, re.I))
    spans.extend(_phone_echoes(buyer, draft))
    return [GuardViolation(rule="pii_echo", span=inp.text.span(*s), message=MESSAGE) for s in merged(spans)]


def _loose(line: str) -> str:
    """The address line as a pattern that tolerates other spacing and punctuation between its words."""
    words = re.findall(r"\w+", line)
    body = r"[\s,.\-/]*".join(re.escape(w) for w in words)
    # Chinese and Japanese have no spaces between words, so no word boundary either.
    return body if not line[:1].isascii() else r"(?<!\w)" + body + r"(?!\w)"


def _phone_echoes(buyer: str, draft: str) -> list[tuple[int, int]]:
    """Draft phone numbers whose last seven digits are those of a phone number in the buyer's message."""
    buyer_tails = {_digits(buyer[s:e])[-7:] for s, e in phone_spans(buyer)}
    buyer_tails.discard("")
    return [(s, e) for s, e in phone_spans(draft) if _digits(draft[s:e])[-7:] in buyer_tails]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
