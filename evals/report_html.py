"""The self-contained report.html a person reads: tables, heat map, latency histogram, worst failures. No CDN."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from evals.charts import charts_available, confusion_png, latency_png
from evals.compare import Comparison
from evals.dataset import VERDICTS, CaseRecord
from evals.metrics import Confusion, GroupMetrics, Summary

__all__ = ["render_report"]

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}.muted{color:#888}
.good{background:#e3f4e1}.ok{background:#fbf5d8}.bad{background:#fadcdc}.up{color:#17803d}.down{color:#c62828}
.case{border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
.msg{white-space:pre-wrap;background:#fafafa;padding:.4rem}
.tag{display:inline-block;background:#fadcdc;border-radius:3px;padding:0 5px;margin-right:4px;font-size:12px}
details pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem}
.wide{overflow-x:auto}img{max-width:100%}
"""

LABELS = {
    "intent_strict": "intent strict", "intent_lenient": "intent lenient", "coarse": "coarse",
    "other_recall": "other recall", "remedies": "remedy compliance", "rules": "rules fired", "route": "route",
    "flags": "flags", "second_requests": "second requests named", "language": "language detected",
    "reply_language": "reply in buyer's language",
    "guard": "guard pass", "citation": "citation present", "citation_on_topic": "first policy cited is on the intent",
    "no_fallback": "LLM without fallback",
}


