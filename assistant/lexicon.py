"""Keyword cues: which intents the words of a message point to, per language. Pure; the words live in lexicon.yaml.

Term syntax (lexicon.yaml): matching ignores case, width and Latin accents; Latin words match whole words, and a
trailing `*` allows any ending (`refund*` finds refunded, refunds); `...` stands for up to three words in between
(`cancel ... order*`); Japanese and Chinese terms match anywhere in the text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import yaml

from assistant.errors import KnowledgeError
from assistant.models import Intent

__all__ = ["LEXICON_PATH", "Lexicon", "Term", "fold", "load_lexicon", "parse_lexicon", "term_pattern"]

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
_LATIN_ACCENT = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")
_GAP = r"(?:\W+\w+){0,3}\W+"
_WORD = re.compile(r"\w+")
AnchorKind = Literal["word", "prefix", "substring"]


def fold(text: str) -> str:
    """Lower case, half-width, Latin accents removed (é -> e), typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("`", "'")
    return unicodedata.normalize("NFC", _LATIN_ACCENT.sub("", unicodedata.normalize("NFD", text)))


def _is_latin_word(piece: str) -> bool:
    return bool(piece) and piece[0].isascii() and _WORD.fullmatch(piece) is not None


def term_pattern(term: str) -> str:
    """The regular expression for one lexicon term (see the module docstring for the syntax)."""
    words = fold(term).split()
    if not words or words[0] == "..." or words[-1] == "...":
        raise ValueError(f"'{term}' is empty or starts or ends with '...'")
    parts: list[str] = []
    for word in words:
        if word == "...":
            parts.append(_GAP)
            continue
        if parts and parts[-1] != _GAP:
            parts.append(r"\W+" if word[0].isascii() and word[0].isalnum() else r"\W*")
        parts.append(re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word))
    first, last = words[0][0], words[-1].rstrip("*")[-1:]
    start = r"(?<!\w)" if first.isascii() and first.isalnum() else ""
    end = r"(?!\w)" if last.isascii() and last.isalnum() and not words[-1].endswith("*") else ""
    return f"{start}{''.join(parts)}{end}"


def _anchor(term: str) -> tuple[str, AnchorKind]:
    """The longest literal piece of a term, and how to look for it before running the term's pattern."""
    piece = max((w for w in fold(term).split() if w != "..."), key=lambda w: len(w.rstrip("*")))
    literal = piece.rstrip("*")
    if _is_latin_word(literal):
        return literal, "prefix" if piece.endswith("*") else "word"
    return literal, "substring"


@dataclass(frozen=True)
class Term:
    """One compiled term of an intent, with the literal anchor that must occur before its pattern can match."""

    intent: Intent
    anchor: str
    kind: AnchorKind
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """Every term of every intent, indexed by anchor, and a digest of them (part of the classifier's cache key)."""

    terms: tuple[Term, ...]
    digest: str
    _by_word: dict[str, list[Term]] = field(default_factory=dict, repr=False)
    _by_prefix: dict[str, list[Term]] = field(default_factory=dict, repr=False)
    _by_substring: dict[str, list[Term]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index = {"word": self._by_word, "prefix": self._by_prefix, "substring": self._by_substring}
        for term in self.terms:
            index[term.kind].setdefault(term.anchor, []).append(term)

    def _candidates(self, folded: str) -> list[Term]:
        words = set(_WORD.findall(folded))
        prefixes = {w[:i] for w in words for i in range(1, len(w) + 1)}
        found = [t for w in words & self._by_word.keys() for t in self._by_word[w]]
        found += [t for p in prefixes & self._by_prefix.keys() for t in self._by_prefix[p]]
        found += [t for s, terms in self._by_substring.items() if s in folded for t in terms]
        return found

    def hits(self, text: str) -> dict[Intent, int]:
        """Distinct matching terms per intent (intents without a match are left out)."""
        folded = fold(text)
        found: dict[Intent, int] = {}
        for term in self._candidates(folded):
            if term.pattern.search(folded):
                found[term.intent] = found.get(term.intent, 0) + 1
        return found

    def features(self, texts: Sequence[str], labels: Sequence[Intent]) -> npt.NDArray[np.float64]:
        """Rows of 0/1 per label: does any of the label's terms occur in the text."""
        out = np.zeros((len(texts), len(labels)))
        column = {intent: j for j, intent in enumerate(labels)}
        for i, text in enumerate(texts):
            for intent in self.hits(text):
                if intent in column:
                    out[i, column[intent]] = 1.0
        return out


def parse_lexicon(data: object, source: str = "lexicon") -> Lexicon:
    """Compile `{intents: {intent: {language: [term, ...]}}}`; an unknown intent or a bad term names itself."""
    intents = data.get("intents") if isinstance(data, dict) else None
    if not isinstance(intents, dict):
        raise KnowledgeError(f"{source}: expected a mapping with 'intents: {{intent: {{language: [terms]}}}}'.")
    terms: list[Term] = []
    digest = hashlib.sha256()
    for name, by_language in sorted(intents.items()):
        try:
            intent = Intent(name)
            words = sorted({str(t) for lang in sorted(by_language) for t in by_language[lang]})
            compiled = [Term(intent, *_anchor(w), re.compile(term_pattern(w))) for w in words]
        except (ValueError, TypeError, AttributeError, re.error) as exc:
            raise KnowledgeError(f"{source}: intent '{name}' has a bad entry ({exc}); fix it in the lexicon.") from exc
        terms += compiled
        digest.update(f"{intent}:{'|'.join(t.pattern.pattern for t in compiled)}\n".encode())
    return Lexicon(tuple(terms), digest.hexdigest()[:16])


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon file compiled once per process."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read the keyword lexicon {path}: {exc}") from exc
    return parse_lexicon(data, str(path))
