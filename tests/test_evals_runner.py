"""The eval runner end to end on fake parts, and the CLI command that calls it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from assistant.cli import app
from assistant.settings import Settings
from evals.dataset import VERDICTS, CaseRecord
from evals.loaders import load_dataset
from evals.metrics import Summary
from evals.runner import run_eval

CASES = Path(__file__).resolve().parents[1] / "evals" / "cases"


def _first_case_of(tmp_path: Path, *languages: str) -> Path:
    """The first of our own cases in each language file, written to a JSONL file in our format."""
    picked = [load_dataset(CASES / f"{language}.yaml").cases[0] for language in languages]
    path = tmp_path / f"{len(picked)}.jsonl"
    path.write_text("".join(c.model_dump_json(exclude={"source"}, exclude_none=True) + "\n" for c in picked),
                    encoding="utf-8")
    return path


@pytest.fixture()
def five_cases(tmp_path: Path) -> Path:
    return _first_case_of(tmp_path, "en", "de", "fr", "ja", "zh")


def _settings(tmp_path: Path) -> Settings:
    return Settings(embedder="hash", retriever="memory", index_dir=tmp_path / "index", llm="offline")


def test_run_writes_results_summary_and_report(tmp_path: Path, five_cases: Path) -> None:
    run_dir = run_eval(five_cases, settings=_settings(tmp_path), out_dir=tmp_path / "runs",
                       console=Console(file=open(tmp_path / "log.txt", "w")))  # noqa: SIM115
    assert {p.name for p in run_dir.iterdir()} == {"results.jsonl", "summary.json", "report.html"}
    records = [CaseRecord.model_validate_json(line) for line in (run_dir / "results.jsonl").read_text().splitlines()]
    summary = Summary.model_validate_json((run_dir / "summary.json").read_text())
    assert len(records) == summary.run.cases == summary.overall.n == 5
    for name in VERDICTS:
        checked = [r.verdicts.get(name) for r in records if r.verdicts.get(name) is not None]
        assert summary.overall.rates[name].n == len(checked), name
        assert summary.overall.rates[name].ok == sum(1 for v in checked if v), name
    assert set(summary.by_language) == {"en", "de", "fr", "ja", "zh"}
    assert sum(g.n for g in summary.by_language.values()) == 5
    assert all(r.result is not None and r.result.id == r.case.id for r in records)
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "<h2>Per language</h2>" in html and "Intent confusion" in html
    assert "http://" not in html and "https://" not in html  # self-contained: nothing fetched
    assert len(summary.worst) == sum(1 for r in records if r.failed or r.error)


def test_console_table_fits_80_columns_with_every_language(tmp_path: Path) -> None:
    """A pipe or CI log is 80 characters wide; rich used to cut the numbers of most languages to "1.0…"."""
    seven = _first_case_of(tmp_path, "en", "de", "fr", "es", "it", "ja", "zh")
    log = tmp_path / "log.txt"
    with log.open("w", encoding="utf-8") as handle:
        run_dir = run_eval(seven, settings=_settings(tmp_path), out_dir=tmp_path / "runs", html=False,
                           console=Console(file=handle, width=80))
    summary = Summary.model_validate_json((run_dir / "summary.json").read_text())
    printed = log.read_text(encoding="utf-8")
    assert "…" not in printed
    header = next(line for line in printed.splitlines() if line.strip().startswith("metric"))
    assert header.split() == ["metric", "all", *summary.by_language]


def test_compare_with_an_earlier_run(tmp_path: Path, five_cases: Path) -> None:
    quiet = Console(file=open(tmp_path / "log.txt", "w"))  # noqa: SIM115
    first = run_eval(five_cases, settings=_settings(tmp_path), out_dir=tmp_path / "runs", console=quiet)
    second = run_eval(five_cases, settings=_settings(tmp_path), limit=3, compare=first, out_dir=tmp_path / "runs",
                      console=quiet, html=False)
    assert first != second and not (second / "report.html").exists()
    comparison = json.loads((second / "compare.json").read_text())
    assert comparison["against"] == str(first)
    overall = {row["metric"]: row for row in comparison["rows"] if row["group"] == "overall"}
    summary = Summary.model_validate_json((second / "summary.json").read_text())
    assert overall["guard"]["after"] == summary.overall.rates["guard"].value


def test_cli_eval_prints_the_report_path(tmp_path: Path, five_cases: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.cli.get_settings", lambda: _settings(tmp_path))
    result = CliRunner().invoke(app, ["eval", str(five_cases), "--limit", "2", "--out", str(tmp_path / "runs")])
    assert result.exit_code == 0, result.output
    assert "report.html" in result.output
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert len((run_dir / "results.jsonl").read_text().splitlines()) == 2


def test_cli_eval_bad_dataset_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in " ".join(result.output.split())  # rich wraps long paths at the terminal width


def test_cli_eval_unknown_language_is_exit_2(five_cases: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(five_cases), "--lang", "xx"])
    assert result.exit_code == 2
    assert "not a supported language" in result.output
