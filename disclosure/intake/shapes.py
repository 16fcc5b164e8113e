"""Rows of a spreadsheet as people really keep them, turned into records.

The reading layer (``tables.py``) gives rows of (column, value) with their location; this layer finds
the header (under one or more title rows, or the row the filing names as ``header_row``), understands
the column names people use (``columns.py``: 设施/排放源/月份/消耗量（吨）…), reads the long layout (one
row a month) and the wide layout of the MEE reporting tables (one row a source, months as columns),
recognises totals rows and columns (合计/小计/全年) and checks them against the rows they total instead of
adding them, turns Excel dates and 2025年3月/2025.03 into periods, and fills units given in a header or
a title row ("单位：吨"). Without a recognisable header the first non-empty row is the header.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import Any

from disclosure.intake.columns import (
    Heading,
    basis_value,
    companion,
    fold,
    heading,
    period_number,
    period_text,
    title_unit,
    total_level,
    unit_name,
)
from disclosure.intake.xlsx_safe import column_letters
from disclosure.issues import Issue, Location
from disclosure.limits import MAX_NUMBER_EXPONENT, MAX_NUMBER_TEXT, MAX_TABLE_ROWS, MIN_NUMBER_EXPONENT, exceeded
from disclosure.units import PRECISION

LOOKAHEAD = 30
"""Rows searched for a header before the first non-empty row is taken as the header."""
_BLOCKING = frozenset({"input.limit-exceeded", "input.csv-syntax"})
"""Findings after which none of a table's rows is used (a partial table would mislead the rules)."""
_ADDITIVE = ("quantity", "receipts")


@dataclass(frozen=True, slots=True)
class Row:
    """One record: values by field name; cell locations are made on demand.

    ``columns`` (field name to 1-based column number) is shared by every row of a table (by every row
    of one month in the wide layout), so a table of millions of cells holds no per-cell locations."""

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
    header: Location | None = None
    headings: tuple[tuple[int, str, str], ...] = ()
    """(column, text as written, field key) of every header cell."""


@dataclass(frozen=True)
class Options:
    """How the filing says to read a table: ``header_row``, its own column names, the fiscal year."""

    header_row: int | None = None
    columns: tuple[tuple[str, str], ...] = ()
    """(name in the sheet, field key)."""
    year: int | None = None


