"""What every guard rule reads (the draft, its folded form, the decision, the policy) and how it reports a finding."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from assistant.guardrules.normalize import NormalizedText, normalize
from assistant.guardrules.phrases import Phrases, lower_same_length
from assistant.models import Decision, GuardViolation
from assistant.policy import GuardPolicy

__all__ = ["GuardInput", "Rule", "matches_near", "merged", "phrase_violations", "violations_for"]


@dataclass(frozen=True, slots=True)
class GuardInput:
    """One draft to check, folded once and shared by every rule."""

    draft: str
    decision: Decision
    policy: GuardPolicy
    buyer_text: str = ""
    language: str = "en"
    text: NormalizedText = field(init=False)
    lower: str = field(init=False)  # the folded text lower-cased, same offsets

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalize(self.draft))
        object.__setattr__(self, "lower", lower_same_length(self.text.text))

    @property
    def folded(self) -> str:
        return self.text.text


Rule = Callable[[GuardInput], list[GuardViolation]]


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones joined, so one offending phrase is reported once."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def violations_for(
    inp: GuardInput, rule: str, message: str, patterns: Iterable[re.Pattern[str]]
) -> list[GuardViolation]:
    """Every match of the patterns in the folded draft, as violations with spans in the original draft."""
    spans = [inp.text.span(*m.span()) for p in patterns for m in p.finditer(inp.folded) if m.end() > m.start()]
    return [GuardViolation(rule=rule, span=s, message=message) for s in merged(spans)]


def phrase_violations(inp: GuardInput, rule: str, message: str, phrases: Phrases) -> list[GuardViolation]:
    """Every match of the phrases in the lower-cased folded draft, as violations with spans in the original draft."""
    spans = [inp.text.span(*m.span()) for m in phrases.finditer(inp.lower) if m.end() > m.start()]
    return [GuardViolation(rule=rule, span=s, message=message) for s in merged(spans)]


def matches_near(
    trigger: re.Pattern[str], pattern: re.Pattern[str], inp: GuardInput, before: int = 80, after: int = 40
) -> Iterator[re.Match[str]]:
    """Matches of an expensive pattern in the folded draft that start from `before` characters ahead of a cheap
    trigger's match (in the lower-cased draft) to `after` characters past it; the rest is never searched."""
    text = inp.folded
    windows: list[tuple[int, int]] = []
    for hit in trigger.finditer(inp.lower):
        start, end = max(0, hit.start() - before), min(len(text), hit.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    for start, end in windows:
        for match in pattern.finditer(text, start, end):
            yield pattern.match(text, match.start()) or match  # the whole match, even past the window
