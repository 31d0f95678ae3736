"""Table tests for `guard.repair`: what can be removed mechanically is removed and whitespace tidied; what cannot
(tone, promises, review requests, length) is left for the drafter, and the caller's second check still fails."""

from __future__ import annotations

import pytest
from guard_tables import ALLOW_ALL, POLICY

from assistant.guard import check, repair
from assistant.models import Decision, Remedy

BUYER = "I live at 12 Main Street."

FIXABLE = [
    pytest.param(
        "Thanks for asking. Please see shop.example.com for details.", "Thanks for asking.", id="link sentence removed"
    ),
    pytest.param(
        "We are sorry. Write to jane (at) gmail (dot) com, we answer fast.", "We are sorry.", id="disguised e-mail"
    ),
    pytest.param("Call +49 176 1234 5678 if needed. Kind regards", "Kind regards", id="phone sentence removed"),
    pytest.param("Thank you! Add WeChat ID: harbor_pine88 today.", "Thank you!", id="messenger sentence removed"),
    pytest.param("Thanks <b>a lot</b> for waiting.", "Thanks a lot for waiting.", id="tags stripped, text kept"),
    pytest.param("Thanks 😊 for waiting 👍🏽.", "Thanks for waiting.", id="emoji removed"),
    pytest.param(
        "We will refund you. You can also pay via PayPal.", "We will refund you.", id="off-platform sentence removed"
    ),
    pytest.param(
        "Thanks for your order. Use code SAVE10 for 10% off your next order. Kind regards",
        "Thanks for your order. Kind regards",
        id="marketing sentence dropped",
    ),
    pytest.param(
        "We ship tomorrow. It goes to 12 Main Street.", "We ship tomorrow.", id="echoed address sentence removed"
    ),
    pytest.param(
        "Hello,\n\nplease see example[.]com (www.example.org).\n\nKind regards",
        "Hello,\n\nKind regards",
        id="paragraphs kept around the cut",
    ),
]


@pytest.mark.parametrize(("draft", "expected"), FIXABLE)
def test_repair_removes_mechanical_violations(draft: str, expected: str) -> None:
    report = check(draft, ALLOW_ALL, POLICY, buyer_text=BUYER)
    assert not report.passed
    repaired = repair(draft, report)
    assert repaired == expected
    assert check(repaired, ALLOW_ALL, POLICY, buyer_text=BUYER).passed


NOT_FIXABLE = [
    pytest.param("Please wait for the parcel.", ALLOW_ALL, "tone", id="tone left for the drafter"),
    pytest.param("Please leave us a 5-star review.", ALLOW_ALL, "review_manipulation", id="review request left"),
    pytest.param(
        "We will give you a full refund.",
        Decision(remedies=[Remedy.RESEND]),
        "unsupported_promise",
        id="unsupported promise left",
    ),
    pytest.param("Thank you. " * 200, ALLOW_ALL, "too_long", id="too long: nothing truncated"),
]


@pytest.mark.parametrize(("draft", "decision", "rule"), NOT_FIXABLE)
def test_repair_leaves_what_needs_a_new_draft(draft: str, decision: Decision, rule: str) -> None:
    report = check(draft, decision, POLICY)
    repaired = repair(draft, report)
    assert repaired == draft
    again = check(repaired, decision, POLICY)
    assert not again.passed and rule in {v.rule for v in again.violations}


def test_repair_of_a_mixed_draft_keeps_only_the_unfixable_violation() -> None:
    draft = "Please wait 😊 for the parcel. Or call 555-123-4567 and see example.com."
    report = check(draft, ALLOW_ALL, POLICY)
    assert {v.rule for v in report.violations} == {"tone", "emoji", "phone", "link"}
    repaired = repair(draft, report)
    assert repaired == "Please wait for the parcel."
    assert [v.rule for v in check(repaired, ALLOW_ALL, POLICY).violations] == ["tone"]


def test_repair_without_violations_returns_the_draft_unchanged() -> None:
    draft = "  Thank you,  we will look at it.  "
    assert repair(draft, check(draft, ALLOW_ALL, POLICY)) == draft


def test_repair_ignores_spans_that_do_not_fit_the_draft() -> None:
    report = check("Visit example.com now, it has the manual.", ALLOW_ALL, POLICY)
    assert repair("short", report) == "short"
