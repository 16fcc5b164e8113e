"""Rules on activity data: signs, periods, monthly evidence, magnitude traps, verification."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from disclosure.issues import Issue, PathPart
from disclosure.model.sources import ActivityRecord, CombustionSource, ElectricitySource, Facility, FuelRecord
from disclosure.rules.quality.series import power_of_ten
from disclosure.rules.registry import RuleContext, rule

EVIDENCE_DAYS = 40
"""Monthly data are deposited within 40 natural days of month-end (MEE 2026 notice, [S])."""


def near_power_of_ten(ratio: Decimal) -> int | None:
    """The k (k ≠ 0) when ``ratio`` is within a factor √2 of 10^k: the 万t / t / '000 t trap."""
    return power_of_ten(ratio)


def _sources(fac: Facility) -> Iterator[tuple[str, int, Sequence[FuelRecord | ActivityRecord]]]:
    for j, c in enumerate(fac.combustion):
        yield "combustion", j, c.records
    for j, e in enumerate(fac.electricity):
        yield "electricity", j, e.records
    for j, h in enumerate(fac.heat):
        yield "heat", j, h.records


@rule("rule.ghg.negative")
def rule_negative(ctx: RuleContext) -> Iterator[Issue]:
    """No negative quantities: activity data, production, Scope 3 and verified totals are ≥ 0."""
    for i, fac in enumerate(ctx.filing.facilities):
        for kind, j, records in _sources(fac):
            for k, rec in enumerate(records):
                if rec.quantity < 0:
                    yield ctx.at("rule.ghg.negative", ("facilities", i, kind, j, "records", k,
                                                       "quantity"), field="quantity", value=rec.quantity)
        for j, e in enumerate(fac.electricity):
            for k, inst in enumerate(e.instruments):
                if inst.quantity < 0:
                    yield ctx.at("rule.ghg.negative", ("facilities", i, "electricity", j,
                                                       "instruments", k, "quantity"),
                                 field="quantity", value=inst.quantity)
        for j, p in enumerate(fac.products):
            if p.quantity < 0:
                yield ctx.at("rule.ghg.negative", ("facilities", i, "products", j, "quantity"),
                             field="quantity", value=p.quantity)
        v = fac.verification
        for name in ("scope1", "scope2"):
            value = getattr(v, name) if v else None
            if value is not None and value < 0:
                yield ctx.at("rule.ghg.negative", ("facilities", i, "verification", name),
                             field=name, value=value)
    if ctx.filing.scope3 is not None:
        for j, cat in enumerate(ctx.filing.scope3.categories):
            if cat.emissions < 0:
                yield ctx.at("rule.ghg.negative", ("scope3", "categories", j, "emissions"),
                             field="emissions", value=cat.emissions)


@rule("rule.period.outside-year", "rule.period.mixed", "rule.period.duplicate")
def rule_periods(ctx: RuleContext) -> Iterator[Issue]:
    """Records fall in the fiscal year; a source has one annual record or months, each once."""
    year = str(ctx.filing.report.fiscal_year)
    for i, fac in enumerate(ctx.filing.facilities):
        for kind, j, records in _sources(fac):
            base: tuple[PathPart, ...] = ("facilities", i, kind, j, "records")
            for k, rec in enumerate(records):
                if rec.period[:4] != year:
                    yield ctx.at("rule.period.outside-year", (*base, k, "period"),
                                 period=rec.period, year=year)
            periods = [r.period for r in records]
            if any(len(p) == 4 for p in periods) and any(len(p) == 7 for p in periods):
                yield ctx.at("rule.period.mixed", base)
            seen: set[str] = set()
            for k, period in enumerate(periods):
                if period in seen:
                    yield ctx.at("rule.period.duplicate", (*base, k, "period"), period=period)
                seen.add(period)


def _month_end(period: str) -> date:
    y, m = int(period[:4]), int(period[5:7])
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


@rule("rule.mrv.late-evidence", "rule.mrv.deposit-missing")
def rule_monthly(ctx: RuleContext) -> Iterator[Issue]:
    """Monthly data are deposited (月度存证) within 40 natural days of month-end; an ETS key emitter's
    monthly fuel records give their deposit date. (Twelve months: rule_twelve_months.)"""
    for i, fac in enumerate(ctx.filing.facilities):
        for kind, j, records in _sources(fac):
            base: tuple[PathPart, ...] = ("facilities", i, kind, j, "records")
            undated = [r.period for r in records if len(r.period) == 7 and r.evidence_date is None]
            if fac.ets.covered and kind == "combustion" and undated:
                yield ctx.at("rule.mrv.deposit-missing", base, facility=fac.id, months=undated)
            for k, rec in enumerate(records):
                if rec.evidence_date is None or len(rec.period) != 7:
                    continue
                due = _month_end(rec.period) + timedelta(days=EVIDENCE_DAYS)
                if rec.evidence_date > due:
                    yield ctx.at("rule.mrv.late-evidence", (*base, k, "evidence_date"),
                                 period=rec.period, date=rec.evidence_date, due=due)


