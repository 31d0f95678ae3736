"""Time guard.check on a 2,000-character mixed draft: `python evals/bench_guard.py [runs]` prints p50/p95 in ms,
as wall-clock time and as this thread's CPU time (the second is what the guard costs on a busy machine).

The draft mixes English, German and Japanese sentences with an order id, a tracking number, dates, prices, a size
and a model number, offers a partial refund and a replacement, and carries one link and one review request, so
that every rule has something to look at. Each run changes one character so no cache sees the same draft twice.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.guard import check
from assistant.models import Decision, Remedy
from assistant.policy import GuardPolicy

SENTENCES = (
    "Hello, thank you for your message about order 113-1234567-1234567.",
    "We are very sorry that the lamp (model WH-1000XM5, 30x40 cm) arrived damaged on 23.11.2026.",
    "We can give you a partial refund of 20% of the item price ($14.99) while you keep the item, "
    "or send you a replacement at no cost, whichever you prefer.",
    "Your parcel left our warehouse on 2026-11-21 at 14:30; the tracking number is 1Z999AA10123456784.",
    "Es tut uns leid, dass der Artikel beschädigt angekommen ist; wir senden Ihnen gerne einen Ersatzartikel.",
    "ご注文113-1234567-1234567について、ご連絡いただきありがとうございます。商品が破損していたとのこと、大変申し訳ございません。",
    "If anything else comes up, we are always here for you in the order messages.",
)
VIOLATIONS = ("You can also see the manual at shop.example.com/manual.", "Please leave us a 5-star review!")


def mixed_draft(length: int = 2000) -> str:
    parts: list[str] = []
    i = 0
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(SENTENCES[i % len(SENTENCES)])
        if i % 9 == 4:
            parts.append(VIOLATIONS[(i // 9) % len(VIOLATIONS)])
        i += 1
    return " ".join(parts)[:length]


def main(runs: int = 2000) -> None:
    decision = Decision(remedies=[Remedy.PARTIAL_REFUND, Remedy.RESEND], max_partial_refund_pct=35)
    policy = GuardPolicy()
    base = mixed_draft()
    buyer = "Hi, the lamp arrived broken. I live at 12 Main Street, my number is +1 555 123 4567."
    report = check(base, decision, policy, buyer_text=buyer)
    print(f"draft: {len(base)} chars; violations: {sorted({v.rule for v in report.violations})}")
    wall, cpu = [], []
    for run in range(runs):
        draft = base[:-5] + f"{run % 100000:05d}"
        start, start_cpu = time.perf_counter(), time.thread_time()
        check(draft, decision, policy, buyer_text=buyer)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    for name, times in (("wall", wall), ("cpu", cpu)):
        cuts = statistics.quantiles(times, n=100)
        print(f"check() {name} time over {runs} runs: p50 {cuts[49]:.3f} ms, p95 {cuts[94]:.3f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
