"""Side tables (CSV or XLSX) holding activity records, with a location for every cell.

Two layers: reading (CSV text, or ``xlsx_safe`` for workbooks: rows of cell values with their
coordinates) and interpreting (the first non-empty row is the header, each later row a record).
Values are read exactly as written: surrounding blanks are trimmed and ``1,234.5`` loses its
thousands separators, nothing else; no Unicode compatibility folding (``1²`` is not ``12``, ``①``
is not ``1``). Hidden sheets are read only when named.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from disclosure.intake.xlsx_safe import Sheet, Workbook, XlsxError, column_letters
from disclosure.issues import Issue, Location
from disclosure.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, exceeded

_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_BLANK = " \t\r\n\u3000\u00a0"
"""Trimmed around a value: ASCII blanks, the ideographic space and the no-break space."""
_BLOCKING = frozenset({"input.limit-exceeded", "input.csv-syntax"})
"""Findings after which none of a table's rows is used (a partial table would mislead the rules)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: values by column name; cell locations are made on demand.

    ``columns`` (column name to 1-based column number) is shared by every row of a table, so a
    table of millions of cells does not hold millions of ``Location`` objects.
    """

    values: dict[str, Any]
    where: Location
    """The row's first cell."""
    columns: dict[str, int]

    def cell(self, name: str) -> Location:
        """The location of the cell in column ``name``."""
        col = self.columns[name]
        where = self.where
        if where.sheet is not None and where.cell is not None:
            return Location(where.file, sheet=where.sheet, cell=f"{column_letters(col)}{where.cell[1:]}")
        return Location(where.file, where.line, col)


@dataclass(frozen=True, slots=True)
class Table:
    """A parsed table, or the findings that stopped it from being read."""

    display: str
    rows: tuple[Row, ...]
    issues: tuple[Issue, ...]


def read_table(data: bytes, suffix: str, display: str, sheet: str | None, origin: Location) -> Table:
    """Interpret the bytes of a CSV or XLSX table; problems become findings at ``origin`` or the cell."""
    suffix = suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, display, sheet, origin)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(data, suffix, display, origin)
    return Table(display, (), (Issue("input.table-format", origin, {"file": display, "suffix": suffix}),))


