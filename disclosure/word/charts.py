"""Charts for the Word report (PNG, matplotlib Agg), with Chinese text in a CJK font.

The font is looked up among the CJK fonts Debian ships (fonts-noto-cjk: Noto Sans CJK SC) and the
usual Windows and macOS ones. If none is installed, chart text falls back to English labels, so a
chart never shows missing-glyph boxes, and the build says why (``notice``).
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
             "SimHei", "PingFang SC", "Heiti SC")
PALETTE = ("#1F4E79", "#2E75B6", "#9DC3E6", "#70AD47", "#FFC000", "#ED7D31", "#A5A5A5", "#5B9BD5", "#264478",
           "#9E480E")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]


@cache
def cjk_font() -> str | None:
    """The first installed CJK font family, or None."""
    _matplotlib()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@cache
def _matplotlib() -> Any:
    """matplotlib, imported on first use (a build without charts never pays for it); the figure and the
    Agg canvas are used directly, without pyplot's figure manager and backend switching."""
    os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "disclosure-matplotlib"))
    import matplotlib
    import matplotlib.backends.backend_agg
    import matplotlib.figure

    return matplotlib


WIDTH_CM = 15.0
"""Printed width of a chart (the report's ``Image`` width): drawn at that size, so 9 pt text prints at 9 pt."""
DPI = 300
"""Print resolution."""


def _figure(width: float, height: float) -> tuple[Any, Any]:
    """A figure of ``height``/``width`` proportions, drawn at the printed width."""
    height *= WIDTH_CM / 2.54 / width
    width = WIDTH_CM / 2.54
    mpl = _matplotlib()
    family = [cjk_font() or "DejaVu Sans", "DejaVu Sans"]
    # A list of families: matplotlib falls back glyph by glyph (CJK fonts lack e.g. the subscript ₂).
    mpl.rcParams.update({"font.family": family, "axes.unicode_minus": False,
                         "svg.hashsalt": "disclosure", "font.size": 9})
    fig = mpl.figure.Figure(figsize=(width, height), dpi=DPI)
    mpl.backends.backend_agg.FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _save(fig: Any, fmt: str) -> bytes:
    """PNG for the report; PDF (text kept as text, TrueType) lets tests read the chart's words back."""
    mpl = _matplotlib()
    buffer = io.BytesIO()
    fig.tight_layout()
    metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Creator": None, "Producer": None,
                                                                        "CreationDate": None}
    with mpl.rc_context({"pdf.fonttype": 42}):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, **_png(fmt))
    return buffer.getvalue()


def _png(fmt: str) -> dict[str, Any]:
    """Fast PNG compression (the .docx zip deflates again); charts are mostly flat colour."""
    return {"pil_kwargs": {"compress_level": 1}} if fmt == "png" else {}


def _thousands(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def stacked_bars(categories: list[str], series: list[Series], unit: str, fmt: str = "png",
                 totals: list[Decimal] | None = None) -> bytes:
    """Stacked columns, e.g. Scope 1 and Scope 2 by year, labelled with ``totals`` (the reported totals,
    which can differ by a unit from the sum of the rounded parts) or else the sums."""
    fig, ax = _figure(6.4, 3.4)
    bottoms = [0.0] * len(categories)
    for i, s in enumerate(series):
        values = [float(v) for v in s.values]
        ax.bar(categories, values, bottom=bottoms, label=s.name, color=PALETTE[i % len(PALETTE)], width=0.55)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    labels = [float(t) for t in totals] if totals is not None else bottoms
    for x, (top, label) in enumerate(zip(bottoms, labels, strict=True)):
        ax.annotate(f"{label:,.0f}", (x, top), ha="center", va="bottom", fontsize=8, xytext=(0, 2),
                    textcoords="offset points")
    ax.set_ylabel(unit)
    _thousands(ax)
    ax.legend(frameon=False, ncols=len(series), loc="upper center", bbox_to_anchor=(0.5, -0.1))
    ax.margins(y=0.12)
    return _save(fig, fmt)


def horizontal_bars(labels: list[str], series: list[Series], unit: str, fmt: str = "png") -> bytes:
    """Horizontal stacked bars, largest at the top, e.g. emissions by facility."""
    height = max(2.2, 0.32 * len(labels) + 1.2)
    fig, ax = _figure(6.4, height)
    lefts = [0.0] * len(labels)
    for i, s in enumerate(series):
        values = [float(v) for v in s.values]
        ax.barh(labels, values, left=lefts, label=s.name, color=PALETTE[i % len(PALETTE)], height=0.6)
        lefts = [a + b for a, b in zip(lefts, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel(unit)
    _thousands(ax, "x")
    ax.legend(frameon=False, ncols=len(series), loc="lower right")
    return _save(fig, fmt)


def donut(labels: list[str], values: list[Decimal], centre: str, fmt: str = "png") -> bytes:
    """Shares of a whole, e.g. the energy mix, labelled with percentages."""
    fig, ax = _figure(6.4, 3.2)
    total = sum(values, Decimal(0)) or Decimal(1)
    wedges, _ = ax.pie([float(v) for v in values], colors=PALETTE[: len(values)], startangle=90,
                       counterclock=False, wedgeprops={"width": 0.38, "edgecolor": "white"})
    ax.text(0, 0, centre, ha="center", va="center", fontsize=9)
    legend = [f"{name}  {float(v * 100 / total):.1f}%" for name, v in zip(labels, values, strict=True)]
    ax.legend(wedges, legend, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.set_aspect("equal")
    return _save(fig, fmt)
