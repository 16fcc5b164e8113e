"""The figures of one ETS facility's annual emission report, taken from the disclosure's own computation.

Nothing here recomputes an emission: every tonne is a ``SourceResult`` or a trail entry the corporate
disclosure computed (``disclosure.compute``); this module only selects, groups and averages them, so the
ETS report and the disclosure cannot disagree (tests/test_ets_report.py proves it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from disclosure import units
from disclosure.compute.quality import CheckResult, MeterRow, Reconciliation
from disclosure.compute.results import FacilityResult, Figures, SourceResult, total
from disclosure.compute.trail import Substitution, TrailEntry, TrailInput
from disclosure.factors import library
from disclosure.model import Filing
from disclosure.model.sources import Facility

ZERO = Decimal(0)
C_TO_CO2 = Decimal(44) / Decimal(12)


@dataclass(frozen=True)
class Guideline:
    """The sector guideline a report follows: title, number, and how far its structure was read."""

    sector: str
    title: str
    number: str
    structure: str
    """Where the report's structure comes from (see docs/ets-report.md)."""


GUIDELINES = {
    "power": Guideline(
        "power", "企业温室气体排放核算与报告指南 发电设施", "环办气候函〔2022〕485号",
        "supplementary-table rows of the power-sector template (2016/2017 补充数据表, read in copies); "
        "monthly table per the monthly-evidence requirement"),
    "aluminium": Guideline(
        "aluminium", "企业温室气体排放核算与报告指南 铝冶炼行业", "CETS—AG—04.01—V01—2024",
        "chapters 6 (铝电解工序), 7 (企业层级) and 8 (生产数据) of the guideline's table of contents; "
        "Appendix C table layout not found"),
    "cement": Guideline(
        "cement", "企业温室气体排放核算与报告指南 水泥行业", "CETS—AG—02.01—V01—2024",
        "chapters 6 (熟料生产), 7 (企业层级) and 8 (生产数据) of the guideline's table of contents; rows 1, "
        "1.1–1.1.4 and 1.2 of the earlier cement supplementary data table; Appendix E tables not found"),
}
"""The guideline of each sector; other sectors use the generic structure of ``GENERIC``."""

GENERIC = Guideline("other", "企业温室气体排放核算与报告指南", "-", "generic structure (guideline not identified)")


@dataclass(frozen=True)
class Parameter:
    """A parameter of one record as the disclosure used it: value, unit, basis and evidence."""

    value: Decimal
    unit: str
    basis: str
    """measured, user (a default the filing gives) or the library status of a default."""
    source: str

    @classmethod
    def of(cls, item: TrailInput) -> Parameter:
        return cls(item.value, item.unit, item.basis, item.source)


@dataclass(frozen=True)
class MonthRow:
    """One record of a combustion source (a month, or the year): activity, parameters, emissions."""

    period: str
    quantity: Decimal
    unit: str
    ncv: Parameter | None
    carbon: Parameter
    oxidation: Parameter
    emissions: Decimal
    formula: str
    deposited: date | None
    substituted: tuple[str, ...]
    """Parameters of this record replaced by defaults (缺省值替代)."""
    reasons: tuple[str, ...] = ()
    """Why each of ``substituted`` was replaced (missing, non-compliant, different-sample, frequency)."""

    @property
    def energy_gj(self) -> Decimal | None:
        """FC × NCV in GJ, converted as the disclosure converts them (``disclosure.units``)."""
        if self.ncv is None:
            return None
        return self.quantity * units.parse(self.unit).factor * self.ncv.value * units.parse(self.ncv.unit).factor


@dataclass(frozen=True)
class ActivityMonth:
    period: str
    quantity: Decimal
    unit: str
    evidence: str
    deposited: date | None


@dataclass
class SourceBlock:
    """One emission source of the facility with its rows."""

    result: SourceResult
    name: str
    months: list[MonthRow] = field(default_factory=list)
    activity: list[ActivityMonth] = field(default_factory=list)
    inputs: tuple[TrailInput, ...] = ()
    """The calculation inputs of a process or purchased source (from its trail entry)."""
    formula: str = ""
    ets_factor: Parameter | None = None
    location_factor: Parameter | None = None


