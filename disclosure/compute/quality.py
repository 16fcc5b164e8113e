"""Data-quality figures: multi-source cross-checks, meter coverage, reconciliation with verification.

Computed after the emissions (they weigh by them) and kept on :class:`Figures`, so the rules
turn them into findings and the report and the trail show them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from disclosure import units
from disclosure.compute.context import Context
from disclosure.compute.results import FacilityResult, SourceResult
from disclosure.compute.trail import Substitution, TrailEntry, TrailInput
from disclosure.issues import PathPart
from disclosure.model.base import LocalText
from disclosure.model.quality import CheckRecord, Meter, SecondSource
from disclosure.model.sources import ActivityRecord, Facility, FuelRecord

HUNDRED = Decimal(100)

TOLERANCE_PCT: dict[str, Decimal] = {
    "grid-bill": Decimal(1), "meter-readings": Decimal(1), "energy-statistics": Decimal("0.5"),
    "weighbridge": Decimal(2), "stock-balance": Decimal(2), "production-report": Decimal("0.5"),
    "ets-supplementary": Decimal("0.5"), "invoice": Decimal(2), "other": Decimal(2),
}
"""Default annual tolerance of a second source, percent (docs/data-quality.md explains each)."""

MONTHLY_FACTOR = Decimal(2)
"""A month may differ by twice the annual tolerance (reading dates, stock surveys shift months)."""


@dataclass(frozen=True)
class MonthGap:
    period: str
    primary: Decimal
    secondary: Decimal
    path: tuple[PathPart, ...]
    """The second source's record."""

    @property
    def gap(self) -> Decimal:
        """Reported − second source: every difference in the report is ours minus the other source."""
        return self.primary - self.secondary


@dataclass(frozen=True)
class CheckResult:
    """One reported quantity reconciled with one second source."""

    facility: str
    subject: str
    """Source id or product key."""
    subject_kind: str
    """combustion, electricity, heat or product."""
    kind: str
    evidence: str
    primary_evidence: str
    unit: str
    primary: Decimal
    secondary: Decimal
    tolerance_pct: Decimal
    explanation: LocalText | None
    path: tuple[PathPart, ...]
    """The second source in the filing."""
    months: tuple[MonthGap, ...] = ()
    """Months compared (both sources monthly)."""
    annual: bool = True
    """Whether the totals cover the same periods (else only months are compared)."""

    @property
    def gap(self) -> Decimal:
        """Reported − second source: every difference in the report is ours minus the other source."""
        return self.primary - self.secondary

    @property
    def pct(self) -> Decimal | None:
        return self.gap / self.primary * HUNDRED if self.primary else None

    @property
    def within(self) -> bool:
        return abs(self.gap) <= abs(self.primary) * self.tolerance_pct / HUNDRED

    def months_over(self) -> list[MonthGap]:
        """Months whose gap exceeds the monthly tolerance (relative to the larger of the month and an
        average month, so a near-zero shutdown month does not inflate a small gap)."""
        if not self.months:
            return []
        mean = abs(self.primary) / len(self.months) if self.months else Decimal(0)
        limit = self.tolerance_pct * MONTHLY_FACTOR / HUNDRED
        return [m for m in self.months if abs(m.gap) > max(abs(m.primary), mean) * limit]


@dataclass(frozen=True)
class MeterRow:
    """How much of one source's activity data was measured on a calibrated meter."""

    facility: str
    source: str
    kind: str
    meters: tuple[str, ...]
    quantity: Decimal
    covered: Decimal
    unit: str
    emissions: Decimal

    @property
    def share(self) -> Decimal | None:
        return self.covered / self.quantity if self.quantity else None


@dataclass(frozen=True)
class Reconciliation:
    """A computed facility total beside the verified one (核查报告)."""

    facility: str
    scope: str
    verified: Decimal
    computed: Decimal
    threshold: Decimal
    explanation: LocalText | None
    path: tuple[PathPart, ...]

    @property
    def gap(self) -> Decimal:
        return self.computed - self.verified

    @property
    def pct(self) -> Decimal | None:
        return self.gap / self.verified * HUNDRED if self.verified else None

    @property
    def needs_explanation(self) -> bool:
        return abs(self.gap) > self.threshold


