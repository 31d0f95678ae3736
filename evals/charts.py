"""Charts for the report as inline PNG data URIs (matplotlib, the `eval` extra). Without matplotlib: None."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

from evals.metrics import Confusion

__all__ = ["charts_available", "confusion_png", "latency_png"]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


def charts_available() -> bool:
    return _pyplot() is not None


def _data_uri(fig: Any, plt: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def confusion_png(matrix: Confusion, title: str) -> str | None:
    """Heat map of expected (rows) against predicted (columns), each row shaded by its share, counts written in."""
    plt = _pyplot()
    if plt is None or not matrix.labels:
        return None
    import numpy as np

    counts = np.array(matrix.matrix, dtype=float)
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    size = max(5.0, 0.55 * len(matrix.labels) + 2)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(matrix.labels)), matrix.labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(matrix.labels)), matrix.labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title(title, fontsize=10)
    for (i, j), value in np.ndenumerate(counts):
        if value:
            ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=7,
                    color="white" if shares[i, j] > 0.55 else "black")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of the row")
    return _data_uri(fig, plt)


def latency_png(latencies_ms: Sequence[float], p50: float | None, p95: float | None) -> str | None:
    """Histogram of per-case total latency with the p50 and p95 marked."""
    plt = _pyplot()
    if plt is None or not latencies_ms:
        return None
    import numpy as np

    # A few cold or contended cases can be 100x the rest; cut the axis at p99 and say how many lie beyond.
    cut = float(np.percentile(latencies_ms, 99))
    beyond = sum(1 for v in latencies_ms if v > cut)
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.hist([v for v in latencies_ms if v <= cut], bins=40, color="#4c78a8")
    if beyond:
        ax.set_title(f"{beyond} case(s) above {cut:.0f} ms not shown", fontsize=9)
    for value, label, style in ((p50, "p50", "--"), (p95, "p95", ":")):
        if value is not None and value <= cut:
            ax.axvline(value, color="#e45756", linestyle=style, label=f"{label} {value:.0f} ms")
    ax.set_xlabel("total latency per case (ms)")
    ax.set_ylabel("cases")
    ax.legend()
    return _data_uri(fig, plt)
