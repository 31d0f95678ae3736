"""Detect the buyer's language with py3langid's packaged model, using the marketplace as a prior."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from assistant.cjk import HAN, KANA
from assistant.models import Language

__all__ = ["SUPPORTED", "detect_language"]

SUPPORTED: tuple[Language, ...] = ("en", "de", "fr", "es", "it", "ja", "zh")
MARKETPLACE_LANGUAGE: dict[str, Language] = {
    "US": "en", "UK": "en", "GB": "en", "CA": "en", "AU": "en", "IE": "en",
    "DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "ES": "es", "MX": "es", "IT": "it", "JP": "ja", "CN": "zh",
}
PRIOR_WEIGHT = 4.0
_KANA = re.compile(f"[{KANA}]")
_HAN = re.compile(f"[{HAN}]")
_LETTERS = re.compile(r"\w", re.UNICODE)


# Courtesy words that belong to one language only: on a two-word message ("facture svp", "stornieren bitte") the
# n-gram model has too little to go on, and these weigh like the marketplace prior.
CUE_WEIGHT = 4.0
_CUE_WORDS: dict[Language, list[str]] = {
    "en": ["please", "pls", "plz", "thanks", "thank you", "hello"],
    "de": ["bitte", "danke", "hallo", "guten tag", "moin", "grüß gott"],
    "fr": ["svp", "stp", "s'il vous pla[iî]t", "merci", "bonjour", "bonsoir"],
    "es": ["por favor", "gracias", "hola", "buenos d[ií]as", "buenas tardes"],
    "it": ["per favore", "grazie", "ciao", "buongiorno", "buonasera", "salve"],
}
_CUES: dict[Language, re.Pattern[str]] = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE) for lang, words in _CUE_WORDS.items()
}


UNSUPPORTED_SURE = 0.95  # how sure the full model must be that a message is in none of ours before we say so
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unsupported(text: str, letters: int, ours: float, top: str) -> bool:
    """Clearly written in a language we do not draft in (Dutch, Polish, Arabic, Korean...): the agent is told
    ('other') and the reply is in English. Short or mixed text is never called unsupported. `ours` is the
    probability of our seven languages together: variants split the rest (ar/ary/arz, ru/bg/uk)."""
    if letters < (20 if _LATIN.search(text) else 4):
        return False
    return top not in SUPPORTED and ours < 1 - UNSUPPORTED_SURE


def detect_language(text: str, marketplace: str | None = None) -> Language:
    """The buyer's language among the supported ones, or 'other' when it is clearly none of them; short or unclear
    text leans to the marketplace's language."""
    prior = MARKETPLACE_LANGUAGE.get((marketplace or "").upper())
    # Script decides between Japanese and Chinese more reliably than n-grams on short text.
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text) and len(_HAN.findall(text)) * 2 >= len(_LETTERS.findall(text)):
        return "zh"
    letters = len(_LETTERS.findall(text))
    if letters < 4:
        return prior or "en"
    # One ranking over every language: restricted to ours it is the same softmax, renormalised below by `total`.
    ranked = _identifier().rank(text)
    ours = [(lang, prob) for lang, prob in ranked if lang in SUPPORTED]
    if _unsupported(text, letters, sum(prob for _, prob in ours), ranked[0][0]):
        return "other"
    cued = [lang for lang, cue in _CUES.items() if cue.search(text)]
    cue = cued[0] if len(cued) == 1 else None
    scores = {
        lang: prob * (PRIOR_WEIGHT if lang == prior else 1.0) * (CUE_WEIGHT if lang == cue else 1.0)
        for lang, prob in ours
    }
    best = max(scores, key=lambda lang: scores[lang])
    total = sum(scores.values()) or 1.0
    if scores[best] / total < 0.5:
        return prior or cast(Language, best)
    return cast(Language, best)
