"""decide(): what the seller may offer for an intent and these order facts, read from the rules file. Pure."""

from __future__ import annotations

from assistant.models import SIGNAL_SWITCHES, Decision, Intent, OrderFacts, Reason, Remedy, Signals
from assistant.policy import Condition, Modifier, Policy, Rule

__all__ = ["currency_of", "decide", "price_bands"]


def currency_of(order: OrderFacts, policy: Policy) -> str:
    """The order's currency: given, else the marketplace's, else the policy's default."""
    if order.currency:
        return order.currency.upper()
    if order.marketplace and order.marketplace.upper() in policy.currency_of_marketplace:
        return policy.currency_of_marketplace[order.marketplace.upper()]
    return policy.currency


def price_bands(order: OrderFacts, policy: Policy) -> set[str]:
    """cheap / expensive / large for the item price; empty when the price or the currency threshold is unknown."""
    if order.item_price is None:
        return set()
    currency = currency_of(order, policy)
    cheap_max = policy.cheap_item_max.get(currency)
    if cheap_max is None:
        return set()
    if order.item_price <= cheap_max:
        return {"cheap"}
    bands = {"expensive"}
    large_min = policy.large_amount_min.get(currency)
    if large_min is not None and order.item_price >= large_min:
        bands.add("large")
    return bands


def _matches(cond: Condition, signals: Signals, order: OrderFacts, bands: set[str]) -> bool:
    checks: list[bool] = []
    if cond.status is not None:
        checks.append(order.status in cond.status)
    if cond.fulfillment is not None:
        checks.append(order.fulfillment in cond.fulfillment)
    if cond.severity is not None:
        checks.append(signals.severity in cond.severity)
    if cond.fault is not None:
        checks.append(signals.fault in cond.fault)
    if cond.price_band is not None:
        checks.append(bool(bands & set(cond.price_band)))
    for fact in ("in_stock", "part_is_generic", "csba_enrolled", "ordered_after_csba_enrollment"):
        wanted = getattr(cond, fact)
        if wanted is not None:
            checks.append(getattr(order, fact) is wanted)
    if cond.min_days_past_estimated_delivery is not None:
        days = order.days_past_estimated_delivery
        checks.append(days is not None and days >= cond.min_days_past_estimated_delivery)
    if cond.flags_any is not None:
        checks.append(any(flag in cond.flags_any for flag in signals.flags))
    for signal in SIGNAL_SWITCHES:
        wanted = getattr(cond, signal)
        if wanted is not None:
            checks.append(getattr(signals, signal) is wanted)
    return all(checks)


def _first_rule(intent: Intent, signals: Signals, order: OrderFacts, policy: Policy, bands: set[str]) -> Rule | None:
    return next(
        (r for r in policy.rules if intent in r.intents and _matches(r.when, signals, order, bands)),
        None,
    )


def _applies(mod: Modifier, intent: Intent, signals: Signals, order: OrderFacts, bands: set[str]) -> bool:
    if mod.intents is not None and intent not in mod.intents:
        return False
    if intent in mod.intents_except:
        return False
    return _matches(mod.when, signals, order, bands)


def _apply(decision: Decision, mod: Modifier) -> Decision:
    remedies = list(decision.remedies)
    if mod.keep_only is not None:
        remedies = [r for r in remedies if r in mod.keep_only]
    remedies = [r for r in remedies if r not in mod.remove]
    remedies += [r for r in mod.add if r not in remedies]
    reason = Reason(rule=mod.id, source=mod.source, note=mod.note)
    return decision.model_copy(
        update={
            "remedies": remedies,
            "route": mod.route or decision.route,
            "reply_within_hours": min(decision.reply_within_hours, mod.reply_within_hours or 10**6),
            "max_partial_refund_pct": decision.max_partial_refund_pct if Remedy.PARTIAL_REFUND in remedies else 0,
            "reasons": [*decision.reasons, reason],
        }
    )


def decide(intent: Intent, signals: Signals, order: OrderFacts | None, policy: Policy) -> Decision:
    """The remedies, cap, route and reply window the rules give for this case, with the rules that fired."""
    order = order or OrderFacts()
    bands = price_bands(order, policy)
    rule = _first_rule(intent, signals, order, policy, bands)
    if rule is None:
        decision = Decision(
            route="human", remedies=[Remedy.ESCALATE], reply_within_hours=policy.default_reply_within_hours
        )
    else:
        remedies = list(rule.remedies)
        decision = Decision(
            remedies=remedies,
            max_partial_refund_pct=(rule.max_partial_refund_pct or 0) if Remedy.PARTIAL_REFUND in remedies else 0,
            route=rule.route or "seller",
            reply_within_hours=rule.reply_within_hours or policy.default_reply_within_hours,
            ask_buyer_for=list(rule.ask_buyer_for),
            reasons=[Reason(rule=rule.id, source=rule.source, note=rule.note)],
        )
    for mod in policy.modifiers:
        if _applies(mod, intent, signals, order, bands):
            decision = _apply(decision, mod)
    if decision.route in ("amazon", "csba"):
        decision = decision.model_copy(update={"ask_buyer_for": []})
    return decision
