"""Printed widths of text from the fonts the report is set in, read with fontTools.

The tables are set in the reference document's sans face (Noto Sans CJK SC, regular and bold: its CJK
glyphs and its own proportional Latin glyphs, so Latin text matches the Chinese). Advance widths come from
the installed font files (Debian fonts-noto-cjk; the same faces as Source Han Sans; Microsoft YaHei as the
Windows fall-back the reference document names). Only the ``cmap`` and ``hmtx`` bytes are read and looked
up on demand (parsing the 44,000-entry cmap of a CJK font would cost a tenth of a second per face).

When no such font is installed the widths are estimated (full-width characters one em, Latin about half),
which is what a missing font would give anyway: LibreOffice then substitutes a face of its own.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts",
             "~/AppData/Local/Microsoft/Windows/Fonts")
FACES = {
    # family, bold → (file names to look for, family names inside the file), first found wins
    ("Noto Sans CJK SC", False): (("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "SourceHanSans-Regular.ttc",
                                   "SourceHanSansSC-Regular.otf", "msyh.ttc"),
                                  ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")),
    ("Noto Sans CJK SC", True): (("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "SourceHanSans-Bold.ttc",
                                  "SourceHanSansSC-Bold.otf", "msyhbd.ttc"),
                                 ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")),
}


def wide(ch: str) -> bool:
    """A full-width character (CJK ideograph, kana, full-width punctuation and forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass
class Face:
    """Advance widths (in em) of one font face; ``path`` is empty for the estimate."""

    path: str
    cmap: bytes = b""
    hmtx: bytes = b""
    metrics: int = 0
    em: int = 1000
    groups: int = 0
    group_at: int = 0
    known: dict[str, float] = field(default_factory=dict)

    def advance(self, ch: str) -> float:
        got = self.known.get(ch)
        if got is None:
            got = self.known[ch] = _advance(self, ch)
        return got

    def measure(self, text: str, cjk: bool = False) -> float:
        """Width of ``text`` in em; in Chinese text (``cjk``) the dashes, ellipsis and quotes of ambiguous
        width are set full width, as the font's Chinese forms are."""
        if not cjk:
            return sum(self.advance(ch) for ch in text)
        total = sum(1.0 if ch in AMBIGUOUS else self.advance(ch) for ch in text)
        gaps = sum(1 for a, b in zip(text, text[1:], strict=False) if spaced(a, b))
        return total + AUTOSPACE * gaps


AUTOSPACE = 0.25
"""Space (em) the renderer puts between Chinese and Latin letters or digits (董事会 ESG 委员会), as Word's
and LibreOffice's Asian/non-Asian spacing does; a quarter em, on the generous side."""


def ideograph(ch: str) -> bool:
    """A full-width letter (hanzi, kana): what the Asian/non-Asian spacing separates from Latin text.
    Full-width punctuation is not spaced (（NGFS） prints without a gap inside the brackets)."""
    return wide(ch) and unicodedata.category(ch).startswith("L")


def spaced(a: str, b: str) -> bool:
    """Whether the renderer puts the Asian/non-Asian spacing between characters ``a`` and ``b``."""
    return latin(a) and ideograph(b) or ideograph(a) and latin(b)


def latin(ch: str) -> bool:
    """An ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


AMBIGUOUS = set("—…“”‘’·")
"""Punctuation of ambiguous East Asian width: full width among Chinese characters."""


def _advance(face: Face, ch: str) -> float:
    if face.path:
        gid = _glyph(face, ord(ch))
        if gid:
            index = min(gid, face.metrics - 1)
            return float(struct.unpack_from(">H", face.hmtx, 4 * index)[0]) / face.em
    if wide(ch):
        return 1.0
    if ch == " ":
        return 0.25
    return 0.6 if ch.isupper() or ch in "%&@#WMwm—" else 0.5


def _glyph(face: Face, code: int) -> int:
    """The glyph of ``code`` by binary search in the format-12 subtable's sorted groups."""
    lo, hi = 0, face.groups
    while lo < hi:
        mid = (lo + hi) // 2
        start, end, first = struct.unpack_from(">III", face.cmap, face.group_at + 12 * mid)
        if code < start:
            hi = mid
        elif code > end:
            lo = mid + 1
        else:
            return int(first + code - start)
    return 0


def _files(names: tuple[str, ...]) -> Iterator[Path]:
    wanted = {n.lower(): i for i, n in enumerate(names)}
    found: list[tuple[int, Path]] = []
    for folder in FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for dirpath, _, files in os.walk(root):
            found += [(wanted[f.lower()], Path(dirpath) / f) for f in files if f.lower() in wanted]
    yield from (path for _, path in sorted(found))


def _load(path: Path, families: tuple[str, ...]) -> Face | None:
    from fontTools.ttLib import TTFont

    count = 1
    if path.suffix.lower() == ".ttc":
        with path.open("rb") as fh:
            head = fh.read(12)
        count = struct.unpack_from(">I", head, 8)[0] if head[:4] == b"ttcf" else 1
    for number in range(count):
        font = TTFont(str(path), fontNumber=number, lazy=True)
        try:
            if font["name"].getDebugName(1) not in families:
                continue
            return _face(str(path), font.reader["cmap"], font.reader["hmtx"], font["hhea"].numberOfHMetrics,
                         font["head"].unitsPerEm)
        finally:
            font.close()
    return None


def _face(path: str, cmap: bytes, hmtx: bytes, metrics: int, em: int) -> Face | None:
    """The face, if its cmap has a Unicode full-repertoire (format 12) subtable."""
    tables = struct.unpack_from(">H", cmap, 2)[0]
    for i in range(tables):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and struct.unpack_from(">H", cmap, offset)[0] == 12:
            groups = struct.unpack_from(">I", cmap, offset + 12)[0]
            return Face(path, cmap, hmtx, metrics, em, groups, offset + 16)
    return None


@cache
def face(family: str, bold: bool = False) -> Face:
    """The installed face of ``family`` (regular or bold), or the estimate when none is installed."""
    names, families = FACES.get((family, bold), ((), ()))
    for path in _files(names):
        try:
            found = _load(path, families)
        except (OSError, KeyError, struct.error):
            continue
        if found is not None:
            return found
    return Face("")


def width(text: str, size: float, family: str, bold: bool = False) -> float:
    """Printed width of ``text`` in points at ``size`` points."""
    return face(family, bold).measure(text, any(wide(ch) for ch in text)) * size


__all__ = ["AMBIGUOUS", "AUTOSPACE", "FACES", "Face", "face", "ideograph", "latin", "spaced", "wide", "width"]
