"""Read the offers a draft makes: remedy phrases (full, partial or plain refund, refund before the return,
replacement, cancellation), refund percentages and money amounts, in en, de, fr, es, it, ja and zh.

A phrase is not an offer when its clause negates it ("we cannot offer a refund", "全額返金はできかねます"),
reports the past ("your refund was issued"), frames the buyer's request ("the status of your refund",
"cancellation request"), names the marketplace as the one acting ("refunds are handled by Amazon"), or is the
quoted title of a policy ("our “Refunds” policy").
Limits: one clause or sentence of context only; a negation elsewhere in the clause also cancels the offer; no
arithmetic on money amounts (the item price is not known here); "打8折"-style discounts are not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assistant.guardrules.offerwords import (
    AMOUNT_AFTER,
    AMOUNT_BEFORE,
    CANCEL,
    COMPENSATION,
    CURRENCY,
    FULL,
    IMMEDIATE,
    MARKETPLACE,
    NEGATION_AFTER,
    NEGATION_BEFORE,
    NO_RETURN,
    NO_RIGHT_BEFORE,
    NOT_AN_OFFER,
    NOT_NEGATIONS,
    NUMBER_BEFORE,
    PARTIAL,
    PERCENT_SIGN,
    POLICY_WORD,
    QUOTED,
    REFUND,
    REQUEST_AFTER,
    RESEND,
)
from assistant.guardrules.sentences import clause_around, sentence_around

__all__ = ["Offer", "OfferKind", "extract_offers", "negated_spans"]


class OfferKind(StrEnum):
    FULL_REFUND = "full refund"
    REFUND = "refund"
    PARTIAL_REFUND = "partial refund"
    PERCENT = "refund percentage"
    MONEY = "money amount"
    IMMEDIATE_REFUND = "refund before the return"
    RESEND = "replacement"
    CANCEL = "cancellation"


@dataclass(frozen=True, slots=True)
class Offer:
    kind: OfferKind
    span: tuple[int, int]  # in the folded text
    percent: float | None = None


class _Reader:
    """One lower-cased draft, with the phrases that qualify an offer found once, for questions about stretches."""

    def __init__(self, text: str) -> None:
        self.text = text
        encouragements = [m.span() for m in NOT_NEGATIONS.finditer(text)]
        self.negations_before = [
            m.span()
            for m in NEGATION_BEFORE.finditer(text)
            if not any(s <= m.start() and m.end() <= e for s, e in encouragements)
        ]
        self.negations_after = [m.span() for m in NEGATION_AFTER.finditer(text)]
        self.not_offers = [m.span() for m in NOT_AN_OFFER.finditer(text)]
        self.compensation = [m.span() for m in COMPENSATION.finditer(text)]
        self.refunds = [m.span() for m in REFUND.finditer(text)]
        self.titles = [
            m.span()
            for m in QUOTED.finditer(text)
            if POLICY_WORD.search(text, max(0, m.start() - 25), min(len(text), m.end() + 25))
        ]

    @staticmethod
    def within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e in spans)

    def negated(self, start: int, end: int) -> bool:
        """Whether the clause around [start, end) negates it ("we cannot offer", "全額返金はできかねます")."""
        text = self.text
        c_start, c_end = clause_around(text, start, end)
        return (self.within(self.negations_before, c_start, start) or NO_RIGHT_BEFORE.search(text, c_start, start)
                is not None or self.within(self.negations_after, end, c_end))

    def is_offer(self, start: int, end: int) -> bool:
        """Whether the phrase at [start, end) offers something, rather than refusing, reporting or quoting it."""
        text = self.text
        if any(s <= start and end <= e for s, e in self.titles):
            return False
        if self.negated(start, end):
            return False
        c_start, c_end = clause_around(text, start, end)
        if self.within(self.not_offers, c_start, c_end):
            return False
        if MARKETPLACE.search(text, *sentence_around(text, start, end)):
            return False
        return not REQUEST_AFTER.search(text[end : end + 20]) and not REQUEST_AFTER.search(text[start:end])


def negated_spans(folded: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each span of the folded draft, whether its clause negates it: the same reading as for offers, for the
    rules that promise something other than a remedy (guardrules.guarantees)."""
    reader = _Reader(folded) if spans else None
    return [reader.negated(*span) for span in spans] if reader else []


