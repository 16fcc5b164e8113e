"""Consolidation (equity share, financial or operational control), breakdowns and intensities."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from disclosure import units
from disclosure.compute.results import ZERO, FacilityResult, ScopeTotals
from disclosure.model import Filing
from disclosure.model.report import BoundaryEntity, ConsolidationApproach

HUNDRED = Decimal(100)


def share(entity: BoundaryEntity, approach: ConsolidationApproach) -> Decimal:
    """The fraction of an entity's emissions the group reports under ``approach``."""
    if approach is ConsolidationApproach.EQUITY_SHARE:
        return entity.ownership_pct / HUNDRED
    if approach is ConsolidationApproach.FINANCIAL_CONTROL:
        return Decimal(1) if entity.financial_control else ZERO
    return Decimal(1) if entity.operational_control else ZERO


def scope_totals(facilities: list[FacilityResult], shares: dict[str, Decimal]) -> ScopeTotals:
    out = ScopeTotals()
    for f in facilities:
        s = shares[f.id]
        if s:
            out.add(ScopeTotals(f.scope1 * s, f.scope2_location * s, f.scope2_market * s))
    return out


def breakdown(facilities: list[FacilityResult], attr: str) -> dict[str, Decimal]:
    """Scope 1 by source type or by gas, at the reported share."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in facilities:
        for s in f.sources:
            if s.scope != 1:
                continue
            if attr == "gas":
                for gas, value in s.by_gas.items():
                    out[gas] += value * f.share
            else:
                out[s.source_type] += s.emissions * f.share
    return dict(sorted(out.items()))


def energy(facilities: list[FacilityResult]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in facilities:
        for s in f.sources:
            if s.energy_gj is not None:
                out[s.energy_type] += s.energy_gj * f.share
    return dict(sorted(out.items()))


def intensity_revenue(filing: Filing, totals: ScopeTotals) -> dict[str, Decimal]:
    revenue = filing.report.revenue
    if revenue is None or revenue.value == 0:
        return {}
    rev_10k = units.convert(revenue.value, revenue.unit, "10^4CNY")
    s12_loc = totals.scope1 + totals.scope2_location
    s12_mkt = totals.scope1 + totals.scope2_market
    return {
        "scope1": totals.scope1 / rev_10k,
        "scope12_location": s12_loc / rev_10k,
        "scope12_market": s12_mkt / rev_10k,
        "revenue_10k_cny": rev_10k,
    }


def intensity_product(facilities: list[FacilityResult]) -> dict[str, dict[str, Any]]:
    """tCO2e per unit of product, over the facilities that make it."""
    out: dict[str, dict[str, Any]] = {}
    for f in facilities:
        for key, (qty, unit) in f.products.items():
            entry = out.setdefault(key, {"quantity": ZERO, "unit": unit, "scope12_location": ZERO,
                                         "scope1": ZERO})
            entry["quantity"] += qty * f.share
            entry["scope1"] += f.scope1 * f.share
            entry["scope12_location"] += (f.scope1 + f.scope2_location) * f.share
    for entry in out.values():
        q = entry["quantity"]
        entry["intensity_scope12_location"] = entry["scope12_location"] / q if q else None
        entry["intensity_scope1"] = entry["scope1"] / q if q else None
    return dict(sorted(out.items()))