class Records:
    """Turns rows of (column, value) into records, finding the header first."""

    def __init__(self, display: str, origin: Location, options: Options | None = None) -> None:
        self.display = display
        self.origin = origin
        self.options = options or Options()
        self.mapping = {fold(k): v for k, v in self.options.columns}
        self.header: Location | None = None
        self.headings: dict[int, Heading] = {}
        self.names: dict[int, str] = {}
        self.columns: dict[str, int] = {}
        self.months: dict[int, tuple[str, dict[str, int]]] = {}
        self.total_column: int | None = None
        self.header_units: dict[str, str] = {}
        self.rows: list[Row] = []
        self.issues: list[Issue] = []
        self.pending: list[tuple[list[tuple[int, Any]], Location, int]] = []
        self.title: str | None = None
        self.dated = True
        """Cells may hold dates (a workbook; a CSV holds text only)."""
        self.basis_columns: tuple[str, ...] = ()
        self.marks = {1: 0, 2: 0}
        """Where the records since the last total of each level start (sums are made only when a total
        appears: a table without totals pays nothing)."""
        self.ambiguous: list[tuple[int, Location]] = []
        self.two_digit_periods = False

    # --- the header --------------------------------------------------------------------------
    def header_line(self) -> int | None:
        """The line of the header once found (CSV)."""
        return self.header.line if self.header is not None else None

    def feed(self, cells: list[tuple[int, Any]], where: Location, number: int) -> bool:
        """One non-empty row (``number`` = sheet row or CSV line); False once the row limit is passed."""
        if self.header is not None:
            return self.add(cells, where)
        wanted = self.options.header_row
        if wanted is not None:
            if number < wanted:
                self._title(cells)
                return True
            if number > wanted:
                self.issues.append(Issue("input.table-reference", self.origin, {
                    "detail": f"header_row {wanted} of {self.display} is empty"}))
                self.set_header([], where)
                return self.add(cells, where)
            self.set_header(cells, where)
            return True
        if _score(cells, self.mapping) >= 2:
            self.set_header(cells, where)
            return self._replay([])
        self.pending.append((cells, where, number))
        if len(self.pending) >= LOOKAHEAD:
            return self._fallback()
        return True

    def _title(self, cells: list[tuple[int, Any]]) -> None:
        unit = title_unit([v for _, v in cells])
        if unit is not None:
            self.title = unit

    def _fallback(self) -> bool:
        """No row looks like a header: the first non-empty row is the header (as written)."""
        first, *rest = self.pending
        self.pending = []
        self.set_header(first[0], first[1])
        return self._replay(rest)

    def _replay(self, rows: list[tuple[list[tuple[int, Any]], Location, int]]) -> bool:
        return all(self.add(cells, where) for cells, where, _ in rows)

    def set_header(self, cells: Iterable[tuple[int, Any]], where: Location) -> None:
        for skipped, _, _ in self.pending:
            self._title(skipped)
        self.pending = []
        self.header = where
        seen: list[str] = []
        for col, value in cells:
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            head = heading(value, self.mapping)
            self.headings[col] = head
            if head.month is not None:
                year = head.month[0] or self.options.year
                period = f"{year}-{head.month[1]:02d}" if year else head.text
                self.months[col] = (period, {})
                continue
            if head.total or head.ignored:
                if head.total:
                    self.total_column = col
                continue
            seen.append(head.name)
            self.names[col] = head.name
            self.columns.setdefault(head.name, col)
            if head.unit is not None and (unit_col := companion(head.name)) is not None:
                self.header_units[unit_col] = head.unit
        dupes = sorted(h for h, n in Counter(seen).items() if n > 1)
        if dupes:
            self.issues.append(Issue("input.table-header", where, {"file": self.display, "columns": dupes}))
        # A repeated name reads the first of its columns only.
        self.names = {col: name for col, name in self.names.items() if self.columns[name] == col}
        self.basis_columns = tuple(n for n in self.columns if n.endswith("basis"))
        if self.title is not None and "unit" not in self.header_units and "quantity" in self.columns:
            self.header_units["unit"] = self.title
        for unit_col in self.header_units:
            value_col = next(k for k in ("quantity", "receipts", unit_col[:-5]) if k in self.columns)
            self.columns.setdefault(unit_col, self.columns[value_col])
        wide = bool(self.months) and "quantity" not in self.columns
        if not wide:
            self.months = {}
            return
        for col, (period, _) in self.months.items():
            cols = dict(self.columns)
            cols["period"] = cols["quantity"] = col
            if self.title is not None:
                self.header_units.setdefault("unit", self.title)
            if "unit" not in self.columns:
                cols["unit"] = col
            self.months[col] = (period, cols)

    # --- data rows ---------------------------------------------------------------------------
    def add(self, cells: list[tuple[int, Any]], where: Location) -> bool:
        """Add one data row; False once the table has more rows than the limit."""
        level = next((lv for _, v in cells if (lv := total_level(v))), 0)
        values = {name: cells_value for col, cells_value in cells if (name := self.names.get(col)) is not None}
        if level:
            self._check_total(level, cells, values, where)
            return True
        if _label_row(cells, len(self.headings)):
            return True
        if self.months:
            return self._add_wide(cells, values, where)
        if self.total_column is not None:
            self._check_row_total(cells, [c for c in (self.columns.get(k) for k in _ADDITIVE) if c], where)
        return self.add_values(values, where)

    def add_values(self, values: dict[str, Any], where: Location, columns: dict[str, int] | None = None) -> bool:
        """Add one record given by field name; False once the table has more rows than the limit."""
        if len(self.rows) >= MAX_TABLE_ROWS:
            self.issues.append(Issue("input.limit-exceeded", where,
                                     exceeded("rows", MAX_TABLE_ROWS, file=self.display)))
            return False
        cols = columns or self.columns
        self._normalise(values, where, cols)
        self.rows.append(Row(values, where, cols))
        return True

    def _add_wide(self, cells: list[tuple[int, Any]], values: dict[str, Any], where: Location) -> bool:
        by_col = dict(cells)
        if self.total_column is not None:
            self._check_row_total(cells, list(self.months), where)
        for col, (period, cols) in self.months.items():
            record = dict(values)
            record["period"] = period
            if by_col.get(col) is not None:
                record["quantity"] = by_col[col]
            if not self.add_values(record, where, cols):
                return False
        return True

    def _normalise(self, values: dict[str, Any], where: Location, cols: dict[str, int]) -> None:
        if self.dated:
            for name, value in list(values.items()):
                if isinstance(value, datetime | date) and name != "period":
                    values[name] = (value.date() if isinstance(value, datetime) else value).isoformat()
        for name in self.basis_columns:
            if name in values:
                values[name] = basis_value(values[name])
        period = values.get("period")
        if period is not None and not (isinstance(period, str) and len(period) == 7 and period[4] == "-"):
            values["period"] = self._period(period, where, cols)
        for unit_col, unit in self.header_units.items():
            given = values.get(unit_col)
            if given is None:
                values[unit_col] = unit
            elif unit_name(str(given)) not in (None, unit):
                loc = Row(values, where, cols).cell(unit_col)
                self.issues.append(Issue("input.table-unit-conflict", loc, {
                    "file": self.display, "given": given, "header": unit}))

    def _period(self, value: Any, where: Location, cols: dict[str, int]) -> Any:
        if isinstance(value, datetime | date):
            return f"{value.year}-{value.month:02d}"
        if isinstance(value, int | Decimal):
            found = period_number(value)
            if found is False:
                self.ambiguous.append((len(self.rows), Row({}, where, cols).cell("period")))
                return value
            if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
                self.two_digit_periods = True
            return found if isinstance(found, str) else value
        if isinstance(value, str):
            return period_text(value) or value
        return value

    def _check_total(self, level: int, cells: list[tuple[int, Any]], values: dict[str, Any], where: Location) -> None:
        """A totals row: each additive column equals the sum of the records since the last total."""
        if self.months:
            self._check_wide_total(cells, where, level)
            return
        rows = self.rows[self.marks[level]:]
        units = {str(r.values.get("unit", "")) for r in rows}
        for name in _ADDITIVE:
            col = self.columns.get(name)
            stated = number_of(values.get(name))
            if col is None or stated is None or len(units) > 1:
                continue
            summed = _sum(number_of(r.values.get(name)) for r in rows)
            if stated != summed:
                self.issues.append(Issue("input.table-total-mismatch", Row(values, where, self.columns).cell(name), {
                    "file": self.display, "total": stated, "sum": summed}))
        for lv in range(1, level + 1):
            self.marks[lv] = len(self.rows)

    def _check_wide_total(self, cells: list[tuple[int, Any]], where: Location, level: int) -> None:
        by_col = dict(cells)
        rows = self.rows[self.marks[level]:]
        for col, (_, cols) in self.months.items():
            stated = number_of(by_col.get(col))
            if stated is None:
                continue
            summed = _sum(number_of(r.values.get("quantity")) for r in rows if r.columns is cols)
            if stated != summed:
                loc = Row({}, where, cols).cell("quantity")
                self.issues.append(Issue("input.table-total-mismatch", loc,
                                         {"file": self.display, "total": stated, "sum": summed}))
        for lv in range(1, level + 1):
            self.marks[lv] = len(self.rows)

    def _check_row_total(self, cells: list[tuple[int, Any]], parts: list[int], where: Location) -> None:
        """A totals column (合计/全年) on a data row equals the sum of the row's month or value cells."""
        assert self.total_column is not None
        by_col = dict(cells)
        stated = number_of(by_col.get(self.total_column))
        numbers = [number_of(by_col.get(c)) for c in parts]
        if stated is None or not any(n is not None for n in numbers):
            return
        summed = _sum(numbers)
        if stated != summed and len(parts) > 1:
            cols = {"total": self.total_column}
            self.issues.append(Issue("input.table-total-mismatch", Row({}, where, cols).cell("total"), {
                "file": self.display, "total": stated, "sum": summed}))

    def table(self) -> Table:
        if self.header is None and self.pending:
            self._fallback()
        if self.header is None and not self.issues:
            self.issues.append(Issue("input.empty", self.origin, {"file": self.display}))
        for index, loc in self.ambiguous:
            value = self.rows[index].values.get("period")
            if self.two_digit_periods and isinstance(value, Decimal):
                self.rows[index].values["period"] = f"{int(value)}-10"
            else:
                self.issues.append(Issue("input.table-period-ambiguous", loc, {"file": self.display, "value": value}))
        blocked = any(i.code in _BLOCKING for i in self.issues)
        headings = tuple((col, h.text, h.name) for col, h in sorted(self.headings.items()))
        return Table(self.display, () if blocked else tuple(self.rows), tuple(self.issues), self.header, headings)


