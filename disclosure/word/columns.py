"""Table layout: the type size and the column widths of a table, fitted to its content with the real
widths of the table font (:mod:`disclosure.word.metrics`) and the line breaking of :mod:`disclosure.word.wrap`.

Tables are set in 五号 (10.5 pt) where the columns fit the text width, else at 9 pt, else at 7.5 pt.
Each column is at least as wide as its longest unbreakable piece (a Latin word, a number, a code) and as
its short labels (汇报频率, 纳入全国碳市场: never wrapped); the room left goes to the columns that would
otherwise wrap, in proportion to what they lack. A wrapped column's width is then moved to the nearest
width at which none of its cells breaks badly: no line of a single character (a lone 率 or 因 under the
rest of its label) and no word cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from disclosure.word.metrics import wide
from disclosure.word.wrap import WHOLE, bad, lines, measured

TEXT_WIDTH_PT = 11906 / 20 - 2 * 1361 / 20
"""A4 width less the reference document's margins (2.4 cm each side), in points (16.2 cm)."""
PT_PER_CM = 72 / 2.54
FAMILY = "Noto Sans CJK SC"
"""The table face (the reference document's ``Table Text`` and ``Table Header`` styles)."""
SIZES = (10.5, 9.0)
"""五号 where it fits, else 9 pt (小五, the smallest size a reader reads comfortably): a table with more
columns than fit at 9 pt wraps its short labels and sets headers in three lines instead."""
PADDING_PT = 2 * 85 / 20
"""The cell margins (85 twips a side, the ``Disclosure Table`` style) and the borders."""
TIGHT_PADDING_PT = 2 * 43 / 20
"""The cell margins of a table too wide for the usual ones at 9 pt (43 twips a side, about 0.75 mm)."""
SHORT_EM = 9.0
"""A text of at most this many em is never wrapped (a label such as 纳入全国碳市场)."""
KEEP_EM = 21.0
"""Texts of a ``keep`` column up to this many em are never wrapped (the index's section names)."""
NARROWEST_EM = 4.0
"""A text column is at least four characters wide where its texts are that long (no 2-character lines)."""
WIDEST_EM = 26.0
"""A text column asks for no more than this, however long its texts."""
STEP_PT = 0.5
REACH_PT = 24.0
"""How far a column's width may move to avoid a bad break."""
SLACK_PT = 1.0
"""A width is safe when it is safe this much narrower and wider too (our metrics against the renderer's)."""
LINE_SLACK = 0.01
"""A text kept on one line gets this share of its width more: LibreOffice breaks a line somewhat before
its glyph advances and the cell margins fill it (五、指标与目标 › 以前年度数据重述, 165.4 pt, wrapped
in a column with 165.9 pt between its margins and borders)."""


TOKEN_ROOM = 0.5
"""Extra room (em) for a piece holding a token never broken: LibreOffice sets it a little wider than its
glyph advances add up to."""


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool


@dataclass(frozen=True)
class Layout:
    size: float
    widths: tuple[float, ...]
    """Column widths in points, summing to the text width."""
    indents: tuple[tuple[int, int, float], ...] = ()
    """(row, column, points): a right indent for a cell that would otherwise end on a lone character
    (row 0 is the header); the cell's text then breaks a character earlier on each line."""
    padding: float = PADDING_PT
    """Left plus right cell margins, in points (narrower than usual for a very wide table)."""

    @property
    def widths_cm(self) -> tuple[float, ...]:
        return tuple(w / PT_PER_CM for w in self.widths)


def _width(cell: Cell, size: float) -> float:
    return measured(cell.text, size, FAMILY, cell.bold).prefix[-1]