def _decode(raw: bytes) -> tuple[str | None, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def _clean_header(text: str) -> str:
    """A column name: compatibility-folded (full-width ｑｕａｎｔｉｔｙ names the quantity column) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(cell: str) -> str | None:
    """A cell's value exactly as written: trimmed, thousands separators dropped; '' is no value."""
    text = cell.strip(_BLANK)
    if not text:
        return None
    if "," in text and _THOUSANDS.match(text):
        return text.replace(",", "")
    return text


class _Records:
    """Turns rows of (column, value) into records under the first non-empty row as the header."""

    def __init__(self, display: str, origin: Location) -> None:
        self.display = display
        self.origin = origin
        self.header: list[str] | None = None
        self.names: dict[int, str] = {}
        self.columns: dict[str, int] = {}
        self.rows: list[Row] = []
        self.issues: list[Issue] = []

    def set_header(self, cells: Iterable[tuple[int, str]], where: Location) -> None:
        self.header = []
        for col, text in cells:
            name = _clean_header(text)
            if name:
                self.names[col] = name
                self.header.append(name)
                self.columns.setdefault(name, col)
        counts = Counter(self.header)
        dupes = sorted(h for h, n in counts.items() if n > 1)
        if dupes:
            self.issues.append(Issue("input.table-header", where, {"file": self.display, "columns": dupes}))
        # A repeated name reads the first of its columns only.
        self.names = {col: name for col, name in self.names.items() if self.columns[name] == col}

    def add(self, cells: Iterable[tuple[int, Any]], where: Location) -> bool:
        """Add one data row; False once the table has more rows than the limit."""
        names = self.names
        return self.add_values({names[col]: value for col, value in cells if col in names}, where)

    def add_values(self, values: dict[str, Any], where: Location) -> bool:
        """Add one data row given by column name; False once the table has more rows than the limit."""
        if len(self.rows) >= MAX_TABLE_ROWS:
            self.issues.append(Issue("input.limit-exceeded", where,
                                     exceeded("rows", MAX_TABLE_ROWS, file=self.display)))
            return False
        self.rows.append(Row(values, where, self.columns))
        return True

    def table(self) -> Table:
        if self.header is None and not self.issues:
            self.issues.append(Issue("input.empty", self.origin, {"file": self.display}))
        blocked = any(i.code in _BLOCKING for i in self.issues)
        return Table(self.display, () if blocked else tuple(self.rows), tuple(self.issues))


def _read_csv(raw: bytes, suffix: str, display: str, origin: Location) -> Table:
    text, encoding = _decode(raw)
    if text is None:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    if "\x00" in text:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    out = _Records(display, origin)
    if encoding == "gb18030" and not raw.isascii():
        out.issues.append(Issue("input.csv-encoding-gbk", Location(display), {"file": display}))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if suffix == ".tsv" else ",", strict=True)
    width = 0
    pairs: list[tuple[int, str]] = []
    try:
        for lineno, record in enumerate(reader, start=1):
            if len(record) > MAX_TABLE_COLUMNS:
                out.issues.append(Issue("input.limit-exceeded", Location(display, lineno, MAX_TABLE_COLUMNS + 1),
                                        exceeded("columns", MAX_TABLE_COLUMNS, file=display)))
                break
            if out.header is None:
                if any(cell.strip(_BLANK) for cell in record):
                    out.set_header(enumerate(record, start=1), Location(display, lineno, 1))
                    width = len(record)
                    pairs = [(col - 1, name) for col, name in out.names.items()]
                continue
            values = _csv_values(record, pairs)
            if not values and not any(cell.strip(_BLANK) for cell in record):
                continue
            if len(record) > width and any(c.strip(_BLANK) for c in record[width:]):
                out.issues.append(Issue("input.table-row-length", Location(display, lineno, width + 1),
                                        {"file": display, "expected": width, "found": len(record)}))
            if not out.add_values(values, Location(display, lineno, 1)):
                break
    except csv.Error as err:
        out.issues.append(Issue("input.csv-syntax", Location(display, reader.line_num, 1),
                                {"file": display, "detail": str(err)}))
    return out.table()


def _csv_values(record: list[str], pairs: list[tuple[int, str]]) -> dict[str, str]:
    """The named cells of one CSV row, exactly as written (see :func:`cell_text`, inlined: a million rows)."""
    values: dict[str, str] = {}
    size = len(record)
    for index, name in pairs:
        if index < size:
            text = record[index].strip(_BLANK)
            if text:
                values[name] = text.replace(",", "") if "," in text and _THOUSANDS.match(text) else text
    return values


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


def _read_xlsx(data: bytes, display: str, sheet: str | None, origin: Location) -> Table:
    name: str | None = None
    try:
        book = Workbook(data)
        picked = _pick(book, sheet, display, origin)
        if isinstance(picked, Issue):
            return Table(display, (), (picked,))
        name = picked.name
        out = _Records(display, origin)
        hidden: Location | None = None
        for row in book.rows(picked):
            where = Location(display, sheet=name, cell=f"A{row.number}")
            values = [(col, _xlsx_value(v)) for col, v in row.cells]
            values = [(col, v) for col, v in values if v is not None]
            if not values:
                continue
            if out.header is None:
                out.set_header(((col, str(v)) for col, v in values), where)
                continue
            if row.hidden and hidden is None:
                hidden = where
            if not out.add(values, where):
                break
        if hidden is not None and out.rows:
            out.issues.append(Issue("input.xlsx-hidden-rows", hidden, {"file": display, "sheet": name}))
        return out.table()
    except XlsxError as err:
        return Table(display, (), (_xlsx_issue(err, display, origin, name),))


def _xlsx_issue(err: XlsxError, display: str, origin: Location, sheet: str | None) -> Issue:
    ctx = {"file": display, "part": err.part, "detail": err.detail}
    if err.cell is not None and sheet is not None:
        return Issue(err.code, Location(display, sheet=sheet, cell=err.cell), ctx)
    return Issue(err.code, origin, ctx)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
