"""The `reply-assistant` command line. Errors become exit codes here and nowhere else."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.errors import AssistantError, IndexError_, InputError, KnowledgeError, PolicyError
from assistant.models import Decision, DraftRequest, OrderFacts
from assistant.settings import Settings, get_settings
from assistant.validation import describe_problems

__all__ = ["app", "main"]

app = typer.Typer(
    name="reply-assistant",
    help="Draft policy-checked, guarded replies to marketplace buyer messages. Offline by default.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

EXIT_CODES: dict[type[AssistantError], int] = {InputError: 2, PolicyError: 3, KnowledgeError: 3, IndexError_: 4}


def fail(exc: AssistantError) -> NoReturn:
    """Print the error's message (it says what to do) and exit with the code for its kind."""
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    code = next((c for kind, c in EXIT_CODES.items() if isinstance(exc, kind)), 1)
    raise typer.Exit(code)


def _settings(llm: str | None) -> Settings:
    settings = get_settings()
    return settings.model_copy(update={"llm": llm}) if llm else settings


def _parts(settings: Settings) -> Any:
    from assistant.pipeline import load_parts  # keeps `--help` fast: no model load

    with err.status("Loading rules, index and classifier…"):
        return load_parts(settings)


def parse_order(value: str | None) -> OrderFacts | None:
    """--order takes inline JSON or a path to a JSON file."""
    if value is None:
        return None
    raw = value
    if not value.lstrip().startswith("{"):
        path = Path(value)
        if not path.is_file():
            raise InputError(
                f"--order: '{value}' is neither JSON nor a file. Give '{{\"status\": \"shipped\"}}' or a path."
            )
        raw = path.read_text(encoding="utf-8")
    try:
        return OrderFacts.model_validate_json(raw)
    except ValidationError as exc:
        problems = describe_problems(exc.errors(), order_at_root=True, root="order")
        raise InputError(f"--order is invalid: {problems}.") from exc


LlmOption = Annotated[str | None, typer.Option("--llm", help="Drafter: offline (default) or openai.")]
StoreOption = Annotated[str | None, typer.Option("--store", help="The store to draft for (default: the default one).")]


@app.command()
def draft(
    text: Annotated[str, typer.Argument(help="The buyer's message ('-' reads it from standard input).")],
    order: Annotated[str | None, typer.Option(help="Order facts as JSON or a JSON file path.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the DraftResult as JSON.")] = False,
    llm: LlmOption = None,
    stream: Annotated[bool, typer.Option("--stream", help="Show the LLM draft as it is written (stderr with --json); "
                                                          "the guarded result follows.")] = False,
    store: StoreOption = None,
) -> None:
    """Draft one reply. Example: reply-assistant draft "The mug arrived broken" --order '{"item_price": 14}'"""
    from assistant.pipeline import draft_reply, validate_request
    from assistant.render_text import render_result

    live, shown = (sys.stderr if as_json else sys.stdout), []

    def show(chunk: str) -> None:
        shown.append(chunk)
        live.write(chunk)
        live.flush()

    try:
        message = sys.stdin.read() if text == "-" else text
        request = DraftRequest(text=message, order=parse_order(order))
        settings = _settings(llm)
        validate_request(request, settings)  # before the index and model load: bad input fails in a moment
        parts = _parts(settings)
        result = draft_reply(request, parts.for_store(store), on_chunk=show if stream else None)
    except AssistantError as exc:
        fail(exc)
    if shown:  # the offline drafter does not stream: nothing was shown
        live.write("\n\n")
    if as_json:
        print(result.model_dump_json(indent=2))
    else:
        render_result(result, out)
    if not result.guard.passed:
        raise typer.Exit(1)


def _read_jsonl(path: Path) -> Iterator[tuple[int, str]]:
    stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    with stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield number, line