@dataclass
class Quality:
    checks: list[CheckResult] = field(default_factory=list)
    meters: list[MeterRow] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)

    @property
    def metered_emissions(self) -> tuple[Decimal, Decimal]:
        """Emissions of the sources with activity data (fuels, electricity, heat), and the part of them
        whose activity data were measured on calibrated meters (each source's emissions weighted by its
        calibrated share of activity data; a source without a meter counts as not covered)."""
        whole = sum((m.emissions for m in self.meters), Decimal(0))
        covered = sum((m.emissions * (m.share or 0) for m in self.meters), Decimal(0))
        return whole, covered

    @property
    def meter_share(self) -> Decimal | None:
        """Share of those emissions measured on calibrated meters (0..1)."""
        whole, covered = self.metered_emissions
        return covered / whole if whole else None


def substitution_difference(substitutions: Sequence[Substitution]) -> Decimal:
    """Emissions with the substituted defaults minus emissions with the rejected values (where a value
    was rejected; a missing value has no difference)."""
    return sum((s.difference for s in substitutions if s.difference is not None), Decimal(0))


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def quality_dict(q: Quality | None, substitutions: Sequence[Substitution]) -> dict[str, Any]:
    """The data-quality figures as published in figures.json (exact decimals as strings): every number
    the report's data-quality section prints is one of these, rounded for display."""
    q = q or Quality()
    whole, covered = q.metered_emissions
    return {
        "cross_checks": [
            {"facility": c.facility, "subject": c.subject, "subject_kind": c.subject_kind, "kind": c.kind,
             "evidence": c.evidence, "unit": c.unit, "reported": _text(c.primary),
             "second_source": _text(c.secondary), "gap": _text(c.gap), "gap_pct": _text(c.pct),
             "tolerance_pct": _text(c.tolerance_pct), "annual": c.annual,
             "result": "within" if c.within else "explained" if c.explanation else "gap",
             "months": [{"period": m.period, "reported": _text(m.primary), "second_source": _text(m.secondary),
                         "gap": _text(m.gap)} for m in c.months]}
            for c in q.checks],
        "meters": [
            {"facility": m.facility, "source": m.source, "kind": m.kind, "meters": list(m.meters),
             "unit": m.unit, "quantity": _text(m.quantity), "calibrated_quantity": _text(m.covered),
             "calibrated_share_pct": _text(None if m.share is None else m.share * HUNDRED),
             "emissions": _text(m.emissions)}
            for m in q.meters],
        "meter_coverage": {"emissions": _text(whole), "calibrated_emissions": _text(covered),
                           "share_pct": _text(None if q.meter_share is None else q.meter_share * HUNDRED)},
        "verification": [
            {"facility": r.facility, "scope": r.scope, "verified": _text(r.verified),
             "computed": _text(r.computed), "gap": _text(r.gap), "gap_pct": _text(r.pct),
             "threshold": _text(r.threshold), "explained": r.explanation is not None,
             "needs_explanation": r.needs_explanation}
            for r in q.reconciliations],
        "substitutions": [
            {"facility": s.facility, "source": s.source, "period": s.period, "parameter": s.parameter,
             "reason": s.reason, "emissions": _text(s.emissions), "emissions_original": _text(s.emissions_original),
             "difference": _text(s.difference)}
            for s in substitutions],
        "substitution_difference": _text(substitution_difference(substitutions)),
    }


def month_span(period: str) -> tuple[date, date]:
    """First and last day of ``2025`` or ``2025-03``."""
    y = int(period[:4])
    if len(period) == 4:
        return date(y, 1, 1), date(y, 12, 31)
    m = int(period[5:7])
    return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def calibrated(meter: Meter, period: str) -> bool:
    """Whether the meter's calibrations cover every day of ``period``."""
    start, end = month_span(period)
    day = start
    for cal in sorted(meter.calibrations, key=lambda c: c.date):
        if cal.date > day:
            break
        if cal.valid_until >= day:
            day = cal.valid_until + timedelta(days=1)
        if day > end:
            return True
    return day > end


