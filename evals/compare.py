"""Compare a run with an earlier one: the change of every headline number, overall, per language and per file."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import InputError
from evals.metrics import GroupMetrics, Summary

__all__ = ["Comparison", "Delta", "compare_runs", "headline", "load_summary"]


class Delta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group: str
    metric: str
    before: float | None
    after: float | None
    delta: float | None


class Comparison(BaseModel):
    model_config = ConfigDict(extra="forbid")

    against: str
    before_dataset: str
    rows: list[Delta]

    def changed(self, group: str = "overall") -> list[Delta]:
        return [d for d in self.rows if d.group == group and d.delta]


def headline(group: GroupMetrics) -> dict[str, float | None]:
    """The numbers worth comparing for one group, by name."""
    numbers: dict[str, float | None] = {name: rate.value for name, rate in group.rates.items()}
    numbers["remedies_given_intent"] = group.remedies_given_intent.value
    numbers["macro_f1"] = group.macro_f1
    numbers["macro_f1_lenient"] = group.macro_f1_lenient
    numbers["latency_p50_ms"] = group.latency_ms.p50
    numbers["latency_p95_ms"] = group.latency_ms.p95
    return numbers


def load_summary(path: Path) -> Summary:
    """An earlier run's summary, from its folder or its summary.json."""
    file = path / "summary.json" if path.is_dir() else path
    if not file.is_file():
        raise InputError(f"--compare: {file} not found. Give an earlier run folder, e.g. evals/runs/<timestamp>.")
    try:
        return Summary.model_validate_json(file.read_text(encoding="utf-8"))
    except ValidationError as exc:
        problem = f"{exc.error_count()} errors"
        raise InputError(f"--compare: {file} is not a summary this version can read ({problem}).") from exc


def _group_deltas(name: str, before: GroupMetrics, after: GroupMetrics) -> list[Delta]:
    old, new = headline(before), headline(after)
    rows = []
    for metric, value in new.items():
        prior = old.get(metric)
        delta = round(value - prior, 4) if value is not None and prior is not None else None
        rows.append(Delta(group=name, metric=metric, before=prior, after=value, delta=delta))
    return rows


def compare_runs(before: Summary, after: Summary, against: str) -> Comparison:
    """Deltas for the groups both runs have (after minus before)."""
    rows = _group_deltas("overall", before.overall, after.overall)
    for kind, old_groups, new_groups in (
        ("language", before.by_language, after.by_language), ("file", before.by_file, after.by_file)
    ):
        for name in sorted(old_groups.keys() & new_groups.keys()):
            rows += _group_deltas(f"{kind}:{name}", old_groups[name], new_groups[name])
    return Comparison(against=against, before_dataset=before.run.dataset, rows=rows)
