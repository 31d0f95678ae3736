"""Sentence and clause boundaries, shared by the rules that judge a phrase by the sentence around it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

__all__ = ["clause_around", "sentence_around"]

# A full stop only ends a sentence before a space or the end ("14.99" and "shop.example" stay whole).
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")
# Clauses also end at commas, semicolons, dashes and contrastive words ("..., but we can refund you").
_CLAUSE_END = re.compile(
    r"[.!?](?=\s|$)|[。！？\n;；,，、:：]|\s[-–—]\s"
    r"|\b(?:but|however|aber|jedoch|mais|cependant|pero|sin embargo|ma|però)\b|但是|但|不过|ですが|けれど",
    re.I,
)


@lru_cache(maxsize=16)
def _ends(text: str, clauses: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    pattern = _CLAUSE_END if clauses else _SENTENCE_END
    matches = list(pattern.finditer(text))
    return tuple(m.start() for m in matches), tuple(m.end() for m in matches)


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
