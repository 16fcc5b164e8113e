"""Where a cell's text breaks into lines, as LibreOffice and Word break it (Unicode line breaking as ICU
applies it to Chinese, simplified to what our tables hold).

A line may break between two CJK characters, after a space, after a hyphen, dash or solidus that is not
followed by a digit, and between CJK and Latin text; never before closing punctuation (，。、）》 …) and
never after opening punctuation (（《 …), never inside a Latin word or number. A full-width comma or full
stop at the end of a full line hangs into the margin (hanging punctuation, on by default in both). A
piece wider than the line is cut where it overflows: that is the "word cut mid-way" the fitting avoids.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclosure.word.metrics import face, wide

NO_START = set("，。、；：？！）》」』】〕〉”’…·ー々〜％),.;:!?%]}」°‰℃") | {"\u2030"}
"""Characters a line never starts with (closing punctuation, units glued to what precedes them)."""
NO_END = set("（《「『【〔〈“‘([{")
"""Characters a line never ends with (opening punctuation)."""
HANG = set("，。、,.")
"""Punctuation that hangs into the margin at the end of a full line."""
BREAK_AFTER = set("-–—/")


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
    if a in BREAK_AFTER:
        return not b.isdigit() and b not in BREAK_AFTER
    return wide(a) or wide(b)


def pieces(text: str) -> list[str]:
    """``text`` split at its break opportunities (a piece keeps its trailing spaces)."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if _opportunity(text[i - 1], text[i]):
            out.append(text[start:i])
            start = i
    if text:
        out.append(text[start:])
    return out


def lines(text: str, room: float, size: float, family: str, bold: bool = False) -> list[Line]:
    """``text`` broken into lines of at most ``room`` points at ``size`` points."""
    f = face(family, bold)

    def w(s: str) -> float:
        return sum(f.advance(ch) for ch in s) * size

    out: list[Line] = []
    current, used = "", 0.0
    for piece in pieces(text):
        body = piece.rstrip(" ")
        need = w(body) - (w(body[-1]) if body and body[-1] in HANG else 0.0)
        if current and used + need > room:
            out.append(Line(current.rstrip(" ")))
            current, used = "", 0.0
        if not current and need > room:  # wider than the column: cut where it overflows
            while body and w(body) - (w(body[-1]) if body[-1] in HANG else 0.0) > room:
                take = 1
                while take < len(body) and w(body[:take + 1]) <= room:
                    take += 1
                out.append(Line(body[:take], cut=True))
                body = body[take:]
            piece = body
        current += piece
        used += w(piece)
    if current.strip() or not out:
        out.append(Line(current.rstrip(" ")))
    return out


def lonely(line: Line) -> bool:
    """A line of one character that is not a mark read on its own (是, √, —, a digit)."""
    return len(line.text) == 1 and line.text not in LONE_OK and not line.text.isdigit()


LONE_OK = set("是否有无高中低→—-–/%√×•")


def bad(broken: list[Line]) -> bool:
    """The cell breaks badly: a word cut, or a line of a single character in a cell of more."""
    return len(broken) > 1 and any(line.cut or lonely(line) for line in broken)


__all__ = ["LONE_OK", "Line", "bad", "lines", "lonely", "pieces"]
