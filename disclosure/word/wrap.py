"""Where a cell's text breaks into lines, as LibreOffice and Word break it (Unicode line breaking as ICU
applies it to Chinese, simplified to what our tables hold).

A line may break between two CJK characters, after a space, after a hyphen or dash that is not
followed by a digit, and between CJK and Latin text; never before closing punctuation (，。、）》 …) and
never after opening punctuation (（《 …), never inside a Latin word or number. A full-width comma or full
stop does not hang into the margin (LibreOffice does not turn hanging punctuation on for a .docx); a
closing bracket holds on to the Latin text or number after it (〔2013〕2526号 breaks only before 号, as
LibreOffice breaks it). A piece wider than the line is cut where it overflows: that is the "word cut
mid-way" the fitting avoids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from disclosure.word.metrics import AMBIGUOUS, AUTOSPACE, face, spaced, wide

NO_START = set("，。、；：？！）》」』】〕〉”’…·ー々〜％),.;:!?%]}」°‰℃/") | {"\u2030"}
"""Characters a line never starts with (closing punctuation, units glued to what precedes them)."""
NO_END = set("（《「『【〔〈“‘([{")
"""Characters a line never ends with (opening punctuation)."""
CLOSE = set("）〕》」』】〉〗”’)]}")
"""Closing brackets and quotes: no break between one and the Latin text or number after it."""
FULL_STOPS = set("，。、；：！？")
"""Full-width punctuation also holds on to the Latin text or number after it (LibreOffice set
院，GD-HJ-2026-C-088 as one piece and cut it where it overflowed)."""
BREAK_AFTER = set("-–—")
"""A line may break after these unless a digit follows (a solidus joins its neighbours: 5000t/d, tCO2/t)."""


@dataclass(frozen=True)
class Line:
    text: str
    cut: bool = False
    """The line ends inside a word (it was wider than the column)."""


def _opportunity(a: str, b: str) -> bool:
    """Whether a line may break between characters ``a`` and ``b``."""
    if b == " " or b in NO_START or a in NO_END:
        return False
    if a == " ":
        return True
    if a == b == "—" or a == b == "…":
        return False
    if (a in CLOSE or a in FULL_STOPS) and not wide(b):
        return False
    if a in BREAK_AFTER:
        return not b.isdigit() and b not in BREAK_AFTER
    return wide(a) or wide(b)


def pieces(text: str) -> list[str]:
    """``text`` split at its break opportunities (a piece keeps its trailing spaces)."""
    return [text[a:c] for a, _, c in _spans(text)]


WHOLE = re.compile(r"(?<![A-Za-z0-9-])(?=[A-Z-]*[0-9])[A-Z0-9]+(?:-[A-Z0-9]+)+(?![A-Za-z0-9])"
                   r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?")
"""Tokens never broken inside: report numbers and other codes with a digit (GD-HJ-2026-C-088, CEC-QH-2026-0412,
2025-02) and Chinese dates (2026年4月14日). The Word writer makes them so (:func:`nobreak`)."""
WORD_JOINER = "\u2060"
ZW_SPACE = "\u200b"
OPEN_WIDE = set("（《「『【〔〈")
BEFORE_OPEN = re.compile(r"(?<=[A-Za-z0-9%.])(?=[（《「『【〔〈])")
"""Between Latin text or a figure and a full-width opening bracket: LibreOffice does not break there
(+0.4（+<0.01%） is one piece to it, cut where it overflows) while the fitting may; a zero-width space
lets it."""


def nobreak(text: str) -> str:
    """``text`` as written into a table cell: the hyphens of a code and a date's characters joined by word
    joiners (U+2060, invisible, and no break on either side; a non-breaking hyphen U+2011 made LibreOffice
    cut the code where the line ran out instead of moving it to the next line); a zero-width space where a
    figure or Latin text meets a full-width opening bracket (:data:`BEFORE_OPEN`)."""
    def whole(m: re.Match[str]) -> str:
        token = m.group(0)
        if "-" not in token:
            return WORD_JOINER.join(token)
        before = ZW_SPACE if text[m.start() - 1:m.start()] in FULL_STOPS else ""  # 院，/GD-HJ-…, as fitted
        return before + token.replace("-", WORD_JOINER + "-" + WORD_JOINER)

    return BEFORE_OPEN.sub(ZW_SPACE, WHOLE.sub(whole, text))


def _spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """Each piece as (start, end without trailing spaces, end)."""
    out: list[tuple[int, int, int]] = []
    start = 0
    tokens = list(WHOLE.finditer(text))
    inside = {i for m in tokens for i in range(m.start() + 1, m.end())}
    led = {m.start() for m in tokens if text[m.start() - 1:m.start()] in FULL_STOPS}  # nobreak's zero-width space
    for i in range(1, len(text) + 1):
        if i == len(text) or i in led or (i not in inside and _opportunity(text[i - 1], text[i])):
            body = i
            while body > start and text[body - 1] == " ":
                body -= 1
            out.append((start, body, i))
            start = i
    return tuple(out)


@dataclass(frozen=True)
class Measured:
    """A text's break opportunities and running widths at one size, for line breaking at many widths."""

    text: str
    spans: tuple[tuple[int, int, int], ...]
    prefix: tuple[float, ...]
    """prefix[i]: width (points) of text[:i], with the Chinese/Latin spacing before character i-1."""
    joins: tuple[bool, ...]
    """joins[i]: the spacing sits between characters i-1 and i (not counted when a line starts at i)."""

    gap: float
    """The Chinese/Latin spacing in points."""

    def width(self, start: int, end: int) -> float:
        """Width of ``text[start:end]`` set as a line of its own."""
        if end <= start:
            return 0.0
        return self.prefix[end] - self.prefix[start] - (self.gap if self.joins[start] else 0.0)


