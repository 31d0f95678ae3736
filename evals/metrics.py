"""Aggregate scored records into a Summary: rates per check, macro-F1, confusion matrices, latency, per file/language.

Every number here is recomputable from results.jsonl; summarise() is a pure function of the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from assistant.models import Flag, Intent
from evals.dataset import VERDICTS, CaseRecord

__all__ = [
    "Confusion", "GroupMetrics", "IntentScore", "Latency", "Rate", "RunInfo", "Summary",
    "confusion", "group_metrics", "intent_pairs", "macro_f1", "per_intent", "percentile", "summarise",
]


class MetricModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rate(MetricModel):
    """ok out of n; value is None when nothing was checked."""

    ok: int = 0
    n: int = 0

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        # summary.json carries `value` for readers; it is derived, so reading a summary back ignores it
        return {k: v for k, v in data.items() if k != "value"} if isinstance(data, dict) else data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return round(self.ok / self.n, 4) if self.n else None


class Latency(MetricModel):
    p50: float | None = None
    p95: float | None = None
    mean: float | None = None
    max: float | None = None


class IntentScore(MetricModel):
    precision: float
    recall: float
    f1: float
    support: int


class Confusion(MetricModel):
    """rows = expected intent, columns = predicted intent, both in `labels` order."""

    labels: list[str]
    matrix: list[list[int]]


class GroupMetrics(MetricModel):
    """Every metric for one group of records (all, one file, one language)."""

    n: int
    errors: int = 0
    rates: dict[str, Rate] = Field(default_factory=dict, description="one per verdict name")
    remedies_given_intent: Rate = Field(
        default_factory=Rate, description="remedy compliance where the intent was right: the rules' share of errors")
    macro_f1: float | None = None
    macro_f1_lenient: float | None = None
    flag_recall: dict[str, Rate] = Field(default_factory=dict)
    flag_precision: dict[str, Rate] = Field(default_factory=dict)
    violations_by_rule: dict[str, int] = Field(default_factory=dict)
    fallbacks: dict[str, int] = Field(default_factory=dict)
    latency_ms: Latency = Field(default_factory=Latency)


class RunInfo(MetricModel):
    dataset: str
    path: str
    started: datetime
    finished: datetime
    cases: int
    embedder: str
    retriever: str
    llm: str
    limit: int | None = None
    language: str | None = Field(default=None, description="language given to rows that did not state one")
    notes: list[str] = Field(default_factory=list, description="what a reader should know about this run")


class Summary(MetricModel):
    run: RunInfo
    overall: GroupMetrics
    by_file: dict[str, GroupMetrics]
    by_language: dict[str, GroupMetrics]
    per_intent: dict[str, IntentScore]
    confusion: Confusion
    confusion_lenient: Confusion
    worst: list[str] = Field(default_factory=list, description="ids of the worst failures, worst first")


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Linear-interpolated percentile (numpy's default); None for no values."""
    return round(float(np.percentile(np.asarray(values, dtype=float), pct)), 2) if values else None


def intent_pairs(records: Iterable[CaseRecord], lenient: bool = False) -> list[tuple[str, str]]:
    """(expected, predicted) per answered record with an expected intent; lenient: an accepted answer is expected."""
    pairs = []
    for r in records:
        expected = r.case.expect.intent
        if expected is None or r.result is None:
            continue
        predicted = r.result.intent
        gold = predicted if lenient and predicted in r.case.expect.accept else expected
        pairs.append((gold.value, predicted.value))
    return pairs


def _label_order(pairs: Sequence[tuple[str, str]]) -> list[str]:
    present = {label for pair in pairs for label in pair}
    return [i.value for i in Intent if i.value in present]


