"""Energy per unit of product against the national energy-consumption limit standards, and
intensities per unit of product against the prior years' (history). Warnings with the figure, the
bound and its source; a power-of-ten gap to a prior year is an error (docs/data-quality.md §3)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from disclosure import units
from disclosure.compute.results import FacilityResult, total
from disclosure.factors import Library
from disclosure.issues import Issue
from disclosure.model.metrics import PriorProduct
from disclosure.rules.quality.plausibility import bounds, requirement_met
from disclosure.rules.quality.series import power_of_ten
from disclosure.rules.registry import RuleContext, rule

MEASURES = {
    "scope12_location": ("范围一和范围二（基于位置）排放强度", "Scope 1 + 2 (location) intensity"),
    "scope1": ("范围一排放强度", "Scope 1 intensity"),
    "energy": ("单位产品能耗", "energy per unit"),
}
"""Names of what a per-product figure measures, in the two languages of the messages."""


def facility_energy(res: FacilityResult, lib: Library) -> dict[str, Decimal] | None:
    """The facility's energy by measure (GJ): fuel, solid fuel, electricity, all; None when some
    source's energy is unknown (a fuel without NCV), so no per-product energy can be formed."""
    if any(s.energy_gj is None for s in res.sources if s.kind in ("combustion", "electricity", "heat")):
        return None
    fuel = total(s.energy_gj or Decimal(0) for s in res.sources if s.kind == "combustion")
    solid = total(s.energy_gj or Decimal(0) for s in res.sources if s.kind == "combustion"
                  and (f := lib.fuels.get(s.energy_type)) is not None and f.form == "solid")
    electricity = total(s.energy_gj or Decimal(0) for s in res.sources if s.kind == "electricity")
    heat = total(s.energy_gj or Decimal(0) for s in res.sources if s.kind == "heat")
    return {"fuel": fuel, "solid": solid, "electricity": electricity, "energy": fuel + electricity + heat}


def _applies(spec: dict[str, Any], energy: dict[str, Decimal], keys: set[str]) -> bool:
    dominant = spec.get("dominant")
    if dominant == "electricity" and energy["electricity"] < energy["fuel"]:
        return False
    if dominant == "solid" and (energy["fuel"] <= 0 or energy["solid"] * 2 < energy["fuel"]):
        return False
    return not (spec.get("without") and spec["without"] in keys)


@rule("rule.plausibility.energy")
def rule_energy(ctx: RuleContext) -> Iterator[Issue]:
    """A facility's energy per unit of product (kWh per t aluminium, kgce per t clinker and per t
    cement, gce per kWh supplied) lies within bounds set around the national energy-consumption limit
    standards (GB 21346, GB 16780, GB 21258; data/plausibility.yaml ``energy``)."""
    table: dict[str, list[dict[str, Any]]] = {}
    for spec in bounds()["energy"]:
        table.setdefault(spec["product"], []).append(spec)
    results = {f.id: f for f in ctx.figures.facilities}
    for i, fac in enumerate(ctx.filing.facilities):
        res = results.get(fac.id)
        specs = [s for p in fac.products for s in table.get(p.key, ())]
        if res is None or not specs:
            continue
        energy = facility_energy(res, ctx.lib)
        if energy is None:
            continue
        keys = {p.key for p in fac.products}
        for j, p in enumerate(fac.products):
            for spec in table.get(p.key, ()):
                den = spec["denominator"]
                if p.quantity <= 0 or not units.known(p.unit) or not units.same_dimension(p.unit, den):
                    continue
                if not _applies(spec, energy, keys) or not requirement_met(fac, p, spec):
                    continue
                gj = energy[spec["measure"]]
                if gj <= 0:
                    continue
                value = units.convert(gj, "GJ", spec["numerator"]) / units.convert(p.quantity, p.unit, den)
                low, high = Decimal(spec["low"]), Decimal(spec["high"])
                if not low <= value <= high:
                    yield ctx.at("rule.plausibility.energy", ("facilities", i, "products", j, "quantity"),
                                 facility=fac.id, product=p.key, indicator_zh=spec["indicator"]["zh-CN"],
                                 indicator_en=spec["indicator"]["en"], value=value.quantize(Decimal("0.1")),
                                 unit=spec["unit"], low=low, high=high, cite=spec["cite"])


def _current(ctx: RuleContext, prior: PriorProduct) -> tuple[Decimal, str, str] | None:
    """This year's figure for the product and measure, in the prior figure's unit: (value, measure,
    unit of this year's figure); None when this year has no figure or the units do not fit."""
    if not units.known(prior.unit):
        return None
    dims = units.parse(prior.unit).dims
    entry = ctx.figures.intensity_product.get(prior.key)
    energy = ctx.figures.energy.intensity_product.get(prior.key) if ctx.figures.energy else None
    measure = prior.measure
    if measure is None:
        measure = "energy" if energy is not None and units.same_dimension(prior.unit, f"tce/{energy[1]}") \
            else "scope12_location"
    if measure == "energy":
        if energy is None or not units.known(f"tce/{energy[1]}") or not units.same_dimension(
                prior.unit, f"tce/{energy[1]}"):
            return None
        return units.convert(energy[0], f"tce/{energy[1]}", prior.unit), measure, f"tce/{energy[1]}"
    if entry is None:
        return None
    unit = f"tCO2e/{entry['unit']}"
    value = entry.get(f"intensity_{measure}")
    if value is None or not units.known(unit) or units.parse(unit).dims != dims:
        return None
    return units.convert(value, unit, prior.unit), measure, unit


@rule("rule.plausibility.yoy-product", "rule.magnitude.prior-year")
def rule_yoy_product(ctx: RuleContext) -> Iterator[Issue]:
    """This year's intensity per unit of product (emissions or energy) stays within ×0.67–×1.5 of the
    figure each prior year in ``history`` reported for the same product; a power of ten apart is a
    unit slip (error)."""
    spec = bounds()["yoy_product"]
    low, high = Decimal(spec["low"]), Decimal(spec["high"])
    for i, h in enumerate(ctx.filing.history):
        for k, prior in enumerate(h.products):
            path = ("history", i, "products", k, "value")
            found = _current(ctx, prior)
            if found is None or prior.value <= 0 or found[0] <= 0:
                continue
            now, measure, _ = found
            ratio = now / prior.value
            places = Decimal("0.0001")
            magnitude = power_of_ten(ratio)
            if magnitude is not None:
                yield ctx.at("rule.magnitude.prior-year", path, field=f"{prior.key} {prior.unit}",
                             year=h.year, value=prior.value, centre=now.quantize(places),
                             factor=f"10^{-magnitude}")
            elif not low <= ratio <= high:
                yield ctx.at("rule.plausibility.yoy-product", path, product=prior.key,
                             measure_zh=MEASURES[measure][0], measure_en=MEASURES[measure][1],
                             year=h.year, before=prior.value, now=now.quantize(places), unit=prior.unit,
                             ratio=ratio.quantize(Decimal("0.01")), low=low, high=high)
