"""Rule `phone`: phone numbers in international and national shapes (or written out in words), and messenger handles
(WhatsApp, WeChat, Telegram, LINE, Viber, ...). Order ids, tracking numbers, dates, times, prices, sizes and
model numbers are masked first so they never look like a phone.

Source: marketplace buyer-seller messaging guidelines, "do not include phone numbers".
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.guardrules.context import GuardInput, merged
from assistant.guardrules.phrases import lower_same_length
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_phone", "phone_spans"]

MESSAGE = "Remove the phone number or messenger contact: buyer and seller talk only through the marketplace's messages."

_I = re.I
# Numbers that are something else. Each is replaced by '#' before phones are looked for. Tried only where a run of
# digits starts (or one or two characters before, for "$ 14.99" and "D01-..." order ids), so no leading \b.
_NOT_PHONES = re.compile(
    "|".join(
        (
            r"(?:\d{3}|[a-z]\d{2})-\d{7}-\d{7}\b",  # marketplace order id
            r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?",  # 2026-11-23
            r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b",  # 23.11.2026, 11/23/2026
            r"\d{1,2}\.\d{1,2}\.(?!\d)",  # 23.11.
            r"\d{4}[/-]\d{1,2}\b(?![/-]?\d)",  # 2026-11
            r"\d{1,2}[:h]\d{2}(?::\d{2})?\b",  # 14:30, 14h30
            r"[$€£¥₹]\s?\d[\d.,]*",  # $14.99
            r"\d{1,3}(?:[ .,]\d{3})*(?:[.,]\d{1,2})?\s?(?:[$€£¥₹]|eur(?:os?)?\b|usd\b|gbp\b|dollars?\b|yen\b|yuan\b|"
            r"rmb\b|円|元|块)",  # 14,99 €
            r"\d+(?:[.,]\d+)?\s?[x×*]\s?\d+(?:[.,]\d+)?(?:\s?[x×*]\s?\d+(?:[.,]\d+)?)?",  # 30x40, 30 x 40 x 5
            r"\d+(?:[.,]\d+)?\s?(?:mm|cm|m|km|kg|g|mg|ml|l|in|inch(?:es)?|ft|lbs?|oz|w|kw|v|mah|wh|gb|tb|mb|hz|%|"
            r"pcs|pieces|st(?:ü|ue)ck|pack)\b",  # 30 cm, 2000 mAh
        )
    )
)
# A phone-shaped run, tried at the start of a run of digits (or at the "+" or "(" just before it). Runs glued to
# Latin letters or other ids ("WH-1000XM5", "1Z999AA10123456784", "#") are not phones; Chinese and Japanese
# text has no spaces, so their letters may touch a number ("お電話は090-1234-5678まで").
_CANDIDATE = re.compile(r"\+?[ \t]?\(?\d(?:[\d().\-/]|[ \t](?=[\d(]))*\d\)?")
_GLUED_BEFORE = re.compile(r"[0-9A-Za-z_+#.,/-]")
_GLUED_AFTER = re.compile(r"[A-Za-z]")
_DECIMAL = re.compile(r"^\d+[.,]\d+$|^[1-9]\d{0,2}(?:\.\d{3}){2,}$")
_PHONE_WORDS = (
    r"phone|tel\b|telephone|call|text us|sms|mobile|cell|whats\s?app|telefon|handy|anrufen|rufen|appel\w*|"
    r"t[ée]l[ée]phone|portable|llam\w*|tel[ée]fono|m[óo]vil|chiam\w*|cellulare|numero di|n[úu]mero de|"
    r"電話|携帯|电话|手机|致电|来电"
)
_ID_WORDS = (
    r"tracking|track|sendung\w*|suivi|seguimiento|tracciamento|追跡|单号|運単|运单|快递|order|bestell\w*|"
    r"commande|pedido|ordine|注文|订单|invoice|rechnung|facture|factura|fattura|ref\w*|sku|asin|ean|upc|isbn|"
    r"model\w*|mod[èe]le|serial|serie\w*|batch|lot|item|artikel\w*|article|articolo|型番|型号|编号"
)
_CONTEXT = re.compile(r"(?P<phone>" + _PHONE_WORDS + r")|(?P<id>" + _ID_WORDS + r")", _I)
_MESSENGERS = r"whats\s?app|we\s?chat|weixin|telegram|viber|skype|kakao\s?talk|qq"
_HANDLE = r"@?[\w.+\-]*\w{2}[\w.+\-]*"
_HANDLES = re.compile(
    "|".join(
        (
            r"\b(?:" + _MESSENGERS + r"|signal)\s*(?:id|number|no\.?|nr\.?|handle|account|user(?:name)?|号码?|账号)"
            r"\s*[:：]?\s*" + _HANDLE,
            r"\bline\s*id\s*[:：]?\s*" + _HANDLE,
            r"\b(?:" + _MESSENGERS + r")\s*[:：]\s*" + _HANDLE,
            r"\b(?:" + _MESSENGERS + r"|signal)\s+(?:@[\w.\-]{3,}|\+?\d[\d \-]{5,}\d)",
            r"\bline\s+@[\w.\-]{3,}",
            r"(?:微信号?|加微信?|v信|薇信|威信|ライン)\s*(?:ID|号)?\s*[:：]?\s*[a-z0-9_\-]{5,}",
            r"\bvx\s*[:：]?\s*[a-z0-9_\-]{5,}",
        )
    ),
    _I,
)


# A number written out in words ("plus one five five five, one two three, four five six seven"): seven digit words in
# a row never occur otherwise in a reply. en, de, fr, es, it.
_DIGIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|null|eins|zwei|drei|vier|f[üu]nf|sechs|sieben|"
    r"acht|neun|z[ée]ro|un|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|"
    r"nueve|due|tre|quattro|cinque|sei|sette|otto|nove)"
)
_SPELLED = re.compile(r"(?:\bplus\s+)?\b" + _DIGIT_WORD + r"\b(?:[\s,.\-]+" + _DIGIT_WORD + r"\b){6,}", _I)


@lru_cache(maxsize=8)
def phone_spans(folded: str) -> list[tuple[int, int]]:
    """Spans (in the folded text) of phone numbers and messenger handles. Cached: the phone and pii_echo rules
    both ask for the same draft. The returned list must not be changed."""
    lower = lower_same_length(folded)
    spans = [m.span() for m in _HANDLES.finditer(folded)] if any(w in lower for w in _HANDLE_WORDS) else []
    spans += [m.span() for m in _SPELLED.finditer(lower)]
    if len(_DIGIT.findall(lower)) < 7:
        return merged(spans)
    # Most numbers in a reply are short ("24 hours", "2026"): only runs of seven digits or more are read closely.
    covered = 0
    for run in _DIGIT_RUN.finditer(lower):
        if run.start() < covered:
            continue
        cluster = _CANDIDATE.match(lower, _candidate_start(lower, run.start()))
        covered = max(run.end(), cluster.end() if cluster else 0)
        if cluster is None or len(_DIGIT.findall(cluster.group())) < 7:
            continue
        whole = _NOT_PHONES.match(lower, cluster.start())
        if whole is None or whole.end() < cluster.end():  # not simply an order id or a date
            spans.extend(_phones_in(lower, folded, max(0, cluster.start() - 2), cluster.end() + 24))
    return merged(spans)


def _candidate_start(text: str, start: int) -> int:
    """Where a number starting with digits at `start` really starts: at a "(" or "+" just before it."""
    start -= 1 if text[start - 1 : start] == "(" else 0
    return start - (1 if text[start - 1 : start] == "+" else 2 if text[start - 2 : start] == "+ " else 0)


def _phones_in(lower: str, folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Phone numbers in lower[start:end], once the dates, prices, sizes and ids there are masked."""
    region = _masked(lower[start:end])
    spans, covered = [], 0
    for run in _DIGIT_RUN.finditer(region):
        if run.start() < covered:
            continue
        at = _candidate_start(region, run.start())
        match = _CANDIDATE.match(region, at)
        glued = (at > 0 and _GLUED_BEFORE.match(region, at - 1) is not None) or (at == 0 and start > 0)
        if match is None or glued or _GLUED_AFTER.match(region, match.end()):
            covered = run.end()
            continue
        covered = match.end()
        if _looks_like_phone(match.group(), folded, start + at):
            spans.append((start + match.start(), start + match.end()))
    return spans