def _score(cells: list[tuple[int, Any]], mapping: dict[str, str]) -> int:
    """How header-like a row is: the number of cells naming a field, a month or a total."""
    score = 0
    for _, value in cells:
        if isinstance(value, str) and len(value) <= 60:
            head = heading(value, mapping)
            score += head.known and not head.ignored
        elif isinstance(value, datetime | date):
            score += 1
    return score


def _label_row(cells: list[tuple[int, Any]], width: int) -> bool:
    """A row that only labels what follows ("一、化石燃料燃烧"), possibly merged across the table."""
    if width < 3 or not cells:
        return False
    values = {v for _, v in cells}
    return len(values) == 1 and all(isinstance(v, str) for v in values) and (len(cells) == 1 or len(cells) >= width)


EXACT = Context(prec=PRECISION)
"""Totals are added exactly (numbers within the limits, at most two million rows)."""


def _sum(numbers: Iterable[Decimal | None]) -> Decimal:
    total = Decimal(0)
    for n in numbers:
        if n is not None:
            total = EXACT.add(total, n)
    return total


def number_of(value: Any) -> Decimal | None:
    """A cell's number for a totals check; None for text, and for numbers the schema will refuse
    (beyond the limits of ``bounds``: their own finding says so, and they must not overflow a sum)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str) and len(value) <= MAX_NUMBER_TEXT:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
    else:
        return None
    if not number.is_finite() or (number and number.adjusted() > MAX_NUMBER_EXPONENT):
        return None
    exponent = number.as_tuple().exponent
    return number if isinstance(exponent, int) and exponent >= MIN_NUMBER_EXPONENT else None
