"""Run a labelled set through the whole pipeline and write results.jsonl, summary.json and report.html.

`reply-assistant eval PATH` (or `python -m evals PATH`) calls run_eval(); PATH is a case file, a folder of them,
or a shared dataset read in place.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from assistant.errors import AssistantError
from assistant.models import DraftRequest, Language
from assistant.settings import Settings
from evals.compare import Comparison, compare_runs, load_summary
from evals.dataset import CaseRecord, Dataset
from evals.evaluators import record_for, record_for_error
from evals.loaders import load_dataset
from evals.metrics import GroupMetrics, RunInfo, Summary, summarise
from evals.report_html import render_report

if TYPE_CHECKING:
    from assistant.pipeline import Parts

__all__ = ["new_run_dir", "run_cases", "run_eval"]

OVERVIEW = ("intent_strict", "intent_lenient", "coarse", "other_recall", "remedies", "rules", "route", "flags",
            "second_requests", "language", "reply_language", "guard", "citation", "citation_on_topic")


def new_run_dir(out_dir: Path, dataset: str, now: datetime) -> Path:
    """evals/runs/<timestamp>-<dataset>, never reusing a folder."""
    base = out_dir / f"{now:%Y%m%d-%H%M%S}-{dataset}"
    run_dir, n = base, 1
    while run_dir.exists():
        n += 1
        run_dir = base.with_name(f"{base.name}-{n}")
    run_dir.mkdir(parents=True)
    return run_dir


def run_cases(dataset: Dataset, parts: Parts, results_path: Path, console: Console) -> list[CaseRecord]:
    """Draft every case with the whole pipeline, scoring each as it comes and appending it to results.jsonl."""
    from assistant.knowledge import load_passages
    from assistant.pipeline import draft_reply

    records: list[CaseRecord] = []
    right = 0
    topics = {p.id: (*p.intents, *((f"route:{p.route}",) if p.route else ()))
              for p in load_passages(parts.settings.knowledge_dir) if p.intents}
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[score]}"), TimeElapsedColumn(), TimeRemainingColumn())
    with results_path.open("w", encoding="utf-8") as sink, Progress(*columns, console=console) as progress:
        task = progress.add_task(f"eval {dataset.name}", total=len(dataset.cases), score="")
        for case in dataset.cases:
            try:
                result = draft_reply(DraftRequest(id=case.id, text=case.text, order=case.order), parts)
                record = record_for(case, result, topics)
            except AssistantError as exc:
                record = record_for_error(case, f"{type(exc).__name__}: {exc}")
            records.append(record)
            sink.write(record.model_dump_json(exclude_none=True) + "\n")
            right += record.verdicts.get("intent_lenient") is True
            progress.update(task, advance=1, score=f"lenient {right / len(records):.3f}")
    return records


def _value(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _print_overview(summary: Summary, comparison: Comparison | None, console: Console) -> None:
    """Headline numbers on the console: one row per metric, one column for all cases and one per language."""
    groups: dict[str, GroupMetrics] = {"all": summary.overall, **summary.by_language}
    # one space between columns: all and seven languages fit 80 characters (a pipe or CI log) without "1.0…"
    table = Table(title=f"{summary.run.dataset}: {summary.run.cases} cases", title_justify="left", box=box.SIMPLE,
                  pad_edge=False, padding=(0, 1), collapse_padding=True)
    table.add_column("metric", no_wrap=True)
    for name in groups:
        table.add_column(name, justify="right", no_wrap=True, min_width=5)
    for metric in OVERVIEW:
        cells = [_value(g.rates[metric].value) for g in groups.values()]
        table.add_row(metric.replace("intent_", "").replace("_language", "_lang"), *cells)
    table.add_row("remedies|intent ok", *(_value(g.remedies_given_intent.value) for g in groups.values()))
    table.add_row("macro_f1", *("–" if g.macro_f1 is None else f"{g.macro_f1:.3f}" for g in groups.values()))
    table.add_row("p50 ms", *(f"{g.latency_ms.p50 or 0:.0f}" for g in groups.values()))
    table.add_row("p95 ms", *(f"{g.latency_ms.p95 or 0:.0f}" for g in groups.values()))
    console.print(table)
    if comparison:
        changed = comparison.changed()
        console.print(f"vs {comparison.against}: " + (", ".join(
            f"{d.metric} {d.delta:+.4f}" for d in changed) if changed else "no overall number changed"))


def run_eval(dataset: Path, *, settings: Settings, limit: int | None = None, compare: Path | None = None,
             out_dir: Path = Path("evals/runs"), console: Console | None = None, html: bool = True,
             language: Language | None = None) -> Path:
    """Score the assistant on a labelled set and write the run folder; return its path.

    `language` labels the rows that do not state theirs (bitext and twcs are English); unlabelled rows are
    otherwise grouped by the language detected in the message.
    """
    console = console or Console(stderr=True)
    cases = load_dataset(dataset).in_language(language).head(limit)
    previous = load_summary(compare) if compare else None  # fail before the long run, not after it
    from assistant.pipeline import load_parts  # heavy: the embedder and the index

    with console.status("Loading rules, index and classifier…"):
        parts = load_parts(settings)
    started = datetime.now(UTC)
    run_dir = new_run_dir(out_dir, cases.name, started)
    records = run_cases(cases, parts, run_dir / "results.jsonl", console)
    info = RunInfo(
        dataset=cases.name, path=str(dataset), started=started, finished=datetime.now(UTC), cases=len(records),
        embedder=settings.embedder, retriever=settings.retriever, llm=settings.llm, limit=limit, language=language,
    )
    unknown = sum(1 for c in cases.cases if "unknown_labels" in c.meta)
    if unknown:
        info.notes.append(f"{unknown} row(s) carry labels outside our intents (meta.unknown_labels); "
                          "those labels are not scored")
    no_total = sum(1 for r in records if r.result is not None and "total" not in r.result.timings_ms)
    if no_total:
        info.notes.append(f"{no_total} result(s) had no timings_ms.total; latency is the sum of their stages")
    for note in info.notes:
        console.print(f"[yellow]note:[/] {note}")
    summary = summarise(records, info)
    (run_dir / "summary.json").write_text(summary.model_dump_json(indent=2), encoding="utf-8")
    comparison = None
    if previous is not None and compare is not None:
        comparison = compare_runs(previous, summary, str(compare))
        (run_dir / "compare.json").write_text(comparison.model_dump_json(indent=2), encoding="utf-8")
    if html:
        (run_dir / "report.html").write_text(render_report(summary, records, comparison), encoding="utf-8")
    _print_overview(summary, comparison, console)
    return run_dir
