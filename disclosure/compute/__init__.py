"""Compute: activity data, parameters and factors → Scope 1/2/3, energy, intensities, trail.

``compute(filing, locate)`` never raises for bad data: a source that cannot be computed is
left out and a finding says why, so validation can report every problem at once.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from disclosure.compute import aggregate
from disclosure.compute.combustion import combustion_source
from disclosure.compute.context import Context, Locate
from disclosure.compute.energy import additional, energy_figures
from disclosure.compute.finance import finance_figures
from disclosure.compute.process import anode, clinker, direct, pfc
from disclosure.compute.purchased import electricity_source, heat_source
from disclosure.compute.quality import quality
from disclosure.compute.results import FacilityResult, Figures, SourceResult
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.factors import library
from disclosure.issues import Issue, Location, PathPart
from disclosure.model import Filing
from disclosure.model.report import ConsolidationApproach
from disclosure.model.sources import (
    AluminiumAnode,
    AluminiumPFC,
    CementClinker,
    DirectEmission,
    Facility,
)
from disclosure.suggest import did_you_mean
from disclosure.units import PRECISION

__all__ = ["Computation", "Figures", "compute"]



@dataclass(frozen=True)
class Computation:
    """The figures and the findings met while computing them."""

    figures: Figures
    issues: tuple[Issue, ...]


def _no_location(path: tuple[PathPart, ...]) -> Location:
    return Location(path=path)


def compute(filing: Filing, locate: Locate | None = None) -> Computation:
    """Compute every figure of ``filing`` with exact decimals and a trail."""
    with decimal.localcontext() as dctx:
        dctx.prec = PRECISION
        dctx.traps[decimal.Inexact] = False
        ctx = Context(filing, library(), locate or _no_location)
        figures = _compute(ctx)
    return Computation(figures, tuple(ctx.issues))


_PROCESS: dict[type, Callable[..., SourceResult | None]] = {
    CementClinker: clinker, AluminiumAnode: anode, AluminiumPFC: pfc, DirectEmission: direct,
}


def _facility(ctx: Context, i: int, fac: Facility, share: Decimal,
              consolidated: bool) -> FacilityResult:
    path: tuple[PathPart, ...] = ("facilities", i)
    result = FacilityResult(fac.id, fac.entity, fac.province, fac.ets.covered, share, consolidated)
    found: list[SourceResult | None] = []
    for j, c in enumerate(fac.combustion):
        found.append(combustion_source(ctx, fac.id, c, (*path, "combustion", j), fac.ets.covered,
                                            fac.ets.sector))
    for j, e in enumerate(fac.electricity):
        found.append(electricity_source(ctx, fac.id, e, (*path, "electricity", j)))
    for j, h in enumerate(fac.heat):
        found.append(heat_source(ctx, fac.id, h, (*path, "heat", j)))
    for j, p in enumerate(fac.process):
        found.append(_PROCESS[type(p)](ctx, fac.id, p, (*path, "process", j)))
    result.sources = [s for s in found if s is not None]
    for product in fac.products:
        qty, unit = result.products.get(product.key, (Decimal(0), product.unit))
        result.products[product.key] = (qty + product.quantity, product.unit)
    return result


def _group_trail(ctx: Context, facilities: list[FacilityResult]) -> None:
    """Trail entries tying facility totals to sources and the group totals to facilities."""
    for scope, name in ((1, "scope1"), (2, "scope2_location")):
        parts = []
        for f in facilities:
            fid = f"{f.id}/{name}"
            ctx.trail.append(TrailEntry(
                fid, f"facility.{name}", f.total(scope), "tCO2e", "Σ sources", (), f.id, (),
                tuple(s.trail_id for s in f.sources if s.scope == scope)))
            parts.append(fid)
        value = sum((f.total(scope) * f.share for f in facilities), Decimal(0))
        inputs = tuple(TrailInput(f"share {f.id}", f.share, "1", ctx.filing.boundary.approach.value,
                                  f.entity) for f in facilities)
        ctx.trail.append(TrailEntry(f"group/{name}", f"group.{name}", value, "tCO2e",
                                    "Σ facility total × share", inputs, "group", (), tuple(parts)))


def _compute(ctx: Context) -> Figures:
    filing = ctx.filing
    entities = {e.id: e for e in filing.boundary.entities}
    approach = filing.boundary.approach
    facilities: list[FacilityResult] = []
    for i, fac in enumerate(filing.facilities):
        entity = entities.get(fac.entity)
        if entity is None:
            ctx.issue("rule.boundary.unknown-entity", ("facilities", i, "entity"), entity=fac.entity,
                      suggestion=did_you_mean(fac.entity, entities))
            continue
        facilities.append(_facility(ctx, i, fac, aggregate.share(entity, approach), entity.consolidated))
    shares_by = {
        a.value: {f.id: aggregate.share(entities[f.entity], a) for f in facilities}
        for a in ConsolidationApproach
    }
    totals = aggregate.scope_totals(facilities, shares_by[approach.value])
    _group_trail(ctx, facilities)
    data_quality = quality(ctx, facilities)
    group = aggregate.scope_totals(
        facilities, {f.id: f.share if f.consolidated else Decimal(0) for f in facilities})
    others = aggregate.scope_totals(
        facilities, {f.id: Decimal(0) if f.consolidated else f.share for f in facilities})
    energy_gj = aggregate.energy(facilities)
    extra_gj = additional(ctx)
    for key, gj in extra_gj.items():
        energy_gj[key] = energy_gj.get(key, Decimal(0)) + gj
    energy_gj = dict(sorted(energy_gj.items()))
    intensity = aggregate.intensity_revenue(filing, totals)
    revenue_10k = intensity.get("revenue_10k_cny")
    scope3_by_cat: dict[int, Decimal] = {}
    if filing.scope3 is not None:
        for cat in filing.scope3.categories:
            scope3_by_cat[cat.category] = scope3_by_cat.get(cat.category, Decimal(0)) + cat.emissions
    return Figures(
        approach=approach.value,
        gwp_set=filing.report.gwp.set.value,
        facilities=facilities,
        totals=totals,
        by_approach={a: aggregate.scope_totals(facilities, s) for a, s in shares_by.items()},
        consolidated_group=group,
        other_investees=others,
        by_source_type=aggregate.breakdown(facilities, "source_type"),
        by_gas=aggregate.breakdown(facilities, "gas"),
        energy_gj=energy_gj,
        scope3=sum(scope3_by_cat.values(), Decimal(0)) if filing.scope3 is not None else None,
        scope3_by_category=dict(sorted(scope3_by_cat.items())),
        intensity_revenue=intensity,
        intensity_product=aggregate.intensity_product(facilities),
        trail=ctx.trail,
        substitutions=ctx.substitutions,
        factors_used=dict(sorted(ctx.factors_used.items())),
        factor_uses=dict(ctx.factor_uses),
        parameter_basis={k: dict(v) for k, v in sorted(ctx.basis_counts.items())},
        energy=energy_figures(ctx, facilities, energy_gj, extra_gj, revenue_10k),
        finance=finance_figures(ctx, revenue_10k),
        quality=data_quality,
    )
