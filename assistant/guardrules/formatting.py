"""Rules `html`, `emoji` and `too_long`: marketplace messages are plain text of limited length.

Source: marketplace buyer-seller messaging guidelines, "plain text only; no HTML, images or emoji".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, merged, violations_for
from assistant.models import GuardViolation

__all__ = ["check_emoji", "check_html", "check_length"]

HTML_MESSAGE = "Remove the HTML markup: write plain text."
EMOJI_MESSAGE = "Remove the emoji and emoticons: marketplace messages are plain text."

# fmt: off
_TAGS = (
    "a", "abbr", "b", "big", "blockquote", "body", "br", "button", "center", "code", "del", "div", "em", "font",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img",
    "input", "ins", "label", "li", "link", "mark", "meta", "nav", "ol", "p", "pre", "q", "s", "script", "section",
    "small", "span", "strike", "strong", "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "title", "tr",
    "tt", "u", "ul", "video", "audio", "embed", "object",
)
# fmt: on
_HTML = re.compile(
    r"<!--.*?-->|</?(?:" + "|".join(sorted(_TAGS, key=len, reverse=True)) + r")\b(?:\s[^<>]*)?/?>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|copy|reg|euro|hellip|mdash|ndash|#\d{2,5}|#x[0-9a-f]{2,4});",
    re.I | re.S,
)

_PICTOGRAPH = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0"
    "\u25fb-\u25fe\u3030\u303d\u3297\u3299\U0001f1e6-\U0001f1ff"
)
_EMOJI = (
    re.compile(
        "[" + _PICTOGRAPH + "][\ufe0f\ufe0e\U0001f3fb-\U0001f3ff\u20e3]*(?:\u200d[" + _PICTOGRAPH + "][\ufe0f\ufe0e"
        "\U0001f3fb-\U0001f3ff]*)*"
    ),
    re.compile("[0-9#*]\ufe0f?\u20e3"),  # keycaps: 1️⃣
    re.compile(r"[:;](?<![\w:][:;])-?[)(DPp](?!\w)"),  # :) ;-) :D
    re.compile(r"\^[_\-o]?\^"),  # ^_^
)


def check_html(inp: GuardInput) -> list[GuardViolation]:
    return violations_for(inp, "html", HTML_MESSAGE, (_HTML,))


def check_emoji(inp: GuardInput) -> list[GuardViolation]:
    # Matched on the original draft: folding drops the joiners that hold an emoji sequence together.
    spans = merged(m.span() for pattern in _EMOJI for m in pattern.finditer(inp.draft))
    return [GuardViolation(rule="emoji", span=span, message=EMOJI_MESSAGE) for span in spans]


def check_length(inp: GuardInput) -> list[GuardViolation]:
    limit = inp.policy.max_chars
    if len(inp.draft) <= limit:
        return []
    message = f"Shorten the reply to at most {limit} characters (it has {len(inp.draft)}); keep the answer and offer."
    return [GuardViolation(rule="too_long", span=(limit, len(inp.draft)), message=message)]
