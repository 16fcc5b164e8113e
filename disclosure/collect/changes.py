"""What changed since last year beyond the plan's threshold: each facility's Scope 1 and Scope 2."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from disclosure.compute import Figures
from disclosure.intake.loader import Loaded
from disclosure.issues import Issue
from disclosure.output import dec

HUNDRED = Decimal(100)


def change_pct(now: Decimal, before: Decimal) -> Decimal | None:
    """The change in per cent, one decimal (None when last year was zero)."""
    if before == 0:
        return None
    return ((now - before) / before * HUNDRED).quantize(Decimal("0.1"))


def facility_changes(figures: Figures, prior: dict[str, Any]) -> dict[str, dict[str, tuple[Decimal, Decimal,
                                                                                          Decimal | None]]]:
    """(this year, last year, change %) of Scope 1 and Scope 2 per facility present in both years."""
    known = prior.get("facilities") or {}
    out: dict[str, dict[str, tuple[Decimal, Decimal, Decimal | None]]] = {}
    for f in figures.facilities:
        before = known.get(f.id)
        if not isinstance(before, dict):
            continue
        pairs = {"scope1": (f.scope1, Decimal(str(before.get("scope1", "0")))),
                 "scope2": (f.scope2_location, Decimal(str(before.get("scope2", "0"))))}
        out[f.id] = {k: (now, was, change_pct(now, was)) for k, (now, was) in pairs.items()}
    return out


def changes(figures: Figures, prior: dict[str, Any], threshold: Decimal, loaded: Loaded) -> list[Issue]:
    """A ``rule.collect.change`` warning for each facility scope that moved by more than ``threshold`` %, at the
    facility's id cell in its workbook."""
    index = {f.get("id"): i for i, f in enumerate(loaded.data["facilities"])}
    found: list[Issue] = []
    for fid, scopes in facility_changes(figures, prior).items():
        for scope, (now, was, pct) in scopes.items():
            if pct is None or abs(pct) <= threshold:
                continue
            where = loaded.location(("facilities", index[fid], "id") if fid in index else ("facilities",))
            found.append(Issue("rule.collect.change", where, {
                "facility": fid, "scope": "范围一" if scope == "scope1" else "范围二",
                "scope_en": "Scope 1" if scope == "scope1" else "Scope 2", "now": dec(now.quantize(Decimal(1))),
                "before": dec(was.quantize(Decimal(1))), "pct": f"{pct:+}", "threshold": dec(threshold)}))
    return found
