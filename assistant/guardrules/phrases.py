"""Match hundreds of phrase patterns against a draft in one pass, so the guard stays within its time budget.

Python's `re` tries every branch of an alternation at every position of the text. Instead, each branch of a
`Phrases` set is compiled on its own and indexed by the one to three letters any match must start with (worked
out from the pattern itself). One scan over the word starts of the lower-cased draft (and over its Chinese and
Japanese characters, which have no word starts) looks those letters up and tries only the branches they name.
Branches whose first letters cannot be worked out are searched the ordinary way.

Patterns are lower-case and matched without re.IGNORECASE on the lower-cased draft. A branch written with a
leading `\\b` matches at word starts only; any other branch at Chinese or Japanese characters, or everywhere if
it cannot be indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = ["Phrases", "lower_same_length"]

_KEY = 3  # how many leading characters index a branch
_MAX_KEYS = 400  # a branch with more possible beginnings is searched the ordinary way
_ESCAPES = re.compile(r"\\.|\(\?-i:[^)]*\)")
_UPPER = re.compile(r"[A-Z]")
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f"
_WORD = re.compile(r"\w")
_QUANTIFIER = re.compile(r"(\?|\*|\+|\{(\d*)(,?)(\d*)\})[?+]?")
_GROUP_OPENING = re.compile(r"\?(?::|P<\w+>|[a-z]*-?[a-z]*:)")
_CJK_CHAR = re.compile("[" + _CJK + "]")

Key = tuple[str, bool]  # leading characters, and whether the branch may continue past them


Branch = tuple[int, bool, re.Pattern[str]]  # owner (id of its Phrases), at word starts only, compiled branch


class _Index:
    """Branches by their possible first characters, and two patterns that find where such characters occur."""

    def __init__(self, branches: Iterable[tuple[frozenset[str], Branch]]) -> None:
        self.by_key: dict[str, list[Branch]] = {}
        for keys, branch in branches:
            for key in keys:
                self.by_key.setdefault(key, []).append(branch)
        words = sorted((k for k in self.by_key if not _CJK_CHAR.match(k)), key=len, reverse=True)
        cjk_firsts = sorted({k[0] for k in self.by_key if _CJK_CHAR.match(k)})
        # `\b(?=...)`: a lookahead finds keys that overlap; grouping by first letter keeps `re` fast.
        self.words = re.compile(r"\b(?=" + _by_first_character([re.escape(k) for k in words]) + ")") if words else None
        self.cjk = re.compile("[" + "".join(cjk_firsts) + "]") if cjk_firsts else None

    def matches(self, lower: str, pos: int, end: int) -> Iterator[tuple[int, re.Match[str]]]:
        """(owner, match) for every branch that matches at a place where one of its keys occurs."""
        for finder in (self.words, self.cjk):
            if finder is None:
                continue
            for hit in finder.finditer(lower, pos, end):
                start = hit.start()
                word_start = start == 0 or not _WORD.match(lower, start - 1)
                for length in range(1, _KEY + 1):
                    for owner, at_word_start, pattern in self.by_key.get(lower[start : start + length], ()):
                        if at_word_start and not word_start:
                            continue
                        match = pattern.match(lower, start, end)
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
                keys = _leading_keys(body)
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


def _by_first_character(branches: list[str]) -> str:
    """Join branches, grouping those that start with the same plain character: `re` then tests one character
    per group at each position instead of every branch."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for branch in branches:
        head = branch[:1]
        if head.isalnum() and branch[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(head, []).append(branch[1:])
        else:
            rest.append(branch)
    joined = [head + "(?:" + "|".join(tails) + ")" for head, tails in groups.items()]
    return "|".join(joined + rest)


def lower_same_length(text: str) -> str:
    """text.lower(), one character for one, so offsets stay valid ("İ" lower-cases to two characters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower()[:1] or c for c in text)


# --- reading just enough regex syntax to know how a match can begin -------------------------------------------


def _top_level(pattern: str) -> list[str]:
    """Split a regex at its top-level `|` (not inside groups, classes or escapes)."""
    return [b for b in _split_alternatives(pattern) if b]


def _split_alternatives(pattern: str) -> list[str]:
    branches, current, depth, in_class, escaped = [], [], 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            continue
        current.append(char)
    branches.append("".join(current))
    return branches


def _leading_keys(body: str) -> frozenset[str] | None:
    """The possible first (up to three) characters of a match, or None if they cannot be listed."""
    try:
        keys = _sequence_keys(body, _KEY)
    except ValueError:
        return None
    if keys is None or any(not k for k, _ in keys):
        return None
    return frozenset(k for k, _ in keys)


def _sequence_keys(body: str, limit: int) -> set[Key] | None:
    keys: set[Key] = {("", True)}
    i = 0
    while i < len(body) and any(open_ and len(k) < limit for k, open_ in keys):
        item, i = _item(body, i)
        lo, hi, i = _quantifier(body, i)
        item_keys = _item_keys(item, limit)
        if item_keys is None:
            item_keys = {("", False)}
        if hi != 1:  # a repeated item: stop the key after its first repetition
            item_keys = {(k, False) for k, _ in item_keys}
        if lo == 0:
            item_keys = item_keys | {("", True)}
        keys = {
            ((k + e)[:limit], o and len(k + e) < limit) if open_ and len(k) < limit else (k, False)
            for k, open_ in keys
            for e, o in (item_keys if open_ and len(k) < limit else {("", False)})
        }
        if len(keys) > _MAX_KEYS:
            return None
    return keys


def _item(body: str, i: int) -> tuple[str, int]:
    """The next atom of the pattern: a character, an escape, a class or a whole group."""
    char = body[i]
    if char == "\\":
        return body[i : i + 2], i + 2
    if char == "[":
        j = i + 1 + (body[i + 1] == "^") + (body[i + 1 + (body[i + 1] == "^")] == "]")
        while body[j] != "]":
            j += 2 if body[j] == "\\" else 1
        return body[i : j + 1], j + 1
    if char == "(":
        depth, j, in_class = 0, i, False
        while True:
            c = body[j]
            if c == "\\":
                j += 2
                continue
            if in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
            elif c in "()":
                depth += 1 if c == "(" else -1
                if depth == 0:
                    return body[i : j + 1], j + 1
            j += 1
    if char in ")|":
        raise ValueError("unbalanced pattern")
    return char, i + 1


def _quantifier(body: str, i: int) -> tuple[int, int, int]:
    """(min, max, next index) of the quantifier at i; max -1 is unbounded."""
    match = _QUANTIFIER.match(body, i)
    if match is None:
        return 1, 1, i
    symbol = match.group(1)
    if symbol in ("?", "*", "+"):
        return (0 if symbol != "+" else 1), (1 if symbol == "?" else -1), match.end()
    low = int(match.group(2) or 0)
    high = low if not match.group(3) else (int(match.group(4)) if match.group(4) else -1)
    return low, high, match.end()


def _item_keys(item: str, limit: int) -> set[Key] | None:
    if item.startswith(("(?=", "(?!", "(?<=", "(?<!")):  # lookarounds take no characters
        return {("", True)}
    if item.startswith("("):
        return _group_keys(item, limit)
    if item.startswith("["):
        return _class_keys(item)
    if item.startswith("\\"):
        code = item[1]
        if code in "bBAZ":
            return {("", True)}
        if code == "d":
            return {(digit, True) for digit in "0123456789"}
        if code in "sSwWD" or code.isdigit():
            return None
        return {({"t": "\t", "n": "\n"}.get(code, code), True)}
    if item in "^$":
        return {("", True)}
    if item == ".":
        return None
    return {(item, True)}


def _group_keys(item: str, limit: int) -> set[Key] | None:
    inner = item[1:-1]
    if inner.startswith("?"):
        prefix = _GROUP_OPENING.match(inner)
        if prefix is None:
            return None
        inner = inner[prefix.end() :]
    keys: set[Key] = set()
    for alternative in _split_alternatives(inner):
        found = _sequence_keys(alternative, limit)
        if found is None:
            return None
        keys |= found
    return keys


def _class_keys(item: str) -> set[Key] | None:
    inner = item[1:-1]
    if inner.startswith("^") or "\\" in inner.replace("\\-", "").replace("\\.", "").replace("\\$", ""):
        return None
    chars = inner.replace("\\", "")
    if re.search(r".-.", chars) or len(chars) > 12:
        return None
    return {(c, True) for c in chars}
