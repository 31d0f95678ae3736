r"""Read just enough regex syntax to list how a match of a pattern can begin: its possible first few characters.

`leading_keys(r"(?:leave|write)\s+us")` is {"leav", "writ"}. `Phrases` indexes its branches by these keys. The
reader knows the syntax the guard's phrase patterns use (literals, escapes, classes, groups, lookarounds,
quantifiers); anything else makes it give up (None), and the branch is then searched the ordinary way.
"""

from __future__ import annotations

import re

__all__ = ["KEY_LENGTH", "leading_keys", "split_alternatives"]

KEY_LENGTH = 4  # how many leading characters index a branch
_MAX_KEYS = 400  # a branch with more possible beginnings is searched the ordinary way
_QUANTIFIER = re.compile(r"(\?|\*|\+|\{(\d*)(,?)(\d*)\})[?+]?")
_GROUP_OPENING = re.compile(r"\?(?::|P<\w+>|[a-z]*-?[a-z]*:)")

Key = tuple[str, bool]  # leading characters, and whether the branch may continue past them


def split_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level `|` (not inside groups, classes or escapes)."""
    branches: list[str] = []
    current: list[str] = []
    depth, in_class, escaped = 0, False, False
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


def leading_keys(body: str) -> frozenset[str] | None:
    """The possible first (up to KEY_LENGTH) characters of a match, or None if they cannot be listed."""
    try:
        keys = _sequence_keys(body, KEY_LENGTH)
    except (ValueError, IndexError):  # syntax the reader does not know
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
        if code == "s":  # keys are looked up in a copy of the text with every whitespace turned into a space
            return {(" ", True)}
        if code in "SwWD" or code.isdigit():
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
    for alternative in split_alternatives(inner):
        found = _sequence_keys(alternative, limit)
        if found is None:
            return None
        keys |= found
    return keys


def _class_keys(item: str) -> set[Key] | None:
    inner = item[1:-1].replace("\\s", " ")  # whitespace is a space in the text keys are looked up in
    if inner.startswith("^") or re.search(r"\\\w", inner):
        return None
    chars: list[str] = []
    i = 0
    while i < len(inner):
        if inner[i] == "\\":
            chars.append(inner[i + 1])
            i += 2
        elif inner[i] == "-" and 0 < i < len(inner) - 1:
            return None  # a range
        else:
            chars.append(inner[i])
            i += 1
    return {(c, True) for c in chars} if len(chars) <= 12 else None
