"""The parts one request runs with: the drafter it asked for, a forced reply language, and an event tap.

The worker's loaded parts are shared and never changed; a request that needs something else gets a shallow copy
with thin wrappers around the shared classifier and drafter. The pipeline does not know the difference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, cast

from api.schemas import DraftOptions
from api.state import ApiState
from assistant.draft import Drafter
from assistant.embeddings import Vectors
from assistant.models import Classification, DraftContext, Language, OrderFacts
from assistant.pipeline import Parts

__all__ = ["Emit", "EventDrafter", "LanguageClassifier", "parts_for_request"]

Emit = Callable[[str, Any], None]


class LanguageClassifier:
    """The shared classifier, with the reply language the request asked for in place of the detected one."""

    def __init__(self, inner: Any, language: Language) -> None:
        self._inner = inner
        self._language = language

    def classify(self, text: str, query: Vectors, order: OrderFacts | None = None,
                 about: str | None = None) -> Classification:
        found: Classification = self._inner.classify(text, query, order, about=about)
        return found.model_copy(update={"language": self._language})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class EventDrafter:
    """The shared drafter, announcing what the pipeline decided before it drafts, and streaming if it can.

    Events: `classification`, `decision`, `citations` (once, when drafting starts), `draft` ({"delta"}) while a
    streaming drafter writes, `redraft` ({"violations"}) when the guard sends a draft back. `streamed` tells the
    caller whether the deltas went out already; otherwise it sends the final draft in pieces itself.
    """

    def __init__(self, inner: Drafter, emit: Emit) -> None:
        self._inner = inner
        self._emit = emit
        self._announced = False
        self.streamed = False

    @property
    def name(self) -> str:
        return self._inner.name

    def write(self, ctx: DraftContext) -> str:
        if not self._announced:
            self._announced = True
            self._emit("classification", ctx.classification)
            self._emit("decision", ctx.decision)
            self._emit("citations", ctx.citations)
        elif ctx.violations:
            self._emit("redraft", {"violations": [v.model_dump() for v in ctx.violations]})
        stream = getattr(self._inner, "stream", None)
        if stream is None:
            return self._inner.write(ctx)
        return self._relay(stream(ctx))

    def _relay(self, deltas: Iterator[str]) -> str:
        """Send each delta as it comes; the generator's return value is the validated reply."""
        parts: list[str] = []
        while True:
            try:
                delta = next(deltas)
            except StopIteration as done:
                return cast(str, done.value) if done.value is not None else "".join(parts)
            parts.append(delta)
            self.streamed = True
            self._emit("draft", {"delta": delta})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def parts_for_request(state: ApiState, options: DraftOptions | None,
                      emit: Emit | None = None) -> tuple[Parts, str | None, EventDrafter | None]:
    """Parts for this request, the fallback reason if its drafter is unavailable, and the event tap if any."""
    parts, fallback = state.parts_for(options.llm if options else None)
    changes: dict[str, Any] = {}
    if options is not None and options.language is not None:
        changes["classifier"] = LanguageClassifier(parts.classifier, options.language)
    tap = EventDrafter(parts.drafter, emit) if emit is not None else None
    if tap is not None:
        changes["drafter"] = tap
    return (dataclasses.replace(parts, **changes) if changes else parts), fallback, tap
