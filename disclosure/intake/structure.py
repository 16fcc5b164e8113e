"""Pass 1: the filing against the schema; pydantic errors become coded, located findings.

Messages are ours in both languages (pydantic's English texts never reach a zh-CN reader); a
missing cell names its field and points to its own column; an unknown key or a wrong choice gets
"did you mean"; and one mistake repeated on every row of a side table is one finding, not hundreds.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from disclosure.intake.columns import fold, vocabulary
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, PathPart, dotted
from disclosure.model import Filing
from disclosure.suggest import did_you_mean, suggestions

_CODES = {
    "missing": "schema.missing",
    "extra_forbidden": "schema.unknown-field",
    "literal_error": "schema.invalid-choice",
    "enum": "schema.invalid-choice",
    "union_tag_invalid": "schema.invalid-choice",
    "union_tag_not_found": "schema.missing",
    "string_pattern_mismatch": "schema.pattern",
    "too_short": "schema.too-short",
    "string_too_short": "schema.too-short",
    "string_too_long": "schema.too-long",
    "greater_than_equal": "schema.out-of-range",
    "less_than_equal": "schema.out-of-range",
    "greater_than": "schema.out-of-range",
    "less_than": "schema.out-of-range",
    "finite_number": "schema.wrong-type",
}
_TYPES = ("decimal", "int", "float", "bool", "string", "dict", "list", "model", "date", "datetime")

_DETAILS: dict[str, tuple[str, str]] = {
    "decimal": ("应为数字（不带单位和千分位）", "should be a number (no unit, no thousands separator)"),
    "float": ("应为数字（不带单位和千分位）", "should be a number (no unit, no thousands separator)"),
    "int": ("应为整数", "should be a whole number"),
    "bool": ("应为“是/否”（true/false）", "should be yes/no (true/false)"),
    "string": ("应为文本", "should be text"),
    "dict": ("应为“字段: 值”形式的映射", "should be a mapping (field: value)"),
    "model": ("应为“字段: 值”形式的映射", "should be a mapping (field: value)"),
    "list": ("应为列表", "should be a list"),
    "finite": ("应为有限的数值（不能是 inf 或 nan）", "should be a finite number (not inf or nan)"),
    "decimal_max": ("数字位数过多", "has too many digits"),
}
"""Our zh-CN and en wording of pydantic's type errors, by the prefix of the error type."""


def _code(kind: str) -> str:
    if kind in _CODES:
        return _CODES[kind]
    if kind.startswith(("date", "datetime")):
        return "schema.invalid-date"
    if any(kind.startswith(t) for t in _TYPES):
        return "schema.wrong-type"
    return "schema.invalid-value"


def _detail(kind: str, msg: str) -> tuple[str, str]:
    if kind == "finite_number":
        return _DETAILS["finite"]
    if kind.startswith("decimal_max"):
        return _DETAILS["decimal_max"]
    for prefix, texts in _DETAILS.items():
        if kind.startswith(prefix):
            return texts
    return f"取值无效（{kind}）", msg


def check_structure(loaded: Loaded) -> tuple[Filing | None, list[Issue]]:
    """Validate ``loaded.data`` against :class:`Filing`."""
    try:
        return Filing.model_validate(loaded.data), []
    except ValidationError as err:
        errors = [e for e in err.errors(include_url=False) if not _explained(loaded, tuple(e["loc"]), e["type"])]
        # a cell the reading already reported (an ambiguous period, a unit against its header) is not
        # reported again by the schema
        cells = {str(i.location) for i in loaded.issues if i.location.cell or i.location.line}
        issues = [i for i in (_issue(loaded, e) for e in errors) if str(i.location) not in cells]
        return None, _one_cause(issues)


def _explained(loaded: Loaded, loc: tuple[PathPart, ...], kind: str) -> bool:
    """A table that could not be read (a renamed sheet, a select matching nothing) has its own finding;
    its empty ``records`` is not a second one."""
    if kind not in ("too_short", "missing") or not loaded.unread:
        return False
    return any(loc[:len(path)] == path for path in loaded.unread)


def _one_cause(issues: list[Issue]) -> list[Issue]:
    """A renamed column is one finding: its "unknown field, did you mean quantity" replaces the "quantity is
    missing" of every row of the same table."""
    renamed = {(i.location.file, i.location.sheet, i.context.get("suggestion")) for i in issues
               if i.code == "schema.unknown-field" and i.context.get("table")}
    if not renamed:
        return issues
    return [i for i in issues if not (i.code == "schema.missing" and (
        i.location.file, i.location.sheet, str(i.location.path[-1]) if i.location.path else None) in renamed)]


