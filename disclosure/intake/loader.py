"""Load a filing: YAML with a location for every value, side tables spliced in.

The YAML is composed by libyaml (fast, with line marks) and converted here under the YAML 1.2
core schema: ``no``/``on`` stay strings, numbers with a fraction become exact ``Decimal``,
dates stay text for the model to parse. Nothing here raises for bad input: problems are findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from disclosure.gctune import bulk
from disclosure.intake.tables import Row, Table, read_table
from disclosure.issues import Issue, Location, PathPart

MAX_FILING_BYTES = 64 * 1024 * 1024
MAX_NODES = 5_000_000
MAX_ALIAS_USES = 10_000
"""Anchors re-used more often than this are refused (entity-expansion, "billion laughs")."""
MAX_DEPTH = 64

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STR_TAG = "tag:yaml.org,2002:str"
_KNOWN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "value")
}


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


class _Converter:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.count = 0
        self.alias_uses = 0
        self.seen: set[int] = set()

    def loc(self, node: yaml.Node, path: tuple[PathPart, ...]) -> Location:
        mark = node.start_mark
        return Location(self.loaded.display, mark.line + 1, mark.column + 1, path=path)

    def convert(self, node: yaml.Node, path: tuple[PathPart, ...]) -> Any:
        self.count += 1
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            raise _TooLarge(self.loc(node, path))
        self.loaded.locations[path] = self.loc(node, path)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.seen:
                self.alias_uses += 1
                if self.alias_uses > MAX_ALIAS_USES:
                    raise _TooLarge(self.loc(node, path))
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: tuple[PathPart, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                self.loaded.issues.append(Issue("input.yaml-key", self.loc(key_node, path)))
                continue
            key = str(key_node.value)
            if key in out:
                self.loaded.issues.append(
                    Issue("input.yaml-duplicate-key", self.loc(key_node, (*path, key)), {"key": key})
                )
            out[key] = self.convert(value_node, (*path, key))
        return out

    def scalar(self, node: yaml.Node, path: tuple[PathPart, ...]) -> Any:
        text = str(node.value)
        if node.tag not in _KNOWN_TAGS:
            self.loaded.issues.append(Issue("input.yaml-tag", self.loc(node, path), {"tag": node.tag}))
            return text
        if getattr(node, "style", None) or (node.tag == _STR_TAG and _explicit_str(text)):
            return text
        return resolve_plain(text)


def _explicit_str(text: str) -> bool:
    """A plain scalar tagged str that libyaml's YAML 1.1 resolver would have typed: ``!!str``."""
    return text in _NULL or text in _TRUE or text in _FALSE or bool(_INT.match(text)) or (
        bool(_FLOAT.match(text)) and "." in text
    )


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core-schema resolution of a plain scalar, with exact decimals."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            return text
    return text


class _TooLarge(Exception):
    def __init__(self, where: Location) -> None:
        self.where = where


def load(path: str | Path) -> Loaded:
    """Read ``filing.yaml`` and the tables it points to. Never raises for bad input."""
    with bulk():
        return _load(Path(path))


def _load(path: Path) -> Loaded:
    loaded = Loaded(path=path, display=str(path))
    if not path.is_file():
        loaded.issues.append(Issue("input.file-missing", Location(str(path)), {"file": str(path)}))
        return loaded
    raw = path.read_bytes()
    if len(raw) > MAX_FILING_BYTES:
        loaded.issues.append(Issue("input.file-too-large", Location(str(path)), {"file": str(path)}))
        return loaded
    text = _decode_yaml(raw, loaded)
    if text is None:
        return loaded
    loaded.data = _parse(text, loaded)
    if loaded.data is None and not loaded.issues:
        loaded.issues.append(Issue("input.empty", Location(str(path)), {"file": str(path)}))
    elif loaded.data is not None and not isinstance(loaded.data, dict):
        loaded.issues.append(Issue("input.yaml-root", loaded.location(())))
        loaded.data = None
    if isinstance(loaded.data, dict):
        _splice_tables(loaded)
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


def _parse(text: str, loaded: Loaded) -> Any:
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Location(loaded.display, mark.line + 1, mark.column + 1) if mark else Location(
            loaded.display)
        problem = err.problem or err.context or "syntax error"
        loaded.issues.append(Issue("input.yaml-syntax", where, {"detail": problem}))
        return None
    except yaml.YAMLError as err:
        loaded.issues.append(Issue("input.yaml-syntax", Location(loaded.display), {"detail": str(err)}))
        return None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None
    if len(nodes) > 1:
        loaded.issues.append(Issue("input.yaml-multiple-documents", Location(
            loaded.display, nodes[1].start_mark.line + 1, 1)))
    try:
        return _Converter(loaded).convert(nodes[0], ())
    except _TooLarge as err:
        loaded.issues.append(Issue("input.file-too-large", err.where, {"file": loaded.display}))
        return None
    except RecursionError:
        loaded.issues.append(Issue("input.file-too-large", Location(loaded.display),
                                   {"file": loaded.display}))
        return None


_TABLE_KEYS = {"file", "sheet", "select"}


def _splice_tables(loaded: Loaded) -> None:
    """Replace every ``records: {file: ...}`` with the rows of that table."""
    cache: dict[tuple[str, str | None], Table] = {}
    indexes: dict[tuple[str, str | None, tuple[str, ...]], dict[tuple[str, ...], list[int]]] = {}
    for path, holder in list(_find_record_refs(loaded.data, ())):
        ref = holder["records"]
        origin = loaded.location((*path, "records"))
        rel = ref.get("file")
        sheet = ref.get("sheet")
        select = ref.get("select") or {}
        if not isinstance(rel, str) or not isinstance(select, dict) or (
            sheet is not None and not isinstance(sheet, str)
        ):
            loaded.issues.append(Issue("input.table-reference", origin))
            holder["records"] = []
            continue
        key = (rel, sheet)
        if key not in cache:
            file_path = loaded.path.parent / rel
            display = str(Path(loaded.display).parent / rel)
            cache[key] = read_table(file_path, display, sheet, origin)
            loaded.issues.extend(cache[key].issues)
            if file_path.is_file():
                loaded.side_files.append(file_path)
        table = cache[key]
        cols = tuple(sorted(select))
        ikey = (rel, sheet, cols)
        if ikey not in indexes:
            index: dict[tuple[str, ...], list[int]] = {}
            for n, row in enumerate(table.rows):
                index.setdefault(tuple(str(row.values.get(c, "")) for c in cols), []).append(n)
            indexes[ikey] = index
        wanted = tuple(str(select[c]) for c in cols)
        records: list[dict[str, Any]] = []
        base = (*path, "records")
        for i, n in enumerate(indexes[ikey].get(wanted, [])):
            row = table.rows[n]
            values = {k: v for k, v in row.values.items() if k not in select}
            records.append(values)
            loaded.locations[(*base, i)] = row.where
            loaded.rows[(*base, i)] = row
        if table.rows and not records and not table.issues:
            loaded.issues.append(Issue("input.table-no-rows", origin,
                                       {"file": table.display, "select": _fmt_select(select)}))
        holder["records"] = records


def _fmt_select(select: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(select.items())) or "-"


def _find_record_refs(node: Any, path: tuple[PathPart, ...]) -> Any:
    if isinstance(node, dict):
        ref = node.get("records")
        if isinstance(ref, dict) and "file" in ref and set(ref) <= _TABLE_KEYS:
            yield path, node
        for key, value in node.items():
            yield from _find_record_refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _find_record_refs(value, (*path, i))
