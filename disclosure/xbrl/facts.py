"""The taxonomy-free fact model: every disclosed figure and narrative as a fact, mapped to concepts here.

Numbers are the computed ``Decimal`` figures rounded once, here, to their reporting precision
(``decimals``), half up (四舍五入); the Word report shows the same rounded values. Coded values
(consolidation approach, ownership, province...) become Extensible Enumerations 2.0 members here, the
one place codes meet the taxonomy: provinces are normalised through the factor library's region keys,
so "青海", "青海省" and "qinghai" are one member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from disclosure.compute import Figures
from disclosure.model import Filing
from disclosure.taxonomy.definition import camel, definition
from disclosure.xbrl.climate_facts import climate_facts, percent_decimals
from disclosure.xbrl.text import narratives

Period = tuple[date, date]
Value = Decimal | str | bool | date | int

GAS_MEMBERS = {"CO2": "CarbonDioxideMember", "CH4": "MethaneMember", "N2O": "NitrousOxideMember",
               "SF6": "SulphurHexafluorideMember", "NF3": "NitrogenTrifluorideMember"}
PFC_MEMBERS = {"CF4": "TetrafluoromethaneMember", "C2F6": "HexafluoroethaneMember"}
SOURCE_TYPE_MEMBERS = {"stationary-combustion": "StationaryCombustionMember",
                       "mobile-combustion": "MobileCombustionMember", "process": "ProcessEmissionsMember",
                       "fugitive": "FugitiveEmissionsMember"}
CREDIT_MEMBERS = {"CCER": "CCERMember", "PHCER": "CarbonInclusionCreditMember", "other": "OtherCarbonCreditMember"}
SCOPE_MEMBERS = {"scope1": "Scope1Member", "scope2": "Scope2Member", "scope3": "Scope3Member"}
PRODUCT_UNITS = {"t": "utr:t", "kt": "utr:kt", "MWh": "utr:MWh", "kWh": "utr:kWh", "GJ": "utr:GJ", "m3": "utr:m3"}
TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class Fact:
    """One fact: concept, value, period, dimensions, unit and precision (for numbers)."""

    concept: str
    value: Value
    period: Period
    explicit: tuple[tuple[str, str], ...] = ()
    """(axis, member) pairs."""
    typed: tuple[tuple[str, str], ...] = ()
    """(axis, value) pairs."""
    unit: str | None = None
    """A unit key of ``UNITS`` (or ``tCO2e/<product unit>``)."""
    decimals: int | None = None
    scale: int = 0
    """iXBRL display scale: 4 shows a CNY amount in 万元, -4 a per-CNY intensity per 万元."""
    lang: str | None = None
    html: bool = False
    """A text block whose value is an XHTML fragment."""
    enum: tuple[str, ...] = ()
    """Members of an enumeration fact (its XBRL value); ``value`` then keeps the filing's code(s)."""

    @property
    def context_key(self) -> tuple[Period, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
        return self.period, self.explicit, self.typed


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31)


GHG_SCALES = {"t": 0, "10kt": 4}
"""Display units of emissions: tonnes, or 万吨 (iXBRL ``scale`` 4; the value and decimals are unchanged)."""