@app.command()
def batch(
    infile: Annotated[
        Path, typer.Argument(help="JSONL: one {id?, text, order?, received_at?} per line ('-' = stdin).")
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write DraftResults here (default stdout).")
    ] = None,
    llm: LlmOption = None,
    store: StoreOption = None,
) -> None:
    """Draft a reply for every line; a bad line is reported with its number and skipped."""
    from rich.progress import Progress

    from assistant.batch import run_batch

    if str(infile) != "-" and not infile.is_file():
        fail(InputError(f"{infile}: no such file. Give a JSONL file or '-' for standard input."))
    try:
        parts = _parts(_settings(llm)).for_store(store)
    except AssistantError as exc:
        fail(exc)
    lines = list(_read_jsonl(infile))
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    with Progress(console=err, transient=False) as progress:
        task = progress.add_task("Drafting", total=len(lines))
        summary = run_batch(lines, parts, sink, on_line=lambda: progress.advance(task), on_error=err.print)
    if output:
        sink.close()
    err.print(f"{summary.ok} drafted, {summary.failed_guard} failed the guard, {summary.bad_lines} bad lines skipped")
    if summary.bad_lines:
        raise typer.Exit(2)


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="A draft file, or '-' for standard input.")] = "-",
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Input lines are {id, text}; output {id, passed, violations}.")
    ] = False,
    decision: Annotated[str | None, typer.Option(help="Decision JSON the draft must stay within.")] = None,
) -> None:
    """Run only the guard on a draft. Exit 1 if any draft breaks a rule."""
    from assistant import guard
    from assistant.policy import load_policy

    try:
        policy = load_policy(get_settings().rules_path)
        allowed = Decision.model_validate_json(decision) if decision else Decision(remedies=[])
    except (AssistantError, ValidationError) as exc:
        fail(exc if isinstance(exc, AssistantError) else InputError(f"--decision is invalid: {exc}"))
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    failed = False
    if jsonl:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                report = guard.check(str(item["text"]), allowed, policy.guard)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                err.print(f"line {number}: skipped, expected {{\"id\", \"text\"}}: {exc}")
                failed = True
                continue
            failed |= not report.passed
            print(json.dumps({"id": item.get("id"), "passed": report.passed,
                              "violations": [v.model_dump() for v in report.violations]}, ensure_ascii=False))
    else:
        report = guard.check(text, allowed, policy.guard)
        failed = not report.passed
        for v in report.violations:
            out.print(f"[red]{v.rule}[/] at {v.span[0]}-{v.span[1]} «{text[v.span[0]:v.span[1]]}»: {v.message}")
        out.print("[green]passed[/]" if report.passed else f"[red]{len(report.violations)} violation(s)[/]")
    if failed:
        raise typer.Exit(1)


def _preflight(settings: Settings) -> None:
    """Read the rules, every store's configuration and documents before uvicorn starts: a broken file is one
    clear message and exit 3 here, not a traceback in every worker."""
    from assistant.knowledge import load_passages
    from assistant.policy import load_policy
    from assistant.stores import discover_stores

    policy = load_policy(settings.rules_path)
    for store in discover_stores(settings, policy).values():
        load_passages(store.knowledge_dir)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind. Anything but loopback needs API keys.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8080,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes (see docs/deploy.md).")] = 1,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Serve the HTTP API (and the agent's page) with uvicorn. API docs at http://HOST:PORT/docs."""
    import uvicorn

    from api.context import log_config
    from api.security import bind_refusal

    try:
        settings = get_settings()
    except ValidationError as exc:
        fail(InputError(f"the settings are invalid: {exc}"))
    refusal = bind_refusal(host, settings)
    if refusal:
        fail(InputError(refusal))
    try:
        _preflight(settings)
    except AssistantError as exc:
        fail(exc)
    if not settings.api_keys and not settings.admin_keys:
        err.print(f"No API keys configured: listening on {host} only, for clients on this machine. "
                  "Set REPLY_ASSISTANT_API_KEYS to serve other machines.")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_config=log_config(log_level.upper()), log_level=log_level.lower(), access_log=False)


@app.command("eval")
def eval_(
    dataset: Annotated[Path, typer.Argument(help="A labelled set: evals/cases/, a file in it, or a shared dataset.")],
    llm: LlmOption = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N cases.")] = None,
    compare: Annotated[Path | None, typer.Option(help="An earlier run folder to compare with.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where run folders are written.")] = Path("evals/runs"),
    html: Annotated[bool, typer.Option("--html/--no-html", help="Write report.html (charts: the eval extra).")] = True,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of rows that do not state one (bitext and twcs are en); else as detected.")] = None,
) -> None:
    """Score the assistant on a labelled set; writes results.jsonl, summary.json and report.html.

    Example: reply-assistant eval evals/cases --compare evals/runs/<earlier-run>
    """
    from assistant.language import SUPPORTED
    from evals.runner import run_eval

    try:
        if lang is not None and lang not in SUPPORTED:
            raise InputError(f"--lang {lang}: not a supported language; use one of {', '.join(SUPPORTED)}.")
        run_dir = run_eval(dataset, settings=_settings(llm), limit=limit, compare=compare, out_dir=out_dir, console=err,
                           html=html, language=lang)
    except AssistantError as exc:
        fail(exc)
    out.print(f"report: {run_dir / 'report.html'}" if html else f"run: {run_dir}")


from assistant import cli_stores  # noqa: E402, F401 - registers `index` and `import-listings` on the app above


def main() -> None:
    app()


if __name__ == "__main__":
    main()
