"""Human-readable rendering of a DraftResult for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from assistant.models import DraftResult

__all__ = ["render_result"]


def render_result(result: DraftResult, console: Console) -> None:
    """Intent, flags, decision with reasons, the draft, citations and the guard verdict."""
    head = Table.grid(padding=(0, 2))
    head.add_row("intent", f"{result.intent.value} ({result.category.value}), confidence {result.confidence:.2f}")
    if result.also:
        head.add_row("also", ", ".join(i.value for i in result.also) + " (acknowledged in the draft, not decided)")
    head.add_row("language", result.language)
    head.add_row("flags", ", ".join(f.value for f in result.flags) or "none")
    d = result.decision
    offer = ", ".join(r.value for r in d.remedies) or "nothing to offer"
    if d.max_partial_refund_pct:
        offer += f" (partial refund cap {d.max_partial_refund_pct}%)"
    head.add_row("may offer", offer)
    head.add_row("route", f"{d.route.value}, reply within {d.reply_within_hours} h")
    for reason in d.reasons:
        head.add_row("", f"[dim]{reason.rule}: {reason.source.document} · {reason.source.section}[/]")
    console.print(head)
    verdict = "[green]guard passed[/]" if result.guard.passed else "[bold red]guard FAILED: do not send[/]"
    who = result.drafter + (f", fallback: {result.fallback}" if result.fallback else "")
    console.print(Panel(result.draft, title=f"draft ({who})", subtitle=verdict, expand=False))
    for v in result.guard.violations:
        console.print(f"  [red]{v.rule}[/] {v.message}")
    if result.agent_summary:
        console.print(Panel(result.agent_summary, title="summary for the agent", expand=False, border_style="dim"))
    for c in result.citations:
        console.print(f"  [cyan]cites[/] {c.document} · {c.section} [dim]({c.score:.2f})[/]")
