"""Reading ``filing.xlsx``: the workbook template (``layout``) back into the plain data of a filing, with
the sheet and cell of every value, so findings and the trail point to cells.

The workbook is untrusted and read by ``xlsx_safe`` (never a general spreadsheet library). Sheets are
found by name; a table's header row by its field keys (the last line of each header cell), so title rows
may be added or removed. A nested table's rows name their parent (``facilities.id``); a row whose parent
does not exist, a sheet the layout does not know, a table without a header are findings, not guesses.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from disclosure.intake.columns import period_number, period_text, total_level
from disclosure.intake.layout import POSITION, Column, Sheet, by_name, layout
from disclosure.intake.shapes import EXACT, number_of
from disclosure.intake.shapes import Row as TableRow
from disclosure.intake.tables import cell_text
from disclosure.intake.xlsx_safe import Row, Workbook, XlsxError, column_letters
from disclosure.issues import Issue, Location, PathPart
from disclosure.suggest import did_you_mean

README_SHEETS = frozenset({"说明", "README", "说明 README", "_lists"})
"""Sheets of the template that hold no data."""
_LIST_SPLIT = re.compile(r"[,，;；、\n]")
_HEADER_SEARCH = 6
"""Rows searched for a table's header (title rows above it may be added or removed)."""

Path_ = tuple[PathPart, ...]


