"""The knowledge folder loads into citable passages; broken files are named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.errors import KnowledgeError
from assistant.knowledge import load_listings, load_passages, passage_hash

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def test_shipped_knowledge_has_policies_in_two_languages_and_listings() -> None:
    passages = load_passages(KNOWLEDGE)
    documents = {p.document for p in passages}
    assert {"returns", "shipping", "damage-and-defects", "cancellations", "address-changes"} <= documents
    assert any(p.document.startswith("zh-") for p in passages)
    listings = [p for p in passages if p.kind == "listing"]
    assert len(listings) == len(load_listings(KNOWLEDGE)) >= 5
    assert all(p.section and p.text for p in passages)
    assert len({p.id for p in passages}) == len(passages)


def test_sections_become_passages(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "returns.md").write_text(
        "# Returns\n\n## Window\nThirty days.\n\n## Refunds\nAfter the item arrives.\n", encoding="utf-8")
    passages = load_passages(tmp_path)
    assert [(p.id, p.title, p.section, p.text) for p in passages] == [
        ("returns#1", "Returns", "Window", "Thirty days."),
        ("returns#2", "Returns", "Refunds", "After the item arrives."),
    ]


def test_hash_changes_with_content(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    doc = tmp_path / "policies" / "a.md"
    doc.write_text("# A\n## One\ntext\n", encoding="utf-8")
    (before,) = load_passages(tmp_path)
    doc.write_text("# A\n## One\nother text\n", encoding="utf-8")
    (after,) = load_passages(tmp_path)
    assert passage_hash(after, "e") != passage_hash(before, "e")


def test_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no policy documents"):
        load_passages(tmp_path)


def test_bad_listing_names_product_and_field(tmp_path: Path) -> None:
    (tmp_path / "listings.json").write_text(json.dumps([{"sku": "A", "title": "t", "price": -1, "currency": "USD",
                                                          "stock": 1, "description": "d"}]), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"product #1: price"):
        load_listings(tmp_path)


def test_declared_intents_are_read_and_hidden_from_the_text(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "damage.md").write_text(
        "# Damage\n\n## Minor\n<!-- intents: damaged_in_transit, product_defect -->\n\nA scratch.\n\n"
        "## Other\nNo comment here.\n", encoding="utf-8")
    first, second = load_passages(tmp_path)
    assert (first.intents, first.text) == (("damaged_in_transit", "product_defect"), "A scratch.")
    assert (second.intents, second.text) == ((), "No comment here.")


@pytest.mark.parametrize(("comment", "message"), [
    ("<!-- intents: teleport -->", r"damage\.md:4: intents comment names teleport"),
    ("<!-- intents: -->", r"damage\.md:4: intents comment names nothing"),
    ("<!-- intents: return_request, refund_status, wrong_item, missing_items -->", r"damage\.md:4: .*at most 3"),
    ("<!-- signal: accident -->", r"damage\.md:4: a section's conditions comment starts with the intents"),
])
def test_bad_intents_comment_names_file_and_line(tmp_path: Path, comment: str, message: str) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "damage.md").write_text(f"# Damage\n\n## Minor\n{comment}\nA scratch.\n",
                                                     encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_passages(tmp_path)


def test_every_shipped_policy_section_declares_its_intents() -> None:
    from assistant.settings import PROJECT_ROOT

    folders = [PROJECT_ROOT / "knowledge", *sorted((PROJECT_ROOT / "knowledge" / "stores").iterdir())]
    for folder in folders:
        untagged = [p.id for p in load_passages(folder) if p.kind == "policy" and not p.intents]
        assert not untagged, f"{folder}: {untagged}"


@pytest.mark.parametrize(("conditions", "fields", "bad", "error"), [
    ("fulfillment: mcf", {"fulfillment": "mcf"},
     "fulfillment: drone", "fulfillment 'drone' is not one of merchant, amazon, mcf"),
    ("fulfillment: merchant; severity: minor", {"fulfillment": "merchant", "severity": "minor"},
     "colour: blue", "unknown condition 'colour'"),
    ("fulfillment: merchant; route: csba", {"fulfillment": "merchant", "route": "csba"},
     "route: seller", "route 'seller' is not one of csba, amazon, human"),
    ("status: unshipped", {"status": "unshipped"},
     "status: lost", "status 'lost' is not one of unshipped, shipped, delivered, cancelled"),
    ("signal: accident", {"signal": "accident"},
     "signal: angry", "signal 'angry' is not one of praise, careless_delivery"),
], ids=["fulfilment channel", "severity", "route", "order status", "message signal"])
def test_a_section_can_be_limited_by_conditions(tmp_path: Path, conditions: str, fields: dict[str, str], bad: str,
                                                error: str) -> None:
    (tmp_path / "policies").mkdir()
    doc = tmp_path / "policies" / "d.md"
    doc.write_text(f"# D\n\n## Limited\n<!-- intents: damaged_in_transit; {conditions} -->\nText.\n\n"
                   "## Any\n<!-- intents: damaged_in_transit -->\nPhotos.\n", encoding="utf-8")
    limited, general = load_passages(tmp_path)
    assert (limited.intents, limited.text) == (("damaged_in_transit",), "Text.")
    assert {key: getattr(limited, key) for key in fields} == fields
    assert all(getattr(general, key) == "" for key in fields)  # a section without conditions applies everywhere
    doc.write_text(f"# D\n\n## Limited\n<!-- intents: damaged_in_transit; {bad} -->\nText.\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"d\.md:4: {re.escape(error)}"):
        load_passages(tmp_path)


def test_the_signals_a_section_may_name_are_the_yes_no_signals() -> None:
    """The names docs/stores.md lists; each is also a rule condition (policy.Condition), which decide() reads."""
    from assistant.knowledge import SIGNALS
    from assistant.policy import Condition

    assert set(SIGNALS) == {"praise", "careless_delivery", "safety_incident", "exchange", "customs", "extra_item",
                            "resolved", "accident", "elsewhere", "price_drop", "warranty", "order_change", "overcharge",
                            "off_platform"}
    assert set(SIGNALS) <= set(Condition.model_fields)
