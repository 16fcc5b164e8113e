"""The layout of ``filing.xlsx``, derived from the pydantic schema (never a hand-written list of fields).

Each top-level section of the filing (report, entity, boundary, governance …) is a *section sheet*: one
row per field, with its root-relative key (``report.title.zh-CN``) and value. Every list of models, at
any depth, is a *table sheet*: one row per item, one column per field (nested single models flattened:
``parameters.ncv.value``; ``LocalText`` as ``name.zh-CN`` and ``name.en``; lists of codes as one cell
``scope1, scope2``). A nested table names its parent row in its first columns: ``facilities.id`` (a
facility's id), ``combustion.id`` (a source's id), or ``checks.#`` (the position of a parent that has no
id). A field another engineer adds to the schema appears in the template, the reader and ``convert``
without an edit here.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from disclosure.model import Filing
from disclosure.resources import load_data_yaml

POSITION = "#"
"""The key of a table's own position column (items without an id that have child tables)."""


@dataclass(frozen=True)
class Column:
    """One value of a row: where it goes in the item (alias path), what kind of cell it is."""

    key: str
    """Dotted alias path inside the item (``parameters.ncv.value``) or a parent reference (``facilities.id``)."""
    path: tuple[str, ...]
    kind: str
    """text, number, int, bool, date, list (codes in one cell), parent, position."""
    choices: tuple[str, ...] = ()
    doc: str = ""
    required: bool = False
    field: str = ""
    """The field's own name (its label is looked up by it)."""
    strict: bool = True
    """The drop-down refuses other values (codes); False: it only suggests (provinces, units)."""


@dataclass(frozen=True)
class Sheet:
    name: str
    """The sheet's name: the dotted path of its list (``facilities.combustion.records``), shortened to 31."""
    path: tuple[str, ...]
    """Alias path of the list (or section) from the root, list levels included once each."""
    lists: tuple[int, ...]
    """Indexes into ``path`` of the parts that are lists (the last one is this table's own list)."""
    kind: str
    """section or table."""
    columns: tuple[Column, ...]
    own_key: str | None
    """id, key, # or None: how child tables refer to a row of this table."""
    doc: str = ""


def _strip(t: Any) -> Any:
    while get_origin(t) is Annotated:
        t = get_args(t)[0]
    return t


def _options(t: Any) -> list[Any]:
    t = _strip(t)
    if get_origin(t) in (Union, types.UnionType):
        return [_strip(a) for a in get_args(t) if _strip(a) is not type(None)]
    return [t]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _list_item(t: Any) -> list[Any] | None:
    """The member types of a list's items, or None when ``t`` is not a list."""
    t = _strip(t)
    if get_origin(t) is not list:
        return None
    item = _strip(get_args(t)[0])
    return _options(item)


def _choices(t: Any) -> tuple[str, ...]:
    if isinstance(t, type) and issubclass(t, Enum):
        return tuple(str(m.value) for m in t)
    if get_origin(t) is Literal:
        return tuple(str(a) for a in get_args(t))
    if t is bool:
        return ("是", "否")
    return ()


_UNITS = ("t", "10^4t", "kg", "Nm3", "10^4Nm3", "kWh", "MWh", "10^4kWh", "GJ", "TJ", "GJ/t", "GJ/10^4Nm3",
          "tC/GJ", "tC/t", "%", "10^4CNY", "CNY", "10^8CNY")


@cache
def named_choices() -> dict[str, tuple[tuple[str, ...], bool]]:
    """Drop-downs for free-text fields with a known vocabulary, by field name: (values, strict)."""
    from disclosure.factors import library

    lib = library()
    provinces = tuple(lib.regions[k]["zh-CN"] for k in lib.regions if "-" not in k and k not in (
        "national", "north", "northeast", "east", "central", "northwest", "south", "southwest"))
    return {"fuel": (tuple(lib.fuels), True), "province": (provinces, False), "region": (tuple(lib.regions), True),
            "unit": (_UNITS, False), "ncv_unit": (_UNITS, False), "carbon_content_unit": (_UNITS, False),
            "oxidation_unit": (_UNITS, False)}


def _column(key: tuple[str, ...], t: Any, doc: str, need: bool, name: str) -> Column:
    choices = _choices(t)
    if not choices and name in named_choices():
        values, strict = named_choices()[name]
        return Column(".".join(key), key, _kind(t), values, doc, need, name, strict)
    return Column(".".join(key), key, _kind(t), choices, doc, need, name)


def _kind(t: Any) -> str:
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t in (Decimal, float):
        return "number"
    if t is date:
        return "date"
    return "text"


def _alias(name: str, info: FieldInfo) -> str:
    return info.alias or name


