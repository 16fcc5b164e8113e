"""Charts for the Word report and the iXBRL report: stacked columns, horizontal stacked bars and a donut,
laid out in points and written as PNG at print resolution (``disclosure.word.canvas``; SVG on request).

Chinese text is set in the CJK font Debian ships (fonts-noto-cjk: Noto Sans CJK SC) or its Windows and
macOS equivalents. If none is installed, chart text falls back to English labels, so a chart never
shows missing-glyph boxes, and the build says why (``notice``).

Labels are the reported figures themselves (Decimal, formatted with thousands separators), so a chart
says what its table says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from disclosure.word.canvas import Canvas, Line, Rect, Sector, Text, cjk_face, measure, png, svg

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")
PALETTE = ("#1F4E79", "#2E75B6", "#9DC3E6", "#70AD47", "#FFC000", "#ED7D31", "#A5A5A5", "#5B9BD5", "#264478",
           "#9E480E")
AXIS = "#000000"
GRID = "#D9D9D9"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]


def cjk_font() -> str | None:
    """The installed CJK font family chart text is set in, or None."""
    return "Noto Sans CJK SC" if cjk_face() is not None else None


WIDTH_CM = 15.0
"""Printed width of a chart (the report's ``Image`` width): drawn at that size, so 9 pt text prints at 9 pt."""
DPI = 300
"""Print resolution."""
WIDTH = WIDTH_CM / 2.54 * 72
"""The width in points."""
SIZE = 9.0
SMALL = 8.0
TICK = 3.0


def _write(canvas: Canvas, fmt: str, cjk: bool) -> bytes:
    if fmt == "png":
        return png(canvas, DPI, cjk)
    if fmt == "svg":
        return svg(canvas, cjk)
    raise ValueError(f"unknown chart format {fmt!r} (png or svg)")


def _ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10ⁿ) up to the first at or above ``top``, about ``count`` of them."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    return [i * step for i in range(count + 1)]


TICK_GAP = 9.0
"""The least room between two tick labels of an axis, in points (one character)."""


def _label(value: float) -> str:
    return f"{value:,.0f}"


def _legend(canvas: Canvas, names: list[str], y: float, cjk: bool, centre: float | None = None,
            right: float | None = None) -> None:
    """One row of coloured keys and names, centred on ``centre`` or ending at ``right``; ``y`` its middle."""
    key, gap, space = 16.0, 5.0, 14.0
    widths = [key + gap + measure(n, SIZE, cjk) for n in names]
    total = sum(widths) + space * (len(names) - 1)
    x = (centre - total / 2) if centre is not None else (right or canvas.width) - total
    for i, (name, width) in enumerate(zip(names, widths, strict=True)):
        canvas.add(Rect(x, y - 3.5, key, 7.0, PALETTE[i % len(PALETTE)]))
        canvas.add(Text(x + key + gap, y + SIZE * 0.36, name, SIZE))
        x += width + space


def stacked_bars(categories: list[str], series: list[Series], unit: str, fmt: str = "png",
                 totals: list[Decimal] | None = None) -> bytes:
    """Stacked columns, e.g. Scope 1 and Scope 2 by year, labelled with ``totals`` (the reported totals,
    which can differ by a unit from the sum of the rounded parts) or else the sums."""
    cjk = cjk_font() is not None
    canvas = Canvas(WIDTH, WIDTH * 3.4 / 6.4)
    sums = [sum((s.values[i] for s in series), Decimal(0)) for i in range(len(categories))]
    labels = totals if totals is not None else sums
    ticks = _ticks(max([float(v) for v in sums] + [0.0]) * 1.1)
    tick_width = max(measure(_label(t), SIZE, cjk) for t in ticks)
    left, right = tick_width + TICK + 9, canvas.width - 6
    top, bottom = 8 + SIZE * 1.8, canvas.height - 40
    scale = (bottom - top) / ticks[-1]
    canvas.add(Text(6, top - SIZE * 1.2, unit, SIZE))
    for t in ticks:
        y = bottom - t * scale
        if t:
            canvas.add(Line(left, y, right, y, GRID, 0.4))
        canvas.add(Line(left - TICK, y, left, y, AXIS))
        canvas.add(Text(left - TICK - 3, y + SIZE * 0.36, _label(t), SIZE, "end"))
    slot = (right - left) / max(1, len(categories))
    for i, category in enumerate(categories):
        x = left + slot * (i + 0.5)
        base = bottom
        for k, s in enumerate(series):
            height = float(s.values[i]) * scale
            canvas.add(Rect(x - slot * 0.275, base - height, slot * 0.55, height, PALETTE[k % len(PALETTE)]))
            base -= height
        canvas.add(Text(x, base - 3, f"{labels[i]:,.0f}", SMALL, "middle"))
        canvas.add(Line(x, bottom, x, bottom + TICK, AXIS))
        canvas.add(Text(x, bottom + TICK + 3 + SIZE, category, SIZE, "middle"))
    canvas.add(Line(left, top - 4, left, bottom, AXIS))
    canvas.add(Line(left, bottom, right, bottom, AXIS))
    _legend(canvas, [s.name for s in series], canvas.height - 10, cjk, centre=(left + right) / 2)
    return _write(canvas, fmt, cjk)


