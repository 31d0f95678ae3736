"""Evaluators and metrics on hand-made results whose right answers we know."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.models import (
    CATEGORY_OF,
    Citation,
    Decision,
    DraftResult,
    Flag,
    GuardReport,
    GuardViolation,
    Intent,
    Reason,
    Remedy,
    Route,
    SourceRef,
)
from evals.compare import compare_runs
from evals.dataset import Case, CaseRecord, Expectation
from evals.evaluators import record_for, record_for_error
from evals.metrics import (
    RunInfo,
    confusion,
    group_metrics,
    intent_pairs,
    macro_f1,
    per_intent,
    percentile,
    summarise,
    worst,
)

A, B, C = Intent.DAMAGED_IN_TRANSIT, Intent.WRONG_ITEM, Intent.OTHER
SRC = SourceRef(document="d", section="s")


def result(intent: Intent, *, remedies: list[Remedy] | None = None, route: Route = Route.SELLER,
           flags: list[Flag] | None = None, draft: str = "Thank you for your message, we are sorry about the parcel.",
           language: str = "en", passed: bool = True, total_ms: float = 10.0, cited: bool = True,
           rules: list[str] | None = None, confidence: float = 0.9) -> DraftResult:
    violations = [] if passed else [GuardViolation(rule="link", span=(0, 4), message="no links")]
    return DraftResult(
        id=None, language=language, intent=intent, category=CATEGORY_OF[intent], confidence=confidence,  # type: ignore[arg-type]
        flags=flags or [], draft=draft, timings_ms={"total": total_ms},
        decision=Decision(remedies=remedies or [], route=route,
                          reasons=[Reason(rule=r, source=SRC) for r in rules or []]),
        citations=[Citation(id="p1", document="d", section="s", snippet="x", score=0.5)] if cited else [],
        guard=GuardReport(passed=passed, violations=violations),
    )


def case(intent: Intent, **expect: object) -> Case:
    return Case(id=f"c{id(expect)}", text="The parcel arrived damaged.", expect=Expectation(intent=intent, **expect))  # type: ignore[arg-type]


def test_expectation_defaults_accept_category_and_out_of_scope() -> None:
    e = Expectation(intent=Intent.REFUND_STATUS, accept=[Intent.RETURN_REQUEST])
    assert e.accept == [Intent.REFUND_STATUS, Intent.RETURN_REQUEST]
    assert e.category == "return_refund"
    assert Expectation(intent=Intent.OTHER).out_of_scope is True
    with pytest.raises(ValueError, match="both required and forbidden"):
        Expectation(must_allow=[Remedy.RESEND], must_not_allow=[Remedy.RESEND])


@pytest.mark.parametrize(("expect", "answer", "verdict", "why"), [
    ({"must_allow": [Remedy.FULL_REFUND, Remedy.RESEND]}, [Remedy.FULL_REFUND, Remedy.RESEND, Remedy.ESCALATE], True,
     "every required remedy offered, extras are fine"),
    ({"must_allow": [Remedy.FULL_REFUND, Remedy.RESEND]}, [Remedy.FULL_REFUND], False, "a required remedy missing"),
    ({"must_not_allow": [Remedy.RESEND]}, [Remedy.FULL_REFUND, Remedy.RESEND], False, "a forbidden remedy offered"),
    ({"must_not_allow": [Remedy.RESEND]}, [], True, "nothing offered, nothing forbidden"),
    ({}, [Remedy.RESEND], None, "no remedy expectation: not checked"),
])
def test_remedy_compliance(expect: dict[str, list[Remedy]], answer: list[Remedy], verdict: bool | None,
                           why: str) -> None:
    assert record_for(case(A, **expect), result(A, remedies=answer)).verdicts["remedies"] is verdict, why


def test_strict_lenient_coarse_route_flags_rules() -> None:
    c = case(Intent.REFUND_STATUS, accept=[Intent.RETURN_REQUEST], route=Route.HUMAN, flags=[Flag.URGENT],
             rules=["refund_status", "atoz_threat_to_human"])
    v = record_for(c, result(Intent.RETURN_REQUEST, route=Route.HUMAN, flags=[Flag.URGENT, Flag.ATOZ_THREAT],
                             rules=["return_request", "atoz_threat_to_human"])).verdicts
    assert (v["intent_strict"], v["intent_lenient"], v["coarse"]) == (False, True, True)
    assert (v["route"], v["flags"], v["rules"]) == (True, False, False)
    assert v["other_recall"] is None and v["no_fallback"] is None


@pytest.mark.parametrize(("also", "intent", "found", "verdict", "why"), [
    ([B], A, [B], True, "the second request named in also"),
    ([B], B, [A], True, "the second request leads, the first is in also"),
    ([B], A, [], False, "the second request missed"),
    ([A, B], A, [], False, "held-out two-request rows list both: one missing"),
    ([], A, [], True, "one request, nothing else named"),
    ([], A, [B], False, "one request, a spurious second"),
    (None, A, [B], None, "no expectation: not checked"),
])
def test_second_requests(also: list[Intent] | None, intent: Intent, found: list[Intent], verdict: bool | None,
                         why: str) -> None:
    answer = result(intent).model_copy(update={"also": found})
    assert record_for(case(A, also=also), answer).verdicts["second_requests"] is verdict, why
    assert record_for_error(case(A, also=also), "boom").verdicts["second_requests"] is (False if also is not None
                                                                                        else None)


def test_coarse_right_when_fine_intent_is_wrong() -> None:
    v = record_for(case(Intent.SHIPPING_STATUS), result(Intent.DELIVERY_DELAY)).verdicts
    assert (v["intent_lenient"], v["coarse"]) == (False, True)


@pytest.mark.parametrize(("intent", "route", "ok"), [
    (Intent.OTHER, Route.SELLER, True),
    (Intent.WRONG_ITEM, Route.HUMAN, True),
    (Intent.WRONG_ITEM, Route.SELLER, False),
], ids=["says other", "hands to a person", "invents an intent"])
def test_other_recall_on_out_of_scope(intent: Intent, route: Route, ok: bool) -> None:
    c = Case(id="x", text="are you hiring?", expect=Expectation(intent=C))
    assert record_for(c, result(intent, route=route)).verdicts["other_recall"] is ok


def test_reply_language_is_detected_in_the_draft() -> None:
    c = case(A, language="de")
    german = result(A, language="de",
                    draft="Vielen Dank für Ihre Nachricht. Es tut uns leid, dass die Tasse zerbrochen ist.")
    english = result(A, language="de")
    assert record_for(c, german).verdicts["reply_language"] is True
    assert record_for(c, english).verdicts["reply_language"] is False
    assert record_for(c, english).reply_language == "en"


def test_error_record_fails_what_applies() -> None:
    r = record_for_error(case(A, must_allow=[Remedy.RESEND]), "InputError: empty")
    assert r.verdicts["remedies"] is False and r.verdicts["route"] is None and r.verdicts["no_fallback"] is None


def test_macro_f1_on_a_tiny_confusion() -> None:
    # a: tp1 fp0 fn1 -> P 1, R .5, F1 .6667; b: tp2 fp1 fn0 -> P .6667, R 1, F1 .8; macro (.6667 + .8) / 2
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
    pairs = [(A.value if g == "a" else B.value, A.value if p == "a" else B.value) for g, p in pairs]
    assert macro_f1(pairs) == pytest.approx(0.7333, abs=1e-4)
    scores = per_intent(pairs)
    assert (scores[A.value].precision, scores[A.value].recall, scores[A.value].support) == (1.0, 0.5, 2)
    assert confusion(pairs).matrix == [[1, 1], [0, 2]]
    assert confusion(pairs).labels == [A.value, B.value]


def test_a_label_only_predicted_counts_with_f1_zero() -> None:
    pairs = [(A.value, A.value), (A.value, C.value)]
    # a: P 1 R .5 F1 .6667; other: never expected, predicted once -> F1 0
    assert macro_f1(pairs) == pytest.approx(0.3333, abs=1e-4)


def test_lenient_pairs_count_an_accepted_answer_as_expected() -> None:
    c = case(Intent.REFUND_STATUS, accept=[Intent.RETURN_REQUEST])
    r = record_for(c, result(Intent.RETURN_REQUEST))
    assert intent_pairs([r]) == [("refund_status", "return_request")]
    assert intent_pairs([r], lenient=True) == [("return_request", "return_request")]


def test_percentile_is_linear_interpolated() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == 25.0
    assert percentile(values, 95) == 38.5
    assert percentile([], 50) is None


def _records() -> list[CaseRecord]:
    return [
        record_for(case(A, must_allow=[Remedy.FULL_REFUND], flags=[]),
                   result(A, remedies=[Remedy.FULL_REFUND], total_ms=10)),
        record_for(case(A, must_allow=[Remedy.FULL_REFUND], flags=[Flag.URGENT]),
                   result(B, remedies=[], passed=False, flags=[Flag.URGENT], total_ms=30, confidence=0.95)),
        record_for(case(B, flags=[]), result(B, flags=[Flag.URGENT], cited=False, total_ms=20)),
    ]


def test_group_metrics_counts() -> None:
    g = group_metrics(_records())
    assert g.n == 3
    assert (g.rates["intent_strict"].ok, g.rates["intent_strict"].n) == (2, 3)
    assert g.rates["remedies"].value == 0.5
    assert g.rates["guard"].value == pytest.approx(0.6667)
    assert g.rates["citation"].value == pytest.approx(0.6667)
    assert g.violations_by_rule == {"link": 1}
    assert (g.flag_recall["urgent"].ok, g.flag_recall["urgent"].n) == (1, 1)
    assert (g.flag_precision["urgent"].ok, g.flag_precision["urgent"].n) == (1, 2)
    assert (g.latency_ms.p50, g.latency_ms.max) == (20.0, 30.0)
    # a: tp1 fn1 -> F1 .6667; b: tp1 fp1 -> P .5 R 1 F1 .6667
    assert g.macro_f1 == pytest.approx(0.6667, abs=1e-4)


def test_worst_puts_policy_breaks_first() -> None:
    records = _records()
    assert [r.case.id for r in worst(records)] == [records[1].case.id, records[2].case.id]


def _run() -> RunInfo:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return RunInfo(dataset="t", path="t", started=now, finished=now, cases=3, embedder="hash", retriever="memory",
                   llm="offline")


def test_summary_round_trips_and_compares() -> None:
    records = _records()
    before = summarise(records[:2], _run())
    after = summarise(records, _run())
    again = type(after).model_validate_json(after.model_dump_json())
    assert again.overall.rates["guard"].value == after.overall.rates["guard"].value
    deltas = {d.metric: d.delta for d in compare_runs(before, after, "old").rows if d.group == "overall"}
    assert deltas["intent_strict"] == pytest.approx(2 / 3 - 1 / 2, abs=1e-4)
    assert deltas["guard"] == pytest.approx(2 / 3 - 1 / 2, abs=1e-4)


def test_charts_are_inline_pngs_when_matplotlib_is_installed() -> None:
    pytest.importorskip("matplotlib")
    from evals.charts import confusion_png, latency_png

    heat = confusion_png(confusion([(A.value, A.value), (A.value, B.value)]), "t")
    hist = latency_png([10.0, 20.0, 30.0, 4000.0], 25.0, 38.5)
    assert heat is not None and heat.startswith("data:image/png;base64,")
    assert hist is not None and hist.startswith("data:image/png;base64,")


def test_latency_falls_back_to_the_sum_of_stages() -> None:
    r = result(A, total_ms=10.0)
    staged = r.model_copy(update={"timings_ms": {"classify": 4.0, "retrieve": 2.5}})
    assert record_for(case(A), r).latency_ms == 10.0
    assert record_for(case(A), staged).latency_ms == 6.5


def test_remedy_compliance_given_the_right_intent_separates_rules_from_classifier() -> None:
    g = group_metrics(_records())
    # record 0: right intent, compliant; record 1: wrong intent, not compliant; record 2: no remedy expectation
    assert (g.rates["remedies"].ok, g.rates["remedies"].n) == (1, 2)
    assert (g.remedies_given_intent.ok, g.remedies_given_intent.n) == (1, 1)


@pytest.mark.parametrize(("expect", "topics", "cited", "verdict", "why"), [
    ({}, {"p1": ("damaged_in_transit",)}, True, True, "the cited section declares the expected intent"),
    ({}, {"p1": ("wrong_item",)}, True, False, "the cited section answers another intent"),
    ({"accept": [B]}, {"p1": ("wrong_item",)}, True, True, "an accepted intent counts"),
    ({}, {"p1": ("damaged_in_transit",)}, False, False, "nothing cited"),
    ({}, {}, True, None, "no declared intents: not checked"),
    ({"route": "csba"}, {"p1": ("return_request", "route:csba")}, True, True, "a section written for the route"),
    ({"route": "seller"}, {"p1": ("return_request", "route:csba")}, True, False, "...but not for another route"),
])
def test_citation_on_topic(expect: dict[str, object], topics: dict[str, tuple[str, ...]], cited: bool,
                           verdict: bool | None, why: str) -> None:
    record = record_for(case(A, **expect), result(A, cited=cited), topics)
    assert record.verdicts["citation_on_topic"] is verdict, why


def test_citation_on_topic_is_not_checked_for_out_of_scope_cases() -> None:
    record = record_for(case(C), result(C), {"p1": ("other",)})
    assert record.verdicts["citation_on_topic"] is None
