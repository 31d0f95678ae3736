"""The Unicode ranges of Japanese, Chinese and Korean letters, for every module that tells them from Latin text.

Each is the inside of a character class (`f"[{HAN}]"`), so modules can combine them; `CJK_CHAR` finds one
Japanese or Chinese character.
"""

from __future__ import annotations

import re

__all__ = ["CJK", "CJK_CHAR", "HALFWIDTH_KANA", "HAN", "HANGUL", "KANA"]

KANA = "\u3040-\u30ff"  # hiragana and katakana
HALFWIDTH_KANA = "\uff66-\uff9f"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK unified ideographs and extension A
HANGUL = "\uac00-\ud7af"
CJK = KANA + HAN  # Japanese and Chinese
CJK_CHAR = re.compile(f"[{CJK}]")
