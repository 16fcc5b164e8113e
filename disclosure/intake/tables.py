"""Side tables (CSV or XLSX) holding activity records, with a location for every cell.

Two layers: reading (CSV text, or ``xlsx_safe`` for workbooks: rows of cell values with their
coordinates, merged ranges filled) and interpreting (``shapes``: the header under any title rows,
Chinese column names, the long and wide layouts, totals checked, periods and units understood).
Values are read exactly as written: surrounding blanks are trimmed and ``1,234.5`` loses its
thousands separators, nothing else; no Unicode compatibility folding (``1²`` is not ``12``, ``①``
is not ``1``). Hidden sheets are read only when named.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from disclosure.intake.shapes import Options, Records, Row, Table
from disclosure.intake.xlsx_safe import Sheet, Workbook, XlsxError
from disclosure.issues import Issue, Location
from disclosure.limits import MAX_CSV_FIELD_CHARS, MAX_TABLE_COLUMNS, exceeded

_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_BLANK = " \t\r\n\u3000\u00a0"
"""Trimmed around a value: ASCII blanks, the ideographic space and the no-break space."""

__all__ = ["Options", "Row", "Table", "cell_text", "read_table"]


def read_table(data: bytes, suffix: str, display: str, sheet: str | None, origin: Location,
               options: Options | None = None) -> Table:
    """Interpret the bytes of a CSV or XLSX table; problems become findings at ``origin`` or the cell."""
    suffix = suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, display, sheet, origin, options)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(data, suffix, display, origin, options)
    return Table(display, (), (Issue("input.table-format", origin, {"file": display, "suffix": suffix}),))


def _decode(raw: bytes) -> tuple[str | None, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def cell_text(cell: str) -> str | None:
    """A cell's value exactly as written: trimmed, thousands separators dropped; '' is no value."""
    text = cell.strip(_BLANK)
    if not text:
        return None
    if "," in text and _THOUSANDS.match(text):
        return text.replace(",", "")
    return text


def _read_csv(raw: bytes, suffix: str, display: str, origin: Location, options: Options | None) -> Table:
    text, encoding = _decode(raw)
    if text is None:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    if "\x00" in text:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    out = Records(display, origin, options)
    out.dated = False
    if encoding == "gb18030" and not raw.isascii():
        out.issues.append(Issue("input.csv-encoding-gbk", Location(display), {"file": display}))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if suffix == ".tsv" else ",", strict=True)
    width = 0
    lengths: dict[int, int] = {}
    previous = csv.field_size_limit(MAX_CSV_FIELD_CHARS)
    try:
        for lineno, record in enumerate(reader, start=1):
            if len(record) > MAX_TABLE_COLUMNS:
                out.issues.append(Issue("input.limit-exceeded", Location(display, lineno, MAX_TABLE_COLUMNS + 1),
                                        exceeded("columns", MAX_TABLE_COLUMNS, file=display)))
                break
            cells = _csv_cells(record)
            if not cells:
                continue
            if out.header is None:
                lengths[lineno] = len(record)
                if not out.feed(cells, Location(display, lineno, 1), lineno):
                    break
                width = lengths.get(out.header_line() or 0, 0)
                continue
            if len(record) > width and any(c.strip(_BLANK) for c in record[width:]):
                out.issues.append(Issue("input.table-row-length", Location(display, lineno, width + 1),
                                        {"file": display, "expected": width, "found": len(record)}))
            if not out.add(cells, Location(display, lineno, 1)):
                break
    except csv.Error as err:
        out.issues.append(Issue("input.csv-syntax", Location(display, reader.line_num, 1),
                                {"file": display, "detail": str(err)}))
    finally:
        csv.field_size_limit(previous)
    return out.table()


def _csv_cells(record: list[str]) -> list[tuple[int, str]]:
    """The non-empty cells of a CSV row exactly as written (:func:`cell_text`, inlined: a million rows)."""
    cells: list[tuple[int, str]] = []
    for col, cell in enumerate(record, start=1):
        text = cell.strip(_BLANK)
        if text:
            cells.append((col, text.replace(",", "") if "," in text and _THOUSANDS.match(text) else text))
    return cells


def _pick(book: Workbook, sheet: str | None, display: str, origin: Location) -> Sheet | Issue:
    names = [s.name for s in book.sheets]
    if sheet is not None:
        found = next((s for s in book.sheets if s.name == sheet), None)
        if found is None:
            return Issue("input.xlsx-sheet", origin, {"file": display, "sheet": sheet, "sheets": names})
        return found
    visible = [s for s in book.sheets if s.visible and s.kind == "worksheet"]
    if not visible:
        return Issue("input.xlsx-no-visible-sheet", origin, {"file": display, "sheets": names})
    return visible[0]


def _read_xlsx(data: bytes, display: str, sheet: str | None, origin: Location, options: Options | None) -> Table:
    name: str | None = None
    try:
        book = Workbook(data)
        picked = _pick(book, sheet, display, origin)
        if isinstance(picked, Issue):
            return Table(display, (), (picked,))
        name = picked.name
        out = Records(display, origin, options)
        merged = _Merged(book.merges(picked))
        hidden: Location | None = None
        for row in book.rows(picked):
            where = Location(display, sheet=name, cell=f"A{row.number}")
            values = [(col, _xlsx_value(v)) for col, v in row.cells]
            values = merged.fill(row.number, [(col, v) for col, v in values if v is not None], out.header is not None)
            if not values:
                continue
            if out.header is not None and row.hidden and hidden is None:
                hidden = where
            if not out.feed(values, where, row.number):
                break
        table = out.table()
        if hidden is not None and table.rows:
            return Table(table.display, table.rows, (*table.issues, Issue("input.xlsx-hidden-rows", hidden, {
                "file": display, "sheet": name})), table.header, table.headings)
        return table
    except XlsxError as err:
        return Table(display, (), (_xlsx_issue(err, display, origin, name),))


class _Merged:
    """Merged ranges: every cell of a range below or beside its first cell reads the first cell's value
    (a facility merged down its twelve months). Header and title rows are left as they are."""

    WIDEST = 64
    """Columns of one range filled (a title merged across the sheet is not copied 16,384 times)."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.ranges = sorted(ranges, key=lambda r: r[1])
        self.values: dict[tuple[int, int], Any] = {}

    def fill(self, number: int, cells: list[tuple[int, Any]], data: bool) -> list[tuple[int, Any]]:
        if not self.ranges:
            return cells
        present = dict(cells)
        for c1, r1, c2, r2 in self.ranges:
            if r1 > number:
                break
            if number == r1 and c1 in present:
                self.values[(c1, r1)] = present[c1]
            if not data or number > r2 or (c1, r1) not in self.values:
                continue
            for col in range(c1, min(c2, c1 + self.WIDEST) + 1):
                present.setdefault(col, self.values[(c1, r1)])
        return sorted(present.items()) if len(present) != len(cells) else cells


def _xlsx_issue(err: XlsxError, display: str, origin: Location, sheet: str | None) -> Issue:
    ctx = {"file": display, "part": err.part, "detail": err.detail}
    if err.cell is not None and sheet is not None:
        return Issue(err.code, Location(display, sheet=sheet, cell=err.cell), ctx)
    return Issue(err.code, origin, ctx)


def _xlsx_value(value: Any) -> Any:
    """A cell's value; dates stay dates (a date in a period column is a month, elsewhere an ISO date)."""
    if isinstance(value, str):
        return cell_text(value)
    return value