def extract_offers(folded: str) -> list[Offer]:
    """Every remedy, percentage or amount the draft offers; `folded` is the lower-cased folded draft."""
    reader = _Reader(folded)
    offers: list[Offer] = []
    for kind, pattern in (
        (OfferKind.FULL_REFUND, FULL),
        (OfferKind.PARTIAL_REFUND, PARTIAL),
        (OfferKind.IMMEDIATE_REFUND, IMMEDIATE),
        (OfferKind.RESEND, RESEND),
        (OfferKind.CANCEL, CANCEL),
    ):
        found = sorted({m.span() for m in pattern.finditer(folded) if reader.is_offer(*m.span())})
        offers.extend(Offer(kind, span) for i, span in enumerate(found) if not i or span[0] >= found[i - 1][1])
    for span, value in _percentages(folded):
        start, end = sentence_around(folded, *span)
        if reader.within(reader.compensation, start, end) and reader.is_offer(*span):
            offers.append(Offer(OfferKind.PERCENT, span, value))
    for span in _amounts(folded):
        start, end = clause_around(folded, *span)
        if reader.within(reader.compensation, start, end) and reader.is_offer(*span):
            offers.append(Offer(OfferKind.MONEY, span))
    offers.extend(_refunds_without_return(reader, offers))
    offers.extend(_plain_refunds(reader, offers))
    return _without_covered_partials(folded, offers)


def _percentages(text: str) -> list[tuple[tuple[int, int], float]]:
    """(span, value) of "20%", "20 Prozent", "百分之二十" (digits only), "2割" (= 20%)."""
    found = []
    for sign in PERCENT_SIGN.finditer(text):
        if sign.group(1):  # 百分之20
            found.append((sign.span(), float(sign.group(1))))
            continue
        number = NUMBER_BEFORE.search(text, max(0, sign.start() - 12), sign.start())
        if number is not None:
            multiplier = 10 if sign.group() == "割" else 1
            found.append(((number.start(1), sign.end()), float(number.group(1).replace(",", ".")) * multiplier))
    return found


def _amounts(text: str) -> list[tuple[int, int]]:
    """Spans of money amounts: "$14.99", "14,99 €", "20 dollars"."""
    spans = []
    for sign in CURRENCY.finditer(text):
        after = AMOUNT_AFTER.match(text, sign.end())
        before = AMOUNT_BEFORE.search(text, max(0, sign.start() - 16), sign.start())
        if after is not None:
            spans.append((sign.start(), after.end()))
        elif before is not None:
            spans.append((before.start(), sign.end()))
    return spans


def _refunds_without_return(reader: _Reader, found: list[Offer]) -> list[Offer]:
    offers = []
    for match in NO_RETURN.finditer(reader.text):
        start, end = sentence_around(reader.text, *match.span())
        refunds = [r for r in reader.refunds if start <= r[0] and r[1] <= end and reader.is_offer(*r)]
        immediate = any(o.kind is OfferKind.IMMEDIATE_REFUND and start <= o.span[0] < end for o in found)
        if refunds and not immediate and not _overlaps(match.span(), found):
            offers.append(Offer(OfferKind.IMMEDIATE_REFUND, match.span()))
    return offers


def _plain_refunds(reader: _Reader, found: list[Offer]) -> list[Offer]:
    """A refund with no amount, percentage or 'partial' in its sentence: the buyer will read it as a full refund."""
    offers: list[Offer] = []
    for span in sorted(set(reader.refunds)):
        if _overlaps(span, found) or _overlaps(span, offers) or not reader.is_offer(*span):
            continue
        start, end = sentence_around(reader.text, *span)
        if any(start <= o.span[0] < end and o.kind in _AMOUNTS for o in found):
            continue
        offers.append(Offer(OfferKind.REFUND, span))
    return offers


_AMOUNTS = {OfferKind.PARTIAL_REFUND, OfferKind.PERCENT, OfferKind.MONEY, OfferKind.IMMEDIATE_REFUND}


def _without_covered_partials(folded: str, offers: list[Offer]) -> list[Offer]:
    """Drop 'partial refund' when its sentence states the percentage: the percentage is what gets checked."""
    percents = [o for o in offers if o.kind is OfferKind.PERCENT]
    kept = []
    for offer in offers:
        if offer.kind is OfferKind.PARTIAL_REFUND:
            start, end = sentence_around(folded, *offer.span)
            if any(start <= p.span[0] < end for p in percents):
                continue
        kept.append(offer)
    return kept


def _overlaps(span: tuple[int, int], offers: list[Offer]) -> bool:
    return any(span[0] < o.span[1] and o.span[0] < span[1] for o in offers)
