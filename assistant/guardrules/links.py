"""Rule `link`: URLs in any disguise (schemes, hxxp, scheme-less domains, `example dot com`, `example[.]com`,
full-width characters, shorteners, messenger links).

Source: marketplace buyer-seller messaging guidelines, "links to external websites are not permitted".
"""

from __future__ import annotations

import re

from assistant.guardrules.context import GuardInput, matches_near, merged
from assistant.models import GuardViolation

__all__ = ["MESSAGE", "check_links"]

MESSAGE = "Remove the link: marketplace messages may not contain URLs or web addresses, written out or disguised."

# Endings that make "word.word" a web address. Short ones that are also words ("in", "it", "at") only count
# after a plain dot with no spaces and in lower or upper case ("box.it", not "box. It").
# fmt: off
_TLDS = (
    "com", "net", "org", "info", "biz", "io", "co", "me", "ly", "gl", "gg", "to", "tv", "cc", "xyz", "app", "dev",
    "shop", "store", "online", "site", "top", "club", "live", "link", "page", "blog", "tech", "website", "space",
    "fun", "vip", "icu", "cn", "jp", "de", "fr", "es", "it", "uk", "eu", "us", "ca", "au", "nl", "be", "ch", "at",
    "ru", "in", "br", "mx", "pl", "se", "dk", "fi", "pt", "ie", "nz", "kr", "tw", "hk", "sg", "ae", "tr", "cz", "gr",
    "hu", "ro", "ar", "cl", "mobi", "pro", "one", "buzz", "click", "bid", "win", "ws", "gd", "ai", "sh",
)
# fmt: on
_TLD_ANY_CASE = "|".join(sorted(_TLDS, key=len, reverse=True))
_TLD_PLAIN = "(?-i:" + _TLD_ANY_CASE + "|" + _TLD_ANY_CASE.upper() + ")"

_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_PATH = r"(?:/(?:[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?)?"
_REST = r"[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"  # the rest of an address, without the punctuation after it
_START = r"(?<![\w@.\-])"
_END = r"(?![\w-])"

# A dot written so that a filter misses it; each spelled-out word only with endings that are not words after it
# ("a dot on the screen", "el punto es", "point de vue" stay clean).
_DOT_BRACKETED = r"\s*(?:\[\s*(?:\.|dot|punkt)\s*\]|\(\s*(?:\.|dot|punkt)\s*\)|\{\s*(?:\.|dot)\s*\}|<dot>)\s*|。"
# The ideographic full stop also ends Japanese and Chinese sentences: before the ending it only counts in lower or
# upper case ("example。com"), not before a capitalised word ("ございます。It is", "ございます。Es").
_LAST_DOT = (
    r"(?:(?:" + _DOT_BRACKETED.removesuffix("|。") + r")(?:" + _TLD_ANY_CASE + r")|。" + _TLD_PLAIN + r")"
)
_DOT_WORDS = {
    "dot": "com|net|org|info|biz|io|co|uk|de|fr|jp|cn|eu|shop|store|online|xyz|app|ly|me",
    "punkt": "com|net|org|de|at|ch|eu|info|io|shop",
    "point": "com|net|org|fr|be|ch|eu|info|io",
    "punto": "com|net|org|it|eu|info|io",
    "ドット": "com|net|org|jp|co|io",
}

# Each pattern runs only near its cheap trigger: most drafts have no link at all.
_TRIGGERED = (
    # http://, hxxps://, http[:]//, ftp://
    (r"//", r"\b(?:h[tx]{2}ps?|ftp)\s*(?::|\[:\]|\(:\))?\s*//\s*" + _REST),
    # www.example..., www[.]example, www dot example
    (r"www", r"\bwww\d?\s*(?:\.|\[\.\]|\(\.\)|\s+dot\s+)\s*" + _REST),
    # shop.example.com, bit.ly/x, wa.me/123, EXAMPLE.COM
    (r"\.(?<=[^\W_]\.)[^\W\d_]", _START + r"(?:" + _LABEL + r"\.)+" + _TLD_PLAIN + _END + _PATH),
    # example . com
    (r" \. ", _START + r"(?:" + _LABEL + r"\s+\.\s+)+(?:com|net|org|de|co\.uk|fr|io|shop|store)" + _END),
    # example[.]com, example(dot)com, shop.example[.]co[.]uk
    (
        r"[\[({<。](?:(?<=[\[({])\s*(?:\.|dot|punkt)\s*[\])}]|(?<=<)dot>|(?<=。)[a-z])",
        _START + r"(?:" + _LABEL + r"(?:\.|" + _DOT_BRACKETED + r"))*" + _LABEL + _LAST_DOT + _END + _PATH,
    ),
    # example dot com, beispiel punkt de
    *(
        (
            " " + word + " ",
            _START + r"(?:" + _LABEL + r"\s*(?:\.|\s" + word + r"\s)\s*)*?" + _LABEL + r"\s+" + word + r"\s+"
            r"(?:" + tlds + r")" + _END + _PATH,
        )
        for word, tlds in _DOT_WORDS.items()
    ),
)
# Triggers run on the lower-cased draft and start with a plain character, so `re` can jump from one to the next.
_PATTERNS = tuple((re.compile(trigger), re.compile(pattern, re.I)) for trigger, pattern in _TRIGGERED)


def check_links(inp: GuardInput) -> list[GuardViolation]:
    matches = [m for trigger, pattern in _PATTERNS for m in matches_near(trigger, pattern, inp, 80, 60)]
    spans = [inp.text.span(*m.span()) for m in matches if m.end() > m.start()]
    return [GuardViolation(rule="link", span=s, message=MESSAGE) for s in merged(spans)]
