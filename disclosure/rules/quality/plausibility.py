"""Plausibility by sector: implied intensities per product, implied emission factor per tce, zero
Scope 1 where fuel is burned, intensity against the prior year. Warnings with figure, bound, source."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from disclosure import units
from disclosure.issues import Issue
from disclosure.model.sources import Facility, Product
from disclosure.resources import load_data_yaml
from disclosure.rules.registry import RuleContext, rule


@cache
def bounds() -> dict[str, Any]:
    data: dict[str, Any] = load_data_yaml("plausibility.yaml")
    return data


def requirement_met(fac: Facility, product: Product, spec: dict[str, Any]) -> bool:
    """Whether a bound's ``requires`` holds: the facility also reports that product, at most
    ``ratio_max`` times this product's quantity (e.g. clinker ≤ cement: it grinds its own clinker)."""
    req = spec.get("requires")
    if not req:
        return True
    other = next((q for q in fac.products if q.key == req["product"]), None)
    if other is None or not units.known(other.unit) or not units.same_dimension(other.unit, product.unit):
        return False
    return units.convert(other.quantity, other.unit, product.unit) <= product.quantity * Decimal(req["ratio_max"])


@rule("rule.plausibility.intensity")
def rule_intensity(ctx: RuleContext) -> Iterator[Issue]:
    """A facility's implied intensity per product (t CO₂e/t aluminium, t CO₂/t clinker and per t
    cement, t CO₂/MWh supplied) lies within the bounds of docs/data-quality.md (data/plausibility.yaml)."""
    table: dict[str, list[dict[str, Any]]] = {}
    for spec in bounds()["intensity"]:
        table.setdefault(spec["product"], []).append(spec)
    results = {f.id: f for f in ctx.figures.facilities}
    for i, fac in enumerate(ctx.filing.facilities):
        res = results.get(fac.id)
        if res is None:
            continue
        for j, p in enumerate(fac.products):
            for spec in table.get(p.key, ()):
                denominator = spec["unit"].split("/")[1]
                if p.quantity <= 0 or not units.known(p.unit) or not units.same_dimension(p.unit, denominator):
                    continue
                if not requirement_met(fac, p, spec):
                    continue
                value = res.scope1 if spec["measure"] == "scope1" else res.scope1 + res.scope2_location
                intensity = value / units.convert(p.quantity, p.unit, denominator)
                low, high = Decimal(spec["low"]), Decimal(spec["high"])
                if not low <= intensity <= high:
                    yield ctx.at("rule.plausibility.intensity", ("facilities", i, "products", j, "quantity"),
                                 facility=fac.id, product=p.key,
                                 value=intensity.quantize(Decimal("0.0001")), unit=spec["unit"], low=low,
                                 high=high, basis_zh=spec["basis"]["zh-CN"], basis_en=spec["basis"]["en"])


@rule("rule.plausibility.fuel-factor")
def rule_fuel_factor(ctx: RuleContext) -> Iterator[Issue]:
    """The implied emission factor per tce of each fuel (emissions ÷ energy) is physically possible
    for that fuel: within ±25 % of its default, or the bounds of its form (solid, liquid, gas)."""
    spec = bounds()["fuel_factor"]
    rel = Decimal(spec["relative"])
    results = {(f.id, s.source): s for f in ctx.figures.facilities for s in f.sources}
    for i, fac in enumerate(ctx.filing.facilities):
        for j, c in enumerate(fac.combustion):
            res = results.get((fac.id, c.id))
            fuel = ctx.lib.fuels.get(c.fuel)
            if res is None or fuel is None or not res.energy_gj or res.emissions <= 0:
                continue
            implied = res.emissions / (res.energy_gj / units.TCE_GJ)
            cc = ctx.lib.fuel_default(c.fuel, "carbon_content")
            of = ctx.lib.fuel_default(c.fuel, "oxidation")
            if cc is not None and of is not None and cc.unit == "tC/GJ":
                typical = cc.value * units.TCE_GJ * 44 / 12 * units.parse(of.unit).factor * of.value
                low, high = typical * (1 - rel), typical * (1 + rel)
            else:
                low, high = Decimal(spec[fuel.form]["low"]), Decimal(spec[fuel.form]["high"])
            if not low <= implied <= high:
                yield ctx.at("rule.plausibility.fuel-factor", ("facilities", i, "combustion", j),
                             facility=fac.id, source=c.id, fuel=c.fuel,
                             value=implied.quantize(Decimal("0.001")), low=low.quantize(Decimal("0.001")),
                             high=high.quantize(Decimal("0.001")), basis_zh=spec["basis"]["zh-CN"],
                             basis_en=spec["basis"]["en"])


@rule("rule.plausibility.zero-scope1")
def rule_zero_scope1(ctx: RuleContext) -> Iterator[Issue]:
    """A facility that burns fuel or is an ETS key emitter reports some Scope 1."""
    results = {f.id: f for f in ctx.figures.facilities}
    for i, fac in enumerate(ctx.filing.facilities):
        res = results.get(fac.id)
        burns = any(r.quantity > 0 for c in fac.combustion for r in c.records)
        if res is not None and res.scope1 == 0 and (burns or fac.ets.covered):
            yield ctx.at("rule.plausibility.zero-scope1", ("facilities", i),
                         facility=fac.id, ets="yes" if fac.ets.covered else "no")


@rule("rule.plausibility.yoy")
def rule_yoy(ctx: RuleContext) -> Iterator[Issue]:
    """Emissions and energy per 万元 of revenue stay within ×0.5–×2 of last year's (history N−1)."""
    spec = bounds()["yoy"]
    low, high = Decimal(spec["low"]), Decimal(spec["high"])
    f = ctx.figures
    revenue = f.intensity_revenue.get("revenue_10k_cny")
    if not revenue:
        return
    year = ctx.filing.report.fiscal_year
    for i, h in enumerate(ctx.filing.history):
        if h.year != year - 1 or not h.revenue_10k_cny:
            continue
        pairs = [("scope12_location", f.totals.scope1 + f.totals.scope2_location,
                  h.scope1 + h.scope2_location)]
        if h.energy_tce and f.energy_gj:
            pairs.append(("energy_tce", f.energy_total_tce, h.energy_tce))
        for name, now, before in pairs:
            if now <= 0 or before <= 0:
                continue
            ratio = (now / revenue) / (before / h.revenue_10k_cny)
            if not low <= ratio <= high:
                yield ctx.at("rule.plausibility.yoy", ("history", i), field=name, year=h.year,
                             ratio=ratio.quantize(Decimal("0.01")), low=low, high=high)