@lru_cache(maxsize=1 << 14)
def measured(text: str, size: float, family: str, bold: bool = False) -> Measured:
    """``text`` measured at ``size`` points in ``family`` (cached: the fitting tries many widths)."""
    f = face(family, bold)
    cjk = any(wide(ch) for ch in text)
    prefix = [0.0]
    joins = [False]
    for i, ch in enumerate(text):
        em = 1.0 if cjk and ch in AMBIGUOUS else f.advance(ch)
        join = cjk and i > 0 and spaced(text[i - 1], ch)
        if i:
            joins.append(join)
        prefix.append(prefix[-1] + (em + (AUTOSPACE if join else 0.0)) * size)
    return Measured(text, _spans(text), tuple(prefix), tuple(joins), AUTOSPACE * size)


def lines(text: str, room: float, size: float, family: str, bold: bool = False) -> list[Line]:
    """``text`` broken into lines of at most ``room`` points at ``size`` points."""
    m = measured(text, size, family, bold)
    out: list[Line] = []
    line = -1  # where the current line starts; -1: no line open
    last = 0  # the end of the last piece placed (with its trailing spaces)
    for start, body, end in m.spans:
        if line >= 0 and m.width(line, body) > room:
            out.append(Line(text[line:last].rstrip(" ")))
            line = -1
        if line < 0:
            line = start
            while m.width(line, body) > room:  # wider than the column: cut where it overflows
                take = line + 1
                while take < body and m.width(line, take + 1) <= room:
                    take += 1
                if take >= body:
                    break
                out.append(Line(text[line:take], cut=True))
                line = take
        last = end
    if line >= 0 and (text[line:].strip() or not out):
        out.append(Line(text[line:].rstrip(" ")))
    elif not out:
        out.append(Line(""))
    return out


def lonely(line: Line) -> bool:
    """A line of one character that is not a mark read on its own (是, √, —, a digit)."""
    return len(line.text) == 1 and line.text not in LONE_OK and not line.text.isdigit()


LONE_OK = set("是否有无高中低→—-–/%√×•")


def bad(broken: list[Line]) -> bool:
    """The cell breaks badly: a word cut, or a line of a single character in a cell of more."""
    return len(broken) > 1 and any(line.cut or lonely(line) for line in broken)


__all__ = ["LONE_OK", "WHOLE", "Line", "bad", "lines", "lonely", "nobreak", "pieces"]
