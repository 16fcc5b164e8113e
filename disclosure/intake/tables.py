"""Side tables (CSV or XLSX) holding activity records, with a location for every cell."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from disclosure.issues import Issue, Location

_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
MAX_TABLE_BYTES = 512 * 1024 * 1024


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
            from openpyxl.utils import get_column_letter

            return Location(where.file, sheet=where.sheet, cell=f"{get_column_letter(col)}{where.cell[1:]}")
        return Location(where.file, where.line, col)


@dataclass(frozen=True, slots=True)
class Table:
    """A parsed table, or the findings that stopped it from being read."""

    display: str
    rows: tuple[Row, ...]
    issues: tuple[Issue, ...]


def read_table(path: Path, display: str, sheet: str | None, origin: Location) -> Table:
    """Read a CSV or XLSX table; problems become findings located at ``origin`` or the cell."""
    if not path.is_file():
        return Table(display, (), (Issue("input.file-missing", origin, {"file": display}),))
    if path.stat().st_size > MAX_TABLE_BYTES:
        return Table(display, (), (Issue("input.file-too-large", origin, {"file": display}),))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, display, sheet, origin)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, display, origin)
    return Table(
        display, (), (Issue("input.table-format", origin, {"file": display, "suffix": suffix}),)
    )


def _decode(raw: bytes) -> tuple[str | None, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def _read_csv(path: Path, display: str, origin: Location) -> Table:
    raw = path.read_bytes()
    issues: list[Issue] = []
    text, encoding = _decode(raw)
    if text is None:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    if encoding == "gb18030" and not raw.isascii():
        issues.append(Issue("input.csv-encoding-gbk", Location(display), {"file": display}))
    if "\x00" in text:
        return Table(display, (), (Issue("input.encoding", origin, {"file": display}),))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: dict[str, int] = {}
    rows: list[Row] = []
    try:
        for lineno, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [_clean(c) for c in record]
                columns = _columns(header)
                dupes = sorted({h for h in header if h and header.count(h) > 1})
                if dupes:
                    issues.append(
                        Issue("input.table-header", Location(display, lineno, 1),
                              {"file": display, "columns": dupes})
                    )
                continue
            if len(record) > len(header):
                issues.append(
                    Issue("input.table-row-length", Location(display, lineno, len(header) + 1),
                          {"file": display, "expected": len(header), "found": len(record)})
                )
            values: dict[str, Any] = {}
            for name, cell in zip(header, record, strict=False):
                value = _cell_text(cell)
                if name and value is not None:
                    values[name] = value
            rows.append(Row(values, Location(display, lineno, 1), columns))
    except csv.Error as err:
        issues.append(Issue("input.csv-syntax", Location(display, reader.line_num, 1),
                            {"file": display, "detail": str(err)}))
    if header is None:
        issues.append(Issue("input.empty", origin, {"file": display}))
    return Table(display, tuple(rows), tuple(issues))


def _columns(header: list[str]) -> dict[str, int]:
    """Column number of each named column (the first, if a name repeats)."""
    columns: dict[str, int] = {}
    for col, name in enumerate(header, start=1):
        if name:
            columns.setdefault(name, col)
    return columns


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _cell_text(cell: str) -> str | None:
    text = _clean(cell)
    if not text:
        return None
    if _THOUSANDS.match(text):
        return text.replace(",", "")
    return text


def _read_xlsx(path: Path, display: str, sheet: str | None, origin: Location) -> Table:
    import openpyxl  # imported here: only filings with XLSX side files pay for it
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        return Table(display, (), (Issue("input.xlsx-unreadable", origin,
                                         {"file": display, "detail": str(err)}),))
    try:
        if sheet is not None and sheet not in book.sheetnames:
            return Table(display, (), (Issue("input.xlsx-sheet", origin,
                                             {"file": display, "sheet": sheet,
                                              "sheets": book.sheetnames}),))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        title = ws.title
        header: list[str] | None = None
        columns: dict[str, int] = {}
        rows: list[Row] = []
        for r, record in enumerate(ws.iter_rows(values_only=True), start=1):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in record):
                continue
            if header is None:
                header = [_clean(str(v)) if v is not None else "" for v in record]
                columns = _columns(header)
                continue
            values: dict[str, Any] = {}
            for name, value in zip(header, record, strict=False):
                converted = _xlsx_value(value)
                if name and converted is not None:
                    values[name] = converted
            rows.append(Row(values, Location(display, sheet=title, cell=f"A{r}"), columns))
    finally:
        book.close()
    if header is None:
        return Table(display, (), (Issue("input.empty", origin, {"file": display}),))
    return Table(display, tuple(rows), ())


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # Excel stores binary doubles; repr() is the shortest text that round-trips.
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _cell_text(str(value))