def _piece(cell: Cell, size: float) -> float:
    """Width of the widest unbreakable piece of the cell; a piece holding a report number or a date (which
    the writer makes unbreakable) with room for the quarter em LibreOffice sets between it and the full-width
    comma before it (院，GD-HJ-2026-C-088 is cut where it overflows, not wrapped)."""
    m = measured(cell.text, size, FAMILY, cell.bold)
    return max((m.width(start, body) + (TOKEN_ROOM * size if WHOLE.search(cell.text[start:body]) else 0.0)
                for start, body, _ in m.spans), default=0.0)


def _good(cell: Cell, room: float, size: float) -> bool:
    """The cell does not break badly in ``room`` points (a little narrower or wider either)."""
    content = _width(cell, size)
    return all(content <= x or not _bad(cell.text, cell.bold, size, round(x * GRID))
               for x in (room - SLACK_PT, room - SLACK_PT / 2, room, room + SLACK_PT / 2, room + SLACK_PT))


GRID = 20
"""Widths are tried on a 1/20 pt grid, so neighbouring trials share their line breaking."""


@lru_cache(maxsize=1 << 16)  # bounded: a long-running process builds many reports
def _bad(text: str, bold: bool, size: float, room: int) -> bool:
    return bad(lines(text, room / GRID, size, FAMILY, bold))


def safe(cells: Sequence[Cell], width: float, size: float) -> bool:
    """No cell of the column breaks badly at ``width`` (a little narrower or wider either)."""
    return all(_good(cell, width - PADDING_PT, size) for cell in cells)


def layout(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: frozenset[int] = frozenset(),
           emphasis: frozenset[int] = frozenset(), keep: frozenset[int] = frozenset()) -> Layout:
    """The type size and column widths of a table (see the module docstring)."""
    columns = [[Cell(h, True)] + [Cell(r[i], n in emphasis) for n, r in enumerate(rows) if i < len(r)]
               for i, h in enumerate(headers)]
    for size in SIZES:
        mins, wants = _bounds(columns, size, numeric, keep, short=True)
        if sum(mins) <= TEXT_WIDTH_PT:
            widths = _settle(columns, _balance(columns, _share(mins, wants, TEXT_WIDTH_PT), mins, size), mins, size)
            if size != SIZES[-1] and tallest(columns, widths, size) > TALL_LINES:
                continue  # long texts in narrow columns: a smaller size sets them in fewer, longer lines
            return Layout(size, tuple(widths), _indents(columns, widths, size))
    mins, wants = _bounds(columns, size, numeric, keep, short=False)
    # Narrower cell margins where even that does not fit: the fitting runs on columns wider by what the
    # margins give up (the room inside each cell is the same), then each column is narrowed by it.
    tight = 0.0 if sum(mins) <= TEXT_WIDTH_PT else PADDING_PT - TIGHT_PADDING_PT
    total = TEXT_WIDTH_PT + tight * len(columns)
    if sum(mins) > total:  # narrower than the words: shrink every column alike
        widths = [m * total / sum(mins) for m in mins]
    else:
        widths = _settle(columns, _balance(columns, _share(mins, wants, total), mins, size), mins, size)
    indents = _indents(columns, widths, size)
    return Layout(size, tuple(w - tight for w in widths), indents, PADDING_PT - tight)


TALL_LINES = 12
"""A table whose tallest row would take more lines than this at 10.5 pt is set at 9 pt."""


def tallest(columns: list[list[Cell]], widths: Sequence[float], size: float, padding: float = PADDING_PT) -> int:
    """The most lines a body row of the table takes at these widths."""
    rows = list(zip(*([len(lines(c.text, w - padding, size, FAMILY, c.bold)) for c in cells[1:]]
                      for cells, w in zip(columns, widths, strict=True)), strict=True))
    return max((max(r) for r in rows), default=1)


INDENT_EM = 3.0
"""The most a cell's text is indented from the right to avoid a lone last character."""


