"""The drafting seam: the offline template drafter, a scripted fake for tests, and the registry that picks one."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from assistant.cjk import CJK_CHAR
from assistant.errors import DraftError
from assistant.models import SIGNAL_SWITCHES, Citation, DraftContext
from assistant.templates import render, template_exists

if TYPE_CHECKING:
    from assistant.settings import Settings

__all__ = [
    "DRAFTERS", "Drafter", "OfflineDrafter", "ScriptedDrafter", "StreamingDrafter", "buyer_facing_refs",
    "template_context",
]



class Drafter(Protocol):
    """Writes the reply for a context. `violations` in the context means: redraft without these."""

    name: str

    def write(self, ctx: DraftContext) -> str: ...


@runtime_checkable
class StreamingDrafter(Protocol):
    """A drafter that can also show its reply as it is written: yields text chunks, returns the final reply."""

    name: str

    def write(self, ctx: DraftContext) -> str: ...

    def stream(self, ctx: DraftContext) -> Generator[str, None, str]: ...


def buyer_facing_refs(citations: list[Citation], limit: int = 1) -> list[dict[str, str]]:
    """Policy passages a buyer may be told about: not listings, not the team's internal (Chinese) SOPs; the best
    one by default, so a reply names one policy (the agent still sees every citation)."""
    refs = []
    for cite in citations:
        if cite.document == "listings" or CJK_CHAR.search(cite.title + cite.section) or cite.document.startswith("zh-"):
            continue
        ref = {"title": cite.title or cite.document, "section": cite.section}
        if ref not in refs:
            refs.append(ref)
    return refs[:limit]


def template_context(ctx: DraftContext) -> dict[str, Any]:
    """Every variable the reply templates receive: each is always given (the templates use StrictUndefined)."""
    c, d = ctx.classification, ctx.decision
    return {
        "lang": c.language,
        "intent": c.intent.value,
        "category": c.category.value,
        "remedies": [r.value for r in d.remedies],
        "partial_refund_pct": ctx.partial_refund_pct,
        "route": d.route.value,
        "reply_within_hours": d.reply_within_hours,
        "ask_buyer_for": list(d.ask_buyer_for),
        "flags": [f.value for f in c.signals.flags],
        "severity": c.signals.severity.value,
        **{name: getattr(c.signals, name) for name in SIGNAL_SWITCHES},
        "also": [i.value for i in c.also],
        "order_id": ctx.order.order_id,
        "order_status": ctx.order.status,
        "product_title": ctx.product_title,
        "store_name": ctx.store_name,
        "signature": ctx.signature,
        "tone": ctx.tone,
        "policy_refs": buyer_facing_refs(ctx.citations),
        "pre_sale_answer": ctx.pre_sale_answer,
    }


class OfflineDrafter:
    """Jinja2 templates per language under prompts/offline/; English where the buyer's language has none."""

    name = "offline"

    def __init__(self, prompts_dir: Path) -> None:
        self._prompts_dir = prompts_dir

    def write(self, ctx: DraftContext) -> str:
        lang = ctx.classification.language
        name = f"offline/reply.{lang}.j2"
        if not template_exists(self._prompts_dir, name):
            name = "offline/reply.en.j2"
        return render(self._prompts_dir, name, template_context(ctx))


class ScriptedDrafter:
    """Test fake: returns the scripted replies in order, and records every context it was given."""

    name = "scripted"

    def __init__(self, replies: list[str]) -> None:
        self._replies: Iterator[str] = iter(replies)
        self.contexts: list[DraftContext] = []

    def write(self, ctx: DraftContext) -> str:
        self.contexts.append(ctx)
        try:
            return next(self._replies)
        except StopIteration:
            raise DraftError("the scripted drafter ran out of replies") from None


def _openai_drafter(settings: Settings) -> Drafter:
    try:  # the llm extra is optional: import it only when asked for
        from assistant.llm import OpenAIDrafter
    except ImportError as exc:
        raise DraftError(f"--llm openai needs the llm extra ({exc.name} is missing): pip install -e '.[llm]'") from exc
    return OpenAIDrafter.from_settings(settings)


DRAFTERS: dict[str, Callable[..., Drafter]] = {
    "offline": lambda settings: OfflineDrafter(settings.prompts_dir),
    "openai": _openai_drafter,
}