def quality(ctx: Context, facilities: list[FacilityResult]) -> Quality:
    """Cross-checks, meter coverage and reconciliations of every facility."""
    out = Quality()
    results = {f.id: f for f in facilities}
    for i, fac in enumerate(ctx.filing.facilities):
        res = results.get(fac.id)
        if res is None:
            continue
        sources = {s.source: s for s in res.sources}
        for kind, j, src_id, records, checks, primary_unit, evidence in _subjects(
                fac, sources, str(ctx.filing.report.fiscal_year)):
            base: tuple[PathPart, ...] = ("facilities", i, kind, j)
            primary = _by_period(records, primary_unit)
            for n, check in enumerate(checks):
                found = _check(ctx, fac.id, src_id, kind, check, primary, primary_unit, evidence,
                               (*base, "checks", n))
                if found is not None:
                    out.checks.append(found)
                    _trail_check(ctx, found)
        for row in _meters(fac, sources):
            out.meters.append(row)
            _trail_meter(ctx, row)
        out.reconciliations += _reconcile(ctx, i, fac, res)
    return out


Subject = tuple[str, int, str, Sequence[FuelRecord | ActivityRecord], list[SecondSource], str, str]


def _subjects(fac: Facility, sources: dict[str, SourceResult], year: str) -> Iterator[Subject]:
    for j, c in enumerate(fac.combustion):
        if c.id in sources:
            yield "combustion", j, c.id, c.records, c.checks, sources[c.id].quantity_unit, c.id
    for j, e in enumerate(fac.electricity):
        if e.id in sources:
            yield "electricity", j, e.id, e.records, e.checks, "MWh", _evidence(e.records) or e.id
    for j, h in enumerate(fac.heat):
        if h.id in sources:
            yield "heat", j, h.id, h.records, h.checks, "GJ", _evidence(h.records) or h.id
    for j, p in enumerate(fac.products):
        records = p.records or [ActivityRecord(period=year, quantity=p.quantity, unit=p.unit)]
        yield "products", j, p.key, records, p.checks, p.unit, _evidence(p.records) or p.key


def _evidence(records: Sequence[ActivityRecord]) -> str:
    return records[0].evidence or "" if records else ""