def _indents(columns: list[list[Cell]], widths: list[float], size: float) -> tuple[tuple[int, int, float], ...]:
    """Right indents for the cells that still break badly at their column's width (a long text in a
    narrow column: no width suits every row). Lines of a CJK text of n characters k to a line end on a
    lone character when n = 1 (mod k); a slightly narrower line moves a character down."""
    out: list[tuple[int, int, float]] = []
    for i, cells in enumerate(columns):
        room = widths[i] - PADDING_PT
        for r, cell in enumerate(cells):
            if _good(cell, room, size):
                continue
            cut = STEP_PT
            while cut <= INDENT_EM * size and not _good(cell, room - cut, size):
                cut += STEP_PT
            if cut <= INDENT_EM * size:
                out.append((r, i, cut))
    return tuple(out)


def _bounds(columns: list[list[Cell]], size: float, numeric: frozenset[int], keep: frozenset[int], *,
            short: bool) -> tuple[list[float], list[float]]:
    """Each column's minimum width and the width at which nothing in it wraps (capped for long texts).

    The minimum holds the column's longest unbreakable piece, its header in at most two lines none of
    them a lone character (核查/范围二, never 差/异), a number column's longest value and, when ``short``,
    its short texts on one line. Without ``short`` (a table too wide for that at the smallest size), a
    header may take three lines, short labels wrap (a ``keep`` column's texts still do not) and a figure
    with its share breaks before the bracket (+178 / （+0.01%）)."""
    mins, wants = [], []
    for i, cells in enumerate(columns):
        full = max(_width(c, size) for c in cells)
        latin = not any(wide(ch) for ch in cells[0].text)  # an English header breaks between words as it reads
        head = _head(cells[0], size, 2 if short and not latin else 3)
        if i in numeric:  # a figure on one line; in a table too wide for that, a gap wraps before its share
            body = max(((_width(c, size) if short else _piece(c, size)) for c in cells[1:]), default=0.0)
            body *= 1 + LINE_SLACK
            low = max(body, head)
            mins.append(low + PADDING_PT + SLACK_PT)
            wants.append(max(low, min(full, 5 * size)) + PADDING_PT)
            continue
        limit = KEEP_EM * size if i in keep else SHORT_EM * size if short else 0.0
        texts = [_width(c, size) for c in cells[1:]]
        labels = [w for c, w in zip(cells[1:], texts, strict=True) if w <= limit and (i in keep or _label(c.text))]
        low = max(head, max(_piece(c, size) for c in cells), min(max(texts, default=0.0), NARROWEST_EM * size),
                  max(labels, default=0.0) * (1 + LINE_SLACK))
        mins.append(low + PADDING_PT + SLACK_PT)
        wants.append(max(low, min(full, WIDEST_EM * size)) + PADDING_PT)
    return mins, wants


def _label(text: str) -> bool:
    """A short text kept on one line: Chinese (which would break between any two characters: 汇/报/频/率)
    or a single word; a Latin phrase breaks between its words as it reads."""
    return " " not in text.strip() or any(wide(ch) for ch in text)


def _head(cell: Cell, size: float, most: int = 2) -> float:
    """The narrowest width (without padding) at which the header breaks into at most ``most`` lines, none
    of them bad, with the renderer's slack either side: one of the widths of its possible lines."""
    m = measured(cell.text, size, FAMILY, cell.bold)
    full = m.prefix[-1]
    starts = [0] if most <= 2 else [start for start, _, _ in m.spans]
    for room in sorted({m.width(start, body) + SLACK_PT for start in starts for _, body, _ in m.spans if body > start}):
        if room >= full:
            break
        if all(len(got) <= most and not bad(got) for got in
               (lines(cell.text, x, size, FAMILY, cell.bold) for x in (room - SLACK_PT, room, room + SLACK_PT))):
            return room
    return full


