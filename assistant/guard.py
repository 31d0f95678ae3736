"""The guard stage: decide deterministically whether a draft may be sent, and strip what can be stripped.

`check` runs every rule in `assistant.guardrules` (links, contacts, other platforms, reviews, marketing, format,
tone, promises the decision does not allow, echoed buyer data) and reports each violation with its span in the
draft. `repair` deletes what is mechanically removable; the caller checks the result again and never treats a
repaired draft as passed without that second check.

Known limits (phrase lists, not understanding): a paraphrase no list foresees passes ("hit the stars button");
10-digit numbers with no separators and no "phone"/"call" nearby are not phones (they may be tracking numbers);
"Amazon.com" counts as a link; offers are judged one clause at a time (see `guardrules.offers`).
"""

from __future__ import annotations

import re

from assistant.guardrules import RULES, GuardInput
from assistant.guardrules.context import merged
from assistant.guardrules.sentences import sentence_around
from assistant.models import Decision, GuardReport, GuardViolation
from assistant.policy import GuardPolicy

__all__ = ["check", "repair"]

# A finding inside a finding of another rule is the same text seen twice: the address in "name@shop.com" is not
# also a link, the digits of "WhatsApp +49 ..." are one phone, not a messenger mention plus a phone.
_SUBSUMED_BY = {
    "link": ("email",),
    "phone": ("email", "link"),
    "competitor_or_off_platform": ("phone", "link", "email"),
}
# Markup and emoji go and their sentence stays; a sentence that points the buyer at a link, an address, a phone,
# another platform or their own street exists only for that, so it goes whole (cutting the span alone left
# "Please request your refund at today.").
_DELETE_SPAN = frozenset({"html", "emoji"})
_DELETE_SENTENCE = frozenset({"link", "email", "phone", "competitor_or_off_platform", "pii_echo", "marketing"})


def check(
    draft: str, decision: Decision, policy: GuardPolicy, *, buyer_text: str = "", language: str = "en"
) -> GuardReport:
    """Every messaging rule the draft breaks, sorted by span; passed only when there is none."""
    inp = GuardInput(draft=draft, decision=decision, policy=policy, buyer_text=buyer_text, language=language)
    found = [v for rule in RULES for v in rule(inp)]
    violations = sorted(_without_subsumed(found), key=lambda v: (v.span, v.rule))
    return GuardReport(passed=not violations, violations=violations)


def _without_subsumed(found: list[GuardViolation]) -> list[GuardViolation]:
    def inside(v: GuardViolation, rule: str) -> bool:
        return any(o.rule == rule and o.span[0] <= v.span[0] and v.span[1] <= o.span[1] for o in found)

    return [v for v in found if not any(inside(v, outer) for outer in _SUBSUMED_BY.get(v.rule, ()))]


def repair(draft: str, report: GuardReport) -> str:
    """The draft without the sentences that carry links, e-mails, phones, other platforms, echoed buyer data or
    marketing, without markup and emoji, and with the whitespace around the cuts tidied; nothing is truncated.

    Tone, promises, review requests and length are left for the drafter. Repair never claims success: the caller
    checks the result again and, if it still fails, returns it with passed=false.
    """
    cuts: list[tuple[int, int]] = []
    for violation in report.violations:
        start, end = violation.span
        if not 0 <= start < end <= len(draft):
            continue
        if violation.rule in _DELETE_SPAN:
            cuts.append((start, end))
        elif violation.rule in _DELETE_SENTENCE:
            cuts.append(sentence_around(draft, start, end))
    if not cuts:
        return draft
    pieces, position = [], 0
    for start, end in merged(cuts):
        pieces.append(draft[position:start])
        pieces.append(" ")
        position = end
    pieces.append(draft[position:])
    return _tidy("".join(pieces))


_TIDY_STEPS = (
    (re.compile(r"[ \t\u3000]+"), " "),  # runs of spaces left by a cut
    (re.compile(r"[(\[{]\s*[)\]}]"), ""),  # brackets that held only the removed text
    (re.compile(r" +([,.;:!?。，！？、])"), r"\1"),  # space before punctuation
    (re.compile(r"([,;:])(?:\s*[,;:])+"), r"\1"),  # doubled separators
    (re.compile(r"[,;:]\s*([.!?])"), r"\1"),  # separator right before the end of a sentence
    (re.compile(r"[ ]+$|^[ ]+", re.M), ""),  # spaces at the start or end of a line
    (re.compile(r"\n{3,}"), "\n\n"),
)


def _tidy(text: str) -> str:
    for pattern, replacement in _TIDY_STEPS:
        text = pattern.sub(replacement, text)
    return text.strip()
