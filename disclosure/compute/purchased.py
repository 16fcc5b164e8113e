"""Purchased electricity (location-, market-based and ETS figures) and purchased heat."""

from __future__ import annotations

from decimal import Decimal

from disclosure import units
from disclosure.compute.context import Context, Value
from disclosure.compute.results import SourceResult
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.issues import PathPart
from disclosure.model.sources import ActivityRecord, ElectricitySource, HeatSource, InstrumentType

_MWH = "MWh"


def _activity(ctx: Context, records: list[ActivityRecord], reference: str, to_unit: str,
              path: tuple[PathPart, ...]) -> tuple[Decimal, dict[str, Decimal], list[TrailInput]] | None:
    total = Decimal(0)
    monthly: dict[str, Decimal] = {}
    inputs: list[TrailInput] = []
    ok = True
    for k, rec in enumerate(records):
        rpath = (*path, "records", k)
        if not ctx.unit_ok(rec.unit, reference, (*rpath, "unit"), "unit"):
            ok = False
            continue
        value = units.convert(rec.quantity, rec.unit, to_unit)
        total += value
        monthly[rec.period] = monthly.get(rec.period, Decimal(0)) + value
        inputs.append(TrailInput(f"Q {rec.period}", rec.quantity, rec.unit, "activity",
                                 rec.evidence or ctx.where(rpath)))
    return (total, monthly, inputs) if ok else None


def _per(v: Value, denominator: str) -> Decimal:
    """A factor in tCO2e per ``denominator`` (e.g. kgCO2/kWh → tCO2/MWh)."""
    return v.value * units.factor(v.unit, f"tCO2e/{denominator}")


_ETS_WORDS = ("全国电网平均排放因子", "环办气候", "碳排放权交易", "碳市场", "ETS", "ets-national")
"""Words that mark a source text as the ETS grid factor's notice, not the MEE/NBS series."""


def ets_in_disguise(ctx: Context, src: ElectricitySource) -> str | None:
    """Why a hand-typed location factor is really the ETS factor (its value or its source), if it is."""
    ref = src.location_factor
    if ref.value is None:
        return None
    if ref.unit and units.known(ref.unit) and units.same_dimension(ref.unit, "tCO2/MWh"):
        value = ref.value * units.factor(ref.unit, "tCO2/MWh")
        if value in ctx.lib.ets_values():
            return f"{value} tCO2/MWh"
    text = ref.source or ""
    return next((w for w in _ETS_WORDS if w.lower() in text.lower()), None)