def _share(mins: list[float], wants: list[float], total: float) -> list[float]:
    """Minimums first; the room left to the columns that would wrap, in proportion to what they lack;
    beyond that, in proportion to their width."""
    room = total - sum(mins)
    flex = [w - m for w, m in zip(wants, mins, strict=True)]
    if sum(flex) >= room:
        return [m + room * f / sum(flex) for m, f in zip(mins, flex, strict=True)]
    left = room - sum(flex)
    return [w + left * w / sum(wants) for w in wants]


def _settle(columns: list[list[Cell]], widths: list[float], mins: list[float], size: float) -> list[float]:
    """Each column moved to the nearest safe width, the difference taken from or given to the others
    where they stay safe (columns that do not wrap first)."""
    widths = list(widths)
    for i, cells in enumerate(columns):
        if safe(cells, widths[i], size):
            continue
        for offset in _offsets():
            target = widths[i] + offset
            if target < mins[i] - 1e-6:
                continue
            if not safe(cells, target, size):
                continue
            others = _give(columns, widths, mins, size, i, -offset)
            if others is not None:
                widths = others
                widths[i] = target
                break
    return widths


BALANCE_PT = 4.0
"""The width moved at a time between two columns when balancing a table's height."""
BALANCE_MOVES = 120


def _balance(columns: list[list[Cell]], widths: list[float], mins: list[float], size: float) -> list[float]:
    """The widths with room moved, ``BALANCE_PT`` (or two, four, eight times that) at a time, from the
    columns whose rows are short to those that make the rows tall, as long as the table gets shorter
    (fewer lines in its tallest cells, then fewer lines in all): a long description and response get the
    width a short id or horizon does not need."""
    widths = list(widths)
    counts: dict[tuple[int, float], tuple[int, ...]] = {}

    def lines_at(i: int, width: float) -> tuple[int, ...]:
        key = (i, round(width, 3))
        if key not in counts:
            counts[key] = tuple(len(lines(c.text, width - PADDING_PT, size, FAMILY, c.bold)) for c in columns[i])
        return counts[key]

    def cost(ws: list[float]) -> tuple[int, int]:
        per = [lines_at(i, w) for i, w in enumerate(ws)]
        rows = list(zip(*per, strict=True))
        return sum(max(r) for r in rows), sum(sum(r) for r in rows)

    best = cost(widths)
    for _ in range(BALANCE_MOVES):
        found = None
        for give in range(len(widths)):
            for step in (BALANCE_PT * k for k in (1, 2, 4, 8)):  # a longer move past a plateau
                if widths[give] - step < mins[give] - 1e-6:
                    break
                for take in range(len(widths)):
                    if take == give:
                        continue
                    trial = list(widths)
                    trial[give] -= step
                    trial[take] += step
                    got = cost(trial)
                    if got < best and (found is None or got < found[0]):
                        found = (got, trial)
        if found is None:
            break
        best, widths = found
    return widths


def _offsets() -> list[float]:
    steps = int(REACH_PT / STEP_PT)
    return [sign * k * STEP_PT for k in range(1, steps + 1) for sign in (-1, 1)]


def _give(columns: list[list[Cell]], widths: list[float], mins: list[float], size: float, skip: int,
          amount: float) -> list[float] | None:
    """``widths`` with ``amount`` points added to (or, negative, taken from) one other column that stays
    safe: the widest non-wrapping one first, then the others from the widest."""
    order = sorted((j for j in range(len(widths)) if j != skip),
                   key=lambda j: (not _fits(columns[j], widths[j], size), -widths[j]))
    for j in order:
        target = widths[j] + amount
        if target >= mins[j] - 1e-6 and safe(columns[j], target, size):
            out = list(widths)
            out[j] = target
            return out
    return None


def _fits(cells: list[Cell], width: float, size: float) -> bool:
    return all(_width(c, size) <= width - PADDING_PT - SLACK_PT for c in cells)


__all__ = ["FAMILY", "Layout", "PADDING_PT", "SIZES", "TEXT_WIDTH_PT", "TIGHT_PADDING_PT", "layout", "safe"]
