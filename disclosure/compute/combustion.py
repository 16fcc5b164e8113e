"""Fossil-fuel combustion: E = Σ FC × NCV × CC × OF × 44/12 (MEE method), record by record."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from disclosure import units
from disclosure.compute import testing
from disclosure.compute.context import Context, Value, fraction
from disclosure.compute.results import SourceResult
from disclosure.compute.trail import Substitution, TrailEntry, TrailInput
from disclosure.issues import PathPart
from disclosure.model.base import Basis
from disclosure.model.sources import CombustionSource, FuelParameters, FuelRecord, Param
from disclosure.suggest import did_you_mean

_ENERGY = units.parse("GJ").dims
_CARBON_PER_ENERGY = units.parse("tC/GJ").dims
_CARBON_PER_MASS = units.parse("tC/t").dims
_MASS = units.parse("t").dims
_NONE = units.parse("1").dims
FORMULA = "E = FC × NCV × CC × OF × 44/12"
FORMULA_MASS = "E = FC × CC(元素碳含量, tC/t) × OF × 44/12"


def combustion_source(ctx: Context, facility: str, src: CombustionSource,
                      path: tuple[PathPart, ...], ets: bool = False,
                      sector: str | None = None) -> SourceResult | None:
    """Compute one combustion source; problems become findings and the source is skipped.

    ``ets``: the facility is an ETS key emitter of ``sector``, so its measured parameters must meet the
    minimum testing frequency of data/testing.yaml: a failure is substituted by the default or, where
    the table says so, reported (rule.mrv.frequency).
    """
    fuel = ctx.lib.fuels.get(src.fuel)
    if fuel is None:
        names = list(ctx.lib.fuels) + [f.zh for f in ctx.lib.fuels.values()]
        ctx.issue("rule.fuel.unknown", (*path, "fuel"), fuel=src.fuel,
                  suggestion=did_you_mean(src.fuel, names), known=sorted(ctx.lib.fuels)[:12])
        return None
    total = Decimal(0)
    energy = Decimal(0)
    energy_known = True
    quantity = Decimal(0)
    monthly: dict[str, Decimal] = {}
    parts: list[str] = []
    ok = True
    reqs = testing.requirements(sector, src.fuel, fuel.form) if ets else {}
    warned: dict[str, list[str]] = {}
    for k, rec in enumerate(src.records):
        rpath = (*path, "records", k)
        if not ctx.unit_ok(rec.unit, fuel.unit, (*rpath, "unit"), "unit"):
            ok = False
            continue
        failed = {n: r for n, r in reqs.items() if testing.fails(rec, src.parameters, r)}
        for n, r in failed.items():
            if r.action == "warn":
                warned.setdefault(n, []).append(rec.period)
        result = _record(ctx, facility, src, rec, rpath, path,
                         {n: r for n, r in failed.items() if r.action == "substitute"})
        if result is None:
            ok = False
            continue
        entry, gj = result
        total += entry.value
        if gj is None:
            energy_known = False
        else:
            energy += gj
        qty = units.convert(rec.quantity, rec.unit, fuel.unit)
        quantity += qty
        monthly[rec.period] = monthly.get(rec.period, Decimal(0)) + qty
        parts.append(entry.id)
    for name, periods in warned.items():
        r = reqs[name]
        ctx.issue("rule.mrv.frequency", (*path, "parameters", name) if getattr(src.parameters, name)
                  else (*path, "records"), facility=facility, source=src.id, periods=periods,
                  **{f"{field}_{lang[:2]}": text for field, names in (
                      ("parameter", testing.texts("parameters", name)),
                      ("frequency", testing.texts("frequencies", r.frequency)),
                      ("status", testing.texts("statuses", r.status)), ("document", r.document))
                     for lang, text in names.items()})
    if not ok:
        return None
    sid = f"{facility}/{src.id}"
    ctx.trail.append(TrailEntry(
        sid, "scope1.combustion", total, "tCO2", "Σ records", (), ctx.where(path), (), tuple(parts)))
    return SourceResult(
        facility=facility, source=src.id, kind="combustion",
        source_type="mobile-combustion" if src.mobile else "stationary-combustion", scope=1,
        emissions=total, by_gas={"CO2": total}, energy_gj=energy if energy_known else None,
        energy_type=src.fuel, quantity=quantity, quantity_unit=fuel.unit, monthly_quantity=monthly,
        declared_annual=src.declared_annual_quantity, trail_id=sid,
    )


def _record(ctx: Context, facility: str, src: CombustionSource, rec: FuelRecord,
            rpath: tuple[PathPart, ...], spath: tuple[PathPart, ...],
            frequency: dict[str, testing.Requirement] | None = None,
            ) -> tuple[TrailEntry, Decimal | None] | None:
    """One record's emissions; ``frequency``: the parameters whose measured value fails its minimum
    testing frequency and is substituted by the default (data/testing.yaml)."""
    params = src.parameters
    frequency = frequency or {}
    mark = len(ctx.substitutions)
    ncv = _param(ctx, "ncv", rec.ncv, rec.ncv_unit, rec.ncv_basis, rec.ncv_evidence, None,
                 params.ncv, src, facility, rec.period, rpath, spath,
                 "frequency" if "ncv" in frequency else None)
    cc = _param(ctx, "carbon_content", rec.carbon_content, rec.carbon_content_unit,
                rec.carbon_content_basis, rec.carbon_content_evidence,
                rec.carbon_content_compliant, params.carbon_content, src, facility, rec.period,
                rpath, spath, "frequency" if "carbon_content" in frequency else _same_sample(rec, params))
    of = _param(ctx, "oxidation", rec.oxidation, rec.oxidation_unit, rec.oxidation_basis,
                rec.oxidation_evidence, None, params.oxidation, src, facility, rec.period,
                rpath, spath, "frequency" if "oxidation" in frequency else None)
    for n in range(mark, len(ctx.substitutions)):
        sub = ctx.substitutions[n]
        if sub.reason == "frequency" and sub.parameter in frequency:
            ctx.substitutions[n] = replace(sub, requirement=frequency[sub.parameter].describe())
    if cc is None or of is None:
        return None
    fc_unit = units.parse(rec.unit)
    fc_base = rec.quantity * fc_unit.factor
    of_unit = units.parse(of.unit)
    if of_unit.dims != _NONE:
        ctx.issue("rule.units.dimension", (*rpath, "oxidation_unit"), unit=of.unit,
                  field="oxidation", expected="%")
        return None
    of_fraction = fraction(of)
    if not Decimal(0) < of_fraction <= 1:
        ctx.issue("rule.param.range", of.origin or (*rpath, "oxidation"), parameter="oxidation",
                  value=of.value, unit=of.unit)
        return None
    energy_gj: Decimal | None = None
    if ncv is not None:
        ncv_unit = units.parse(ncv.unit)
        if tuple(a + b for a, b in zip(fc_unit.dims, ncv_unit.dims, strict=True)) != _ENERGY:
            ctx.issue("rule.units.dimension", (*rpath, "unit"), unit=f"{rec.unit} × {ncv.unit}",
                      field="FC × NCV", expected="GJ")
            return None
        energy_gj = fc_base * ncv.value * ncv_unit.factor
    cc_dims = units.parse(cc.unit).dims
    if cc_dims == _CARBON_PER_ENERGY and energy_gj is None:
        ctx.issue("rule.param.default-missing", (*rpath, "ncv"), parameter="ncv", fuel=src.fuel)
        return None
    carbon = _carbon(fc_base, fc_unit.dims, energy_gj, cc)
    if carbon is None:
        ctx.issue("rule.units.dimension", (*rpath, "carbon_content_unit"), unit=cc.unit,
                  field="carbon_content", expected="tC/GJ | tC/t")
        return None
    formula = FORMULA if cc_dims == _CARBON_PER_ENERGY else FORMULA_MASS
    emissions = carbon * of_fraction * 44 / 12
    _price_substitutions(ctx, mark, fc_base, fc_unit.dims, ncv, cc, of_fraction, emissions)
    where = ctx.where(rpath)
    inputs = [TrailInput("FC", rec.quantity, rec.unit, "activity", where)]
    if ncv is not None:
        inputs.append(ncv.as_input("NCV"))
    inputs += [cc.as_input("CC"), of.as_input("OF")]
    flags = tuple(sorted({i.basis for i in inputs if i.basis in ("secondary", "unverified", "user")}))
    entry = TrailEntry(f"{facility}/{src.id}/{rec.period}", "scope1.combustion.record", emissions,
                       "tCO2", formula, tuple(inputs), where, flags)
    ctx.trail.append(entry)
    return entry, energy_gj


def _carbon(fc_base: Decimal, fc_dims: units.Dims, energy_gj: Decimal | None, cc: Value) -> Decimal | None:
    """Carbon (tC) in the fuel: energy × tC/GJ, or mass × tC/t; None when the units do not fit."""
    cc_unit = units.parse(cc.unit)
    if cc_unit.dims == _CARBON_PER_ENERGY and energy_gj is not None:
        return energy_gj * cc.value * cc_unit.factor
    if cc_unit.dims == _CARBON_PER_MASS and fc_dims == _MASS:
        return fc_base * cc.value * cc_unit.factor
    return None


def _same_sample(rec: FuelRecord, params: FuelParameters) -> str | None:
    """``different-sample`` when a measured carbon content and a measured NCV come from different
    reports: both are measured on one sample (同一样品), so one report. (Frequency: testing.py.)"""
    basis = rec.carbon_content_basis or (params.carbon_content.basis if params.carbon_content else None)
    if basis is not Basis.MEASURED:
        return None
    ncv_basis = rec.ncv_basis or (params.ncv.basis if params.ncv else None)
    if rec.carbon_content is not None and rec.ncv is not None and ncv_basis is Basis.MEASURED and (
            (rec.ncv_evidence or "") != (rec.carbon_content_evidence or "")):
        return "different-sample"
    return None


def _price_substitutions(ctx: Context, mark: int, fc_base: Decimal, fc_dims: units.Dims,
                         ncv: Value | None, cc: Value, of_fraction: Decimal, emissions: Decimal) -> None:
    """Record, on each substitution of this record, its emissions and those of the original value."""
    for n in range(mark, len(ctx.substitutions)):
        sub = ctx.substitutions[n]
        original: Decimal | None = None
        if sub.original is not None and sub.original_unit and units.known(sub.original_unit):
            swapped = Value(sub.original, sub.original_unit, "measured", "")
            alt_ncv, alt_cc, alt_of = ncv, cc, of_fraction
            if sub.parameter == "ncv":
                alt_ncv = swapped
            elif sub.parameter == "carbon_content":
                alt_cc = swapped
            else:
                alt_of = fraction(swapped)
            energy = None
            if alt_ncv is not None:
                energy = fc_base * alt_ncv.value * units.parse(alt_ncv.unit).factor
            carbon = _carbon(fc_base, fc_dims, energy, alt_cc)
            if carbon is not None:
                original = carbon * alt_of * 44 / 12
        ctx.substitutions[n] = replace(sub, emissions=emissions, emissions_original=original)


def _param(ctx: Context, name: str, value: Decimal | None, unit: str | None,
           basis: Basis | None, evidence: str | None, compliant: bool | None,
           src_param: Param | None, src: CombustionSource, facility: str, period: str,
           rpath: tuple[PathPart, ...], spath: tuple[PathPart, ...],
           failure: str | None = None) -> Value | None:
    """Record value, else the source's, else the default; substitute non-compliant values."""
    ppath = (*spath, "parameters", name)
    where: tuple[PathPart, ...] = (*rpath, name)
    if value is None and src_param is not None and src_param.value is not None:
        value, unit, where = src_param.value, src_param.unit, ppath
        evidence = evidence or src_param.evidence
    if basis is None and src_param is not None:
        basis = src_param.basis
    if compliant is None:
        compliant = src_param.compliant if src_param is not None else True
    if value is not None:
        if basis is None:
            ctx.issue("rule.param.basis-missing", where, parameter=name)
            return None
        if unit is None:
            ctx.issue("rule.units.missing", where, field=f"{name}_unit")
            return None
        if not units.known(unit):
            ctx.issue("rule.units.unknown", where, unit=unit, field=f"{name}_unit",
                      suggestion=did_you_mean(unit, units.names()))
            return None
        if value < 0:
            ctx.issue("rule.ghg.negative", where, field=name, value=value)
            return None
        if basis is Basis.MEASURED and compliant and failure is None:
            ctx.count_basis(name, "measured")
            return Value(value, unit, "measured", evidence or ctx.where(where), origin=where)
        if basis is Basis.DEFAULT:
            source = src_param.source if src_param is not None else None
            if not source:
                ctx.issue("rule.param.default-source-missing", where, parameter=name)
                return None
            ctx.count_basis(name, "default")
            return Value(value, unit, "user", source, origin=where)
        reason = failure if basis is Basis.MEASURED and compliant and failure else "non-compliant"
    else:
        reason = "missing" if basis is Basis.MEASURED else ""
    default = _default(ctx, name, src_param, src, where)
    if default is None:
        return None
    ctx.count_basis(name, "default")
    if reason:
        ctx.count_basis(name, "substituted")
        ctx.substitutions.append(Substitution(
            facility, src.id, period, name, reason, value, default.value, default.unit,
            default.factor_id or default.source, default.basis, ctx.where(where),
            original_unit=unit if value is not None else None))
    return default


def _default(ctx: Context, name: str, src_param: Param | None, src: CombustionSource,
             where: tuple[PathPart, ...]) -> Value | None:
    if src_param is not None and src_param.factor:
        found = ctx.lib.by_id.get(src_param.factor)
        if found is None or found.kind != f"fuel-{name}":
            ctx.issue("rule.factor.not-found", where, ref=src_param.factor, kind=f"fuel-{name}",
                      years="-")
            return None
        return ctx.use(found)
    found = ctx.lib.fuel_default(src.fuel, name)
    if found is None:
        ctx.issue("rule.param.default-missing", where, parameter=name, fuel=src.fuel)
        return None
    return ctx.use(found)