def _rows(*cells: object) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _table(header: Sequence[str], body: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    return f'<div class="wide"><table><tr>{head}</tr>{body}</table></div>'


def _rate_cell(ok: int, n: int, value: float | None) -> str:
    return f'<td class="{_shade(value)}" title="{ok}/{n}">{_pct(value)}</td>'


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _shade(value: float | None) -> str:
    if value is None:
        return ""
    return "good" if value >= 0.95 else "ok" if value >= 0.8 else "bad"


def _metrics_table(groups: dict[str, GroupMetrics], first: str) -> str:
    """One row per group, one column per check (hover a cell for ok/n)."""
    used = [v for v in VERDICTS if any(g.rates[v].n for g in groups.values())]
    body = []
    for name, g in groups.items():
        cells = "".join(_rate_cell(g.rates[v].ok, g.rates[v].n, g.rates[v].value) for v in used)
        given = g.remedies_given_intent
        f1 = "–" if g.macro_f1 is None else f"{g.macro_f1:.3f}"
        f1l = "–" if g.macro_f1_lenient is None else f"{g.macro_f1_lenient:.3f}"
        lat = g.latency_ms
        body.append(f"<tr><td>{escape(name)}</td><td>{g.n}</td><td>{g.errors}</td>{cells}"
                    f"{_rate_cell(given.ok, given.n, given.value)}"
                    f"<td>{f1}</td><td>{f1l}</td><td>{lat.p50 or '–'}</td><td>{lat.p95 or '–'}</td></tr>")
    header = [first, "cases", "errors", *(LABELS[v] for v in used), "remedy compliance when intent right",
              "macro-F1", "macro-F1 lenient", "p50 ms", "p95 ms"]
    return _table(header, "".join(body))


def _confusion_table(matrix: Confusion) -> str:
    """The same matrix as numbers, shaded per row, so it reads without the picture too."""
    body = []
    for label, row in zip(matrix.labels, matrix.matrix, strict=True):
        total = sum(row) or 1
        cells = "".join(f'<td style="background:rgba(30,100,200,{c / total:.2f})">{c or ""}</td>' for c in row)
        body.append(f"<tr><td>{escape(label)}</td>{cells}<td>{sum(row)}</td></tr>")
    return _table(["expected \\ predicted", *(label[:10] for label in matrix.labels), "n"], "".join(body))


def _number(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if metric.startswith("latency") else f"{value:.4f}"


def _comparison(comp: Comparison) -> str:
    body = []
    for d in comp.rows:
        if not d.delta:
            continue
        better = d.delta < 0 if d.metric.startswith("latency") else d.delta > 0
        body.append(f"<tr><td>{escape(d.group)}</td><td>{escape(d.metric)}</td><td>{_number(d.metric, d.before)}</td>"
                    f"<td>{_number(d.metric, d.after)}</td>"
                    f'<td class="{"up" if better else "down"}">{d.delta:+.4f}</td></tr>')
    rows = "".join(body) or '<tr><td colspan="5" class="muted">no number changed</td></tr>'
    title = f"<h2>Compared with {escape(comp.against)} ({escape(comp.before_dataset)})</h2>"
    return title + _table(["group", "metric", "before", "after", "change"], rows)


def _joined(values: Sequence[str] | None) -> str:
    return escape(", ".join(values or []) or "–")


def _expected(record: CaseRecord) -> str:
    e = record.case.expect
    return (f"intent <b>{_joined([i.value for i in e.accept])}</b>, allow {_joined(e.must_allow)}, "
            f"never {_joined(e.must_not_allow)}, route {escape(e.route or '–')}, flags {_joined(e.flags)}")


def _answered(record: CaseRecord) -> str:
    res = record.result
    if res is None:
        return "no answer"
    guard = "passed" if res.guard.passed else "failed: " + _joined([v.rule for v in res.guard.violations])
    return (f"intent <b>{escape(res.intent)}</b> ({res.confidence:.2f}), remedies {_joined(res.decision.remedies)}, "
            f"route {escape(res.decision.route)}, flags {_joined(res.flags)}, language {escape(res.language)} "
            f"→ reply {escape(record.reply_language or '–')}, guard {guard}")


def _failure(record: CaseRecord) -> str:
    case = record.case
    tags = "".join(f'<span class="tag">{escape(LABELS[name])}</span>' for name in record.failed)
    if record.error:
        tags += f'<span class="tag">error: {escape(record.error)}</span>'
    order = escape(case.order.model_dump_json(exclude_none=True)) if case.order else "–"
    draft = ""
    if record.result is not None:
        draft = f"<details><summary>draft</summary><pre>{escape(record.result.draft)}</pre></details>"
    return (f'<div class="case"><b>{escape(case.id)}</b> <span class="muted">{escape(case.source)}</span> {tags}'
            f'<div class="msg">{escape(case.text)}</div><div>order: {order}</div>'
            f"<div>expected: {_expected(record)}</div><div>got: {_answered(record)}</div>{draft}</div>")


def _flag_table(g: GroupMetrics) -> str:
    body = "".join(
        _rows(escape(flag), f"{_pct(rec.value)} ({rec.ok}/{rec.n})",
              f"{_pct(g.flag_precision[flag].value)} ({g.flag_precision[flag].ok}/{g.flag_precision[flag].n})")
        for flag, rec in g.flag_recall.items()
    )
    return _table(["flag", "recall", "precision"], body)


def _counts(title: str, counts: dict[str, int], header: Sequence[str]) -> str:
    if not counts:
        return f"<h2>{escape(title)}</h2><p>none</p>"
    return f"<h2>{escape(title)}</h2>" + _table(header, "".join(_rows(escape(k), v) for k, v in counts.items()))


def render_report(summary: Summary, records: Sequence[CaseRecord], comparison: Comparison | None = None) -> str:
    """The whole report as one HTML string (images inline)."""
    run, overall = summary.run, summary.overall
    lat = overall.latency_ms
    latencies = [r.latency_ms for r in records if r.latency_ms is not None]
    by_id = {r.case.id: r for r in records}
    heat = confusion_png(summary.confusion_lenient, "intent confusion (lenient: an accepted answer counts as expected)")
    hist = latency_png(latencies, lat.p50, lat.p95)
    no_charts = "" if charts_available() else '<p class="muted">Charts need matplotlib: pip install -e ".[eval]"</p>'
    numbers = _confusion_table(summary.confusion_lenient)
    per_intent = "".join(_rows(escape(k), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", s.support)
                         for k, s in summary.per_intent.items())
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Eval {escape(run.dataset)}</title><style>{CSS}</style></head><body>",
        f"<h1>Eval: {escape(run.dataset)}</h1>",
        f"<p class='muted'>{escape(run.path)} · {run.cases} cases · {run.started:%Y-%m-%d %H:%M:%S} UTC"
        f" → {run.finished:%H:%M:%S} · embedder {escape(run.embedder)}, retriever {escape(run.retriever)},"
        f" drafter {escape(run.llm)}</p>",
        no_charts,
        "".join(f"<p class='muted'>note: {escape(n)}</p>" for n in run.notes),
        "<h2>Overall</h2>", _metrics_table({"all": overall}, "set"),
        _comparison(comparison) if comparison else "",
        "<h2>Per language</h2>", _metrics_table(summary.by_language, "language"),
        "<h2>Per file</h2>", _metrics_table(summary.by_file, "file"),
        "<h2>Intent confusion</h2>",
        f'<img alt="confusion matrix heat map" src="{heat}"><details><summary>as numbers</summary>{numbers}</details>'
        if heat else numbers,
        "<h2>Per intent (lenient)</h2>", _table(["intent", "precision", "recall", "F1", "support"], per_intent),
        "<h2>Flags</h2>", _flag_table(overall),
        _counts("Guard violations by rule", overall.violations_by_rule, ["rule", "drafts"]),
        _counts("LLM fallbacks", overall.fallbacks, ["fallback", "drafts"]) if overall.fallbacks else "",
        "<h2>Latency</h2>",
        f"<p>p50 {lat.p50} ms · p95 {lat.p95} ms · mean {lat.mean} ms · max {lat.max} ms</p>",
        f'<img alt="latency histogram" src="{hist}">' if hist else "",
        f"<h2>Worst failures ({len(summary.worst)})</h2>",
        "".join(_failure(by_id[i]) for i in summary.worst if i in by_id) or "<p>none</p>",
        "</body></html>",
    ]
    return "\n".join(parts)
