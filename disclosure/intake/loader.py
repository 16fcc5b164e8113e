"""Load a filing: YAML with a location for every value, side tables spliced in.

The YAML is read from libyaml's event stream (``yamlread``) under the YAML 1.2 core schema with
exact decimals; side tables are read only from inside the filing's folder (``paths``), workbooks
defensively (``xlsx_safe``). Nothing here raises for bad input: problems are findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from disclosure.gctune import bulk
from disclosure.intake.paths import confine, read_regular
from disclosure.intake.tables import Options, Row, Table, read_table
from disclosure.intake.workbook import read_filing
from disclosure.intake.yamlread import read_yaml, resolve_plain
from disclosure.issues import Issue, Location, PathPart
from disclosure.limits import (
    MAX_FACILITIES,
    MAX_FILING_BYTES,
    MAX_INPUT_BYTES,
    MAX_RECORDS,
    MAX_TABLE_BYTES,
    MAX_XLSX_BYTES,
    exceeded,
)

__all__ = ["Loaded", "load", "resolve_plain"]


@dataclass
class Loaded:
    """A filing as plain data, where each value came from, and what went wrong reading it."""

    path: Path
    display: str
    data: Any = None
    locations: dict[tuple[PathPart, ...], Location] = field(default_factory=dict)
    rows: dict[tuple[PathPart, ...], Row] = field(default_factory=dict)
    """Records read from side tables, by their path in ``data``; their cells are located on demand."""
    issues: list[Issue] = field(default_factory=list)
    side_files: list[Path] = field(default_factory=list)
    hashes: dict[Path, str] = field(default_factory=dict)
    """SHA-256 of every file read (the filing and its side tables), of the bytes as read."""
    allow_outside: tuple[Path, ...] = ()
    """Folders outside the filing's own from which side tables may be read (``--allow-outside``)."""
    sizes: dict[tuple[Path, str | None], int] = field(default_factory=dict)
    """Bytes read for each table (file, sheet): bounded in total by ``MAX_INPUT_BYTES``."""
    unselected: list[tuple[str, Row]] = field(default_factory=list)
    """Rows of side tables that no ``select`` picked (a typo in a key), with the table's display name."""
    unread: set[tuple[PathPart, ...]] = field(default_factory=set)
    """``records`` paths whose table could not be read or gave no rows: the finding that says why is the
    one finding (not also "records must not be empty")."""

    def location(self, path: tuple[PathPart, ...]) -> Location:
        """The location of ``path``, or of its nearest recorded ancestor."""
        found = self.locations.get(path)
        if found is not None:
            return found.with_path(tuple(path))
        real = path if len(path) > 1 and path[:-1] in self.rows else self.resolve_path(path)
        if len(real) > 1:
            row = self.rows.get(real[:-1])
            if row is not None and real[-1] in row.columns:
                return row.cell(str(real[-1])).with_path(tuple(path))
        for end in range(len(real), -1, -1):
            loc = self.locations.get(real[:end])
            if loc is not None:
                return loc.with_path(tuple(path))
        return Location(self.display, path=tuple(path))

    def resolve_path(self, path: tuple[PathPart, ...]) -> tuple[PathPart, ...]:
        """Drop the parts of a validator's path that are not keys in the data (union tags)."""
        node = self.data
        real: list[PathPart] = []
        for part in path:
            if not _has(node, part):
                continue
            node = node[part]
            real.append(part)
        return tuple(real)


def _has(node: Any, part: PathPart) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def load(path: str | Path, allow_outside: Sequence[str | Path] = ()) -> Loaded:
    """Read ``filing.yaml`` and the tables it points to. Never raises for bad input.

    Side tables are read only from the filing's folder (after resolving ``..`` and symbolic links)
    or from the folders in ``allow_outside``."""
    with bulk():
        return _load(Path(path), tuple(Path(a) for a in allow_outside))


def _load(path: Path, allow: tuple[Path, ...]) -> Loaded:
    loaded = Loaded(path=path, display=str(path), allow_outside=allow)
    workbook = path.suffix.lower() in (".xlsx", ".xlsm")
    limit = MAX_XLSX_BYTES if workbook else MAX_FILING_BYTES
    read, problem = read_regular(path, str(path), Location(str(path)), limit)
    if problem is not None or read is None:
        loaded.issues.append(problem or Issue("input.file-missing", Location(str(path)), {"file": str(path)}))
        return loaded
    loaded.hashes[path] = read.sha256
    if workbook:  # filing.xlsx, the workbook template
        data, locations, rows, issues = read_filing(read.data, loaded.display)
        loaded.data, loaded.issues = data, issues
        if any("renamed" in i.context for i in issues):
            # a renamed table sheet is its one finding: the filing without that table would give others
            # ("facilities is missing", a verified total not met) that go away when the name is fixed
            loaded.data = None
            return loaded
        loaded.locations.update(locations)
        loaded.rows.update(rows)
    else:
        text = _decode_yaml(read.data, loaded)
        if text is None:
            return loaded
        loaded.data = read_yaml(text, loaded.display, loaded.locations, loaded.issues)
    if loaded.data is None and not loaded.issues:
        loaded.issues.append(Issue("input.empty", Location(str(path)), {"file": str(path)}))
    elif loaded.data is not None and not isinstance(loaded.data, dict):
        loaded.issues.append(Issue("input.yaml-root", loaded.location(())))
        loaded.data = None
    if isinstance(loaded.data, dict) and _within_limits(loaded):
        _splice_tables(loaded)
        if loaded.data is not None:
            _count_records(loaded)
    return loaded


