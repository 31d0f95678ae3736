"""Stores: store.yaml validation (errors name file and line), overrides that narrow the rules (table test)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.compensation import decide
from assistant.errors import StoreError, UnknownStoreError
from assistant.models import Intent, OrderFacts, Remedy, Severity, Signals
from assistant.overrides import PolicyOverrides, apply_overrides, override_problems
from assistant.policy import Policy, load_policy
from assistant.settings import PROJECT_ROOT, Settings
from assistant.stores import discover_stores, load_store_config

RULES = PROJECT_ROOT / "knowledge" / "rules.yaml"
EXAMPLE = PROJECT_ROOT / "knowledge" / "stores" / "rhein-kueche"
GOOD = """\
name: shop-a
store_name: Shop A
signature: Team A
languages: [en]
marketplaces: [DE]
overrides:
  max_partial_refund_pct: 20
"""


@pytest.fixture(scope="module")
def base() -> Policy:
    return load_policy(RULES)


def _write(tmp_path: Path, text: str, folder: str = "shop-a") -> Path:
    path = tmp_path / folder / "store.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_store_is_valid(base: Policy) -> None:
    config = load_store_config(EXAMPLE / "store.yaml", base)
    assert (config.name, config.marketplaces, config.agent_language) == ("rhein-kueche", ["DE"], "zh")
    assert config.overrides == PolicyOverrides(max_partial_refund_pct=20, cheap_item_max={"EUR": 20}, resends=False)


# (why, the YAML, the line the error must name, a fragment of the message)
BAD: list[tuple[str, str, int, str]] = [
    ("cap above the marketplace rules", GOOD.replace("max_partial_refund_pct: 20", "max_partial_refund_pct: 60"),
     7, "overrides.max_partial_refund_pct: 60% is above the marketplace rules' highest cap of 50%"),
    ("cheap threshold above the rules", GOOD + "  cheap_item_max: {EUR: 45}\n", 8,
     "overrides.cheap_item_max.EUR: 45 EUR is outside 0-30 EUR"),
    ("cheap threshold for a currency the rules lack", GOOD + "  cheap_item_max: {XYZ: 5}\n", 8,
     "no cheap-item threshold for XYZ"),
    ("unknown key", GOOD + "colour: blue\n", 8, "colour: Extra inputs are not permitted"),
    ("agent language other than zh/en", GOOD + "agent_language: de\n", 8, "agent_language"),
    ("unknown marketplace", GOOD.replace("[DE]", "[XX]"), 5, "marketplaces: XX not in the marketplace rules"),
    ("name differs from the folder", GOOD.replace("name: shop-a", "name: shop-b"), 1,
     "'shop-b' differs from the folder name 'shop-a'"),
    ("no languages", GOOD.replace("languages: [en]", "languages: []"), 4, "languages: List should have at least 1"),
    ("broken YAML (YAML marks where it noticed)", GOOD.replace("signature: Team A", "signature: [Team A"), 4,
     "not valid YAML"),
]


@pytest.mark.parametrize(("yaml_text", "line", "fragment"), [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_store_file_errors_name_file_and_line(tmp_path: Path, base: Policy, yaml_text: str, line: int,
                                              fragment: str) -> None:
    path = _write(tmp_path, yaml_text)
    with pytest.raises(StoreError) as caught:
        load_store_config(path, base)
    assert f"{path}:{line}" in str(caught.value)
    assert fragment in str(caught.value)


def test_overrides_that_only_narrow_have_no_problems(base: Policy) -> None:
    assert override_problems(PolicyOverrides(max_partial_refund_pct=10, cheap_item_max={"EUR": 15}, resends=False),
                             base) == []


def sig(severity: Severity = Severity.UNKNOWN) -> Signals:
    return Signals(severity=severity)


NARROW = PolicyOverrides(max_partial_refund_pct=20, cheap_item_max={"EUR": 20}, resends=False)
# (why, overrides, intent, signals, order, remedies with the marketplace rules, remedies for the store, cap base/store)
Row = tuple[str, PolicyOverrides, Intent, Signals, dict[str, Any], list[Remedy], list[Remedy], tuple[int, int]]
ROWS: list[Row] = [
    ("minor damage: the store's cap is lower", NARROW, Intent.DAMAGED_IN_TRANSIT, sig(Severity.MINOR),
     {"item_price": 60, "currency": "EUR"}, [Remedy.PARTIAL_REFUND], [Remedy.PARTIAL_REFUND], (35, 20)),
    ("severe damage, 25 EUR: cheap for the rules, not for the store -> no resend either way in the store",
     NARROW, Intent.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE), {"item_price": 25, "currency": "EUR", "in_stock": True},
     [Remedy.FULL_REFUND, Remedy.RESEND], [Remedy.FULL_REFUND], (0, 0)),
    ("severe damage, 25 EUR, only the threshold lowered: not cheap -> refund, no resend",
     PolicyOverrides(cheap_item_max={"EUR": 20}), Intent.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE),
     {"item_price": 25, "currency": "EUR", "in_stock": True}, [Remedy.FULL_REFUND, Remedy.RESEND],
     [Remedy.FULL_REFUND], (0, 0)),
    ("severe damage, 25 USD: the EUR threshold does not touch USD", PolicyOverrides(cheap_item_max={"EUR": 20}),
     Intent.DAMAGED_IN_TRANSIT, sig(Severity.SEVERE), {"item_price": 25, "currency": "USD", "in_stock": True},
     [Remedy.FULL_REFUND, Remedy.RESEND], [Remedy.FULL_REFUND, Remedy.RESEND], (0, 0)),
    ("address change after shipping, cheap: the only remedy was a resend -> a person decides", NARROW,
     Intent.ADDRESS_CHANGE, sig(), {"status": "shipped", "item_price": 10, "currency": "EUR", "in_stock": True},
     [Remedy.RESEND], [Remedy.ESCALATE], (0, 0)),
    ("no overrides: the store decides exactly as the rules", PolicyOverrides(), Intent.DAMAGED_IN_TRANSIT,
     sig(Severity.MINOR), {"item_price": 60, "currency": "EUR"}, [Remedy.PARTIAL_REFUND], [Remedy.PARTIAL_REFUND],
     (35, 35)),
]


@pytest.mark.parametrize(("overrides", "intent", "signals", "order", "before", "after", "caps"),
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_overrides_change_decisions(base: Policy, overrides: PolicyOverrides, intent: Intent, signals: Signals,
                                    order: dict[str, Any], before: list[Remedy], after: list[Remedy],
                                    caps: tuple[int, int]) -> None:
    store = apply_overrides(base, overrides, "shop-a")
    facts = OrderFacts(**order)
    plain, narrowed = decide(intent, signals, facts, base), decide(intent, signals, facts, store)
    assert plain.remedies == before
    assert narrowed.remedies == after
    assert (plain.max_partial_refund_pct, narrowed.max_partial_refund_pct) == caps
    fired = [r.rule for r in narrowed.reasons]
    assert ("store_shop-a_overrides" in fired) is (not overrides.is_empty()), "the decision must say overrides applied"


def test_apply_overrides_is_pure_and_adds_blocked_names(base: Policy) -> None:
    store = apply_overrides(base, NARROW, "shop-a", ("Kleinanzeigen",))
    assert "Kleinanzeigen" in store.guard.blocked_names and "Kleinanzeigen" not in base.guard.blocked_names
    assert store.partial_refund_opening_pct <= 20 and store.cheap_item_max["EUR"] == 20
    assert base.cheap_item_max["EUR"] == 30  # the marketplace rules are untouched


def test_discover_stores_and_unknown_store(tmp_path: Path, base: Policy) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(EXAMPLE, knowledge / "stores" / "rhein-kueche")
    _write(knowledge / "stores", GOOD)
    stores = discover_stores(Settings(knowledge_dir=knowledge), base)
    assert list(stores) == ["default", "rhein-kueche", "shop-a"]
    assert stores["shop-a"].collection == "store_shop-a" and stores["default"].collection == "store_default"
    assert stores["default"].config is None  # the default store runs on the settings, as before
    from assistant.stores import resolve_store

    with pytest.raises(UnknownStoreError, match=r"no store 'shop-z'.*default, rhein-kueche, shop-a"):
        resolve_store(stores, "shop-z", "default")


def test_store_settings_carry_its_name_signature_agent_language_and_tone(base: Policy) -> None:
    stores = discover_stores(Settings(), base)
    home, rhein = Settings(), stores["rhein-kueche"].settings(Settings())
    assert home.tone == "friendly"
    assert (rhein.store_name, rhein.agent_language, rhein.tone) == ("Rheinblick Küche", "zh", "formal")
    assert rhein.signature.startswith("Kundenservice")
