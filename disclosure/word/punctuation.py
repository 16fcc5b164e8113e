"""Chinese punctuation as printed: the half-width marks a preparer types into Chinese text become the
full-width ones Chinese typesetting uses (，。；：？！（）“”), and a title in ``<<…>>`` becomes 《…》.

A mark changes only where it touches Chinese text: a comma, colon or full stop between digits
(1,234; 10:30; 0.5), inside a code (GB/T 32151.34—2024, CEC-QH-2026-0412) or in Latin text (Scope 1,
Scope 2) stays as it is. Parentheses change as a pair, when their content is Chinese or they open
after Chinese text: 东海电厂(2×660MW) → 东海电厂（2×660MW）, but a paragraph reference such as
IFRS S2 29(a)(iv) and (tCO2e) in English stay. Applied to every text of a
zh-CN report when it is written (:func:`disclosure.word.document.write`); idempotent.
"""

from __future__ import annotations

import re

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
_CJK = f"[{CJK}]"
MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

_AFTER_CJK = re.compile(rf"(?<={_CJK})([,;:?!]) *")
"""A mark right after a Chinese character (the spaces a typist leaves after it go too)."""
_BEFORE_CJK = re.compile(rf"(?<![0-9]) *([,;:?!]) *(?={_CJK})")
"""A mark right before a Chinese character, unless it follows a digit (a number's separator)."""
_STOP = re.compile(rf"(?<={_CJK})\.(?=$|\s|{_CJK})")
_PARENS = re.compile(r"\(([^()]*)\)")
_TITLE = re.compile(r"(?:<<|＜＜|〈〈)([^<>＜＞〈〉]+)(?:>>|＞＞|〉〉)")
_QUOTES = re.compile(rf'"([^"]*{_CJK}[^"]*)"')
_HAS_CJK = re.compile(_CJK)


def normalise(text: str) -> str:
    """``text`` with Chinese punctuation where it touches Chinese (see the module docstring)."""
    if not _HAS_CJK.search(text):
        return text
    text = _TITLE.sub(r"《\1》", text)
    text = _QUOTES.sub(r"“\1”", text)
    text = _PARENS.sub(_parens, text)
    text = _AFTER_CJK.sub(lambda m: MARKS[m.group(1)], text)
    text = _BEFORE_CJK.sub(lambda m: MARKS[m.group(1)], text)
    return _STOP.sub("。", text)


def _parens(m: re.Match[str]) -> str:
    before = m.string[m.start() - 1] if m.start() else ""
    if _HAS_CJK.search(m.group(1)) or _HAS_CJK.match(before):
        return f"（{m.group(1).strip()}）"
    return m.group(0)


DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100}
PARTS = {"条": "Art.", "章": "Ch.", "节": "Sec.", "款": "para.", "项": "item"}
_NUM = r"(?:[零〇一二两三四五六七八九十百]+|[0-9]+)"
_CLAUSE = re.compile(rf"第 ?({_NUM}(?:、{_NUM})*) ?([条章节款项])")
PLURAL = {"Art.": "Arts.", "Ch.": "Chs.", "Sec.": "Secs.", "para.": "paras.", "item": "items"}


def chinese_number(text: str) -> int:
    """A Chinese numeral up to the hundreds as an int: 二十四 → 24, 十 → 10, 一百零五 → 105."""
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


def english_clauses(text: str) -> str:
    """Article, chapter and item numbers of Chinese rules as an English reader cites them:
    第二十四条 → Art. 24, 第一章 → Ch. 1, 第3项 → item 3 (the index of an en report)."""
    def one(m: re.Match[str]) -> str:
        values = [str(int(n) if n.isdigit() else chinese_number(n)) for n in m.group(1).split("、")]
        part = PARTS[m.group(2)]
        return f"{PLURAL[part] if len(values) > 1 else part} {', '.join(values)}"

    return _CLAUSE.sub(one, text)


__all__ = ["chinese_number", "english_clauses", "normalise"]
