"""Fold a draft into one matching form (NFKC, no zero-width characters, Latin homoglyphs, spaced-out letters joined)
while remembering, for every folded character, which characters of the original draft it came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.cjk import HAN, HANGUL, KANA

__all__ = ["NormalizedText", "normalize"]

# Invisible characters used to split a word so that a filter no longer sees it.
_INVISIBLE = frozenset("\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")

# Cyrillic and Greek letters that look like Latin ones ("pаypal" with a Cyrillic "а").
_LOOKALIKES = "аеорсухіјѕԁһӏкмнтвАВЕКМНОРСТХЅІЈοαειкνρτυχΟΑΒΕΖΗΙΚΜΝΡΤΥΧ"
_HOMOGLYPHS = str.maketrans(_LOOKALIKES, "aeopcyxijsdhlkmhtbABEKMHOPCTXSIJoaeiknptuxOABEZHIKMNPTYX")

# A draft is folded in runs: ASCII, runs of other characters that NFKC leaves alone, and single characters with
# their combining marks (a run never ends on a character that a following mark would combine with).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"
_CLUSTER = re.compile(
    r"[\x00-\x7f]+(?![" + _MARKS + r"])|[^\x00-\x7f" + _MARKS + r"]+(?![" + _MARKS + r"])|.[" + _MARKS + r"]*", re.S
)
_ONE = re.compile(r".[" + _MARKS + r"]*", re.S)
# Characters NFKC leaves alone but matching must not: invisible ones and Latin look-alikes.
_SPECIAL = re.compile("[" + "".join(sorted(_INVISIBLE)) + _LOOKALIKES + "]")

# Chinese, Japanese and Korean put no space before a Latin word ("请用PayPal付款", "詳しくはexample.comへ"), so no
# rule would see a word boundary there: the folded text gets one.
_CJK_LETTERS = KANA + HAN + HANGUL
_SCRIPT_SEAM = re.compile(f"(?<=[{_CJK_LETTERS}])(?=[A-Za-z])|(?<=[A-Za-z])(?=[{_CJK_LETTERS}])")

# "p a y p a l", "w w w . s h o p . c o m": four or more one-character tokens separated by single spaces
# (punctuation may close the run: "pay with p a y p a l.").
_SPACED = re.compile(r"\S(?<!\w\S)(?: \S){3,}(?=[\s.,;:!?)\]]|$)")
# Cheap patterns that any match of the two above contains.
_SPACED_HINT = re.compile(r" \S \S ")
_DOTTED_HINT = re.compile(r"[.\-_*][^\W\d_][.\-_*]")
# "p.a.y.p.a.l", "e-b-a-y": four or more single letters joined by the same kind of separator.
_DOTTED = re.compile(r"[^\W\d_](?<![\w.\-*].)(?:[.\-_*][^\W\d_]){3,}(?!\w)")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The folded text and, per folded character, its [start, end) in the original (None when they are the same)."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the folded text back to the original draft."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(original: str) -> NormalizedText:
    """Fold the draft for matching; never raises, whatever the input."""
    if original.isascii():
        return _join_spaced(NormalizedText(original, original))
    return _join_spaced(_separate_scripts(_fold(original)))


def _fold(original: str) -> NormalizedText:
    if unicodedata.is_normalized("NFKC", original) and not _SPECIAL.search(original):
        return NormalizedText(original, original)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(original):
        start, end = match.span()
        run = match.group()
        if run.isascii() or (
            not unicodedata.combining(run[0]) and not _SPECIAL.search(run) and unicodedata.is_normalized("NFKC", run)
        ):
            chars.append(run)
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
            continue
        for one in _ONE.finditer(original, start, end):
            if one.group()[0] in _INVISIBLE:
                continue
            out = unicodedata.normalize("NFKC", one.group()).translate(_HOMOGLYPHS)
            chars.append(out)
            starts.extend([one.start()] * len(out))
            ends.extend([one.end()] * len(out))
    return NormalizedText(original, "".join(chars), tuple(starts), tuple(ends))


def _separate_scripts(folded: NormalizedText) -> NormalizedText:
    """A space between a Chinese, Japanese or Korean letter and a Latin one; it maps to the place between them."""
    text = folded.text
    seams = [m.start() for m in _SCRIPT_SEAM.finditer(text)]
    if not seams:
        return folded
    starts = folded.starts if folded.starts is not None else tuple(range(len(text)))
    ends = folded.ends if folded.ends is not None else tuple(range(1, len(text) + 1))
    chars: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    previous = 0
    for seam in [*seams, len(text)]:
        chars.append(text[previous:seam])
        new_starts.extend(starts[previous:seam])
        new_ends.extend(ends[previous:seam])
        if seam < len(text):
            chars.append(" ")
            new_starts.append(starts[seam])
            new_ends.append(starts[seam])
        previous = seam
    return NormalizedText(folded.original, "".join(chars), tuple(new_starts), tuple(new_ends))


def _join_spaced(folded: NormalizedText) -> NormalizedText:
    """Drop the separators inside spaced-out words, keeping the offsets of the characters that stay."""
    text = folded.text
    drop: list[int] = []
    for hint, pattern in ((_SPACED_HINT, _SPACED), (_DOTTED_HINT, _DOTTED)):
        if not hint.search(text):
            continue
        for match in pattern.finditer(text):
            drop.extend(range(match.start() + 1, match.end(), 2))
    if not drop:
        return folded
    dropped = set(drop)
    starts = folded.starts if folded.starts is not None else tuple(range(len(text)))
    ends = folded.ends if folded.ends is not None else tuple(range(1, len(text) + 1))
    keep = [i for i in range(len(text)) if i not in dropped]
    return NormalizedText(
        folded.original,
        "".join(text[i] for i in keep),
        tuple(starts[i] for i in keep),
        tuple(ends[i] for i in keep),
    )