class _Facts:
    def __init__(self, period: Period, lang: str, ghg_scale: int = 0) -> None:
        self.period = period
        self.lang = lang
        self.ghg_scale = ghg_scale
        self.out: list[Fact] = []

    def num(self, concept: str, value: Decimal | None, unit: str, decimals: int, *, period: Period | None = None,
            explicit: tuple[tuple[str, str], ...] = (), typed: tuple[tuple[str, str], ...] = (),
            scale: int = 0) -> None:
        if value is None:
            return
        self.out.append(Fact(concept, rounded(value, decimals), period or self.period, explicit, typed, unit,
                             decimals, scale))

    def ghg(self, concept: str, value: Decimal | None, *, period: Period | None = None,
            explicit: tuple[tuple[str, str], ...] = (), typed: tuple[tuple[str, str], ...] = ()) -> None:
        """Emissions and carbon-market quantities: tCO2e, whole tonnes (shown in 万吨 if chosen)."""
        self.num(concept, value, "tCO2e", 0, period=period, explicit=explicit, typed=typed, scale=self.ghg_scale)

    def text(self, concept: str, value: Value | None, *, period: Period | None = None,
             typed: tuple[tuple[str, str], ...] = (), explicit: tuple[tuple[str, str], ...] = (),
             html: bool = False, lang: str | None = None) -> None:
        if value is None or value == "":
            return
        lang = (lang or self.lang) if isinstance(value, str) else None
        self.out.append(Fact(concept, value, period or self.period, explicit, typed, None, None, 0, lang, html))

    def enum(self, concept: str, codes: str | list[str] | list[int] | None, *, period: Period | None = None,
             typed: tuple[tuple[str, str], ...] = (), explicit: tuple[tuple[str, str], ...] = ()) -> None:
        """An enumeration fact from filing-schema codes (one, or a list for a set); nothing when empty."""
        if codes is None or codes == [] or codes == "":
            return
        d = definition()
        domain = d.concept(concept).domain
        listed = codes if isinstance(codes, list) else [codes]
        members = tuple(code_member(domain, str(c)) for c in listed)
        value = ", ".join(str(c) for c in listed)
        self.out.append(Fact(concept, value, period or self.period, explicit, typed, enum=members))

    def enum_members(self, concept: str, value: str, members: tuple[str, ...], *,
                     typed: tuple[tuple[str, str], ...] = ()) -> None:
        """An enumeration fact whose members are already known (``value``: the filing's codes)."""
        self.out.append(Fact(concept, value, self.period, (), typed, enum=members))


AXIS_CODES = {"GHGScopeDomain": SCOPE_MEMBERS}
"""Enumerations over an axis's domain: filing-schema code → member."""


def code_member(domain: str, code: str) -> str:
    """The enumeration member of a filing-schema code; provinces by the factor library's region key."""
    if domain in AXIS_CODES:
        return AXIS_CODES[domain][code]
    if domain == "Scope3CategoryDomain":  # categories by number, 1-15
        return definition().axes["Scope3CategoryAxis"].top_members()[int(code) - 1]
    if domain == "ProvinceDomain":
        from disclosure.factors import library

        key = library().region_key(code)
        if key is None:
            raise ValueError(f"unknown province {code!r}")  # the validator refuses it first (rule.entity.province)
        code = key
    return definition().enum_member(domain, code)


def facts(filing: Filing, figures: Figures, lang: str = "zh-CN", ghg_unit: str = "t") -> list[Fact]:
    """Every fact of the filing, in report order; ``ghg_unit`` "10kt" displays emissions in 万吨."""
    r = filing.report
    f = _Facts((r.period_start, r.period_end), lang, GHG_SCALES[ghg_unit])
    _general(f, filing, figures)
    _emissions(f, filing, figures)
    _facilities(f, filing, figures)
    _breakdowns(f, filing, figures)
    _energy_and_intensity(f, filing, figures)
    _targets(f, filing, figures)
    _carbon_market(f, filing)
    _quality(f, filing, figures)
    climate_facts(f, filing, figures)
    return f.out


ESG_TITLE = "环境、社会和公司治理报告"


def document_type(filing: Filing) -> str:
    """The document type from the title the guidelines allow: 环境、社会和公司治理报告 or 可持续发展报告."""
    title = filing.report.title
    zh, en = title.zh or "", (title.en or "").lower()
    return "esg-report" if ESG_TITLE in zh or (not zh and "environmental, social" in en) else "sustainability-report"