class _Reader:
    def __init__(self, book: Workbook, display: str, ignore: frozenset[str] = frozenset()) -> None:
        self.book = book
        self.display = display
        self.ignore = ignore
        self.data: dict[str, Any] = {}
        self.locations: dict[Path_, Location] = {}
        self.rows: dict[Path_, TableRow] = {}
        self.issues: list[Issue] = []
        self.sums: dict[tuple[str, tuple[str, ...]], Decimal] = {}
        """Quantities of a table's rows since its last totals row, by parent."""
        self.registry: dict[tuple[tuple[str, ...], tuple[str, ...]], Path_] = {}
        """(table path, parent references + own key) → the item's path in ``data``."""
        self.renamed: set[tuple[str, ...]] = set()
        """Tables whose sheet was renamed (reported once): their children's rows name no parent."""

    def loc(self, sheet: str, col: int, row: int) -> Location:
        return Location(self.display, sheet=sheet, cell=f"{column_letters(col)}{row}")

    def read(self) -> None:
        known = by_name()
        present = {ws.name: ws for ws in self.book.sheets if ws.kind == "worksheet"}
        absent = [s for s in layout() if s.kind == "table" and s.name not in present]
        for ws in self.book.sheets:
            if ws.name not in known and ws.name not in README_SHEETS and ws.name not in self.ignore:
                was = self.renamed_from(ws, absent) if ws.kind == "worksheet" else None
                context = {"file": self.display, "sheet": ws.name,
                           "suggestion": was.name if was else did_you_mean(ws.name, list(known))}
                if was is not None:  # one cause, one finding: its rows, and the rows under them, say nothing more
                    self.renamed.add(was.path)
                    context["renamed"] = ".".join(was.path)
                self.issues.append(Issue("input.workbook-sheet", Location(self.display, sheet=ws.name, cell="A1"),
                                         context))
        for sheet in layout():
            found = present.get(sheet.name)
            if found is None:
                continue
            rows = list(self.book.rows(found))
            if sheet.kind == "section":
                self.section(sheet, rows)
            else:
                self.table(sheet, rows)

    def renamed_from(self, ws: Any, absent: list[Sheet]) -> Sheet | None:
        """The missing table sheet an unknown sheet is, by the field keys of its header (a renamed
        ``facilities``): at least two keys of that table and more than of any other."""
        keys: set[str] = set()
        for row in list(self.book.rows(ws))[:_HEADER_SEARCH]:
            keys |= {_key(v) for _, v in row.cells}
        scored = sorted(((len(keys & {c.key for c in s.columns}), n) for n, s in enumerate(absent)), reverse=True)
        if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return absent[scored[0][1]]

    # --- sections: one row per field, key in column B, value in column C --------------------------
    def section(self, sheet: Sheet, rows: list[Row]) -> None:
        columns = {c.key: c for c in sheet.columns}
        for row in rows:
            cells = dict(row.cells)
            key = cells.get(2)
            if not isinstance(key, str) or key.strip() in ("", "key") or "\n" in key:
                continue
            key = key.strip()
            value = cells.get(3)
            column = columns.get(key)
            converted = _convert(value, column.kind if column else "text")
            if converted is None:
                continue
            path: Path_ = tuple(key.split("."))
            _put(self.data, path, converted)
            self.locations[path] = self.loc(sheet.name, 3, row.number)

    # --- tables: one row per item ----------------------------------------------------------------
    def table(self, sheet: Sheet, rows: list[Row]) -> None:
        keys = {c.key: c for c in sheet.columns}
        header = next((r for r in rows[:_HEADER_SEARCH] if sum(_key(v) in keys for _, v in r.cells) >= 1), None)
        if header is None:
            if any(r.cells for r in rows):
                self.issues.append(Issue("input.workbook-header", Location(self.display, sheet=sheet.name, cell="A1"), {
                    "file": self.display, "sheet": sheet.name, "keys": ", ".join(c.key for c in sheet.columns[:6])}))
            return
        colmap: dict[int, Column] = {}
        for col, value in header.cells:
            key = _key(value)
            colmap[col] = keys.get(key) or Column(key, tuple(key.split(".")), "text")
        counts: dict[tuple[str, ...], int] = {}
        for row in rows:
            if row.number <= header.number:
                continue
            self.item(sheet, row, colmap, counts)

    def item(self, sheet: Sheet, row: Row, colmap: dict[int, Column], counts: dict[tuple[str, ...], int]) -> None:
        refs: list[str] = []
        ref_cells: list[int] = []
        item: dict[str, Any] = {}
        where: dict[Path_, int] = {}
        position: str | None = None
        for col, value in row.cells:
            unnamed = f"column {column_letters(col)}"  # a value under no header: reported, never dropped
            column = colmap.get(col) or Column(unnamed, (unnamed,), "text")
            if column.kind in ("parent", "position"):
                text = _ref(value)
                if column.kind == "parent":
                    refs.append(text)
                    ref_cells.append(col)
                else:
                    position = text
                continue
            converted = _convert(value, column.kind) if column.key != "period" else _period(value)
            if converted is None:
                continue
            _put(item, column.path, converted)
            where[column.path] = col
        if any(total_level(v) for _, v in row.cells):
            self.total(sheet, row, colmap, tuple(refs))
            return
        parents = sum(1 for c in colmap.values() if c.kind == "parent")
        if not item or len(refs) < parents:
            if item:
                self.issues.append(Issue("input.workbook-parent", self.loc(sheet.name, 1, row.number), {
                    "file": self.display, "sheet": sheet.name, "value": "-", "suggestion": "-"}))
            return
        parent_path = self.parent(sheet, tuple(refs), ref_cells, row.number)
        if parent_path is None:
            return
        rel = sheet.path[(sheet.lists[-2] + 1) if len(sheet.lists) > 1 else 0:]
        holder = _get(self.data, parent_path)
        target = _list_at(holder, rel)
        path: Path_ = (*parent_path, *rel, len(target))
        target.append(item)
        self.tally(sheet, tuple(refs), item)
        group = (*sheet.path, *refs)
        counts[group] = counts.get(group, 0) + 1
        if sheet.own_key is not None:
            own = position if sheet.own_key == POSITION else _ref(item.get(sheet.own_key))
            self.registry[(sheet.path, (*refs, own or str(counts[group])))] = path
        self.locations[path] = self.loc(sheet.name, 1, row.number)
        for rel_path, col in where.items():
            self.locations[(*path, *rel_path)] = self.loc(sheet.name, col, row.number)
        top = {p[0]: c for p, c in where.items()}
        top.update({c.path[0]: col for col, c in colmap.items() if c.kind not in ("parent", "position")})
        self.rows[path] = TableRow(item, self.loc(sheet.name, 1, row.number), {str(k): v for k, v in top.items()})

    def tally(self, sheet: Sheet, refs: tuple[str, ...], item: dict[str, Any]) -> None:
        number = number_of(item.get("quantity"))
        if number is not None:
            for key in ((sheet.name, refs), (sheet.name, ())):  # by parent, and the whole sheet
                self.sums[key] = EXACT.add(self.sums.get(key, Decimal(0)), number)

    def total(self, sheet: Sheet, row: Row, colmap: dict[int, Column], refs: tuple[str, ...]) -> None:
        """A totals row (合计) typed into a table: checked against the rows above it of the same parent,
        never read as an item."""
        col = next((c for c, column in colmap.items() if column.key == "quantity"), None)
        stated = number_of(dict(row.cells).get(col)) if col is not None else None
        refs = tuple(r for r in refs if r and not total_level(r))
        summed = self.sums.get((sheet.name, refs), Decimal(0))
        for key in [k for k in self.sums if k[0] == sheet.name and k[1][:len(refs)] == refs]:
            del self.sums[key]
        if col is not None and stated is not None and stated != summed:
            self.issues.append(Issue("input.table-total-mismatch", self.loc(sheet.name, col, row.number), {
                "file": self.display, "total": stated, "sum": summed}))

    def parent(self, sheet: Sheet, refs: tuple[str, ...], cells: list[int], number: int) -> Path_ | None:
        if len(sheet.lists) < 2:
            return ()
        for level in range(1, len(refs) + 1):  # the first reference that names no row is the one to fix
            table = sheet.path[:sheet.lists[level - 1] + 1]
            found = self.registry.get((table, refs[:level]))
            if found is None and any(table[:len(r)] == r for r in self.renamed):
                return None  # the parent's sheet was renamed: that is the finding
            if found is None:
                known = [k[1][-1] for k in self.registry if k[0] == table and k[1][:level - 1] == refs[:level - 1]]
                self.issues.append(Issue("input.workbook-parent", self.loc(sheet.name, cells[level - 1], number), {
                    "file": self.display, "sheet": sheet.name, "value": refs[level - 1],
                    "suggestion": did_you_mean(refs[level - 1], known)}))
                return None
        return found


