"""A small softmax-regression head (multinomial logistic regression) in numpy, trained with L-BFGS.

Deterministic (zero start, fixed iterations), a few hundred milliseconds on a few thousand exemplars.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["SoftmaxHead", "fit_softmax", "softmax"]

Matrix = npt.NDArray[np.float64]
Features32 = npt.NDArray[np.float32]


def softmax(logits: Matrix) -> Matrix:
    """Row-wise softmax, stable for large logits."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    out: Matrix = exp / exp.sum(axis=-1, keepdims=True)
    return out


@dataclass(frozen=True)
class SoftmaxHead:
    """Standardise the features, then one linear layer; `logits` before any temperature."""

    mean: Matrix
    scale: Matrix
    weights: Matrix  # (features + 1, classes); the last row is the bias

    def logits(self, features: Matrix) -> Matrix:
        x = (np.atleast_2d(features) - self.mean) / self.scale
        out: Matrix = x @ self.weights[:-1] + self.weights[-1]
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, Matrix]) -> SoftmaxHead:
        return cls(arrays["mean"], arrays["scale"], arrays["weights"])


def _objective(w: Matrix, x: Features32, xt: Features32, onehot: Matrix, sample_weight: Matrix,
               l2: float) -> tuple[float, Matrix]:
    """Loss and gradient; the two big products run in float32 (twice as fast), the rest in float64."""
    weights = w.reshape(x.shape[1] + 1, onehot.shape[1])
    probs = softmax((x @ weights[:-1].astype(np.float32)).astype(np.float64) + weights[-1])
    loss = -float(np.sum(sample_weight * np.log(np.sum(probs * onehot, axis=1) + 1e-12)))
    loss += 0.5 * l2 * float(np.sum(weights[:-1] ** 2))
    residual = (probs - onehot) * sample_weight[:, None]
    product = (xt @ residual.astype(np.float32)).astype(np.float64)
    grad = np.vstack([product + l2 * weights[:-1], residual.sum(axis=0, keepdims=True)])
    return loss, grad.ravel()


def fit_softmax(features: Matrix, labels: npt.NDArray[np.int64], n_classes: int, l2: float,
                sample_weight: Matrix | None = None, gain: Matrix | None = None, init: SoftmaxHead | None = None,
                max_iter: int = 300, history: int = 10) -> SoftmaxHead:
    """Minimise weighted cross-entropy + l2/2 |W|^2 (bias not penalised) with L-BFGS and backtracking.

    Features are standardised, then multiplied by `gain` (per feature; a gain of 2 is a quarter of the penalty).
    `init` warm-starts from another head (its standardisation is kept), e.g. for cross-validation folds.
    """
    if init is None:
        mean = features.mean(axis=0, keepdims=True)
        scale = (features.std(axis=0, keepdims=True) + 1e-6) / (1.0 if gain is None else gain.reshape(1, -1))
        w = np.zeros((features.shape[1] + 1) * n_classes)
    else:
        mean, scale, w = init.mean, init.scale, init.weights.ravel().copy()
    x = ((features - mean) / scale).astype(np.float32)
    xt = np.ascontiguousarray(x.T)  # a contiguous transpose makes the gradient's product about twice as fast
    onehot = np.eye(n_classes)[labels]
    sw = np.full(len(labels), 1.0 / len(labels)) if sample_weight is None else sample_weight / sample_weight.sum()
    loss, grad = _objective(w, x, xt, onehot, sw, l2)
    steps: list[tuple[Matrix, Matrix]] = []
    for _ in range(max_iter):
        direction = _two_loop(grad, steps)
        step = 1.0
        while True:
            candidate = w + step * direction
            new_loss, new_grad = _objective(candidate, x, xt, onehot, sw, l2)
            if new_loss <= loss + 1e-4 * step * float(grad @ direction) or step < 1e-8:
                break
            step *= 0.5
        s, y = candidate - w, new_grad - grad
        if float(s @ y) > 1e-12:
            steps = [*steps[-(history - 1):], (s, y)]
        w, grad, improvement, loss = candidate, new_grad, loss - new_loss, new_loss
        if np.max(np.abs(grad)) < 1e-6 or improvement < 1e-10:
            break
    return SoftmaxHead(mean, scale, w.reshape(x.shape[1] + 1, n_classes))


def _two_loop(grad: Matrix, steps: list[tuple[Matrix, Matrix]]) -> Matrix:
    """The L-BFGS search direction from the last few (step, gradient change) pairs."""
    q = grad.copy()
    alphas = []
    for s, y in reversed(steps):
        alpha = float(s @ q) / float(y @ s)
        alphas.append(alpha)
        q -= alpha * y
    if steps:
        s, y = steps[-1]
        q *= float(s @ y) / float(y @ y)
    for (s, y), alpha in zip(steps, reversed(alphas), strict=True):
        beta = float(y @ q) / float(y @ s)
        q += (alpha - beta) * s
    return -q