def horizontal_bars(labels: list[str], series: list[Series], unit: str, fmt: str = "png") -> bytes:
    """Horizontal stacked bars, largest at the top, e.g. emissions by facility."""
    cjk = cjk_font() is not None
    row = 24.0
    top = 8 + SIZE * 1.8
    canvas = Canvas(WIDTH, top + row * len(labels) + 40)
    sums = [sum((s.values[i] for s in series), Decimal(0)) for i in range(len(labels))]
    label_width = max([measure(n, SIZE, cjk) for n in labels] + [0.0])
    left = label_width + TICK + 8
    for count in range(5, 0, -1):  # fewer ticks where their labels would run together (1,000,0001,200,000)
        ticks = _ticks(max([float(v) for v in sums] + [0.0]), count)
        right = canvas.width - measure(_label(ticks[-1]), SIZE, cjk) / 2 - 4
        scale = (right - left) / ticks[-1]
        if (ticks[1] - ticks[0]) * scale >= max(measure(_label(t), SIZE, cjk) for t in ticks) + TICK_GAP:
            break
    bottom = top + row * len(labels)
    canvas.add(Text(6, top - SIZE * 1.2, unit, SIZE))
    for t in ticks:
        x = left + t * scale
        if t:
            canvas.add(Line(x, top, x, bottom, GRID, 0.4))
        canvas.add(Line(x, bottom, x, bottom + TICK, AXIS))
        canvas.add(Text(x, bottom + TICK + 3 + SIZE, _label(t), SIZE, "middle"))
    for i, name in enumerate(labels):
        y = top + row * (i + 0.5)
        start = left
        for k, s in enumerate(series):
            width = float(s.values[i]) * scale
            canvas.add(Rect(start, y - row * 0.3, width, row * 0.6, PALETTE[k % len(PALETTE)]))
            start += width
        canvas.add(Line(left - TICK, y, left, y, AXIS))
        canvas.add(Text(left - TICK - 4, y + SIZE * 0.36, name, SIZE, "end"))
    canvas.add(Line(left, top - 4, left, bottom, AXIS))
    canvas.add(Line(left, bottom, right, bottom, AXIS))
    _legend(canvas, [s.name for s in series], canvas.height - 10, cjk, right=right)
    return _write(canvas, fmt, cjk)


def donut(labels: list[str], values: list[Decimal], centre: str, fmt: str = "png") -> bytes:
    """Shares of a whole, e.g. the energy mix, labelled with percentages."""
    cjk = cjk_font() is not None
    canvas = Canvas(WIDTH, WIDTH * 3.2 / 6.4)
    total = sum(values, Decimal(0)) or Decimal(1)
    outer = canvas.height / 2 - 14
    legend = [f"{name}  {float(v * 100 / total):.1f}%" for name, v in zip(labels, values, strict=True)]
    widest = 21 + max([measure(text, SIZE, cjk) for text in legend] + [0.0])
    # The ring at a third of the width and the legend beside it; long names move both left to fit, and
    # then make the ring smaller.
    outer = max(40.0, min(outer, (canvas.width - 12 - widest - 40) / 2))
    cx, cy = min(canvas.width * 0.36, canvas.width - 6 - widest - 40 - outer), canvas.height / 2
    cx = max(cx, outer + 6)
    angle = 0.0
    edges: list[float] = []
    for i, v in enumerate(values):
        sweep = float(v / total) * 360
        colour = PALETTE[i % len(PALETTE)]
        pieces = max(1, math.ceil(sweep / 120))  # arcs of at most 120° (an SVG arc of 360° is nothing)
        for p in range(pieces):
            canvas.add(Sector(cx, cy, outer, outer * 0.62, angle + sweep * p / pieces,
                              angle + sweep * (p + 1) / pieces, colour))
        angle += sweep
        edges.append(angle)
    if len([v for v in values if v]) > 1:
        for a in [0.0, *edges[:-1]]:
            r = math.radians(a - 90)
            canvas.add(Line(cx + outer * 0.6 * math.cos(r), cy + outer * 0.6 * math.sin(r),
                            cx + (outer + 1) * math.cos(r), cy + (outer + 1) * math.sin(r), "#FFFFFF", 1.2))
    canvas.add(Text(cx, cy + SIZE * 0.36, centre, SIZE, "middle"))
    x, step = cx + outer + 40, SIZE * 1.9
    y = cy - step * (len(legend) - 1) / 2
    for i, text in enumerate(legend):
        canvas.add(Rect(x, y - 3.5, 16.0, 7.0, PALETTE[i % len(PALETTE)]))
        canvas.add(Text(x + 21, y + SIZE * 0.36, text, SIZE))
        y += step
    return _write(canvas, fmt, cjk)
