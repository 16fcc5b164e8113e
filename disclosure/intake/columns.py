"""What a spreadsheet's header cells and label cells mean: Chinese column names, units in headers,
month columns, totals rows (the vocabulary is ``data/columns.yaml``, documented in docs/excel.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from disclosure.resources import load_data_yaml
from disclosure.units import UnitError, parse

_UNIT_SUFFIX = re.compile(r"^(.+?)\s*[（(\[【]\s*([^（）()\[\]【】]+?)\s*[）)\]】]\s*$")
_UNIT_SLASH = re.compile(r"^([^/／]+?)\s*[/／]\s*(\S+)$")
_TITLE_UNIT = re.compile(r"(?:计量)?单位\s*[:：]\s*([^\s,，;；)）]+)")
_BLANKS = re.compile(r"[\s\u3000_\-·]+")
_PERIOD_TEXT = re.compile(r"^(\d{4})\s*(?:年|[.．/／])\s*(\d{1,2})\s*(?:月份?)?(?:\s*[-/.]\s*\d{1,2}\s*日?)?$")
_PERIOD_DASH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")
_PERIOD_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_YEAR_TEXT = re.compile(r"^(\d{4})\s*(?:年度?)?$")
_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*月份?$")
_COMPANION = {"quantity": "unit", "ncv": "ncv_unit", "carbon_content": "carbon_content_unit",
              "oxidation": "oxidation_unit", "receipts": "unit", "opening_stock": "unit", "closing_stock": "unit"}
"""The unit column a unit in a value column's header fills."""


def fold(text: str) -> str:
    """The form names are compared in: compatibility-folded, lower case, without blanks."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[str, str]
    """Folded alias → field key (each key is also its own alias)."""
    ignored: frozenset[str]
    totals: dict[str, int]
    basis: dict[str, str]
    months: dict[str, int]


@cache
def vocabulary() -> Vocabulary:
    raw = load_data_yaml("columns.yaml")
    aliases: dict[str, str] = {}
    for key, names in raw["aliases"].items():
        aliases[fold(key)] = key
        for name in names:
            aliases.setdefault(fold(str(name)), key)
    totals = {fold(str(w)): int(level) for level, words in raw["totals"].items() for w in words}
    basis = {fold(str(w)): key for key, words in raw["basis"].items() for w in words}
    months = {fold(str(w)): int(m) for m, words in raw["months"].items() for w in words}
    return Vocabulary(aliases, frozenset(fold(str(w)) for w in raw["ignored"]), totals, basis, months)


def companion(name: str) -> str | None:
    """The unit column of a value column (quantity → unit), or None."""
    return _COMPANION.get(name)


def unit_name(text: str) -> str | None:
    """The canonical unit of ``text`` (吨 → t, 万千瓦时 → 10^4kWh), or None when it is not a unit."""
    try:
        return parse(text).name
    except UnitError:
        return None


@dataclass(frozen=True)
class Heading:
    """What one header cell says: the field it names (or its own text), a unit, a month, a total."""

    text: str
    name: str
    known: bool
    unit: str | None = None
    month: tuple[int | None, int] | None = None
    """(year or None, month) of a month column of the wide layout."""
    total: bool = False
    ignored: bool = False


def heading(value: Any, mapping: dict[str, str]) -> Heading:
    """Interpret a header cell; ``mapping`` (folded name → key) is the filing's own ``columns:``."""
    if isinstance(value, datetime | date):
        return Heading(value.isoformat()[:7], value.isoformat()[:7], True, month=(value.year, value.month))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    voc = vocabulary()
    lines = [part.strip() for part in re.split(r"[\r\n]+", text) if part.strip()]
    for candidate in reversed(lines) if len(lines) > 1 else []:
        # the template's bilingual header: "消耗量\nquantity (t)" — the key line decides
        found = heading(candidate, mapping)
        if found.known:
            return Heading(text, found.name, True, found.unit, found.month, found.total, found.ignored)
    key = _name(text, mapping, voc)
    if key is not None:
        return Heading(text, key, True)
    unit: str | None = None
    for pattern in (_UNIT_SUFFIX, _UNIT_SLASH):
        m = pattern.match(text)
        if m and (unit := unit_name(m.group(2))) is not None:
            key = _name(m.group(1), mapping, voc)
            if key is not None:
                return Heading(text, key, True, unit)
            month = month_of(m.group(1))
            if month is not None:
                return Heading(text, text, True, unit, month=month)
    folded = fold(text)
    month = month_of(text)
    if month is not None:
        return Heading(text, text, True, month=month)
    if folded in voc.totals:
        return Heading(text, text, True, total=True)
    if folded in voc.ignored:
        return Heading(text, text, True, ignored=True)
    return Heading(text, text, False)