def _decode_yaml(raw: bytes, loaded: Loaded) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        loaded.issues.append(
            Issue("input.encoding", Location(loaded.display, line, 1), {"file": loaded.display})
        )
        return None
    if "\x00" in text:
        loaded.issues.append(Issue("input.encoding", Location(loaded.display), {"file": loaded.display}))
        return None
    return text


def _within_limits(loaded: Loaded) -> bool:
    facilities = loaded.data.get("facilities")
    if isinstance(facilities, list) and len(facilities) > MAX_FACILITIES:
        loaded.issues.append(Issue("input.limit-exceeded", loaded.location(("facilities",)),
                                   exceeded("facilities", MAX_FACILITIES)))
        loaded.data = None
        return False
    return True


def _count_records(loaded: Loaded) -> None:
    """Refuse a filing with more activity records than the limit, inline and spliced together."""
    total = 0
    facilities = loaded.data.get("facilities")
    for i, fac in enumerate(facilities if isinstance(facilities, list) else []):
        if not isinstance(fac, dict):
            continue
        for kind in ("combustion", "electricity", "heat"):
            sources = fac.get(kind)
            for j, src in enumerate(sources if isinstance(sources, list) else []):
                records = src.get("records") if isinstance(src, dict) else None
                total += len(records) if isinstance(records, list) else 0
                if total > MAX_RECORDS:
                    loaded.issues.append(Issue("input.limit-exceeded", loaded.location(
                        ("facilities", i, kind, j, "records")), exceeded("records", MAX_RECORDS)))
                    loaded.data = None
                    return


_TABLE_KEYS = {"file", "sheet", "select", "header_row", "columns"}


def _read_side_table(loaded: Loaded, real: Path, display: str, sheet: str | None, origin: Location,
                     options: Options) -> Table:
    suffix = real.suffix.lower()
    limit = MAX_XLSX_BYTES if suffix in (".xlsx", ".xlsm") else MAX_TABLE_BYTES
    room = MAX_INPUT_BYTES - sum(loaded.sizes.values())
    if room <= 0:
        return Table(display, (), (Issue("input.limit-exceeded", origin, exceeded("bytes", MAX_INPUT_BYTES)),))
    read, problem = read_regular(real, display, origin, min(limit, room))
    if problem is not None or read is None:
        if problem is not None and problem.code == "input.file-too-large" and room < limit:
            problem = Issue("input.limit-exceeded", origin, exceeded("bytes", MAX_INPUT_BYTES))
        return Table(display, (), (problem,) if problem else ())
    if real not in loaded.hashes:
        loaded.side_files.append(real)
    loaded.hashes[real] = read.sha256
    loaded.sizes[(real, sheet)] = len(read.data)
    return read_table(read.data, suffix, display, sheet, origin, options)


_Key = tuple[Path, str | None, Options]
_Ref = tuple[tuple[PathPart, ...], dict[str, Any], _Key | None, str]
"""(path of the holder, the holder, the table it names (real path, sheet, options) or None, display name)."""


def _options(ref: dict[str, Any], year: int | None) -> Options | str:
    """How to read the table (``header_row``, ``columns``), or what is wrong with them."""
    header_row, columns = ref.get("header_row"), ref.get("columns") or {}
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int)
                                   or not 1 <= header_row <= 1_048_576):
        return "header_row must be a row number (1, 2, 3 ...)"
    if not isinstance(columns, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items()):
        return "columns must map a column name in the table to a field key (消耗量（实物量）: quantity)"
    return Options(header_row, tuple(sorted(columns.items())), year)


