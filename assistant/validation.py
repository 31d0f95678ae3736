"""How a rejected request is worded at every edge (CLI, batch lines, API): where, what, and for an unknown order
key the key that was probably meant. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from assistant.models import OrderFacts

__all__ = ["describe_problems", "order_key_hint"]


def order_key_hint(key: str) -> str:
    """' (did you mean 'item_price'?)' for a near miss, else the keys OrderFacts knows."""
    known = list(OrderFacts.model_fields)
    close = get_close_matches(key.lower().replace("-", "_"), known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (order keys: {', '.join(known)})"


def _where(problem: Mapping[str, Any]) -> list[str]:
    return [str(part) for part in problem.get("loc", ()) if part != "body"]


def describe_problems(problems: Sequence[Mapping[str, Any]], *, order_at_root: bool = False, limit: int = 5,
                      root: str = "body") -> str:
    """'order.quantity: unknown key (order keys: ...)' for each problem, joined by '; '.

    `problems` are pydantic's error dicts. `order_at_root` says the validated object is itself an OrderFacts
    (the CLI's --order), so an unknown key at the top is an order key.
    """
    parts = []
    for problem in problems[:limit]:
        where = _where(problem)
        message = str(problem.get("msg", ""))
        if problem.get("type") == "extra_forbidden" and where:
            message = "unknown key"
            in_order = (order_at_root and len(where) == 1) or (len(where) >= 2 and where[-2] == "order")
            if in_order:
                message += order_key_hint(where[-1])
        parts.append(f"{'.'.join(where) or root}: {message}")
    return "; ".join(parts)
