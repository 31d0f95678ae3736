"""A store's policy overrides: checked against the marketplace rules, then applied to them as data. Pure.

Overrides may only narrow what the rules allow (a lower partial-refund cap, a lower cheap-item threshold, no
resends); `override_problems` lists every attempt to widen, `apply_overrides` returns the store's own Policy.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Remedy, SourceRef
from assistant.policy import Modifier, Policy, Rule

__all__ = ["PolicyOverrides", "apply_overrides", "override_problems"]

_RESENDS = (Remedy.RESEND, Remedy.RESEND_PART)


class PolicyOverrides(BaseModel):
    """What a store changes in the marketplace rules. Unset fields keep the marketplace's values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_partial_refund_pct: int | None = Field(
        default=None, ge=0, le=100, description="no partial refund above this share of the price (below the rules')")
    cheap_item_max: dict[str, float] = Field(
        default_factory=dict, description="per currency, a lower 'cheap item' threshold than the rules' one")
    resends: bool = Field(default=True, description="false: never offer a replacement or a replacement part")

    def is_empty(self) -> bool:
        return self.max_partial_refund_pct is None and not self.cheap_item_max and self.resends


def override_problems(overrides: PolicyOverrides, base: Policy) -> list[tuple[tuple[str, ...], str]]:
    """Every override that would widen the marketplace rules, as (key path, what is wrong and what to do)."""
    problems: list[tuple[tuple[str, ...], str]] = []
    base_cap = max((r.max_partial_refund_pct or 0 for r in base.rules), default=0)
    cap = overrides.max_partial_refund_pct
    if cap is not None and cap > base_cap:
        problems.append((("max_partial_refund_pct",),
                         f"{cap}% is above the marketplace rules' highest cap of {base_cap}%; "
                         f"a store may only lower it (0-{base_cap})."))
    for currency, value in overrides.cheap_item_max.items():
        key = ("cheap_item_max", currency)
        allowed = base.cheap_item_max.get(currency.upper())
        if allowed is None:
            problems.append((key, f"the marketplace rules have no cheap-item threshold for {currency}; "
                                  f"use one of {', '.join(sorted(base.cheap_item_max))}."))
        elif value > allowed or value < 0:
            problems.append((key, f"{value:g} {currency} is outside 0-{allowed:g} {currency}, the marketplace "
                                  "rules' threshold; a store may only lower it."))
    return problems


def _narrow_rule(rule: Rule, overrides: PolicyOverrides, store: str) -> Rule:
    update: dict[str, object] = {}
    notes: list[str] = []
    cap = overrides.max_partial_refund_pct
    if cap is not None and rule.max_partial_refund_pct is not None and rule.max_partial_refund_pct > cap:
        update["max_partial_refund_pct"] = cap
        notes.append(f"partial-refund cap lowered to {cap}%")
    if not overrides.resends and any(r in rule.remedies for r in _RESENDS):
        kept = [r for r in rule.remedies if r not in _RESENDS]
        update["remedies"] = kept or [Remedy.ESCALATE]  # nothing left to offer: a person decides, never a wider offer
        notes.append("no resends")
    if not notes:
        return rule
    update["note"] = f"{rule.note} [store {store}: {'; '.join(notes)}]".strip()
    return rule.model_copy(update=update)


def _narrow_modifier(mod: Modifier, overrides: PolicyOverrides) -> Modifier:
    if overrides.resends or not any(r in mod.add for r in _RESENDS):
        return mod
    return mod.model_copy(update={"add": [r for r in mod.add if r not in _RESENDS]})


def apply_overrides(base: Policy, overrides: PolicyOverrides, store: str,
                    blocked_names: tuple[str, ...] = ()) -> Policy:
    """The marketplace rules narrowed by the store's overrides, with the store's extra blocked names for the guard.

    Call `override_problems` first: this function narrows, it never checks.
    """
    cap = overrides.max_partial_refund_pct
    cheap = {**base.cheap_item_max, **{c.upper(): v for c, v in overrides.cheap_item_max.items()}}
    names = [*base.guard.blocked_names, *(n for n in blocked_names if n not in base.guard.blocked_names)]
    modifiers = [_narrow_modifier(m, overrides) for m in base.modifiers]
    if not overrides.is_empty():  # a reason on every decision: the store's overrides were in force
        said = overrides.model_dump(exclude_defaults=True)
        modifiers.append(Modifier(id=f"store_{store}_overrides", note=f"store overrides in force: {said}",
                                  source=SourceRef(document=f"stores/{store}/store.yaml", section="overrides")))
    return base.model_copy(update={
        "rules": [_narrow_rule(r, overrides, store) for r in base.rules],
        "modifiers": modifiers,
        "cheap_item_max": cheap,
        "partial_refund_opening_pct": base.partial_refund_opening_pct if cap is None
        else min(base.partial_refund_opening_pct, cap),
        "guard": base.guard.model_copy(update={"blocked_names": names}),
    })