def _members(annotation: Any) -> list[Any]:
    """The concrete types inside Optional, Annotated, unions and lists."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in _members(a)]
    return [annotation]


def fields_at(loc: Iterable[PathPart]) -> list[str]:
    """The field names (and aliases) the schema allows at ``loc`` (for "did you mean")."""
    current: list[Any] = [Filing]
    for part in loc:
        nxt: list[Any] = []
        for t in current:
            if isinstance(part, int):
                if get_origin(t) is list:
                    nxt += _members(get_args(t)[0])
            elif isinstance(t, type) and issubclass(t, BaseModel) and part in t.model_fields:
                nxt += _members(t.model_fields[part].annotation)
        current = nxt
    names: list[str] = []
    for t in current:
        if isinstance(t, type) and issubclass(t, BaseModel):
            for name, info in t.model_fields.items():
                names.append(info.alias or name)
    return names


def _issue(loaded: Loaded, error: Any) -> Issue:
    loc = tuple(error["loc"])
    kind = error["type"]
    code = _code(kind)
    real = loaded.resolve_path(loc)
    if code == "schema.missing" and loc and isinstance(loc[-1], str) and real[-1:] != loc[-1:]:
        real = (*real, loc[-1])  # the missing field itself: its own column in a side table
    field = dotted(real if code != "schema.unknown-field" else loc) or "-"
    zh, en = _detail(kind, error["msg"])
    ctx: dict[str, Any] = {"field": field, "detail_zh": zh, "detail_en": en, "suggestion": "-"}
    if "ctx" in error:
        if "expected" in error["ctx"]:
            ctx["expected"] = error["ctx"]["expected"]
        for k in ("ge", "le", "gt", "lt", "min_length", "max_length"):
            if k in error["ctx"]:
                ctx["limit"] = f"{k} {error['ctx'][k]}"
    ctx.setdefault("expected", "-")
    ctx.setdefault("limit", "-")
    value = error.get("input")
    ctx["value"] = value if isinstance(value, str | int | float) else "-"
    if code == "schema.unknown-field" and loc:
        allowed = fields_at(loc[:-1])
        ctx["suggestion"] = did_you_mean(str(loc[-1]), allowed)
        if loaded.resolve_path(loc[:-1]) in loaded.rows:  # a column of a side table: one best guess
            ctx["table"] = True
            ctx["suggestion"] = _alias_suggestion(str(loc[-1]), allowed)
    elif code == "schema.invalid-choice" and isinstance(value, str) and ctx["expected"] != "-":
        choices = [c.strip().strip("'\"") for c in str(ctx["expected"]).replace(" or ", ",").split(",")]
        ctx["suggestion"] = did_you_mean(value, [c for c in choices if c])
    where = loaded.location(real if code != "schema.unknown-field" else loc)
    return Issue(code, where.with_path(loc), ctx)


def _alias_suggestion(name: str, allowed: list[str]) -> str:
    """The field a column name people use comes closest to (数量(实物) → quantity), or "-"."""
    aliases = vocabulary().aliases
    folded = fold(name)
    close = suggestions(folded, [a for a, key in aliases.items() if key in allowed], n=1)
    if close:
        return aliases[close[0].lower()] if close[0].lower() in aliases else aliases[close[0]]
    for alias, key in sorted(aliases.items(), key=lambda item: -len(item[0])):
        if key in allowed and len(alias) >= 2 and alias in folded:
            return key
    return "-"


def _row_key(issue: Issue) -> tuple[Any, ...] | None:
    """What a finding on one row of a side table shares with the same finding on the other rows."""
    path = issue.location.path
    if issue.location.file is None or "records" not in path:
        return None
    n = len(path) - 1 - path[::-1].index("records")
    if n + 1 >= len(path) or not isinstance(path[n + 1], int):
        return None
    if issue.location.line is None and issue.location.cell is None:
        return None
    shape = (*path[:n + 1], "*", *path[n + 2:])
    keep = tuple(sorted((k, str(v)) for k, v in issue.context.items() if k not in ("value", "field")))
    return (issue.code, issue.location.file, issue.location.sheet, shape, keep)


def collapse_repeats(issues: list[Issue]) -> list[Issue]:
    """One finding per root cause: the same problem on many rows of one table (a misnamed column, a
    unit typed the same wrong way on every row) is reported once, at its first row, with the count."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for n, issue in enumerate(issues):
        key = _row_key(issue)
        if key is not None:
            groups.setdefault(key, []).append(n)
    drop: set[int] = set()
    out = list(issues)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = issues[members[0]]
        last = issues[members[-1]].location
        span_zh = f"第 {first.location.line}–{last.line} 行" if first.location.line else \
            f"{first.location.cell}–{last.cell}"
        span_en = f"rows {first.location.line}–{last.line}" if first.location.line else \
            f"{first.location.cell}–{last.cell}"
        context = dict(first.context)
        context["more_zh"] = f"（另有 {len(members) - 1} 行同样问题，{span_zh}）"
        context["more_en"] = f" ({len(members) - 1} more rows alike, {span_en})"
        out[members[0]] = Issue(first.code, first.location, context, first.severity)
        drop.update(members[1:])
    return [i for n, i in enumerate(out) if n not in drop]