def per_intent(pairs: Sequence[tuple[str, str]]) -> dict[str, IntentScore]:
    """Precision, recall and F1 per label over every label seen as expected or predicted."""
    scores = {}
    for label in _label_order(pairs):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = IntentScore(precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4),
                                    support=tp + fn)
    return scores


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Unweighted mean F1 over every label seen as expected or predicted (as sklearn's default labels)."""
    scores = per_intent(pairs)
    return round(sum(s.f1 for s in scores.values()) / len(scores), 4) if scores else None


def confusion(pairs: Sequence[tuple[str, str]]) -> Confusion:
    labels = _label_order(pairs)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for gold, predicted in pairs:
        matrix[index[gold]][index[predicted]] += 1
    return Confusion(labels=labels, matrix=matrix)


def _flag_rates(records: Sequence[CaseRecord]) -> tuple[dict[str, Rate], dict[str, Rate]]:
    """Per flag: recall over cases expecting it, precision over cases where it was raised (labelled cases only)."""
    pairs = [(set(r.case.expect.flags), set(r.result.flags)) for r in records
             if r.case.expect.flags is not None and r.result is not None]
    recall: dict[str, Rate] = {}
    precision: dict[str, Rate] = {}
    for flag in Flag:
        both = sum(1 for wanted, raised in pairs if flag in wanted and flag in raised)
        recall[flag.value] = Rate(ok=both, n=sum(1 for wanted, _ in pairs if flag in wanted))
        precision[flag.value] = Rate(ok=both, n=sum(1 for _, raised in pairs if flag in raised))
    return recall, precision


def group_metrics(records: Sequence[CaseRecord]) -> GroupMetrics:
    """All metrics for one group of records."""
    rates = {}
    for name in VERDICTS:
        checked = [r.verdicts.get(name) for r in records if r.verdicts.get(name) is not None]
        rates[name] = Rate(ok=sum(1 for v in checked if v), n=len(checked))
    answered = [r.result for r in records if r.result is not None]
    violations = Counter(v.rule for res in answered for v in res.guard.violations)
    fallbacks = Counter(res.fallback for res in answered if res.fallback)
    latencies = [r.latency_ms for r in records if r.latency_ms is not None]
    recall, precision = _flag_rates(records)
    given = [r.verdicts["remedies"] for r in records
             if r.verdicts.get("intent_lenient") and r.verdicts.get("remedies") is not None]
    return GroupMetrics(
        n=len(records),
        errors=sum(1 for r in records if r.error),
        rates=rates,
        remedies_given_intent=Rate(ok=sum(1 for v in given if v), n=len(given)),
        macro_f1=macro_f1(intent_pairs(records)),
        macro_f1_lenient=macro_f1(intent_pairs(records, lenient=True)),
        flag_recall=recall,
        flag_precision=precision,
        violations_by_rule=dict(violations.most_common()),
        fallbacks=dict(fallbacks.most_common()),
        latency_ms=Latency(
            p50=percentile(latencies, 50), p95=percentile(latencies, 95),
            mean=round(sum(latencies) / len(latencies), 2) if latencies else None,
            max=round(max(latencies), 2) if latencies else None,
        ),
    )


# How much each failed check weighs when picking the worst failures: breaking policy first, then wrong answers.
FAILURE_WEIGHT = {
    "remedies": 50, "guard": 40, "rules": 20, "intent_lenient": 20, "other_recall": 15, "reply_language": 15,
    "route": 10, "coarse": 10, "second_requests": 5, "flags": 5, "language": 5, "citation": 5, "citation_on_topic": 5,
    "no_fallback": 5,
}


def failure_score(record: CaseRecord) -> float:
    """Higher is worse; a confident wrong intent is worse than an unsure one."""
    if record.error:
        return 1000.0
    score = float(sum(FAILURE_WEIGHT.get(name, 1) for name in record.failed))
    if record.verdicts.get("intent_lenient") is False and record.result is not None:
        score += 10 * record.result.confidence
    return score


def worst(records: Sequence[CaseRecord], limit: int = 30) -> list[CaseRecord]:
    failing = [r for r in records if r.error or r.failed]
    return sorted(failing, key=failure_score, reverse=True)[:limit]


def _groups(records: Sequence[CaseRecord], key: str) -> dict[str, GroupMetrics]:
    buckets: dict[str, list[CaseRecord]] = {}
    for r in records:
        buckets.setdefault(r.case.source if key == "file" else r.language, []).append(r)
    return {name: group_metrics(buckets[name]) for name in sorted(buckets)}


def summarise(records: Sequence[CaseRecord], run: RunInfo) -> Summary:
    """The whole run's summary: overall, per file, per language, per intent, confusion, worst ids."""
    return Summary(
        run=run,
        overall=group_metrics(records),
        by_file=_groups(records, "file"),
        by_language=_groups(records, "language"),
        per_intent=per_intent(intent_pairs(records, lenient=True)),
        confusion=confusion(intent_pairs(records)),
        confusion_lenient=confusion(intent_pairs(records, lenient=True)),
        worst=[r.case.id for r in worst(records)],
    )