def electricity_source(ctx: Context, facility: str, src: ElectricitySource,
                       path: tuple[PathPart, ...]) -> SourceResult | None:
    activity = _activity(ctx, src.records, _MWH, _MWH, path)
    disguised = ets_in_disguise(ctx, src)
    if disguised is not None:
        ctx.issue("rule.elec.series-mixed", (*path, "location_factor"), expected="mee-nbs",
                  found=f"ets-national ({disguised})")
        return None
    loc = ctx.factor(src.location_factor, "grid-electricity", "tCO2/MWh",
                     (*path, "location_factor"))
    if loc is not None and src.location_factor.series == "ets-national" or (
        loc is not None and loc.factor_id.startswith("elec.ets-national")
    ):
        ctx.issue("rule.elec.series-mixed", (*path, "location_factor"), expected="mee-nbs",
                  found="ets-national")
        return None
    ets: Value | None = None
    if src.ets_factor is not None:
        ets = ctx.factor(src.ets_factor, "grid-electricity", "tCO2/MWh", (*path, "ets_factor"))
        if ets is not None and not ets.factor_id.startswith("elec.ets-national"):
            ctx.issue("rule.elec.series-mixed", (*path, "ets_factor"), expected="ets-national",
                      found=ets.factor_id or "user")
            return None
    residual = loc
    if src.residual_factor is not None:
        residual = ctx.factor(src.residual_factor, "grid-electricity", "tCO2/MWh",
                              (*path, "residual_factor"))
    if activity is None or loc is None or residual is None:
        return None
    mwh, monthly, inputs = activity
    location = mwh * _per(loc, _MWH)
    sid = f"{facility}/{src.id}"
    flags = tuple(sorted({loc.basis} & {"secondary", "unverified", "user"}))
    ctx.trail.append(TrailEntry(f"{sid}/location", "scope2.location", location, "tCO2",
                                "E = AD(MWh) × EF_grid", (*inputs, loc.as_input("EF_grid")),
                                ctx.where(path), flags))
    covered = Decimal(0)
    market = Decimal(0)
    m_inputs: list[TrailInput] = []
    for i, inst in enumerate(src.instruments):
        ipath = (*path, "instruments", i)
        if inst.type is InstrumentType.ONSITE:
            # GHG Protocol Scope 2 Guidance: power generated and used on site is not purchased; it is
            # neither a contractual instrument nor deducted from a metered grid purchase.
            ctx.issue("rule.elec.onsite-not-instrument", (*ipath, "type"), quantity=inst.quantity,
                      unit=inst.unit)
            return None
        if not ctx.unit_ok(inst.unit, _MWH, (*ipath, "unit"), "unit"):
            return None
        q = units.convert(inst.quantity, inst.unit, _MWH)
        covered += q
        market += q * inst.factor
        m_inputs.append(TrailInput(f"{inst.type.value}", q, _MWH, "instrument",
                                   inst.evidence or ctx.where(ipath)))
    if covered > mwh:
        ctx.issue("rule.elec.instruments-exceed", (*path, "instruments"), covered=covered,
                  consumed=mwh)
        return None
    market += (mwh - covered) * _per(residual, _MWH)
    ctx.trail.append(TrailEntry(
        f"{sid}/market", "scope2.market", market, "tCO2",
        "E = Σ instrument MWh × EF_instrument + (AD − covered) × EF_residual",
        (*inputs, *m_inputs, residual.as_input("EF_residual")), ctx.where(path), flags))
    ets_value = None
    if ets is not None:
        ets_value = mwh * _per(ets, _MWH)
        ctx.trail.append(TrailEntry(f"{sid}/ets", "scope2.ets", ets_value, "tCO2",
                                    "E = AD(MWh) × EF_ETS", (*inputs, ets.as_input("EF_ETS")),
                                    ctx.where(path), (ets.basis,)))
    return SourceResult(
        facility=facility, source=src.id, kind="electricity", source_type="purchased-electricity",
        scope=2, emissions=location, by_gas={"CO2": location}, energy_gj=mwh * units.factor(_MWH, "GJ"),
        energy_type="electricity", market=market, ets=ets_value, quantity=mwh, quantity_unit=_MWH,
        monthly_quantity=monthly, trail_id=f"{sid}/location",
    )


def heat_source(ctx: Context, facility: str, src: HeatSource,
                path: tuple[PathPart, ...]) -> SourceResult | None:
    activity = _activity(ctx, src.records, "GJ", "GJ", path)
    if src.factor is not None:
        factor = ctx.factor(src.factor, "heat", "tCO2/GJ", (*path, "factor"))
    else:
        found = ctx.lib.by_id["heat.gbt32150-2025"]
        factor = ctx.use(found)
    if activity is None or factor is None:
        return None
    gj, monthly, inputs = activity
    value = gj * _per(factor, "GJ")
    sid = f"{facility}/{src.id}"
    ctx.trail.append(TrailEntry(sid, "scope2.heat", value, "tCO2", "E = AD(GJ) × EF_heat",
                                (*inputs, factor.as_input("EF_heat")), ctx.where(path),
                                tuple(sorted({factor.basis} & {"secondary", "unverified", "user"}))))
    return SourceResult(
        facility=facility, source=src.id, kind="heat", source_type="purchased-heat", scope=2,
        emissions=value, by_gas={"CO2": value}, energy_gj=gj, energy_type="heat", market=value,
        ets=value, quantity=gj, quantity_unit="GJ", monthly_quantity=monthly, trail_id=sid,
    )