def _general(f: _Facts, filing: Filing, figures: Figures) -> None:
    e, r = filing.entity, filing.report
    f.text("DocumentTitle", r.title.get(f.lang))
    f.enum("DocumentType", document_type(filing))
    f.enum("ReportLanguages", [str(lang) for lang in r.languages])
    f.text("EntityNameChinese", e.name.zh, lang="zh-CN")
    f.text("EntityNameEnglish", e.name.en, lang="en")
    f.text("EntityUnifiedSocialCreditCode", e.uscc)
    f.text("EntityLegalEntityIdentifier", e.lei)
    f.enum("EntityOwnershipType", e.ownership.value)
    f.text("EntityIndustry", e.industry.get(f.lang))
    f.enum("EntityProvinceOfRegistration", e.province)
    f.enum("EntityIndexMemberships", [i.value for i in e.indices])
    f.text("EntityIsMandatoryDiscloser", e.mandatory)
    f.enum("BasisOfPreparation", [b.value for b in r.bases])
    f.enum("ConsolidationApproach", figures.approach)
    f.text("GHGAccountingStandard", r.ghg_standard.get(f.lang))
    f.enum("GlobalWarmingPotentialSet", figures.gwp_set)
    f.text("BoardApprovalDate", r.board_approval_date)
    f.text("ReportPublicationDate", r.publication_date)
    f.text("PreparerName", r.prepared_by.name.get(f.lang))
    f.text("PreparerPosition", r.prepared_by.role.get(f.lang))
    f.text("PreparationDate", r.prepared_by.date)
    if r.approved_by is not None:
        f.text("ApproverName", r.approved_by.name.get(f.lang))
        f.text("ApproverPosition", r.approved_by.role.get(f.lang))
        f.text("ApprovalDate", r.approved_by.date)
    for concept, html in narratives(filing, figures, f.lang).items():
        f.text(concept, html, html=True)
    for listing in e.listings:
        f.enum("ListingExchange", listing.exchange.value, typed=(("ListingAxis", listing.stock_code),))
    for omission in filing.omissions:
        dim = (("ChecklistItemAxis", omission.item),)
        f.enum("OmissionReason", omission.reason.value, typed=dim)
        f.text("OmissionExplanation", omission.explanation.get(f.lang), typed=dim)
        if omission.planned_year is not None:
            f.text("OmissionPlannedYear", str(omission.planned_year), typed=dim)


def _emissions(f: _Facts, filing: Filing, figures: Figures) -> None:
    t = figures.totals
    s3 = figures.scope3
    f.ghg("Scope1GHGEmissions", t.scope1)
    f.ghg("Scope2LocationBasedGHGEmissions", t.scope2_location)
    f.ghg("Scope2MarketBasedGHGEmissions", t.scope2_market)
    f.ghg("Scope1And2LocationBasedGHGEmissions", t.scope1 + t.scope2_location)
    f.ghg("Scope1And2MarketBasedGHGEmissions", t.scope1 + t.scope2_market)
    if s3 is not None:
        f.ghg("Scope3GHGEmissions", s3)
        f.ghg("Scope1To3LocationBasedGHGEmissions", t.scope1 + t.scope2_location + s3)
        f.ghg("Scope1To3MarketBasedGHGEmissions", t.scope1 + t.scope2_market + s3)
    current = filing.report.fiscal_year
    for prior in filing.history:
        if prior.year == current:
            continue
        p = year(prior.year)
        f.ghg("Scope1GHGEmissions", prior.scope1, period=p)
        f.ghg("Scope2LocationBasedGHGEmissions", prior.scope2_location, period=p)
        f.ghg("Scope1And2LocationBasedGHGEmissions", prior.scope1 + prior.scope2_location, period=p)
        if prior.scope2_market is not None:
            f.ghg("Scope2MarketBasedGHGEmissions", prior.scope2_market, period=p)
            f.ghg("Scope1And2MarketBasedGHGEmissions", prior.scope1 + prior.scope2_market, period=p)
        if prior.scope3 is not None:
            f.ghg("Scope3GHGEmissions", prior.scope3, period=p)
        f.num("EnergyConsumption", prior.energy_tce, "tce", 0, period=p)
    if filing.base_year is not None:
        f.text("BaseYear", str(filing.base_year.year))


