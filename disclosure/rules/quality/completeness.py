"""Completeness: twelve months everywhere, no orphan side-table rows, no starter placeholders."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from disclosure.issues import Issue, PathPart
from disclosure.model.sources import Facility
from disclosure.rules.registry import RuleContext, rule

STARTER_USCC = "91350100M000100Y43"
"""The 统一社会信用代码 printed in the `disclosure init` starter."""
_PLACEHOLDER = re.compile(r"示例|EXAMPLE|Example Co\.")
"""Words of the starter filing that must be replaced."""


def _downtime(fac: Facility, source: str) -> set[str]:
    months: set[str] = set()
    for d in fac.downtime:
        if not d.sources or source in d.sources:
            months.update(d.months)
    return months


@rule("rule.mrv.missing-months")
def rule_twelve_months(ctx: RuleContext) -> Iterator[Issue]:
    """Every source that gives months gives all twelve, in every facility (月度存证 keeps every month);
    a month without data is explained as downtime with evidence (``downtime``)."""
    year = ctx.filing.report.fiscal_year
    months = {f"{year}-{m:02d}" for m in range(1, 13)}
    for i, fac in enumerate(ctx.filing.facilities):
        groups: list[tuple[str, int, str, list[Any]]] = []
        groups += [("combustion", j, c.id, c.records) for j, c in enumerate(fac.combustion)]
        groups += [("electricity", j, e.id, e.records) for j, e in enumerate(fac.electricity)]
        groups += [("heat", j, h.id, h.records) for j, h in enumerate(fac.heat)]
        groups += [("products", j, p.key, p.records) for j, p in enumerate(fac.products)]
        for kind, j, sid, records in groups:
            periods = {r.period for r in records}
            if not any(len(p) == 7 for p in periods):
                continue
            missing = sorted(months - periods - _downtime(fac, sid))
            if missing:
                yield ctx.at("rule.mrv.missing-months", ("facilities", i, kind, j, "records"),
                             facility=fac.id, source=sid, months=missing)


@rule("rule.table.orphan-row")
def rule_orphan_rows(ctx: RuleContext) -> Iterator[Issue]:
    """Every row of a side table is selected by some source; a row no source selects (a typo in its
    facility or source key) would silently vanish from the totals."""
    for display, row in ctx.loaded.unselected:
        keys = ", ".join(f"{k}={v}" for k, v in row.values.items() if k in ("facility", "source", "product", "id"))
        yield Issue("rule.table.orphan-row", row.where, {"file": display, "keys": keys or "-"})


def _strings(node: Any, path: tuple[PathPart, ...]) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*path, i))


@rule("rule.placeholder.text", "rule.placeholder.uscc")
def rule_placeholders(ctx: RuleContext) -> Iterator[Issue]:
    """Nothing of the `disclosure init` starter is left: no 示例/EXAMPLE text, not its sample USCC."""
    if ctx.filing.entity.uscc == STARTER_USCC:
        yield ctx.at("rule.placeholder.uscc", ("entity", "uscc"), value=STARTER_USCC)
    # one C-speed pass over the whole filing first: the path-building walk runs only when a
    # placeholder word occurs somewhere (a starter), not for every string of a large filing
    if not _PLACEHOLDER.search(json.dumps(ctx.loaded.data, ensure_ascii=False, default=str)):
        return
    for path, text in _strings(ctx.loaded.data, ()):
        if path and path[-1] == "acknowledgements":
            continue
        m = _PLACEHOLDER.search(text)
        if m:
            yield ctx.at("rule.placeholder.text", path, text=text[:40], word=m.group(0))