@dataclass
class FacilityReport:
    """Everything one facility's ETS annual emission report prints."""

    filing: Filing
    facility: Facility
    result: FacilityResult
    guideline: Guideline
    sources: list[SourceBlock]
    substitutions: list[Substitution]
    checks: list[CheckResult]
    meters: list[MeterRow]
    reconciliations: list[Reconciliation]

    @property
    def year(self) -> int:
        return self.filing.report.fiscal_year

    @property
    def direct(self) -> Decimal:
        """Direct emissions (fuel combustion and process), tCO2e: the disclosure's facility Scope 1."""
        return self.result.scope1

    @property
    def combustion(self) -> Decimal:
        return total(b.result.emissions for b in self.sources if b.result.kind == "combustion")

    @property
    def process(self) -> Decimal:
        return total(b.result.emissions for b in self.sources if b.result.kind == "process")

    @property
    def indirect_ets(self) -> Decimal | None:
        """Purchased electricity and heat at the ETS factors (the disclosure's facility ``scope2_ets``)."""
        return self.result.scope2_ets

    @property
    def total_ets(self) -> Decimal:
        return self.direct + (self.indirect_ets or ZERO)

    @property
    def electricity_mwh(self) -> Decimal:
        return total(b.result.quantity or ZERO for b in self.sources if b.result.kind == "electricity")

    def product(self, key: str) -> tuple[Decimal, str] | None:
        return self.result.products.get(key)

    def intensity(self, key: str, numerator: Decimal | None = None) -> Decimal | None:
        """Emissions (the ETS total unless given) per unit of product ``key``; None without the product."""
        found = self.product(key)
        if found is None or not found[0]:
            return None
        return (self.total_ets if numerator is None else numerator) / found[0]

    def fuel_average(self, block: SourceBlock) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """Annual NCV (GJ per unit), carbon per heat (tC/GJ) and oxidation (fraction) of a fuel, weighted
        as the guideline's annual averages are: NCV by quantity, carbon by heat, oxidation by carbon."""
        rows = block.months
        qty = total(r.quantity for r in rows)
        energy = [r.energy_gj for r in rows]
        carbon = total(r.emissions / C_TO_CO2 / _fraction(r.oxidation) for r in rows)
        burnt = total(r.emissions / C_TO_CO2 for r in rows)
        if not rows or any(e is None for e in energy):
            return None, None, (burnt / carbon if carbon else None)
        heat = total(e for e in energy if e is not None)
        return (heat / qty if qty else None, carbon / heat if heat else None, burnt / carbon if carbon else None)


def _fraction(p: Parameter) -> Decimal:
    return p.value / 100 if p.unit == "%" else p.value


def guideline(fac: Facility) -> Guideline:
    sector = fac.ets.sector.value if fac.ets.sector is not None else "other"
    return GUIDELINES.get(sector, GENERIC)


def covered(filing: Filing, figures: Figures) -> list[FacilityReport]:
    """The report of every ETS-covered facility the disclosure computed, in filing order."""
    trail = {e.id: e for e in figures.trail}
    results = {r.id: r for r in figures.facilities}
    quality = figures.quality
    out = []
    for fac in filing.facilities:
        if not fac.ets.covered or fac.id not in results:
            continue
        result = results[fac.id]
        subs = [s for s in figures.substitutions if s.facility == fac.id]
        out.append(FacilityReport(
            filing, fac, result, guideline(fac), [_block(fac, s, trail, subs) for s in result.sources],
            subs,
            [c for c in (quality.checks if quality else []) if c.facility == fac.id],
            [m for m in (quality.meters if quality else []) if m.facility == fac.id],
            [r for r in (quality.reconciliations if quality else []) if r.facility == fac.id]))
    return out


def _name(fac: Facility, source: SourceResult) -> str:
    for group in (fac.combustion, fac.electricity, fac.heat):
        for item in group:
            if item.id == source.source and item.name is not None:
                return item.name.get("zh-CN")
    # A source the filing does not name is printed by what it is, never by its internal id.
    fuels = library().fuels
    if source.kind == "combustion" and source.energy_type in fuels:
        return fuels[source.energy_type].zh
    return {"electricity": "外购电力", "heat": "外购热力"}.get(source.kind, source.source)


def _block(fac: Facility, source: SourceResult, trail: dict[str, TrailEntry],
           subs: list[Substitution]) -> SourceBlock:
    block = SourceBlock(source, _name(fac, source))
    sid = f"{fac.id}/{source.source}"
    if source.kind == "combustion":
        src = next(c for c in fac.combustion if c.id == source.source)
        dates = {r.period: r.evidence_date for r in src.records}
        replaced: dict[str, list[Substitution]] = {}
        for sub in subs:
            if sub.source == source.source:
                replaced.setdefault(sub.period, []).append(sub)
        for part in trail[sid].parts:
            block.months.append(_month(trail[part], dates, replaced))
        block.months.sort(key=lambda r: r.period)
    elif source.kind in ("electricity", "heat"):
        entry = trail[f"{sid}/location"] if source.kind == "electricity" else trail[sid]
        block.inputs, block.formula = entry.inputs, entry.formula
        group = fac.electricity if source.kind == "electricity" else fac.heat
        src_records = next(g for g in group if g.id == source.source).records
        block.activity = sorted((ActivityMonth(r.period, r.quantity, r.unit, r.evidence or "", r.evidence_date)
                                 for r in src_records), key=lambda a: a.period)
        named = {i.name: i for i in entry.inputs}
        if "EF_grid" in named:
            block.location_factor = Parameter.of(named["EF_grid"])
        ets = trail.get(f"{sid}/ets")
        if ets is not None:
            block.ets_factor = Parameter.of(next(i for i in ets.inputs if i.name == "EF_ETS"))
        elif source.kind == "heat":
            block.ets_factor = Parameter.of(named["EF_heat"])
    else:
        entry = trail[sid]
        block.inputs, block.formula = entry.inputs, entry.formula
    return block


def _month(entry: TrailEntry, dates: dict[str, date | None], replaced: dict[str, list[Substitution]]) -> MonthRow:
    named = {i.name: i for i in entry.inputs}
    period = entry.id.rsplit("/", 1)[1]
    fc = named["FC"]
    return MonthRow(period, fc.value, fc.unit, Parameter.of(named["NCV"]) if "NCV" in named else None,
                    Parameter.of(named["CC"]), Parameter.of(named["OF"]), entry.value, entry.formula,
                    dates.get(period), tuple(s.parameter for s in replaced.get(period, ())),
                    tuple(s.reason for s in replaced.get(period, ())))