def _key(value: Any) -> str:
    """A header cell's field key: its last line (the template writes "中文标签\\nkey")."""
    if not isinstance(value, str):
        return ""
    lines = [line.strip() for line in value.strip().splitlines() if line.strip()]
    return lines[-1].rstrip("*").strip() if lines else ""


def _period(value: Any) -> Any:
    """A period cell: 2025-03 as typed, or the month of a date Excel made of it, or 2025年3月, 2025.03."""
    if isinstance(value, datetime | date):
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        found = period_number(value)
        return found if isinstance(found, str) else _ref(value)
    if isinstance(value, str):
        return None if not value.strip() else (period_text(value) or value)
    return value


def _ref(value: Any) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _convert(value: Any, kind: str) -> Any:
    """A cell's value for a field of ``kind``; None for an empty cell."""
    if value is None or value == "" or (isinstance(value, str) and not value.strip() and kind != "text"):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if kind == "bool" and isinstance(value, str):
        text = value.strip().lower()
        return {"是": True, "否": False, "true": True, "false": False}.get(text, value)
    if kind == "list":
        if isinstance(value, str):
            return [part.strip() for part in _LIST_SPLIT.split(value) if part.strip()]
        return [_ref(value)]
    if kind in ("number", "int") and isinstance(value, str):
        return cell_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if kind == "text" and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return _ref(value)
    return value


def _put(node: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def _get(node: Any, path: Path_) -> Any:
    for part in path:
        node = node[part]
    return node


def _list_at(node: dict[str, Any], rel: tuple[str, ...]) -> list[Any]:
    for part in rel[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    found = node.get(rel[-1])
    if not isinstance(found, list):
        found = node[rel[-1]] = []
    return found


def read_filing(data: bytes | Workbook, display: str, ignore: frozenset[str] = frozenset()) -> tuple[
        dict[str, Any] | None, dict[Path_, Location], dict[Path_, TableRow], list[Issue]]:
    """The filing held by a ``filing.xlsx``: (data, locations, rows, findings). Never raises for bad input.

    ``ignore`` names sheets that are not the filing's but are not findings either (a subsidiary
    workbook's sign-off sheet, read by ``disclosure.collect``)."""
    try:
        reader = _Reader(data if isinstance(data, Workbook) else Workbook(data), display, ignore)
        reader.read()
    except XlsxError as err:
        where = Location(display, sheet=None)
        return None, {}, {}, [Issue(err.code, where, {"file": display, "part": err.part, "detail": err.detail})]
    return reader.data, reader.locations, reader.rows, reader.issues
