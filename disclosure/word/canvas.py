"""A small vector drawing for the report's charts, written as PNG (Pillow, at print resolution) or SVG.

A chart is laid out once, in points, as a list of shapes: rectangles, lines, annulus sectors and text.
The PNG writer draws them at ``dpi`` (curves antialiased by drawing at twice the size and halving), the SVG
writer keeps them as vectors with text as text. Text is set in the CJK face the report uses (Noto Sans
CJK SC or its equivalents, found as ``disclosure.word.metrics`` finds them) and falls back character
by character to DejaVu Sans (CJK faces lack e.g. the subscript ₂); a character neither face has is
drawn as the font's missing-glyph box and warned about (``UserWarning``: "Glyph … missing from font(s)").

This replaces matplotlib (about a second to import, and its mathtext switches pyparsing to packrat
parsing for the whole process, which halves the speed of Arelle's formula compiler).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from disclosure.word import metrics

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")
LATIN_FILES = ("DejaVuSans.ttf",)
SUPERSAMPLE = 2


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 0.6


@dataclass(frozen=True)
class Sector:
    """Part of a ring: centre, radii, from ``start`` to ``end`` degrees clockwise from 12 o'clock."""

    cx: float
    cy: float
    outer: float
    inner: float
    start: float
    end: float
    fill: str