def _year(data: Any) -> int | None:
    report = data.get("report") if isinstance(data, dict) else None
    year = report.get("fiscal_year") if isinstance(report, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2999 else None


def _resolve_refs(loaded: Loaded) -> list[_Ref]:
    """Every table reference with the table it names, after confinement (findings for the others)."""
    out: list[_Ref] = []
    year = _year(loaded.data)
    for path, holder in _find_record_refs(loaded.data, ()):
        ref = holder["records"]
        origin = loaded.location((*path, "records"))
        rel, sheet, select = ref.get("file"), ref.get("sheet"), ref.get("select") or {}
        options = _options(ref, year)
        if not isinstance(rel, str) or not isinstance(select, dict) or (
                sheet is not None and not isinstance(sheet, str)) or isinstance(options, str):
            detail = options if isinstance(options, str) else "file must be a name, sheet a name, select a mapping"
            loaded.issues.append(Issue("input.table-reference", origin, {"detail": detail}))
            loaded.unread.add((*path, "records"))
            out.append((path, holder, None, ""))
            continue
        display = str(Path(loaded.display).parent / rel)
        real, problem = confine(loaded.path.parent, rel, display, origin, loaded.allow_outside)
        if problem is not None:
            loaded.issues.append(problem)
        if real is None:
            loaded.unread.add((*path, "records"))
        out.append((path, holder, (real, sheet, options) if real is not None else None, display))
    return out


def _splice_tables(loaded: Loaded) -> None:
    """Replace every ``records: {file: ...}`` with the rows of that table (each table read once, however
    it is spelled; at most ``MAX_INPUT_BYTES`` read and ``MAX_RECORDS`` spliced in all)."""
    refs = _resolve_refs(loaded)
    cache: dict[_Key, Table] = {}
    indexes: dict[tuple[Path, str | None, Options, tuple[str, ...]], dict[tuple[str, ...], list[int]]] = {}
    selections: dict[_Key, set[tuple[str, ...]]] = {}
    for _, holder, key, _ in refs:
        if key is not None:
            selections.setdefault(key, set()).add(tuple(sorted(holder["records"].get("select") or {})))
    total = 0
    picked: dict[_Key, set[int]] = {}
    for path, holder, key, display in refs:
        select = holder["records"].get("select") or {}
        holder["records"] = []
        if key is None:
            continue
        origin = loaded.location((*path, "records"))
        if key not in cache:
            cache[key] = _read_side_table(loaded, key[0], display, key[1], origin, key[2])
            loaded.issues.extend(cache[key].issues)
        table = cache[key]
        cols = tuple(sorted(select))
        ikey = (*key, cols)
        if ikey not in indexes:
            index: dict[tuple[str, ...], list[int]] = {}
            for n, row in enumerate(table.rows):
                index.setdefault(tuple(str(row.values.get(c, "")) for c in cols), []).append(n)
            indexes[ikey] = index
        wanted = tuple(str(select[c]) for c in cols)
        records: list[dict[str, Any]] = []
        base = (*path, "records")
        # A table selected by one set of columns gives each row to one source: the selecting columns are
        # dropped in place (a million rows are not copied); otherwise each record is a copy.
        in_place = len(selections[key]) == 1
        chosen = indexes[ikey].get(wanted, [])
        picked.setdefault(key, set()).update(chosen)
        for i, n in enumerate(chosen):
            row = table.rows[n]
            values = row.values if in_place else dict(row.values)
            for column in cols:
                values.pop(column, None)
            records.append(values)
            loaded.locations[(*base, i)] = row.where
            loaded.rows[(*base, i)] = row
        if table.rows and not records and not table.issues:
            loaded.issues.append(Issue("input.table-no-rows", origin,
                                       {"file": table.display, "select": _fmt_select(select)}))
        if not records and (table.rows or any(i.level.value == "error" for i in table.issues)):
            loaded.unread.add(base)
        holder["records"] = records
        total += len(records)
        if total > MAX_RECORDS:
            loaded.issues.append(Issue("input.limit-exceeded", origin, exceeded("records", MAX_RECORDS)))
            loaded.data = None
            return
    if any(i.code == "input.limit-exceeded" for i in loaded.issues):
        loaded.data = None
        return
    for key, table in cache.items():
        if table.issues:
            continue
        chosen_rows = picked.get(key, set())
        loaded.unselected.extend((table.display, row) for n, row in enumerate(table.rows) if n not in chosen_rows)


def _fmt_select(select: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(select.items())) or "-"


def _find_record_refs(node: Any, path: tuple[PathPart, ...]) -> list[tuple[tuple[PathPart, ...], dict[str, Any]]]:
    """Every mapping holding ``records: {file: ...}``, in document order, found without recursion."""
    stack: list[tuple[Any, tuple[PathPart, ...]]] = [(node, path)]
    found: list[tuple[tuple[PathPart, ...], dict[str, Any]]] = []
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            ref = item.get("records")
            if isinstance(ref, dict) and "file" in ref and set(ref) <= _TABLE_KEYS:
                found.append((where, item))
            children: list[tuple[Any, tuple[PathPart, ...]]] = [
                (value, (*where, key)) for key, value in item.items() if isinstance(value, dict | list)]
        elif isinstance(item, list):
            children = [(value, (*where, i)) for i, value in enumerate(item) if isinstance(value, dict | list)]
        else:
            continue
        stack.extend(reversed(children))
    return found