@rule("rule.magnitude.declared", "rule.activity.declared-mismatch")
def rule_declared(ctx: RuleContext) -> Iterator[Issue]:
    """The records' sum equals the declared annual total; a 10×/1,000×/10,000× gap is a unit trap."""
    results = {(r.facility, r.source): r for f in ctx.figures.facilities for r in f.sources}
    for i, fac in enumerate(ctx.filing.facilities):
        sources: list[tuple[str, int, CombustionSource | ElectricitySource]]
        sources = [("combustion", j, s) for j, s in enumerate(fac.combustion)]
        sources += [("electricity", j, s) for j, s in enumerate(fac.electricity)]
        for kind, j, src in sources:
            declared = src.declared_annual_quantity
            res = results.get((fac.id, src.id))
            if declared is None or res is None or res.quantity is None:
                continue
            path = ("facilities", i, kind, j, "declared_annual_quantity")
            total = res.quantity
            if total == declared:
                continue
            k = near_power_of_ten(declared / total) if total > 0 else None
            if k is not None:
                yield ctx.at("rule.magnitude.declared", path, declared=declared, total=total,
                             unit=res.quantity_unit, factor=f"10^{k}")
            elif abs(declared - total) > abs(total) * Decimal("0.005"):
                yield ctx.at("rule.activity.declared-mismatch", path, declared=declared,
                             total=total, unit=res.quantity_unit)


@rule("rule.verify.mismatch", "rule.verify.magnitude")
def rule_verification(ctx: RuleContext) -> Iterator[Issue]:
    """Computed facility totals are reconciled with the verification report (核查报告): a power-of-ten
    gap is an error; any gap above the stated floor (``verification_tolerance_t`` tCO2e or
    ``verification_tolerance_pct`` % of the verified figure, whichever is larger) needs a reconciling
    explanation (``verification.reconciliation``). The gap is always shown in the report."""
    quality = ctx.figures.quality
    if quality is None:
        return
    for r in quality.reconciliations:
        k = near_power_of_ten(r.computed / r.verified) if r.verified > 0 and r.computed > 0 else None
        if k is not None:
            yield ctx.at("rule.verify.magnitude", r.path, field=r.scope, verified=r.verified,
                         computed=r.computed, factor=f"10^{k}")
        elif r.needs_explanation and r.explanation is None:
            pct = r.pct.quantize(Decimal("0.001")) if r.pct is not None else "-"
            yield ctx.at("rule.verify.mismatch", r.path, field=r.scope, verified=r.verified,
                         computed=r.computed.quantize(Decimal("0.01")),
                         diff=f"{r.gap.quantize(Decimal('0.01')):+}", pct=pct, threshold=r.threshold)


@rule("rule.elec.factor-year", "rule.elec.factor-region")
def rule_grid_factor(ctx: RuleContext) -> Iterator[Issue]:
    """The grid factor's year and region match the facility, or the difference is pointed out."""
    year = ctx.filing.report.fiscal_year
    for i, fac in enumerate(ctx.filing.facilities):
        province = ctx.lib.region_key(fac.province)
        for j, e in enumerate(fac.electricity):
            ref = e.location_factor
            if ref.justification is not None:
                continue
            path = ("facilities", i, "electricity", j, "location_factor")
            factor = ctx.lib.by_id.get(ref.id) if ref.id else None
            f_year = factor.year if factor else ref.year
            f_region = factor.region if factor else (
                ctx.lib.region_key(ref.region) if ref.region else None)
            f_level = ctx.lib.regions.get(f_region or "", {}).get("level")
            if f_year is not None and f_year != year:
                yield ctx.at("rule.elec.factor-year", path, factor_year=f_year, year=year)
            if f_level == "province" and province is not None and f_region != province:
                yield ctx.at("rule.elec.factor-region", path, region=f_region, province=province)
            ets = e.ets_factor
            if ets is not None and ets.justification is None and ets.year is not None and ets.year != year:
                yield ctx.at("rule.elec.factor-year", ("facilities", i, "electricity", j, "ets_factor"),
                             factor_year=ets.year, year=year)


@rule("rule.factor.unverified", "rule.mrv.substitution")
def rule_provenance(ctx: RuleContext) -> Iterator[Issue]:
    """Low-confidence defaults and default substitutions are pointed out for the preparer to confirm."""
    for fid, factor in ctx.figures.factors_used.items():
        if factor.status == "unverified":
            yield ctx.at("rule.factor.unverified", (), factor=fid, uses=ctx.figures.factor_uses[fid])
    counts = Counter((s.facility, s.source, s.parameter) for s in ctx.figures.substitutions)
    index = {f.id: i for i, f in enumerate(ctx.filing.facilities)}
    for (fac, src, param), n in sorted(counts.items()):
        i = index[fac]
        j = next(j for j, c in enumerate(ctx.filing.facilities[i].combustion) if c.id == src)
        yield ctx.at("rule.mrv.substitution", ("facilities", i, "combustion", j), source=src,
                     parameter=param, count=n)
