"""Summarise a DraftResult for the seller's agent, in the agent's language (zh or en), from templates.

Pure and offline: the words live in prompts/summary/agent.<lang>.j2; this module only lays out the facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from assistant.errors import InputError
from assistant.models import SIGNAL_SWITCHES, DraftResult, OrderFacts, Severity, Signals
from assistant.templates import render

__all__ = ["AGENT_LANGUAGES", "agent_summary"]

AGENT_LANGUAGES: Final = ("en", "zh")


def agent_summary(
    result: DraftResult,
    agent_language: str,
    prompts_dir: Path,
    *,
    order: OrderFacts | None = None,
    signals: Signals | None = None,
) -> str:
    """Two lines in the agent's language: what the buyer wants, then what was decided.

    `order` and `signals` are not part of DraftResult; when given, the first line mentions the order's status and
    price, how bad the damage or defect sounds, that a delivery question is really a complaint about how the parcel
    was left, and that the item hurt someone. The price is shown in `order.currency`. Other requests in the message
    (`result.also`) are named too.
    """
    if agent_language not in AGENT_LANGUAGES:
        raise InputError(
            f"agent_language must be one of {', '.join(AGENT_LANGUAGES)}, got {agent_language!r}. "
            "Set REPLY_ASSISTANT_AGENT_LANGUAGE to en or zh."
        )
    context = _context(result, order, signals or Signals())
    return render(prompts_dir, f"summary/agent.{agent_language}.j2", context)


def _context(result: DraftResult, order: OrderFacts | None, signals: Signals) -> dict[str, Any]:
    d = result.decision
    return {
        "language": result.language,
        "intent": result.intent.value,
        "also": [i.value for i in result.also],
        **{name: getattr(signals, name) for name in SIGNAL_SWITCHES},
        "severity": signals.severity.value if signals.severity is not Severity.UNKNOWN else None,
        "order_status": order.status if order else None,
        "price": _amount(order.item_price) if order and order.item_price is not None else None,
        "currency": order.currency.upper() if order and order.currency else None,
        "flags": [f.value for f in result.flags],
        "remedies": [r.value for r in d.remedies],
        "max_partial_refund_pct": d.max_partial_refund_pct,
        "route": d.route.value,
        "reply_within_hours": d.reply_within_hours,
        "ask_buyer_for": list(d.ask_buyer_for),
        "guard_passed": result.guard.passed,
        "violated_rules": list(dict.fromkeys(v.rule for v in result.guard.violations)),
    }


def _amount(price: float) -> str:
    """14.0 -> "14", 14.5 -> "14.50", 1299 -> "1,299": the same digits in both agent languages."""
    text = f"{price:,.2f}"
    return text.removesuffix(".00")
