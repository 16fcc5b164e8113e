"""Pass 1: the filing against the schema; pydantic errors become coded, located findings."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, dotted
from disclosure.model import Filing

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


def _code(kind: str) -> str:
    if kind in _CODES:
        return _CODES[kind]
    if kind.startswith(("date", "datetime")):
        return "schema.invalid-date"
    if any(kind.startswith(t) for t in _TYPES):
        return "schema.wrong-type"
    return "schema.invalid-value"


def check_structure(loaded: Loaded) -> tuple[Filing | None, list[Issue]]:
    """Validate ``loaded.data`` against :class:`Filing`."""
    try:
        return Filing.model_validate(loaded.data), []
    except ValidationError as err:
        return None, [_issue(loaded, e) for e in err.errors(include_url=False)]


def _issue(loaded: Loaded, error: Any) -> Issue:
    loc = tuple(error["loc"])
    code = _code(error["type"])
    real = loaded.resolve_path(loc)
    field = dotted(real if code != "schema.unknown-field" else loc) or "-"
    ctx: dict[str, Any] = {"field": field, "detail": error["msg"]}
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
    where = loaded.location(real if code != "schema.unknown-field" else loc)
    return Issue(code, where.with_path(loc), ctx)
