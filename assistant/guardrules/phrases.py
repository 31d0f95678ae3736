"""Match hundreds of phrase patterns against a draft in one pass, so the guard stays within its time budget.

Python's `re` tries every branch of an alternation at every position of the text. Instead, each branch of a
`Phrases` set is compiled on its own and indexed by the one to four letters any match must start with (worked
out from the pattern itself, see `prefixes`). One scan over the word starts of the lower-cased draft (and over
its Chinese and Japanese characters, which have no word starts) looks those letters up and tries only the
branches they name.
Branches whose first letters cannot be worked out are searched the ordinary way.

Patterns are lower-case and matched without re.IGNORECASE on the lower-cased draft. A branch written with a
leading `\\b` matches at word starts only; any other branch at Chinese or Japanese characters, or everywhere if
it cannot be indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from assistant.cjk import HALFWIDTH_KANA, HAN, KANA
from assistant.guardrules.prefixes import KEY_LENGTH, leading_keys, split_alternatives

__all__ = ["Phrases", "lower_same_length"]

_ESCAPES = re.compile(r"\\.|\(\?-i:[^)]*\)")
_UPPER = re.compile(r"[A-Z]")
_CJK = KANA + HAN + HALFWIDTH_KANA
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s")
_CJK_CHAR = re.compile("[" + _CJK + "]")


Branch = tuple[int, bool, re.Pattern[str]]  # owner (id of its Phrases), at word starts only, compiled branch


class _Index:
    """Branches by their possible first characters, and the patterns that find where those characters occur."""

    def __init__(self, branches: Iterable[tuple[frozenset[str], Branch]]) -> None:
        grouped: dict[str, dict[tuple[int, bool], list[str]]] = {}
        for keys, (owner, at_word_start, pattern) in branches:
            for key in keys:
                grouped.setdefault(key, {}).setdefault((owner, at_word_start), []).append(pattern.pattern)
        # Branches of one set under one key are tried as one alternation: one `match` call per set and key.
        self.by_key: dict[str, list[Branch]] = {
            key: [(owner, word, _compiled("|".join(bodies))) for (owner, word), bodies in by_owner.items()]
            for key, by_owner in grouped.items()
        }
        words = [k for k in self.by_key if not _CJK_CHAR.match(k)]
        # At a word start the finder reports the longest key there; the branches of its shorter prefixes come along.
        self.by_longest: dict[str, list[tuple[int, re.Pattern[str]]]] = {
            key: [(o, p) for n in range(1, len(key) + 1) for o, _, p in self.by_key.get(key[:n], ())] for key in words
        }
        self.words = re.compile(r"\b(?=(" + _trie(words) + "))") if words else None
        cjk_firsts = sorted({k[0] for k in self.by_key if _CJK_CHAR.match(k)})
        self.cjk = re.compile("[" + "".join(cjk_firsts) + "]") if cjk_firsts else None

    def matches(self, lower: str, pos: int, end: int) -> Iterator[tuple[int, re.Match[str]]]:
        """(owner, match) for every branch that matches at a place where one of its keys occurs."""
        keys = _SPACES.sub(" ", lower[pos:end])  # keys spell any whitespace as a space
        if self.words is not None:
            for hit in self.words.finditer(keys):
                for owner, pattern in self.by_longest[hit.group(1)]:
                    match = pattern.match(lower, pos + hit.start(), end)
                    if match is not None:
                        yield owner, match
        if self.cjk is None:
            return
        for hit in self.cjk.finditer(keys):
            start = pos + hit.start()
            word_start = start == 0 or not _WORD.match(lower, start - 1)
            for length in range(1, KEY_LENGTH + 1):
                for owner, at_word_start, pattern in self.by_key.get(keys[hit.start() : hit.start() + length], ()):
                    match = pattern.match(lower, start, end) if word_start or not at_word_start else None
                    if match is not None:
                        yield owner, match


class Phrases:
    """A set of lower-case regex phrases; `finditer(lower)` yields every match of every branch."""

    _registry: list[Phrases] = []  # noqa: RUF012 - one shared index for every set

    def __init__(self, patterns: Iterable[str]) -> None:
        self.keyed: list[tuple[frozenset[str], Branch]] = []
        self.unkeyed: list[re.Pattern[str]] = []
        for pattern in patterns:
            if _UPPER.search(_ESCAPES.sub("", pattern)):
                raise ValueError(f"phrase patterns are matched on lower-cased text; lower-case this one: {pattern!r}")
            for branch in _top_level(pattern):
                at_word_start = branch.startswith(r"\b")
                body = branch[2:] if at_word_start else branch
                keys = leading_keys(body)
                # A branch without \b may start inside a word: only Chinese and Japanese ones can be indexed.
                if keys is None or not (at_word_start or all(_CJK_CHAR.match(k) for k in keys)):
                    self.unkeyed.append(re.compile(branch))
                else:
                    self.keyed.append((keys, (id(self), at_word_start, re.compile(body))))
        self._own = _Index(self.keyed)
        Phrases._registry.append(self)

    def finditer(self, lower: str) -> Iterator[re.Match[str]]:
        """Every match in the whole lower-cased text (matches of different branches may overlap)."""
        yield from _scan(lower, len(Phrases._registry)).get(id(self), ())
        for pattern in self.unkeyed:
            yield from pattern.finditer(lower)

    def search(self, lower: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Some match inside lower[pos:endpos]."""
        end = len(lower) if endpos is None else endpos
        for _, match in self._own.matches(lower, pos, end):
            return match
        for pattern in self.unkeyed:
            found = pattern.search(lower, pos, end)
            if found is not None:
                return found
        return None


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=2)
def _shared_index(registry_size: int) -> _Index:
    return _Index(branch for phrases in Phrases._registry[:registry_size] for branch in phrases.keyed)


@lru_cache(maxsize=8)
def _scan(lower: str, registry_size: int) -> dict[int, list[re.Match[str]]]:
    """Matches of every indexed branch of every phrase set, by set: one pass over the text for all of them."""
    found: dict[int, list[re.Match[str]]] = {}
    for owner, match in _shared_index(registry_size).matches(lower, 0, len(lower)):
        found.setdefault(owner, []).append(match)
    return found


def _trie(words: Iterable[str]) -> str:
    """A pattern matching the longest of the words at a position, nested by shared beginnings ("you(?: |r)?")
    so that `re` tests each character once instead of every word."""
    children: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    if not children:
        return ""
    branches = [re.escape(head) + _trie(rests) for head, rests in sorted(children.items())]
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + group + ")?" if ends_here else group


def lower_same_length(text: str) -> str:
    """text.lower(), one character for one, so offsets stay valid ("İ" lower-cases to two characters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower()[:1] or c for c in text)


def _top_level(pattern: str) -> list[str]:
    """The top-level branches of a pattern, without empty ones."""
    return [b for b in split_alternatives(pattern) if b]
