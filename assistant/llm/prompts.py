"""The variables of prompts/draft.j2, classify.j2 and reask.j2, and the one call that renders each."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.draft import template_context
from assistant.models import DraftContext, Intent, Language
from assistant.templates import render

__all__ = ["LANGUAGE_NAMES", "classify_prompt", "draft_prompt", "fence", "reask_prompt", "snippet_ids"]

# A buyer writing in a language we do not support gets English: the guard reads seven languages, and a reply in
# any other could slip past it.
LANGUAGE_NAMES: dict[Language, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "ja": "Japanese",
    "zh": "Chinese (Simplified)", "other": "English",
}
SNIPPET_CHARS = 600
_TAG = re.compile(r"</?\s*buyer_message\s*>", re.IGNORECASE)


def fence(text: str) -> str:
    """The buyer's text, safe to put between <buyer_message> tags: it cannot close the fence itself."""
    return _TAG.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text.strip())


def snippet_ids(ctx: DraftContext) -> list[str]:
    return [c.id for c in ctx.citations]


def draft_prompt(prompts_dir: Path, ctx: DraftContext) -> str:
    """The draft prompt for this context; on a redraft it lists the violations to fix."""
    order = ctx.order
    variables: dict[str, Any] = {
        **template_context(ctx),
        "language_name": LANGUAGE_NAMES[ctx.classification.language],
        "buyer_message": fence(ctx.text),
        "max_partial_refund_pct": ctx.decision.max_partial_refund_pct,
        "item_price": order.item_price,
        "currency": order.currency,
        "fulfillment": order.fulfillment,
        "missing_part": order.missing_part,
        "snippets": [
            {"id": c.id, "title": c.title or c.document, "section": c.section,
             "text": " ".join(c.snippet.split())[:SNIPPET_CHARS]}
            for c in ctx.citations
        ],
        "violations": [{"rule": v.rule, "message": v.message} for v in ctx.violations],
    }
    return render(prompts_dir, "draft.j2", variables)


def classify_prompt(prompts_dir: Path, text: str, store_name: str) -> str:
    """The classify prompt: our intents with definitions and exemplars, the buyer's message fenced as data."""
    return render(prompts_dir, "classify.j2", {
        "intents": [i.value for i in Intent], "buyer_message": fence(text), "store_name": store_name,
    })


def reask_prompt(prompts_dir: Path, problem: str) -> str:
    return render(prompts_dir, "reask.j2", {"problem": problem})
