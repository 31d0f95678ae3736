"""Draft many messages from JSONL lines: one result per good line, a numbered error per bad line, never all lost."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from pydantic import ValidationError

from assistant.errors import AssistantError
from assistant.models import DraftRequest
from assistant.validation import describe_problems

if TYPE_CHECKING:
    from assistant.pipeline import Parts

__all__ = ["BatchSummary", "run_batch"]


@dataclass
class BatchSummary:
    ok: int = 0
    failed_guard: int = 0
    bad_lines: int = 0


def run_batch(
    lines: Iterable[tuple[int, str]],
    parts: Parts,
    sink: TextIO,
    on_line: Callable[[], None] = lambda: None,
    on_error: Callable[[str], None] = lambda _msg: None,
) -> BatchSummary:
    """Write one DraftResult JSON line to `sink` per good input line; report bad lines through `on_error`."""
    from assistant.pipeline import draft_reply

    summary = BatchSummary()
    for number, line in lines:
        try:
            result = draft_reply(DraftRequest.model_validate_json(line), parts)
        except ValidationError as exc:
            summary.bad_lines += 1
            on_error(f"line {number}: skipped: {describe_problems(exc.errors(), limit=3, root='line')}")
        except AssistantError as exc:
            summary.bad_lines += 1
            on_error(f"line {number}: skipped: {exc}")
        else:
            sink.write(result.model_dump_json() + "\n")
            sink.flush()
            summary.ok += 1
            summary.failed_guard += 0 if result.guard.passed else 1
        on_line()
    return summary
