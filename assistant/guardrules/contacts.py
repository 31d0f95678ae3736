"""Rule `email`: e-mail addresses, plain and disguised (`name (at) gmail (dot) com`, `name at outlook dot com`,
full-width `＠`, `[at]`/`[dot]`, spaced-out letters).

Source: marketplace buyer-seller messaging guidelines, "do not include e-mail addresses".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, matches_near, merged
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_email", "plain_emails"]

MESSAGE = "Remove the e-mail address: buyer and seller talk only through the marketplace's messages."

_LOCAL = r"(?<![\w.+\-])[\w][\w.+\-]*"
_LABEL = r"[^\W_][\w\-]*"
_TLD = r"[a-z]{2,10}\b"
# "(at)", "[at]", "{at}", "(@)", "[@]"; a bare " at " only counts with a disguised dot or a mail provider after it.
_AT_BRACKETED = r"\s*(?:\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|<at>|\(\s*@\s*\)|\[\s*@\s*\]|\(a\))\s*"
_DOT_DISGUISED = (
    r"(?:\s*(?:\(\s*(?:dot|\.)\s*\)|\[\s*(?:dot|\.)\s*\]|\{\s*(?:dot|\.)\s*\})\s*|\s+(?:dot|punkt|point|punto)\s+)"
)
_DOT = r"(?:\.|\s+\.\s+)"  # "gmail.com", "gmail . com"; not a full stop ending a sentence ("pal. Then")
_DOT_ANY = r"(?:" + _DOT_DISGUISED + r"|" + _DOT + r")"
_PROVIDERS = (
    r"(?:gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|icloud|me|mac|gmx|web|aol|proton(?:mail)?|qq|163|126|"
    r"sina|foxmail|t-online|orange|free|wanadoo|laposte|libero|virgilio|yandex|mail|posteo|zoho)"
)

# Each pattern with the cheap trigger it needs nearby: "@", a bracketed "at", " at gmail", a disguised dot.
_TRIGGERED = (
    # name@example.com, name＠example．com, n a m e @ e x . c o m (folded)
    (r"@", _LOCAL + r"\s*@\s*" + _LABEL + r"(?:" + _DOT + _LABEL + r")*" + _DOT + _TLD),
    # name (at) example (dot) com, name[at]example[.]com
    (r"[(\[{<]\s*(?:at|@|a)\s*[)\]}>]", _LOCAL + _AT_BRACKETED + r"(?:" + _LABEL + _DOT_ANY + r")+" + _TLD),
    # name at gmail dot com, name at outlook.com
    (
        r" (?:at|chez|bei)\s+" + _PROVIDERS + r"\b",
        _LOCAL + r"\s+(?:at|chez|bei)\s+" + _PROVIDERS + r"(?:" + _DOT_ANY + _LABEL + r")*?" + _DOT_ANY + _TLD,
    ),
    # name at example dot com
    (
        r"[(\[{ ](?:(?<=[(\[{])\s*(?:dot|\.)|(?<= )(?:dot|punkt|point|punto) )",
        _LOCAL + r"\s+at\s+(?:" + _LABEL + r"(?:\.|" + _DOT_DISGUISED + r"))*" + _LABEL + _DOT_DISGUISED + _TLD,
    ),
)
# Triggers run on the lower-cased draft and start with a plain character, so `re` can jump from one to the next.
_PATTERNS = tuple((re.compile(trigger), re.compile(pattern, re.I)) for trigger, pattern in _TRIGGERED)
_PLAIN = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.I)


def check_email(inp: GuardInput) -> list[GuardViolation]:
    spans = [inp.text.span(*m.span()) for t, p in _PATTERNS for m in matches_near(t, p, inp) if m.end() > m.start()]
    return [GuardViolation(rule="email", span=s, message=MESSAGE) for s in merged(spans)]


def plain_emails(folded: str) -> list[str]:
    """The ordinary e-mail addresses in a (folded) text, lower-cased, for comparing with a draft."""
    return [m.group().lower().rstrip(".") for m in _PLAIN.finditer(folded)]
