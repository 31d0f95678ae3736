"""Sentence and clause boundaries, shared by the rules that judge a phrase by the sentence around it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from assistant.guardrules.phrases import Phrases

__all__ = ["clause_around", "sentence_around"]

# Punctuation that may end a sentence or clause; a full stop only before a space or the end ("14.99" and
# "shop.example" stay whole), a dash only between spaces.
_MARKS = re.compile(r"[.!?。！？\n;；,，、:：\-–—]")
_SENTENCE_MARKS = frozenset(".!?。！？\n")
_CLAUSE_WORDS = Phrases(
    (r"\b(?:but|however|aber|jedoch|mais|cependant|pero|sin embargo|ma|però)\b", r"但是|但|不过|ですが|けれど")
)


@lru_cache(maxsize=16)
def _ends(text: str, clauses: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    spans = []
    for match in _MARKS.finditer(text):
        start, mark = match.start(), match.group()
        if mark in ".!?" and not (start + 1 == len(text) or text[start + 1].isspace()):
            continue
        if mark in "-–—" and not (0 < start < len(text) - 1 and text[start - 1] == " " and text[start + 1] == " "):
            continue
        if clauses or mark in _SENTENCE_MARKS:
            spans.append((start, start + 1))
    if clauses:
        spans = sorted([*spans, *(m.span() for m in _CLAUSE_WORDS.finditer(text))])
    return tuple(s for s, _ in spans), tuple(e for _, e in spans)


def _around(text: str, start: int, end: int, clauses: bool) -> tuple[int, int]:
    starts, ends = _ends(text, clauses)
    before = bisect_right(ends, start)  # boundaries that end at or before `start`
    left = ends[before - 1] if before else 0
    after = bisect_left(starts, end)  # first boundary that starts at or after `end`
    right = ends[after] if after < len(starts) else len(text)
    return left, right


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence holding text[start:end], its closing punctuation included."""
    return _around(text, start, end, clauses=False)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the clause holding text[start:end]."""
    return _around(text, start, end, clauses=True)
