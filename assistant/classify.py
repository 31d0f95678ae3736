"""Offline intent classifier: a softmax head on multilingual embeddings plus per-language keyword cues.

The head is trained at load time on our exemplars (several languages) and cached next to the index; its temperature
is calibrated on leave-one-language-out predictions, so a probability means about the same in every language.
`other` is a class of its own, and a best guess below `other_threshold` also becomes `other`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from assistant.embeddings import Embedder, Vectors
from assistant.errors import KnowledgeError
from assistant.intent_head import SoftmaxHead, fit_softmax, softmax
from assistant.language import detect_language
from assistant.lexicon import Lexicon, load_lexicon
from assistant.models import CATEGORY_OF, Classification, Intent, OrderFacts
from assistant.signals import read_signals

__all__ = ["ExemplarClassifier", "Exemplars", "load_exemplars"]

HEAD_VERSION = "softmax-v1"
L2 = 0.1  # per standardised feature; chosen by cross-validation on our exemplars (evals/measure_classifier.py --cv)
LEXICON_GAIN = 1.0  # keyword features are penalised like embedding dimensions (1/gain^2); chosen by the same CV
CALIBRATION_ITERATIONS = 10  # leave-one-language-out refits start from the full head, so a few steps suffice
TEMPERATURES = np.exp(np.linspace(np.log(0.05), np.log(5.0), 93))  # a geometric grid
Matrix = npt.NDArray[np.float64]
_TRAINED: dict[str, tuple[SoftmaxHead, float]] = {}  # heads trained in this process, by cache key


@dataclass(frozen=True)
class Exemplars:
    texts: list[str]
    intents: list[Intent]
    languages: list[str]

    def digest(self, embedder_name: str) -> str:
        h = hashlib.sha256(embedder_name.encode())
        for text, intent in zip(self.texts, self.intents, strict=True):
            h.update(f"{intent}\t{text}\n".encode())
        return h.hexdigest()[:16]


def load_exemplars(directory: Path) -> Exemplars:
    """Every `<intent>.yaml` in the folder: lists of example messages per language."""
    texts: list[str] = []
    intents: list[Intent] = []
    languages: list[str] = []
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise KnowledgeError(f"no exemplar files in {directory}; the classifier needs <intent>.yaml files there.")
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            intent = Intent(data["intent"])
        except (yaml.YAMLError, KeyError, ValueError, TypeError) as exc:
            raise KnowledgeError(f"{path}: not a valid exemplar file ({exc}); it needs 'intent' and lists per language.") from exc
        for key, value in data.items():
            if isinstance(value, list):
                texts += [str(v) for v in value]
                intents += [intent] * len(value)
                languages += [str(key)] * len(value)
    return Exemplars(texts, intents, languages)


class ExemplarClassifier:
    """Softmax head over [embedding, keyword cues], trained on the exemplars; vectors and head cached on disk."""

    def __init__(self, embedder: Embedder, exemplars: Exemplars, cache_dir: Path | None = None,
                 other_threshold: float = 0.4, lexicon: Lexicon | None = None) -> None:
        self._embedder = embedder
        self._exemplars = exemplars
        self._other_threshold = other_threshold
        self._lexicon = lexicon if lexicon is not None else load_lexicon()
        self._labels = sorted(set(exemplars.intents), key=list(Intent).index)
        self._label_ids = np.array([self._labels.index(i) for i in exemplars.intents], dtype=np.int64)
        digest = exemplars.digest(embedder.name)
        self._vectors = self._load_vectors(cache_dir, digest)
        self._head, self._temperature = self._load_head(cache_dir, digest)

    def _load_vectors(self, cache_dir: Path | None, digest: str) -> Vectors:
        cache = cache_dir / f"exemplars-{digest}.npy" if cache_dir else None
        if cache is not None and cache.exists():
            return np.load(cache)
        vectors = self._embedder.query(self._exemplars.texts)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, vectors)
        return vectors

    def _load_head(self, cache_dir: Path | None, digest: str) -> tuple[SoftmaxHead, float]:
        key = hashlib.sha256(f"{HEAD_VERSION}|{digest}|{self._lexicon.digest}|{L2}|{LEXICON_GAIN}".encode())
        name = f"head-{key.hexdigest()[:16]}"
        cache = cache_dir / f"{name}.npz" if cache_dir else None
        if name in _TRAINED:
            return _TRAINED[name]
        if cache is not None and cache.exists():
            with np.load(cache) as data:
                arrays = {name: data[name] for name in data.files}
            return SoftmaxHead.from_arrays(arrays), float(arrays["temperature"][0])
        features = self._features(self._vectors, self._exemplars.texts)
        head = self._fit(features, np.ones(len(features), dtype=bool))
        temperature = self._calibrate(features, head)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache, temperature=np.array([temperature]), **head.to_arrays())
        _TRAINED[name] = head, temperature
        return head, temperature

    def _features(self, vectors: Vectors, texts: list[str] | None) -> Matrix:
        vecs = np.atleast_2d(vectors).astype(np.float64)
        if texts is None:
            cues = np.zeros((len(vecs), len(self._labels)))
        else:
            cues = self._lexicon.features(texts, self._labels)
        return np.hstack([vecs, cues])

    def _fit(self, features: Matrix, rows: npt.NDArray[np.bool_], init: SoftmaxHead | None = None) -> SoftmaxHead:
        """Class-balanced fit on the selected rows, so a class with more exemplars is not favoured."""
        labels = self._label_ids[rows]
        counts = np.bincount(labels, minlength=len(self._labels)).astype(np.float64)
        gain = np.ones(features.shape[1])
        gain[-len(self._labels):] = LEXICON_GAIN
        return fit_softmax(features[rows], labels, len(self._labels), L2, 1.0 / counts[labels], gain, init,
                           max_iter=300 if init is None else CALIBRATION_ITERATIONS)

    def _calibrate(self, features: Matrix, head: SoftmaxHead) -> float:
        """The temperature minimising the log-loss of leave-one-language-out predictions (1.0 with one language)."""
        languages = np.array(self._exemplars.languages)
        if len(set(languages)) < 2:
            return 1.0
        logits = np.zeros((len(features), len(self._labels)))
        for language in sorted(set(languages)):
            held = languages == language
            logits[held] = self._fit(features, ~held, head).logits(features[held])
        picked = np.arange(len(features))
        losses = [-np.mean(np.log(softmax(logits / t)[picked, self._label_ids] + 1e-12)) for t in TEMPERATURES]
        return float(TEMPERATURES[int(np.argmin(losses))])

    def probabilities(self, query: Vectors, text: str | None = None) -> Matrix:
        """Calibrated probability of each label (in `self.labels` order) for one query vector."""
        logits = self._head.logits(self._features(query.reshape(1, -1), None if text is None else [text]))
        out: Matrix = softmax(logits / self._temperature)[0]
        return out

    @property
    def labels(self) -> list[Intent]:
        return list(self._labels)

    def ranked(self, query: Vectors, text: str | None = None) -> list[tuple[Intent, float]]:
        """Every intent with its probability, most likely first; pass the text to use its keyword cues too."""
        probs = self.probabilities(query, text)
        return sorted(zip(self._labels, probs.tolist(), strict=True), key=lambda p: -p[1])

    def classify(self, text: str, query: Vectors, order: OrderFacts | None = None) -> Classification:
        """Intent, category, confidence, language and signals for one message, given its query vector."""
        ranked = self.ranked(query, text)
        intent, confidence = ranked[0]
        if confidence < self._other_threshold and intent != Intent.OTHER:
            intent = Intent.OTHER
        return Classification(
            intent=intent,
            category=CATEGORY_OF[intent],
            confidence=round(float(confidence), 4),
            language=detect_language(text, order.marketplace if order else None),
            signals=read_signals(text),
            alternatives=[(i, round(float(p), 4)) for i, p in ranked[:3]],
        )

    def topics(self, texts: list[str], min_share: float = 0.2) -> list[tuple[str, ...]]:
        """The one or two intents each text is about (used to tag policy passages at index time)."""
        tagged = []
        for text, vec in zip(texts, self._embedder.query(texts), strict=True):
            ranked = self.ranked(vec, text)
            tagged.append(tuple(i.value for i, p in ranked[:2] if p >= min_share and i != Intent.OTHER))
        return tagged