@dataclass(frozen=True)
class Text:
    """Text on a baseline at ``y``; ``anchor`` is where ``x`` is: start, middle or end."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"
    fill: str = "#000000"


Shape = Rect | Line | Sector | Text


@dataclass
class Canvas:
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)


# --- fonts ---------------------------------------------------------------------------------------

@cache
def cjk_face() -> tuple[str, int] | None:
    """(file, face index) of the installed CJK sans face, or None."""
    from PIL import ImageFont

    path = metrics.face("Noto Sans CJK SC").path
    if not path:
        return None
    for index in range(32):
        try:
            name = ImageFont.truetype(path, 10, index=index).getname()[0]
        except OSError:
            break
        if name in CJK_FAMILIES:
            return path, index
    return None


@cache
def _latin_face() -> tuple[str, frozenset[int]] | None:
    """DejaVu Sans: its file and the characters it has."""
    from fontTools.ttLib import TTFont

    for path in metrics._files(LATIN_FILES):
        font = TTFont(str(path), lazy=True)
        try:
            return str(path), frozenset(font.getBestCmap())
        finally:
            font.close()
    return None


def _faces(cjk: bool) -> list[tuple[str, int, Any]]:
    """The faces text is set in, in order: (file, index, has(ch))."""
    faces: list[tuple[str, int, Any]] = []
    found = cjk_face() if cjk else None
    if found is not None:
        face = metrics.face("Noto Sans CJK SC")
        faces.append((found[0], found[1], lambda ch, f=face: metrics._glyph(f, ord(ch)) != 0))
    latin = _latin_face()
    if latin is not None:
        faces.append((latin[0], 0, lambda ch, cmap=latin[1]: ord(ch) in cmap))
    return faces


@cache
def _font(path: str, index: int, pixels: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(path, pixels, index=index, layout_engine=ImageFont.Layout.BASIC)


def runs(text: str, cjk: bool) -> list[tuple[str, int, str]]:
    """``text`` cut into runs set in one face each: (file, index, run). Warns about characters no face has."""
    faces = _faces(cjk)
    if not faces:
        raise RuntimeError("no font for chart text: install fonts-dejavu-core or fonts-noto-cjk")
    out: list[tuple[str, int, str]] = []
    for ch in text:
        face = next((f for f in faces if ch.isspace() or f[2](ch)), None)
        if face is None:
            warnings.warn(f"Glyph {ord(ch)} ({ch}) missing from font(s) {', '.join(p for p, _, _ in faces)}.",
                          UserWarning, stacklevel=3)
            face = faces[0]
        if out and out[-1][:2] == face[:2]:
            out[-1] = (face[0], face[1], out[-1][2] + ch)
        else:
            out.append((face[0], face[1], ch))
    return out


MEASURE_PX = 100
"""Text is measured at 100 px per point size unit, then scaled: widths do not depend on the output."""


def measure(text: str, size: float, cjk: bool) -> float:
    """Width of ``text`` in points at ``size`` points."""
    return float(sum(_font(p, i, MEASURE_PX).getlength(run) for p, i, run in runs(text, cjk))) * size / MEASURE_PX


# --- writers -------------------------------------------------------------------------------------

def png(canvas: Canvas, dpi: int, cjk: bool) -> bytes:
    """The canvas at ``dpi``, RGB, deterministic bytes (no time, no software name). A canvas with curves
    (sectors) is drawn at twice the size and halved, to antialias them; text is antialiased anyway, and
    rectangles and straight lines are sharp at print resolution without it."""
    from PIL import Image, ImageDraw

    supersample = SUPERSAMPLE if any(isinstance(s, Sector) for s in canvas.shapes) else 1
    scale = dpi / 72 * supersample
    size = (round(canvas.width * dpi / 72) * supersample, round(canvas.height * dpi / 72) * supersample)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for shape in canvas.shapes:
        if isinstance(shape, Rect):
            if shape.w > 0 and shape.h > 0:
                draw.rectangle((round(shape.x * scale), round(shape.y * scale),
                                round((shape.x + shape.w) * scale) - 1, round((shape.y + shape.h) * scale) - 1),
                               fill=shape.fill)
        elif isinstance(shape, Line):
            draw.line(((shape.x1 * scale, shape.y1 * scale), (shape.x2 * scale, shape.y2 * scale)),
                      fill=shape.stroke, width=max(1, round(shape.width * scale)))
        elif isinstance(shape, Sector):
            _sector(draw, shape, scale)
        else:
            _text(draw, shape, scale, cjk)
    # Halved: antialiasing. (A palette image would encode faster, but Pillow's quantizers shift flat
    # colours by a shade, white included: the chart would sit in a faint grey box on the page.)
    if supersample > 1:
        image = image.reduce(supersample)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1, dpi=(dpi, dpi))
    return buffer.getvalue()


def _sector(draw: Any, s: Sector, scale: float) -> None:
    box = ((s.cx - s.outer) * scale, (s.cy - s.outer) * scale, (s.cx + s.outer) * scale, (s.cy + s.outer) * scale)
    draw.pieslice(box, s.start - 90, s.end - 90, fill=s.fill)
    inner = ((s.cx - s.inner) * scale, (s.cy - s.inner) * scale, (s.cx + s.inner) * scale, (s.cy + s.inner) * scale)
    draw.pieslice(inner, s.start - 90 - 1, s.end - 90 + 1, fill="white")


def _text(draw: Any, t: Text, scale: float, cjk: bool) -> None:
    pixels = max(1, round(t.size * scale))
    parts = [(_font(p, i, pixels), run) for p, i, run in runs(t.text, cjk)]
    width = sum(font.getlength(run) for font, run in parts)
    x = t.x * scale - {"start": 0.0, "middle": width / 2, "end": width}[t.anchor]
    for font, run in parts:
        draw.text((x, t.y * scale), run, font=font, fill=t.fill, anchor="ls")
        x += font.getlength(run)


def svg(canvas: Canvas, cjk: bool) -> bytes:
    """The canvas as SVG 1.1 in points, text as text (``font-family``: the CJK face, then DejaVu Sans)."""
    family = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'DejaVu Sans', sans-serif" if cjk \
        else "'DejaVu Sans', sans-serif"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(canvas.width)}pt" '
           f'height="{_n(canvas.height)}pt" viewBox="0 0 {_n(canvas.width)} {_n(canvas.height)}">',
           f'<rect width="{_n(canvas.width)}" height="{_n(canvas.height)}" fill="#FFFFFF"/>']
    for shape in canvas.shapes:
        if isinstance(shape, Rect):
            out.append(f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}" '
                       f'fill="{shape.fill}"/>')
        elif isinstance(shape, Line):
            out.append(f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}" '
                       f'stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"/>')
        elif isinstance(shape, Sector):
            out.append(f'<path d="{_ring(shape)}" fill="{shape.fill}"/>')
        else:
            runs(shape.text, cjk)  # the same missing-glyph warning as the PNG
            out.append(f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}" '
                       f'text-anchor="{shape.anchor}" fill="{shape.fill}" font-family="{family}">'
                       f'{escape(shape.text)}</text>')
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _ring(s: Sector) -> str:
    def at(radius: float, angle: float) -> str:
        a = math.radians(angle - 90)
        return f"{_n(s.cx + radius * math.cos(a))} {_n(s.cy + radius * math.sin(a))}"

    large = 1 if s.end - s.start > 180 else 0
    return (f"M {at(s.outer, s.start)} A {_n(s.outer)} {_n(s.outer)} 0 {large} 1 {at(s.outer, s.end)} "
            f"L {at(s.inner, s.end)} A {_n(s.inner)} {_n(s.inner)} 0 {large} 0 {at(s.inner, s.start)} Z")


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


__all__ = ["Canvas", "Line", "Rect", "Sector", "Text", "cjk_face", "measure", "png", "runs", "svg"]