def _flatten(model: type[BaseModel], prefix: tuple[str, ...], required: bool) -> tuple[list[Column], list[Any]]:
    """The scalar columns of ``model`` (nested single models flattened) and the lists of models under it
    as (relative path, member types, doc)."""
    columns: list[Column] = []
    tables: list[Any] = []
    for name, info in model.model_fields.items():
        key = (*prefix, _alias(name, info))
        need = required and info.is_required()
        doc = info.description or ""
        members = _list_item(info.annotation)
        if members is not None:
            if all(_is_model(m) for m in members):
                tables.append((key, members, doc))
            else:
                columns.append(Column(".".join(key), key, "list", _choices(members[0]), doc, need, name))
            continue
        options = _options(info.annotation)
        if len(options) == 1 and _is_model(options[0]):
            sub_cols, sub_tables = _flatten(options[0], key, need)
            columns += sub_cols
            tables += sub_tables
            continue
        columns.append(_column(key, options[0], doc, need, name))
    return columns, tables


def _union_columns(members: list[Any]) -> tuple[list[Column], list[Any]]:
    columns: dict[str, Column] = {}
    tables: dict[tuple[str, ...], Any] = {}
    for member in members:
        cols, subs = _flatten(member, (), len(members) == 1)
        for c in cols:
            columns.setdefault(c.key, c)
        for path, m, doc in subs:
            tables.setdefault(path, (path, m, doc))
    if len(members) > 1:  # a discriminated union: the type's choices are the members' literals
        kinds = tuple(a for m in members for a in _choices(_strip(m.model_fields["type"].annotation)))
        columns["type"] = Column("type", ("type",), "text", kinds, "Kind of item.", True, "type")
        order = ["type", *[k for k in columns if k != "type"]]
        return [columns[k] for k in order], list(tables.values())
    return list(columns.values()), list(tables.values())


def _own_key(members: list[Any], has_children: bool) -> str | None:
    fields = set.intersection(*(set(m.model_fields) for m in members))
    for name in ("id", "key"):
        if name in fields:
            return name
    return POSITION if has_children else None


@cache
def layout() -> tuple[Sheet, ...]:
    """Every sheet of ``filing.xlsx``, sections first, then tables parents before children."""
    sheets: list[Sheet] = []
    root_cols: list[Column] = []
    pending: list[tuple[tuple[str, ...], tuple[int, ...], list[Any], str, tuple[Column, ...]]] = []
    for name, info in Filing.model_fields.items():
        key = _alias(name, info)
        members = _list_item(info.annotation)
        options = _options(info.annotation)
        if members is not None and all(_is_model(m) for m in members):
            pending.append(((key,), (0,), members, info.description or "", ()))
        elif members is None and len(options) == 1 and _is_model(options[0]):
            cols, subs = _flatten(options[0], (key,), info.is_required())
            sheets.append(Sheet(key, (key,), (), "section", tuple(cols), None, info.description or ""))
            pending += [((*path,), (len(path) - 1,), m, doc, ()) for path, m, doc in subs]
        else:
            root_cols.append(_column((key,), options[0], info.description or "", info.is_required(), name))
    # root scalars (schema_version) lead the first section
    first = sheets[0]
    sheets[0] = Sheet(first.name, first.path, (), "section", (*root_cols, *first.columns), None, first.doc)
    while pending:
        path, lists, members, doc, parents = pending.pop(0)
        cols, subs = _union_columns(members)
        own = _own_key(members, bool(subs))
        own_cols = (Column(POSITION, (POSITION,), "position", (), "Position among its parent's rows.", False,
                           POSITION),) if own == POSITION else ()
        sheets.append(Sheet(_name(path, lists), path, lists, "table", (*parents, *own_cols, *cols), own, doc))
        ref = Column(f"{path[-1]}.{own}", (f"{path[-1]}.{own}",), "parent", (), "", True, path[-1])
        for sub_path, sub_members, sub_doc in subs:
            full = (*path, *sub_path)
            pending.append((full, (*lists, len(full) - 1), sub_members, sub_doc, (*parents, ref)))
    return tuple(sheets)


def _name(path: tuple[str, ...], lists: tuple[int, ...]) -> str:
    """The dotted path; beyond Excel's 31 characters, the parts between the first and the list
    levels are left out (``report.double_materiality.topics`` → ``report.topics``), and a facility's
    tables drop ``facilities.`` (``combustion.checks.records``)."""
    name = ".".join(path)
    if len(name) <= 31:
        return name
    if path[0] == "facilities" and len(name) - 11 <= 31:
        return name[11:]
    kept = [p for i, p in enumerate(path) if i == 0 or i in lists]
    return ".".join(kept)[:31]


@cache
def labels() -> dict[str, dict[str, str]]:
    """zh-CN and en labels of field names and sheet names (``data/labels.yaml``); a field without one
    shows its key."""
    raw = load_data_yaml("labels.yaml")
    return {str(k): {"zh-CN": str(v[0]), "en": str(v[1])} for k, v in raw.items()}


def label(name: str, lang: str = "zh-CN") -> str:
    found = labels().get(name)
    return found[lang] if found else name


def by_name() -> dict[str, Sheet]:
    return {s.name: s for s in layout()}