def _masked(text: str) -> str:
    """The (lower-cased) text with every date, time, price, size and order id replaced by '#'."""
    chars = list(text)
    covered = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < covered:
            continue
        before = text[max(run.start() - 2, 0) : run.start()]
        # "$ 14.99", "$14.99" and "D01-..." start before the digits
        starts = [run.start() - len(before) + i for i, c in enumerate(before) if c in "$€£¥₹" or c.isalpha()]
        for start in (*starts, run.start()):
            match = _NOT_PHONES.match(text, start)
            if match is not None and match.end() > run.start():
                chars[match.start() : match.end()] = "#" * (match.end() - match.start())
                covered = match.end()
                break
    return "".join(chars)


# fmt: off
_HANDLE_WORDS = (
    "whats", "wechat", "we chat", "weixin", "telegram", "viber", "skype", "kakao", "qq", "signal", "line",
    "微信", "加微", "v信", "薇信", "威信", "ライン", "vx",
)
# fmt: on
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")


def _looks_like_phone(number: str, folded: str, start: int) -> bool:
    digits = sum(c.isdigit() for c in number)
    if not 7 <= digits <= 15 or _DECIMAL.match(number):
        return False
    international = number.startswith(("+", "00"))
    formatted = any(c in number for c in " ().-/")
    context = _nearest_context(folded, start)
    if context == "id" and not international:
        return False
    if international or formatted or context == "phone":
        return True
    bare = number.lstrip("(")
    return bool(re.fullmatch(r"0\d{9,10}|1[3-9]\d{9}", bare))


def _nearest_context(folded: str, start: int) -> str | None:
    """Whether the closest keyword in the 40 characters before a number says phone or some other id."""
    window = folded[max(0, start - 40) : start]
    last = None
    for match in _CONTEXT.finditer(window):
        last = match.lastgroup
    return last


def check_phone(inp: GuardInput) -> list[GuardViolation]:
    return [
        GuardViolation(rule="phone", span=inp.text.span(*span), message=MESSAGE) for span in phone_spans(inp.folded)
    ]