def _by_period(records: Sequence[FuelRecord | ActivityRecord], unit: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for rec in records:
        if not units.known(rec.unit) or not units.same_dimension(rec.unit, unit):
            continue
        out[rec.period] = out.get(rec.period, Decimal(0)) + units.convert(rec.quantity, rec.unit, unit)
    return out


def check_quantity(rec: CheckRecord) -> Decimal | None:
    """A second source's quantity, or receipts + opening − closing stock for a stock balance."""
    if rec.quantity is not None:
        return rec.quantity
    if rec.receipts is not None and rec.opening_stock is not None and rec.closing_stock is not None:
        return rec.receipts + rec.opening_stock - rec.closing_stock
    return None


def _check(ctx: Context, facility: str, subject: str, kind: str, check: SecondSource,
           primary: dict[str, Decimal], unit: str, evidence: str,
           path: tuple[PathPart, ...]) -> CheckResult | None:
    secondary: dict[str, Decimal] = {}
    where: dict[str, tuple[PathPart, ...]] = {}
    for k, rec in enumerate(check.records):
        rpath = (*path, "records", k)
        q = check_quantity(rec)
        if q is None:
            ctx.issue("rule.crosscheck.incomplete", (*rpath, "quantity"))
            return None
        if not ctx.unit_ok(rec.unit, unit, (*rpath, "unit"), "unit"):
            return None
        secondary[rec.period] = secondary.get(rec.period, Decimal(0)) + units.convert(q, rec.unit, unit)
        where.setdefault(rec.period, rpath)
    months = tuple(MonthGap(p, primary[p], secondary[p], where[p])
                   for p in sorted(secondary) if len(p) == 7 and p in primary)
    annual_primary = sum(primary.values(), Decimal(0))
    annual_secondary = sum(secondary.values(), Decimal(0))
    same = set(primary) == set(secondary) or (
        all(len(p) == 4 for p in secondary) or all(len(p) == 4 for p in primary))
    if not same:
        annual_primary = sum((m.primary for m in months), Decimal(0))
        annual_secondary = sum((m.secondary for m in months), Decimal(0))
    tolerance = check.tolerance_pct if check.tolerance_pct is not None else TOLERANCE_PCT[check.kind.value]
    return CheckResult(facility, subject, kind, check.kind.value, check.evidence, evidence, unit,
                       annual_primary, annual_secondary, tolerance, check.explanation, path, months, same)


def _trail_check(ctx: Context, c: CheckResult) -> None:
    ctx.trail.append(TrailEntry(
        f"check/{c.facility}/{c.subject}/{c.kind}", "quality.cross-check", c.gap, c.unit,
        "gap = reported − second source", (
            TrailInput("reported", c.primary, c.unit, "activity", c.primary_evidence),
            TrailInput(c.kind, c.secondary, c.unit, "second-source", c.evidence),
            TrailInput("tolerance", c.tolerance_pct, "%", "rule", "docs/data-quality.md")),
        ctx.where(c.path), ("within" if c.within else "gap",)))


def _trail_meter(ctx: Context, m: MeterRow) -> None:
    ctx.trail.append(TrailEntry(
        f"meters/{m.facility}/{m.source}", "quality.meter-coverage", m.covered, m.unit,
        "activity data of the months whose meter was within its calibration period", (
            TrailInput("activity", m.quantity, m.unit, "activity",
                       "meters: " + ", ".join(m.meters) if m.meters else "no meter named"),
            TrailInput("emissions", m.emissions, "tCO2e", "computed", f"{m.facility}/{m.source}")),
        f"{m.facility}/{m.source}", () if m.meters else ("no-meter",)))


def _meters(fac: Facility, sources: dict[str, SourceResult]) -> list[MeterRow]:
    register = {m.id: m for m in fac.meters}
    rows: list[MeterRow] = []
    groups: list[tuple[str, str, str | None, Sequence[FuelRecord | ActivityRecord]]] = []
    groups += [("combustion", c.id, c.meter, c.records) for c in fac.combustion]
    groups += [("electricity", e.id, e.meter, e.records) for e in fac.electricity]
    groups += [("heat", h.id, h.meter, h.records) for h in fac.heat]
    for kind, sid, default, records in groups:
        res = sources.get(sid)
        if res is None or not res.quantity_unit:
            continue
        unit = res.quantity_unit
        total = covered = Decimal(0)
        names: list[str] = []
        for rec in records:
            if not units.known(rec.unit) or not units.same_dimension(rec.unit, unit):
                continue
            q = units.convert(rec.quantity, rec.unit, unit)
            total += q
            mid = rec.meter or default
            if mid and mid not in names:
                names.append(mid)
            meter = register.get(mid) if mid else None
            if meter is not None and calibrated(meter, rec.period):
                covered += q
        rows.append(MeterRow(fac.id, sid, kind, tuple(names), total, covered, unit, res.emissions))
    return rows


def _reconcile(ctx: Context, i: int, fac: Facility, res: FacilityResult) -> list[Reconciliation]:
    v = fac.verification
    if v is None:
        return []
    report = ctx.filing.report
    out: list[Reconciliation] = []
    s2 = res.scope2_ets if v.scope2_basis == "ets" else res.scope2_location
    for name, verified, computed in (("scope1", v.scope1, res.scope1), ("scope2", v.scope2, s2)):
        if verified is None or computed is None:
            continue
        threshold = max(report.verification_tolerance_t,
                        abs(verified) * report.verification_tolerance_pct / HUNDRED)
        r = Reconciliation(fac.id, name, verified, computed, threshold, v.reconciliation,
                           ("facilities", i, "verification", name))
        out.append(r)
        ctx.trail.append(TrailEntry(
            f"verify/{fac.id}/{name}", "quality.verification-gap", r.gap, "tCO2e",
            "gap = computed − verified", (
                TrailInput("computed", computed, "tCO2e", "computed", f"{fac.id}/{name}"),
                TrailInput("verified", verified, "tCO2e", "verified", f"{v.verifier} {v.report_no}"),
                TrailInput("threshold", threshold, "tCO2e", "rule",
                           "max(verification_tolerance_t, verification_tolerance_pct × verified)")),
            ctx.where(r.path), ("explained",) if v.reconciliation else ()))
    return out
