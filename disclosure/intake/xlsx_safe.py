"""Opening an XLSX workbook defensively: rows of cell values with their coordinates, nothing more.

A workbook is a ZIP of XML parts made by whoever sent the filing; ``ooxml.Package`` checks the
container and every part before it is parsed. Here the workbook, its styles and shared strings are
read, and each cell is checked against the SpreadsheetML rules it claims to follow (its reference,
its type, its shared-string index, its number, its date). The first problem stops the reading and
is raised as :class:`XlsxError` naming the part (and cell): nothing of a broken workbook is trusted.
Formulas are never evaluated (their cached values are read) and macros never run.

This layer knows nothing of records; ``tables.py`` interprets the rows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from disclosure.intake.ooxml import Package, XlsxError, attr, local

__all__ = ["Row", "Sheet", "Workbook", "XlsxError", "column_letters"]
_SHEET_KINDS = {"/worksheet": "worksheet", "/chartsheet": "chartsheet", "/dialogsheet": "dialogsheet",
                "/xlMacrosheet": "macrosheet", "/xlIntlMacrosheet": "macrosheet"}
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_NUMBER = re.compile(r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
"""Built-in number formats that show dates or times (27–36 and 50–58 are the East Asian date formats,
e.g. 31 = yyyy"年"m"月"d"日" in a Chinese Excel)."""
_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")


def _tags(local: str) -> frozenset[str]:
    """``local`` in the transitional and strict SpreadsheetML namespaces, and in none."""
    return frozenset({local, *(f"{{{ns}}}{local}" for ns in _NAMESPACES)})


_ROW, _C, _V, _IS = _tags("row"), _tags("c"), _tags("v"), _tags("is")
_MERGE = _tags("mergeCell")
_RANGE = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?$")
MAX_MERGES = 100_000
"""Merged ranges read from one sheet (a real sheet has tens)."""
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
MAX_SERIAL = 2_958_465
"""9999-12-31, the last date Excel shows."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook as listed in workbook.xml."""

    name: str
    state: str
    """visible, hidden or veryHidden."""
    kind: str
    """worksheet, chartsheet, dialogsheet, macrosheet or unknown."""
    part: str

    @property
    def visible(self) -> bool:
        return self.state == "visible"


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its number, cells as (column number, value), and whether it is hidden."""

    number: int
    cells: tuple[tuple[int, Any], ...]
    hidden: bool = False


def column_letters(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell(col: int, row: int) -> str:
    return f"{column_letters(col)}{row}"


class Workbook(Package):
    """A workbook opened for reading values; raises :class:`XlsxError` on the first problem."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        workbook_part = self.office_document()
        self.date1904 = False
        self.sheets = self._sheets(workbook_part)
        self.date_styles, self.style_count = self._styles(workbook_part)
        self._strings: list[str] | None = None
        self._strings_part = self.related(workbook_part, "/sharedStrings")
        self._last: tuple[str, bytes] | None = None

    # --- workbook -----------------------------------------------------------------------------
    def _sheets(self, part: str) -> list[Sheet]:
        root = self.tree(part)
        if local(root.tag) != "workbook":
            raise XlsxError("input.xlsx-part", part, f"root element is {local(root.tag) or '?'}, not workbook")
        targets = {rid: (rtype, target) for rid, rtype, target in self.relationships(part)}
        sheets: list[Sheet] = []
        for el in root.iter():
            name = local(el.tag)
            if name == "workbookPr":
                self.date1904 = (el.get("date1904") or "").lower() in ("1", "true")
            if name != "sheet":
                continue
            title, rid = el.get("name"), attr(el, "id")
            if not title or not rid:
                raise XlsxError("input.xlsx-part", part, "a sheet without a name or relationship id")
            state = el.get("state") or "visible"
            if state not in ("visible", "hidden", "veryHidden"):
                raise XlsxError("input.xlsx-part", part, f"sheet {title!r} has an unknown state {state!r}")
            rtype, target = targets.get(rid, ("", ""))
            kind = next((k for suffix, k in _SHEET_KINDS.items() if rtype.endswith(suffix)), "unknown")
            sheets.append(Sheet(title, state, kind, target))
        if not sheets:
            raise XlsxError("input.xlsx-part", part, "the workbook lists no sheets")
        return sheets

    def _styles(self, workbook_part: str) -> tuple[frozenset[int], int]:
        """The cell-format indexes (``s``) that show dates, and how many formats there are."""
        part = self.related(workbook_part, "/styles")
        if part is None:
            return frozenset(), 0
        root = self.tree(part)
        custom: dict[int, str] = {}
        formats: list[int] = []
        for el in root.iter():
            name = local(el.tag)
            if name == "numFmt":
                custom[_int(el.get("numFmtId"), part, "numFmtId")] = el.get("formatCode") or ""
            elif name == "cellXfs":
                formats = [_int(xf.get("numFmtId") or "0", part, "numFmtId") for xf in el if local(xf.tag) == "xf"]
        dates = {i for i, fmt in enumerate(formats)
                 if (fmt in custom and _is_date_format(custom[fmt])) or (fmt not in custom and fmt in _DATE_FORMAT_IDS)}
        return frozenset(dates), len(formats)

    def strings(self) -> list[str]:
        """The shared strings (read once, on first use)."""
        if self._strings is None:
            self._strings = [] if self._strings_part is None else self._read_strings(self._strings_part)
        return self._strings

    def _read_strings(self, part: str) -> list[str]:
        out: list[str] = []
        try:
            for _, el in etree.iterparse(io.BytesIO(self.part_bytes(part)), events=("end",), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False):
                if local(el.tag) == "si":
                    out.append(_rich_text(el))
                    el.clear(keep_tail=False)
        except etree.XMLSyntaxError as err:
            raise XlsxError("input.xlsx-part", part, f"malformed XML: {err.msg or err}") from err
        return out

    # --- cells --------------------------------------------------------------------------------
    def _sheet_bytes(self, sheet: Sheet) -> bytes:
        """The sheet part (the last one read is kept: merges and rows read the same part)."""
        if sheet.kind != "worksheet":
            raise XlsxError("input.xlsx-sheet-kind", sheet.part or "-", f"{sheet.name!r} is a {sheet.kind}")
        if self._last is None or self._last[0] != sheet.part:
            self._last = (sheet.part, self.part_bytes(sheet.part))
        return self._last[1]

    def merges(self, sheet: Sheet) -> list[tuple[int, int, int, int]]:
        """The merged ranges of a worksheet as (first column, first row, last column, last row)."""
        data = self._sheet_bytes(sheet)
        if b"mergeCell" not in data:
            return []
        out: list[tuple[int, int, int, int]] = []
        try:
            for _, el in etree.iterparse(io.BytesIO(data), events=("end",), tag=_MERGE, resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False):
                m = _RANGE.match(el.get("ref") or "")
                if m is None:
                    raise XlsxError("input.xlsx-part", sheet.part, f"merged range {str(el.get('ref'))[:20]!r}")
                c1, r1 = _column_number(m.group(1)), int(m.group(2))
                c2, r2 = (_column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
                if not (0 < c1 <= c2 <= MAX_COLUMN and 0 < r1 <= r2 <= MAX_ROW) or len(out) >= MAX_MERGES:
                    raise XlsxError("input.xlsx-part", sheet.part,
                                    f"merged range {m.group(0)} out of range or too many")
                out.append((c1, r1, c2, r2))
                el.clear(keep_tail=False)
        except etree.XMLSyntaxError as err:
            raise XlsxError("input.xlsx-part", sheet.part, f"malformed XML: {err.msg or err}") from err
        return out

    def rows(self, sheet: Sheet) -> Iterator[Row]:
        """The non-empty rows of a worksheet, in order."""
        data = self._sheet_bytes(sheet)
        last_row = 0
        try:
            parsed = etree.iterparse(io.BytesIO(data), events=("end",), tag=_ROW, resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=False)
            for _, el in parsed:
                number = self._row_number(sheet, el, last_row)
                last_row = number
                cells = self._cells(sheet, el, number)
                hidden = (el.get("hidden") or "").lower() in ("1", "true")
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del el.getparent()[0]
                if cells:
                    yield Row(number, tuple(cells), hidden)
            root = parsed.root
        except etree.XMLSyntaxError as err:
            raise XlsxError("input.xlsx-part", sheet.part, f"malformed XML: {err.msg or err}") from err
        if root is None or local(root.tag) != "worksheet":
            found = local(root.tag) if root is not None else "?"
            raise XlsxError("input.xlsx-part", sheet.part, f"root element is {found or '?'}, not worksheet")

    def _row_number(self, sheet: Sheet, el: etree._Element, last: int) -> int:
        text = el.get("r")
        if text is None:
            number = last + 1
        elif not text.isascii() or not text.isdigit() or len(text) > 7:
            raise XlsxError("input.xlsx-cell", sheet.part, f"row number {text[:20]!r} is not a number",
                            f"A{last + 1}")
        else:
            number = int(text)
        if not 0 < number <= MAX_ROW or number <= last:
            raise XlsxError("input.xlsx-cell", sheet.part, f"row number {number} is out of order or out of range",
                            f"A{min(max(number, 1), MAX_ROW)}")
        return number

    def _cells(self, sheet: Sheet, row: etree._Element, number: int) -> list[tuple[int, Any]]:
        cells: list[tuple[int, Any]] = []
        col = 0
        for c in row:
            if c.tag not in _C:
                continue
            ref = c.get("r")
            if ref is None:
                col += 1
            else:
                m = _REF.match(ref)
                new = _column_number(m.group(1)) if m is not None else 0
                if m is None or int(m.group(2)) != number or not 0 < new <= MAX_COLUMN:
                    raise XlsxError("input.xlsx-cell", sheet.part, f"cell reference {ref[:20]!r} is not a cell of row "
                                    f"{number}", f"A{number}")
                if new <= col:
                    raise XlsxError("input.xlsx-cell", sheet.part, "cells out of order or repeated", ref)
                col = new
            if col > MAX_COLUMN:
                raise XlsxError("input.xlsx-cell", sheet.part, "beyond the last column (XFD)", f"XFD{number}")
            value = self._value(sheet, c, col, number)
            if value is not None:
                cells.append((col, value))
        return cells

    def _value(self, sheet: Sheet, c: etree._Element, col: int, number: int) -> Any:
        kind = c.get("t") or "n"
        v = None
        inline = None
        for child in c:
            tag = child.tag
            if tag in _V:
                v = child.text or ""
            elif tag in _IS:
                inline = child
        if kind == "inlineStr":
            return _text(_rich_text(inline)) if inline is not None else None
        if v is None:
            return None  # an empty cell, or a formula whose result was never computed
        if kind == "n":
            return self._number(sheet, c, v, col, number)
        if kind == "s":
            strings = self.strings()
            if not v.isascii() or not v.strip().isdigit() or int(v) >= len(strings):
                raise XlsxError("input.xlsx-cell", sheet.part, f"shared-string index {v[:20]!r} does not exist",
                                _cell(col, number))
            return _text(strings[int(v)])
        if kind == "b":
            if v.strip() not in ("0", "1"):
                raise XlsxError("input.xlsx-cell", sheet.part, f"boolean cell holds {v[:20]!r}", _cell(col, number))
            return v.strip() == "1"
        if kind in ("str", "e"):
            return _text(v)
        if kind == "d":
            return _iso_date(sheet, v, _cell(col, number))
        raise XlsxError("input.xlsx-cell", sheet.part, f"unknown cell type t={kind[:20]!r}", _cell(col, number))

    def _number(self, sheet: Sheet, c: etree._Element, v: str, col: int, number: int) -> Any:
        text = v.strip()
        if not text:
            return None
        if not _NUMBER.match(text):
            raise XlsxError("input.xlsx-cell", sheet.part, f"number cell holds {text[:40]!r}", _cell(col, number))
        style = c.get("s")
        if style is not None:
            index = _int(style, sheet.part, "s", _cell(col, number))
            if index >= max(self.style_count, 1):
                raise XlsxError("input.xlsx-cell", sheet.part, f"cell format s={index} does not exist",
                                _cell(col, number))
            if index in self.date_styles:
                return self._serial_date(sheet, text, _cell(col, number))
        if text.isdigit() and len(text) <= 18:
            return int(text)
        return Decimal(text)

    def _serial_date(self, sheet: Sheet, text: str, ref: str) -> date:
        try:
            serial = Decimal(text)
        except InvalidOperation as err:  # pragma: no cover - _NUMBER admits only valid literals
            raise XlsxError("input.xlsx-cell", sheet.part, f"date cell holds {text[:40]!r}", ref) from err
        days = int(serial)
        if serial < 1 or serial > MAX_SERIAL or (not self.date1904 and days == 60):
            raise XlsxError("input.xlsx-cell", sheet.part, f"date serial {text[:40]} is not a calendar date", ref)
        if self.date1904:
            return date(1904, 1, 1) + timedelta(days=days)
        return date(1899, 12, 31) + timedelta(days=days - (1 if days > 60 else 0))


def _iso_date(sheet: Sheet, v: str, ref: str) -> date:
    text = v.strip()
    try:
        return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError as err:
        raise XlsxError("input.xlsx-cell", sheet.part, f"date cell holds {text[:40]!r}", ref) from err


def _int(text: str | None, part: str, what: str, ref: str | None = None) -> int:
    if text is None or not text.isascii() or not text.strip().isdigit() or len(text) > 9:
        raise XlsxError("input.xlsx-cell" if ref else "input.xlsx-part", part,
                        f"{what}={str(text)[:20]!r} is not a small whole number", ref)
    return int(text)


def _is_date_format(code: str) -> bool:
    stripped = _FORMAT_NOISE.sub("", code).lower()
    return stripped != "general" and any(ch in stripped for ch in "dmyhs")


def _rich_text(el: etree._Element) -> str:
    """The text of a string item: its <t>, or its runs' <t>, without phonetic (rPh) runs."""
    parts: list[str] = []
    for child in el:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return "".join(parts)


def _text(value: str) -> str:
    """OOXML escapes characters XML cannot carry as _xHHHH_; undo that (they are checked later)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value) if "_x" in value else value
