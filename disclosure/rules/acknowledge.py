"""Acknowledgements: a preparer confirms, in the filing, that a flagged figure is right.

An acknowledgement names one finding (code + location) with a reason and a reviewer. The finding
stays in the report with severity ``acknowledged`` (it no longer fails validation) and the
acknowledgement goes into the trail and the report's data-quality section. Only data-quality
findings can be acknowledged (a missing field or a wrong factor is fixed, not acknowledged). An
acknowledgement that matches no finding is itself an error: there is no global switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from disclosure.compute.results import Figures
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue, PathPart, Severity, dotted
from disclosure.model import Filing
from disclosure.model.quality import Acknowledgement

ACKNOWLEDGEABLE = frozenset({
    "rule.magnitude.monthly", "rule.outlier.monthly", "rule.magnitude.prior-year",
    "rule.magnitude.declared", "rule.magnitude.market", "rule.magnitude.crosscheck",
    "rule.crosscheck.gap", "rule.crosscheck.month-gap", "rule.plausibility.intensity",
    "rule.plausibility.fuel-factor", "rule.plausibility.zero-scope1", "rule.plausibility.yoy",
    "rule.meter.uncalibrated", "rule.meter.accuracy", "rule.mrv.missing-months",
    "rule.mrv.late-evidence", "rule.mrv.deposit-missing", "rule.activity.declared-mismatch",
    "rule.product.records-sum", "rule.plausibility.energy", "rule.plausibility.yoy-product",
    "rule.mrv.frequency",
})
"""Findings about figures that can be right after all; everything else must be fixed."""

_PART = re.compile(r"\.?([^.\[\]]+)|\[([^\]]+)\]")


@dataclass(frozen=True)
class Accepted:
    """An acknowledgement and the finding it matched (for the report and the trail)."""

    acknowledgement: Acknowledgement
    issue: Issue


def resolve(data: object, text: str) -> tuple[PathPart, ...] | None:
    """``facilities[QHAL].combustion[coal].records[2025-08].quantity`` → the index path, or None.

    A bracket holds an index, or the ``id``/``key``/``period``/``year`` of a list item."""
    node = data
    out: list[PathPart] = []
    pos = 0
    for m in _PART.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()
        key, item = m.group(1), m.group(2)
        if key is not None:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
            out.append(key)
            continue
        if not isinstance(node, list):
            return None
        if item.isdigit() and int(item) < len(node):
            index = int(item)
        else:
            found = [n for n, x in enumerate(node) if isinstance(x, dict) and any(
                str(x.get(f)) == item for f in ("id", "key", "period", "year") if f in x)]
            if len(found) != 1:
                return None
            index = found[0]
        node = node[index]
        out.append(index)
    return tuple(out) if pos == len(text) else None


def _matches(issue: Issue, code: str, path: tuple[PathPart, ...]) -> bool:
    if issue.code != code or issue.level is Severity.ACKNOWLEDGED:
        return False
    p = issue.location.path
    return p == path or (len(p) == len(path) + 1 and p[:-1] == path and isinstance(p[-1], str))


def acknowledge(issues: list[Issue], filing: Filing, loaded: Loaded,
                figures: Figures) -> list[Issue]:
    """Mark the findings the filing acknowledges; add a finding for each acknowledgement that is
    malformed, not allowed, or matches nothing."""
    out = list(issues)
    for n, ack in enumerate(filing.acknowledgements):
        where = ("acknowledgements", n)
        if ack.code not in ACKNOWLEDGEABLE:
            out.append(Issue("rule.ack.not-allowed", loaded.location((*where, "code")),
                             {"code": ack.code}))
            continue
        path = resolve(loaded.data, ack.path)
        if path is None:
            out.append(Issue("rule.ack.path", loaded.location((*where, "path")), {"path": ack.path}))
            continue
        hits = [k for k, i in enumerate(out) if _matches(i, ack.code, path)]
        if not hits:
            out.append(Issue("rule.ack.unmatched", loaded.location(where),
                             {"code": ack.code, "path": dotted(path)}))
            continue
        for k in hits:
            accepted = replace(out[k], severity=Severity.ACKNOWLEDGED)
            out[k] = accepted
            figures.acknowledged.append(Accepted(ack, accepted))
            figures.trail.append(TrailEntry(
                f"ack/{n}/{dotted(accepted.location.path)}", "quality.acknowledged", Decimal(0), "1",
                f"acknowledged {ack.code}", (
                    TrailInput("reason", Decimal(0), "1", "acknowledgement", ack.reason.get("zh-CN")),
                    TrailInput("reviewed_by", Decimal(0), "1", "acknowledgement",
                               f"{ack.reviewed_by.name} ({ack.reviewed_by.role}) {ack.reviewed_by.date}"),
                    TrailInput("evidence", Decimal(0), "1", "acknowledgement", ack.evidence or "-")),
                str(accepted.location), ("acknowledged",)))
    return out
