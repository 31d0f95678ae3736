"""Loaders: our YAML/JSONL cases and each shared dataset's format, on tiny files written here (never the real sets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.models import Intent, Remedy, Route
from evals.loaders import load_dataset


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


BASE = {
    "source_label": "x",
    "category": "refund_status",
    "accept": ["refund_status", "return_request"],
    "mapping_quality": "approx",
}


@pytest.mark.parametrize(
    ("extra", "language"),
    [
        ({"source_category": "REFUND", "flags": "BQZ"}, None),  # bitext
        (
            {"reference_reply": "We are sorry", "prior_context": [], "annotator_notes": "", "source_ambiguous": False},
            None,
        ),  # twcs
        ({"lang": "fr", "source_text_with_entities": "Email1"}, "fr"),  # pmc
    ],
    ids=["bitext", "twcs", "pmc"],
)
def test_each_external_format(tmp_path: Path, extra: dict[str, object], language: str | None) -> None:
    out_of_scope = {"category": "other", "accept": ["other"], "mapping_quality": "out_of_scope"}
    path = _jsonl(
        tmp_path / "set.jsonl",
        [
            {"id": "r1", "text": "where is my money", **BASE, **extra},
            {"id": "r2", "text": "hello", **BASE, **out_of_scope, **extra},
        ],
    )
    data = load_dataset(path)
    assert data.name == "set"
    first, second = data.cases
    assert first.expect.intent == Intent.REFUND_STATUS
    assert first.expect.accept == [Intent.REFUND_STATUS, Intent.RETURN_REQUEST]
    assert first.expect.language == language
    assert first.expect.out_of_scope is False and first.meta["mapping_quality"] == "approx"
    assert first.source == "set.jsonl" and first.order is None
    assert second.expect.out_of_scope is True


def test_our_jsonl_format(tmp_path: Path) -> None:
    row = {
        "id": "o1",
        "text": "cancel please",
        "order": {"status": "unshipped"},
        "expect": {"intent": "order_cancellation", "must_allow": ["cancel_order"], "route": "seller"},
    }
    (case,) = load_dataset(_jsonl(tmp_path / "ours.jsonl", [row])).cases
    assert case.order is not None and case.order.status == "unshipped"
    assert case.expect.must_allow == [Remedy.CANCEL_ORDER] and case.expect.route == Route.SELLER


def test_held_out_classifier_messages_load_as_cases(tmp_path: Path) -> None:
    rows = [{"text": "Wo bleibt mein Paket?", "intent": "delivery_delay", "lang": "de"},
            {"text": "the box came open", "intent": "damaged_in_transit", "accept": ["missing_items"], "lang": "en",
             "concept": "opened_parcel"}]
    first, second = load_dataset(_jsonl(tmp_path / "heldout_x.jsonl", rows)).cases
    assert (first.id, first.expect.language, first.expect.accept) == ("heldout_x-1", "de", [Intent.DELIVERY_DELAY])
    assert second.expect.accept == [Intent.DAMAGED_IN_TRANSIT, Intent.MISSING_ITEMS]
    assert second.meta == {"concept": "opened_parcel"} and second.order is None
    shipped = load_dataset(Path(__file__).resolve().parent / "data" / "heldout_edge.jsonl")
    assert len(shipped.cases) == 816 and {c.expect.language for c in shipped.cases} >= {"en", "ja", "zh"}


def test_two_request_messages_load_with_both_to_be_named(tmp_path: Path) -> None:
    rows = [{"text": "Cracked lamp. Also an invoice please.", "intents": ["damaged_in_transit", "invoice_request"],
             "lang": "en"},
            {"text": "The kettle stopped working after a week.", "intents": ["product_defect"], "lang": "en"}]
    two, one = load_dataset(_jsonl(tmp_path / "heldout_multi.jsonl", rows)).cases
    assert two.expect.intent is None and two.expect.accept == [Intent.DAMAGED_IN_TRANSIT, Intent.INVOICE_REQUEST]
    assert two.expect.also == [Intent.DAMAGED_IN_TRANSIT, Intent.INVOICE_REQUEST]
    assert (one.expect.accept, one.expect.also) == ([Intent.PRODUCT_DEFECT], [])
    shipped = load_dataset(Path(__file__).resolve().parent / "data" / "heldout_multi.jsonl")
    assert sum(bool(c.expect.also) for c in shipped.cases) == 56 and len(shipped.cases) == 84


def test_yaml_defaults_merge_into_each_case(tmp_path: Path) -> None:
    (tmp_path / "de.yaml").write_text(
        "language: de\n"
        "defaults:\n  order: {marketplace: DE}\n  expect: {route: seller, flags: []}\n"
        "cases:\n"
        "- {id: a, text: 'Wo ist mein Paket?', order: {status: shipped}, expect: {intent: shipping_status}}\n"
        "- {id: b, text: 'Bitte stornieren', expect: {intent: order_cancellation, route: human, flags: [urgent]}}\n",
        encoding="utf-8",
    )
    a, b = load_dataset(tmp_path).cases
    assert a.order is not None and (a.order.marketplace, a.order.status) == ("DE", "shipped")
    assert (a.expect.language, a.expect.route, a.expect.flags) == ("de", "seller", [])
    assert b.order is not None and b.order.marketplace == "DE"
    assert (b.expect.route, b.expect.flags) == ("human", ["urgent"])
    assert a.source == "de.yaml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x", "text": "hi"}\n', "unknown format"),
        ('{"id": "x", "text": "hi", "category": "lost", "accept": ["lost"], "mapping_quality": "clean"}\n', "lost"),
        ('{"id": "x", "text": "hi", "expect": {"intent": "shipping_status", "colour": 1}}\n', "colour"),
        ('{"text": "hi", "intent": "lost", "lang": "en"}\n', "lost"),
        ("not json\n", "not valid JSON"),
    ],
    ids=["no known fields", "unknown intent", "unknown expectation key", "unknown held-out intent", "broken line"],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "t", "expect": {}}\n' + content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_dataset(path)
    assert f"{path}:2" in str(info.value)


def test_duplicate_ids_and_missing_paths_are_errors(tmp_path: Path) -> None:
    rows = [{"id": "same", "text": "a", "expect": {}}, {"id": "same", "text": "b", "expect": {}}]
    with pytest.raises(InputError, match="appears twice"):
        load_dataset(_jsonl(tmp_path / "dup.jsonl", rows))
    with pytest.raises(InputError, match="no such file"):
        load_dataset(tmp_path / "missing.jsonl")


def test_in_language_labels_only_rows_without_one(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "hi", **BASE}, {"id": "b", "text": "salut", **BASE, "lang": "fr"}]
    data = load_dataset(_jsonl(tmp_path / "mixed.jsonl", rows)).in_language("en")
    assert [c.expect.language for c in data.cases] == ["en", "fr"]
    assert load_dataset(tmp_path / "mixed.jsonl").in_language(None).cases[0].expect.language is None


def test_labels_outside_our_intents_are_kept_aside(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "t", **BASE, "accept": ["refund_status", "chargeback_threat"]},
        {"id": "b", "text": "t", **BASE, "category": "chargeback_threat", "accept": ["chargeback_threat", "other"]},
    ]
    a, b = load_dataset(_jsonl(tmp_path / "odd.jsonl", rows)).cases
    assert a.expect.accept == [Intent.REFUND_STATUS] and a.meta["unknown_labels"] == "chargeback_threat"
    assert b.expect.intent is None and b.expect.accept == [Intent.OTHER]
