"""The seller's rules file: its schema and its loader, with errors that name the file, line and key."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import PolicyError
from assistant.models import Fault, Fulfillment, Intent, OrderStatus, Remedy, Route, Severity, SourceRef

__all__ = [
    "Condition", "GuardPolicy", "Modifier", "Policy", "Rule", "load_policy", "parse_yaml", "yaml_line", "yaml_problems",
]

PriceBand = Literal["cheap", "expensive", "large"]


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(PolicyModel):
    """When a rule applies. Every given field must match; a missing order fact never matches a condition on it."""

    status: list[OrderStatus] | None = None
    fulfillment: list[Fulfillment] | None = None
    severity: list[Severity] | None = None
    fault: list[Fault] | None = None
    price_band: list[PriceBand] | None = None
    in_stock: bool | None = None
    part_is_generic: bool | None = None
    csba_enrolled: bool | None = None
    ordered_after_csba_enrollment: bool | None = None
    min_days_past_estimated_delivery: int | None = None
    flags_any: list[str] | None = None
    praise: bool | None = None
    careless_delivery: bool | None = None
    safety_incident: bool | None = None
    exchange: bool | None = None
    customs: bool | None = None
    extra_item: bool | None = None
    resolved: bool | None = None
    accident: bool | None = None
    elsewhere: bool | None = None
    price_drop: bool | None = None
    warranty: bool | None = None
    order_change: bool | None = None
    overcharge: bool | None = None
    off_platform: bool | None = None


class Rule(PolicyModel):
    """One intent rule: for these intents and conditions, the seller may offer these remedies."""

    id: str
    intents: list[Intent]
    when: Condition = Field(default_factory=Condition)
    remedies: list[Remedy]
    max_partial_refund_pct: int | None = Field(default=None, ge=0, le=100)
    reply_within_hours: int | None = None
    ask_buyer_for: list[Literal["photo", "details", "new_address", "cancellation_request"]] = Field(
        default_factory=list
    )
    route: Route | None = None
    note: str = ""
    source: SourceRef


class Modifier(PolicyModel):
    """A rule applied after the intent rule: it can remove remedies, add some, or change the route."""

    id: str
    intents: list[Intent] | None = None
    intents_except: list[Intent] = Field(default_factory=list)
    when: Condition = Field(default_factory=Condition)
    keep_only: list[Remedy] | None = Field(default=None, description="if set, every other remedy is removed")
    remove: list[Remedy] = Field(default_factory=list)
    add: list[Remedy] = Field(default_factory=list)
    route: Route | None = None
    reply_within_hours: int | None = None
    note: str = ""
    source: SourceRef


class GuardPolicy(PolicyModel):
    """What the guard needs from the policy: names it blocks and length limits."""

    max_chars: int = 2000
    blocked_names: list[str] = Field(default_factory=list)
    source: SourceRef | None = None


class Policy(PolicyModel):
    """The whole rules file."""

    version: str
    currency: str = "USD"
    cheap_item_max: dict[str, float]
    large_amount_min: dict[str, float]
    currency_of_marketplace: dict[str, str] = Field(default_factory=dict)
    default_reply_within_hours: int = 24
    partial_refund_opening_pct: int = Field(default=20, ge=0, le=100)
    rules: list[Rule]
    modifiers: list[Modifier] = Field(default_factory=list)
    guard: GuardPolicy = Field(default_factory=GuardPolicy)
    path: str = ""


def yaml_line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to the line it points at."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                found = next((k for k, _ in node.value if k.value == key), None)
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def parse_yaml(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    """The data and the node tree (for line numbers); a syntax error becomes a PolicyError naming the line."""
    try:
        return yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise PolicyError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}). Fix the syntax there.") from exc


def yaml_problems(exc: ValidationError, path: Path, root: yaml.Node | None, limit: int = 5) -> list[str]:
    """Each validation error as `file:line: key: message`, the line found through the YAML node tree."""
    problems = []
    for err in exc.errors()[:limit]:
        loc = tuple(err["loc"])
        key = ".".join(str(part) for part in loc) or "(top level)"
        problems.append(f"{path}:{yaml_line(root, loc)}: {key}: {err['msg']}")
    return problems


@lru_cache(maxsize=8)
def load_policy(path: Path) -> Policy:
    """Read and validate a rules file; raise PolicyError naming the line and key of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read rules file {path}: {exc.strerror}. Check the path in settings.") from exc
    data, root = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: the rules file must be a YAML mapping with 'version' and 'rules'.")
    try:
        policy = Policy.model_validate({**data, "path": str(path)})
    except ValidationError as exc:
        raise PolicyError("rules file is invalid:\n  " + "\n  ".join(yaml_problems(exc, path, root))) from exc
    _check_ids_unique(policy)
    return policy


def _check_ids_unique(policy: Policy) -> None:
    seen: set[str] = set()
    for rule_id in [r.id for r in policy.rules] + [m.id for m in policy.modifiers]:
        if rule_id in seen:
            raise PolicyError(f"{policy.path}: rule id '{rule_id}' appears twice; every rule needs its own id.")
        seen.add(rule_id)