def _facilities(f: _Facts, filing: Filing, figures: Figures) -> None:
    results = {x.id: x for x in figures.facilities}
    for fac in filing.facilities:
        res = results.get(fac.id)
        dim = (("FacilityAxis", fac.id),)
        f.text("FacilityName", fac.name.get(f.lang), typed=dim)
        f.enum("FacilityProvince", fac.province, typed=dim)
        f.text("FacilityCoveredByNationalETS", fac.ets.covered, typed=dim)
        if fac.ets.sector is not None:
            f.enum("FacilityETSSector", fac.ets.sector.value, typed=dim)
        if res is not None:
            f.num("FacilityOwnershipShare", res.share, "pure", percent_decimals(res.share * 100, given=True), typed=dim,
                  scale=-2)
            f.ghg("Scope1GHGEmissions", res.scope1, typed=dim)
            f.ghg("Scope2LocationBasedGHGEmissions", res.scope2_location, typed=dim)
            f.ghg("Scope2MarketBasedGHGEmissions", res.scope2_market, typed=dim)
            f.ghg("Scope2ETSBasisGHGEmissions", res.scope2_ets, typed=dim)
        v = fac.verification
        if v is not None:
            f.ghg("VerifiedScope1GHGEmissions", v.scope1, typed=dim)
            f.ghg("VerifiedScope2GHGEmissions", v.scope2, typed=dim)
            f.text("VerifierName", v.verifier.get(f.lang), typed=dim)
            f.text("VerificationReportNumber", v.report_no, typed=dim)
            f.text("VerificationReportDate", v.date, typed=dim)
    market = filing.carbon_market
    for c in market.compliance if market else []:
        dim = (("FacilityAxis", c.facility),)
        p = year(c.compliance_year)
        f.ghg("AllowancesAllocated", c.allocated, typed=dim, period=p)
        f.ghg("SurrenderObligation", c.obligation, typed=dim, period=p)
        f.ghg("AllowancesSurrendered", c.surrendered_allowances, typed=dim, period=p)
        f.ghg("CCERUsedForSurrender", c.ccer_surrendered, typed=dim, period=p)
        f.text("SurrenderCompleted", c.surrender_completed, typed=dim, period=p)
        if c.rectification is not None:
            f.text("RectificationOrPenaltyDescription", c.rectification.get(f.lang), typed=dim, period=p)


def _gas_member(gas: str) -> tuple[str, str | None]:
    """(top-level member, PFC child member or None) for a gas formula."""
    key = gas.upper().replace(" ", "")
    if key in GAS_MEMBERS:
        return GAS_MEMBERS[key], None
    if key in PFC_MEMBERS:
        return "PerfluorocarbonsMember", PFC_MEMBERS[key]
    if key.startswith("HFC"):
        return "HydrofluorocarbonsMember", None
    if key.startswith("PFC") or key in ("C3F8", "C-C4F8", "C4F10", "C6F14"):
        return "PerfluorocarbonsMember", None
    return "OtherGreenhouseGasesMember", None


def gas_member(gas: str) -> str:
    """The most specific member of the greenhouse gas axis for a gas formula (CF4 → its own member)."""
    member, child = _gas_member(gas)
    return child or member