def _name(text: str, mapping: dict[str, str], voc: Vocabulary) -> str | None:
    folded = fold(text)
    return mapping.get(folded) or voc.aliases.get(folded)


def month_of(text: str) -> tuple[int | None, int] | None:
    """(year, month) of a month header: 3月, 三月, Mar, 2025年3月, 2025-03, 2025.03, 202503."""
    folded = fold(text)
    m = _MONTH_ONLY.match(folded)
    if m and 1 <= int(m.group(1)) <= 12:
        return None, int(m.group(1))
    if folded in vocabulary().months:
        return None, vocabulary().months[folded]
    period = period_text(text)
    if period is not None and len(period) == 7:
        return int(period[:4]), int(period[5:])
    return None


def period_text(text: str) -> str | None:
    """A period written the ways people write it, as ``2025`` or ``2025-03``; None when not a period.

    2025-03 stays; 2025年3月, 2025年03月份, 2025.03, 2025.3, 2025/3, 202503 and a date 2025-03-01 are the
    month; 2025年 and 2025年度 the year. ``2025-3`` is left as written (the schema reports it)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if (m := _PERIOD_DASH.match(t)) or (m := _PERIOD_TEXT.match(t)) or (m := _PERIOD_COMPACT.match(t)):
        month = int(m.group(2))
        return f"{m.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    if (m := _YEAR_TEXT.match(t)) and t != m.group(1):
        return m.group(1)
    return None


def period_number(value: int | Decimal) -> str | None | bool:
    """A period typed as a number (Excel turns 2025.03 and 202503 into numbers).

    Returns the period, None when the number is not a period, and False for 2025.1, which is either
    2025.1 (January) or 2025.10 (October) with the trailing zero lost: ambiguous on its own."""
    if isinstance(value, int):
        if 190001 <= value <= 299912 and 1 <= value % 100 <= 12:
            return f"{value // 100}-{value % 100:02d}"
        return str(value) if 1900 <= value <= 2999 else None
    if not value.is_finite():
        return None
    exponent = value.as_tuple().exponent
    year = int(value)
    if not 1900 <= year <= 2999 or not isinstance(exponent, int):
        return None
    if exponent == -2:
        month = int((value - year) * 100)
        return f"{year}-{month:02d}" if 1 <= month <= 12 else None
    if exponent == -1:
        tenth = int((value - year) * 10)
        if tenth == 1:
            return False
        return f"{year}-{tenth:02d}" if 2 <= tenth <= 9 else None
    return str(year) if value == year else None


def title_unit(cells: list[Any]) -> str | None:
    """A unit stated in a title row ("单位：吨", "计量单位：万千瓦时")."""
    for value in cells:
        if isinstance(value, str):
            m = _TITLE_UNIT.search(unicodedata.normalize("NFKC", value))
            if m and (unit := unit_name(m.group(1))) is not None:
                return unit
    return None


_TOTAL_FIRST = frozenset("小分合总共累全年本tTsSgG")
"""First characters of the totals words: most cells are ruled out without folding."""


def total_level(value: Any) -> int:
    """0, or the level of a totals label (1 小计, 2 合计)."""
    if not isinstance(value, str) or len(value) > 12 or not value or value[0] not in _TOTAL_FIRST:
        return 0
    return vocabulary().totals.get(fold(value.rstrip(":：")), 0)


def basis_value(value: Any) -> Any:
    """实测 → measured, 缺省值 → default; anything else unchanged."""
    if isinstance(value, str):
        return vocabulary().basis.get(fold(value), value)
    return value