def _breakdowns(f: _Facts, filing: Filing, figures: Figures) -> None:
    axis = "GreenhouseGasAxis"
    top: dict[str, Decimal] = {}
    children: dict[str, Decimal] = {}
    for gas, value in figures.by_gas.items():
        member, child = _gas_member(gas)
        top[member] = top.get(member, Decimal(0)) + value
        if child:
            children[child] = children.get(child, Decimal(0)) + value
    for member, value in [*top.items(), *children.items()]:
        f.ghg("Scope1GHGEmissions", value, explicit=((axis, member),))
    for source_type, value in figures.by_source_type.items():
        source_member = SOURCE_TYPE_MEMBERS.get(source_type)
        if source_member:
            f.ghg("Scope1GHGEmissions", value, explicit=(("EmissionSourceTypeAxis", source_member),))
    for member, part in (("ConsolidatedAccountingGroupMember", figures.consolidated_group),
                         ("OtherInvesteesMember", figures.other_investees)):
        dim = (("ConsolidationScopeAxis", member),)
        f.ghg("Scope1GHGEmissions", part.scope1, explicit=dim)
        f.ghg("Scope2LocationBasedGHGEmissions", part.scope2_location, explicit=dim)
        f.ghg("Scope2MarketBasedGHGEmissions", part.scope2_market, explicit=dim)
    members = definition().axes["Scope3CategoryAxis"].top_members()
    if filing.scope3 is not None:
        for cat in filing.scope3.categories:
            dim = (("Scope3CategoryAxis", members[cat.category - 1]),)
            f.ghg("Scope3GHGEmissions", figures.scope3_by_category.get(cat.category, cat.emissions), explicit=dim)
            f.text("Scope3MeasurementMethod", cat.method.get(f.lang), explicit=dim)
            f.enum("Scope3DataQuality", cat.data_quality.value, explicit=dim)
        f.enum("Scope3CategoriesIncluded", [c.category for c in filing.scope3.categories])
        for ex in filing.scope3.excluded:
            f.text("Scope3ExclusionReason", ex.reason.get(f.lang), explicit=((("Scope3CategoryAxis",
                                                                               members[ex.category - 1])),))


def _energy_and_intensity(f: _Facts, filing: Filing, figures: Figures) -> None:
    tce = figures.energy_tce
    f.num("EnergyConsumption", figures.energy_total_tce, "tce", 0)
    f.num("EnergyConsumptionInGigajoules", sum(figures.energy_gj.values(), Decimal(0)), "GJ", 0)
    for key, value in tce.items():
        dim = (("EnergyTypeAxis", camel(key) + "Member"),)
        f.num("EnergyConsumption", value, "tce", 0, explicit=dim)
        f.num("EnergyConsumptionInGigajoules", figures.energy_gj[key], "GJ", 0, explicit=dim)
    ir = figures.intensity_revenue
    if ir:
        f.num("RevenueUsedForGHGIntensity", ir["revenue_10k_cny"] * TEN_THOUSAND, "CNY", -4, scale=4)
        for concept, key in (("Scope1GHGIntensityPerRevenue", "scope1"),
                             ("Scope1And2LocationBasedGHGIntensityPerRevenue", "scope12_location"),
                             ("Scope1And2MarketBasedGHGIntensityPerRevenue", "scope12_market")):
            if ir.get(key) is not None:
                f.num(concept, ir[key] / TEN_THOUSAND, "tCO2e/CNY", 8, scale=-4)
    for key, entry in figures.intensity_product.items():
        dim = (("ProductAxis", key),)
        unit = str(entry["unit"])
        f.num("ProductionVolume", entry["quantity"], unit, 0, typed=dim)
        f.num("Scope1GHGIntensityPerUnitOfProduct", entry.get("intensity_scope1"), f"tCO2e/{unit}", 4, typed=dim)
        f.num("Scope1And2LocationBasedGHGIntensityPerUnitOfProduct", entry.get("intensity_scope12_location"),
              f"tCO2e/{unit}", 4, typed=dim)


def _targets(f: _Facts, filing: Filing, figures: Figures) -> None:
    t = figures.totals
    current = {"scope1": t.scope1, "scope2": t.scope2_location, "scope3": figures.scope3}
    for target in filing.targets:
        dim = (("TargetAxis", target.id),)
        f.text("TargetName", target.name.get(f.lang), typed=dim)
        f.enum("TargetKind", target.kind, typed=dim)
        f.enum("TargetScopesCovered", [s.value for s in target.scopes], typed=dim)
        f.text("TargetBaseYear", str(target.base_year), typed=dim)
        f.text("TargetYear", str(target.target_year), typed=dim)
        f.num("TargetReductionPercentage", target.reduction_pct / 100, "pure",
              percent_decimals(target.reduction_pct, given=True), typed=dim, scale=-2)
        progress: Decimal | None = None
        if target.kind == "absolute":
            f.num("TargetBaseYearValue", target.base_value, "tCO2e", 0, typed=dim)
            values = [current[s.value] for s in target.scopes]
            if target.base_value and all(v is not None for v in values):
                now = sum((v for v in values if v is not None), Decimal(0))
                progress = (target.base_value - now) / target.base_value
        elif target.kind == "intensity-revenue":
            f.num("TargetBaseYearValue", target.base_value / TEN_THOUSAND, "tCO2e/CNY", 8, typed=dim, scale=-4)
            ir = figures.intensity_revenue
            scopes = {s.value for s in target.scopes}
            key = "scope1" if scopes == {"scope1"} else "scope12_location" if scopes == {"scope1", "scope2"} else ""
            if key and ir.get(key) is not None and target.base_value:
                progress = (target.base_value - ir[key]) / target.base_value
        else:
            product = figures.intensity_product.get(target.product or "")
            unit = str(product["unit"]) if product else "t"
            f.num("TargetBaseYearValue", target.base_value, f"tCO2e/{unit}", 4, typed=dim)
            if product and product.get("intensity_scope12_location") is not None and target.base_value:
                progress = (target.base_value - product["intensity_scope12_location"]) / target.base_value
        # Computed by the tool: one decimal in %, as every share and change the tool computes (docs/typesetting.md)
        f.num("TargetProgressPercentage", progress, "pure", 3, typed=dim, scale=-2)


def _carbon_market(f: _Facts, filing: Filing) -> None:
    market = filing.carbon_market
    if market is None:
        return
    if market.credits:
        f.ghg("CarbonCreditsUsed", sum((c.quantity for c in market.credits), Decimal(0)))
        by_type: dict[str, Decimal] = {}
        for credit in market.credits:
            by_type[credit.type.value] = by_type.get(credit.type.value, Decimal(0)) + credit.quantity
        for kind, value in by_type.items():
            f.ghg("CarbonCreditsUsed", value, explicit=(("CarbonCreditTypeAxis", CREDIT_MEMBERS[kind]),))
    if market.reductions:
        by_scope: dict[str, Decimal] = {}
        for red in market.reductions:
            by_scope[red.scope.value] = by_scope.get(red.scope.value, Decimal(0)) + red.quantity
        f.ghg("GHGEmissionReductionsAchieved", sum(by_scope.values(), Decimal(0)))
        for scope, value in by_scope.items():
            f.ghg("GHGEmissionReductionsAchieved", value, explicit=(("GHGScopeAxis", SCOPE_MEMBERS[scope]),))


def _quality(f: _Facts, filing: Filing, figures: Figures) -> None:
    measured = sum(c.get("measured", 0) for c in figures.parameter_basis.values())
    defaulted = sum(c.get("default", 0) for c in figures.parameter_basis.values())
    f.num("NumberOfParametersMeasured", Decimal(measured), "pure", 0)
    f.num("NumberOfParametersDefaulted", Decimal(defaulted), "pure", 0)
    f.num("NumberOfDefaultSubstitutions", Decimal(len(figures.substitutions)), "pure", 0)
    a = filing.assurance
    if a is not None:
        f.text("AssuranceProviderName", a.provider.get(f.lang))
        f.enum("AssuranceLevel", a.level)
