"""Facts of the 2026 checklist items (issue 13): energy use (Art. 35, Guide No. 4), financial effects and
cross-industry metrics (Art. 16; MoF climate standard ch. 5; IFRS S2 §29(b)–(g)), double materiality,
low-carbon products, reduction investment, CCER, target details and the report-level narratives.

Every number comes from the computed figures (``figures.energy``, ``figures.finance``) or, where nothing
is computed, straight from the filing, and is rounded once in ``_Facts.num``. Money is in yuan
(``iso4217:CNY``) at the precision it was given: ``decimals="-4"`` for amounts given in whole 万元 (shown
in 万元, ``scale`` 4), whole yuan or fen otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from disclosure.compute import Figures
from disclosure.model import Filing
from disclosure.xbrl.text import _p, _t, _table

if TYPE_CHECKING:
    from disclosure.xbrl.facts import _Facts

HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)
TOPIC_MEMBERS = {"climate-change": "ClimateChangeTopicMember", "energy-use": "EnergyUseTopicMember",
                 "pollutants": "PollutantsTopicMember", "water": "WaterTopicMember",
                 "ecosystems": "EcosystemsTopicMember", "circular-economy": "CircularEconomyTopicMember"}
CHANNEL_MEMBERS = {"self-generated": "SelfGeneratedCleanEnergyMember", "green-power-trade": "GreenPowerTradingMember",
                   "green-certificate": "GreenElectricityCertificatesMember",
                   "grid-share": "GridCleanEnergyShareMember", "direct-use": "DirectUseCleanEnergyMember"}
CLEAN_TYPE_MEMBERS = {"wind": "WindEnergyMember", "solar": "SolarEnergyMember", "hydro": "HydroEnergyMember",
                      "geothermal": "GeothermalEnergyMember", "biomass": "BiomassEnergyMember",
                      "ocean": "OceanEnergyMember", "natural-gas": "NaturalGasCleanEnergyMember",
                      "nuclear": "NuclearEnergyMember", "mixed-renewable": "MixedRenewableEnergyMember"}
BASIS_MEMBERS = {"assets": "AssetsBasisMember", "revenue": "RevenueBasisMember",
                 "business-activities": "BusinessActivitiesBasisMember"}
PURPOSE_MEMBERS = {"mitigation": "ClimateMitigationMember", "adaptation": "ClimateAdaptationMember",
                   "opportunity": "ClimateOpportunitiesMember"}
EXPOSURE_CONCEPTS = {
    "transition-risk": ("AssetsOrBusinessActivitiesVulnerableToTransitionRisks",
                        "PercentageOfAssetsOrBusinessActivitiesVulnerableToTransitionRisks"),
    "physical-risk": ("AssetsOrBusinessActivitiesVulnerableToPhysicalRisks",
                      "PercentageOfAssetsOrBusinessActivitiesVulnerableToPhysicalRisks"),
    "opportunity": ("AssetsOrBusinessActivitiesAlignedWithClimateOpportunities",
                    "PercentageOfAssetsOrBusinessActivitiesAlignedWithClimateOpportunities"),
}
EFFECT_CONCEPTS = {"current": ("CurrentFinancialEffectLowerBound", "CurrentFinancialEffectUpperBound"),
                   "anticipated": ("AnticipatedFinancialEffectLowerBound", "AnticipatedFinancialEffectUpperBound")}
LIMIT_UNITS = {"t", "kt", "MWh", "kWh", "GJ", "m3", "tce"}
"""Units a limit's numerator and denominator may use to be tagged (``kWh/t``); others stay text only."""

WORDS = {
    "zh-CN": {"assumptions": "依据与假设", "caveat": "风险提示", "uncertainties": "重大不确定性",
              "adaptive": "调整战略和商业模式的能力", "year": "年度", "figure": "数据项", "previous": "原披露值",
              "restated": "重述值", "change": "差额", "reason": "原因"},
    "en": {"assumptions": "Basis and assumptions", "caveat": "Risk warning",
           "uncertainties": "Significant uncertainties",
           "adaptive": "Capacity to adjust strategy and business model", "year": "Year", "figure": "Figure",
           "previous": "As first reported", "restated": "Restated", "change": "Difference", "reason": "Reason"},
}


def places(value: Decimal) -> int:
    """The decimals a given value states exactly (100 → 0, 6.48 → 2, 2.2172 → 4)."""
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def money(f: _Facts, concept: str, value_10k: Decimal | None, *, explicit: tuple[tuple[str, str], ...] = (),
          typed: tuple[tuple[str, str], ...] = ()) -> None:
    """A CNY amount from 万元, at the precision it was given (whole 万元: decimals -4, shown in 万元)."""
    if value_10k is None:
        return
    cny = value_10k * TEN_THOUSAND
    decimals = -4 if cny % TEN_THOUSAND == 0 else min(places(cny), 2)
    f.num(concept, cny, "CNY", decimals, explicit=explicit, typed=typed, scale=4)


def percent_decimals(pct: Decimal, *, given: bool) -> int:
    """The ``decimals`` of a percentage as a pure ratio: one decimal in % (3) for a share the tool computes;
    a percentage the filing gives keeps its own precision, at least one decimal in % (10 → 10.0%,
    33.33 → 33.33%). docs/typesetting.md, "Numbers"."""
    return 3 if not given else max(3, places(pct) + 2)


def ratio(f: _Facts, concept: str, pct: Decimal | None, *, given: bool = False,
          explicit: tuple[tuple[str, str], ...] = (), typed: tuple[tuple[str, str], ...] = ()) -> None:
    """A percentage as a pure ratio (18 % → 0.18), shown in % at the decimals of ``percent_decimals``."""
    if pct is not None:
        f.num(concept, pct / HUNDRED, "pure", percent_decimals(pct, given=given), explicit=explicit, typed=typed,
              scale=-2)


def climate_facts(f: _Facts, filing: Filing, figures: Figures) -> None:
    """Every fact of the issue-13 concepts the filing has data for."""
    _narratives(f, filing)
    _materiality(f, filing)
    _energy(f, filing, figures)
    _finance(f, filing, figures)
    _targets(f, filing)
    _market(f, filing)


def _narratives(f: _Facts, filing: Filing) -> None:
    w, lang = WORDS[f.lang], f.lang
    sep = "：" if lang == "zh-CN" else ": "
    r = filing.report
    if r.forward_looking is not None:
        fl = r.forward_looking
        f.text("ForwardLookingInformationExplanatory",
               _p(w["assumptions"], _t(fl.assumptions, lang), sep) + _p(w["caveat"], _t(fl.caveat, lang), sep),
               html=True)
    if r.judgements is not None:
        f.text("SignificantJudgementsAndUncertaintyExplanatory", _p("", _t(r.judgements, lang)), html=True)
    res = filing.strategy.resilience if filing.strategy is not None else None
    if res is not None and (res.uncertainties is not None or res.adaptive_capacity is not None):
        html = ""
        if res.uncertainties is not None:
            html += _p(w["uncertainties"], _t(res.uncertainties, lang), sep)
        if res.adaptive_capacity is not None:
            html += _p(w["adaptive"], _t(res.adaptive_capacity, lang), sep)
        f.text("ClimateResilienceUncertaintiesExplanatory", html, html=True)
    if filing.restatements:
        from disclosure.vocabulary import label

        rows = [[str(x.year), _t(label("restated-figure", x.figure.value, lang), lang), format(x.previous, ","),
                 format(x.restated, ","), format(x.restated - x.previous, "+,"), _t(x.reason, lang)]
                for x in filing.restatements]
        f.text("RestatementOfPriorYearFiguresExplanatory",
               _table([w["year"], w["figure"], w["previous"], w["restated"], w["change"], w["reason"]], rows),
               html=True)


def _materiality(f: _Facts, filing: Filing) -> None:
    dm = filing.report.double_materiality
    for topic in dm.topics if dm is not None else []:
        dim = (("SustainabilityTopicAxis", TOPIC_MEMBERS[topic.topic.value]),)
        f.text("TopicImpactMateriality", topic.impact, explicit=dim)
        f.text("TopicFinancialMateriality", topic.financial, explicit=dim)


def _energy(f: _Facts, filing: Filing, figures: Figures) -> None:
    en = figures.energy
    if en is None:
        return
    f.num("DirectEnergyConsumption", en.direct_tce, "tce", 0)
    f.num("IndirectEnergyConsumption", en.indirect_tce, "tce", 0)
    if en.intensity_revenue is not None:
        f.num("EnergyIntensityPerRevenue", en.intensity_revenue / TEN_THOUSAND, "tce/CNY", 8, scale=-4)
    for key, (value, unit) in en.intensity_product.items():
        if unit in LIMIT_UNITS - {"tce"}:
            f.num("EnergyIntensityPerUnitOfProduct", value, f"tce/{unit}", 4, typed=(("ProductAxis", key),))
    if en.clean:
        f.num("CleanEnergyConsumption", en.clean_tce, "tce", 0)
        ratio(f, "CleanEnergyShare", en.clean_share_pct)
        for axis, members, attr in (("CleanEnergyChannelAxis", CHANNEL_MEMBERS, "channel"),
                                    ("CleanEnergyTypeAxis", CLEAN_TYPE_MEMBERS, "type")):
            amounts: dict[str, Decimal] = defaultdict(Decimal)
            shares: dict[str, Decimal | None] = {}
            for c in en.clean:
                key = getattr(c, attr)
                amounts[key] += c.tce
                known = shares.get(key, Decimal(0))
                shares[key] = None if known is None or c.share_pct is None else known + c.share_pct
            for key, amount in amounts.items():
                dim = ((axis, members[key]),)
                f.num("CleanEnergyConsumption", amount, "tce", 0, explicit=dim)
                ratio(f, "CleanEnergyShare", shares[key], explicit=dim)
    energy = filing.energy
    if energy is None:
        return
    if any(m.savings_tce is not None and not m.expected for m in energy.measures):
        f.num("EnergySavingsAchieved", en.savings_tce, "tce", 0)
    if any(m.investment is not None for m in energy.measures):
        money(f, "EnergySavingInvestment", en.investment_10k_cny)
    progress = {t.id: t.progress_pct for t in en.targets}
    for t in energy.targets:
        dim = (("TargetAxis", t.id),)
        f.text("TargetName", t.name.get(f.lang), typed=dim)
        f.enum("EnergyTargetKind", t.kind.value, typed=dim)
        f.text("TargetBaseYear", str(t.base_year), typed=dim)
        f.text("TargetYear", str(t.target_year), typed=dim)
        ratio(f, "EnergyTargetProgressPercentage", progress.get(t.id), typed=dim)
    for limit in energy.limits:
        dim = (("ProductAxis", limit.product),)
        f.text("EnergyConsumptionLimitIndicator", limit.indicator.get(f.lang), typed=dim)
        f.text("EnergyConsumptionLimitStandard", limit.standard, typed=dim)
        num, _, den = limit.unit.partition("/")
        if num in LIMIT_UNITS and den in LIMIT_UNITS:
            f.num("EnergyConsumptionLimitedIndicatorValue", limit.actual, limit.unit, places(limit.actual), typed=dim)
            f.num("EnergyConsumptionLimit", limit.limit, limit.unit, places(limit.limit), typed=dim)


def _finance(f: _Facts, filing: Filing, figures: Figures) -> None:
    fin = figures.finance
    if fin is None:
        return
    for effect in fin.effects:
        dim = (("RiskOrOpportunityAxis", effect.risk),)
        low, high = EFFECT_CONCEPTS[effect.when]
        money(f, low, effect.low_10k, typed=dim)
        money(f, high, effect.high_10k, typed=dim)
    grouped: dict[tuple[str, str], list[Decimal | None]] = {}
    computed: set[tuple[str, str]] = set()
    for x in fin.exposures:
        acc = grouped.setdefault((x.category, x.basis), [Decimal(0), Decimal(0)])
        acc[0] = (acc[0] or Decimal(0)) + x.amount_10k
        acc[1] = None if acc[1] is None or x.percentage is None else acc[1] + x.percentage
        if x.computed:
            computed.add((x.category, x.basis))
    for (category, basis), (amount, pct) in grouped.items():
        amount_concept, pct_concept = EXPOSURE_CONCEPTS[category]
        dim = (("ExposureBasisAxis", BASIS_MEMBERS[basis]),)
        money(f, amount_concept, amount, explicit=dim)
        ratio(f, pct_concept, pct, given=(category, basis) not in computed, explicit=dim)
    if fin.capital_10k:
        money(f, "CapitalDeployedTowardsClimateRisksAndOpportunities", sum(fin.capital_10k.values(), Decimal(0)))
        for purpose, value in fin.capital_10k.items():
            money(f, "CapitalDeployedTowardsClimateRisksAndOpportunities", value,
                  explicit=(("ClimateCapitalPurposeAxis", PURPOSE_MEMBERS[purpose]),))
    cm = filing.climate_metrics
    if cm is not None and cm.internal_carbon_price is not None:
        icp = cm.internal_carbon_price
        f.text("EntityAppliesInternalCarbonPrice", icp.applied)
        if icp.price is not None:
            f.num("InternalCarbonPrice", icp.price, "CNY/tCO2e", places(icp.price))
    if cm is not None and cm.remuneration is not None:
        f.text("ExecutiveRemunerationLinkedToClimate", cm.remuneration.linked)
        ratio(f, "PercentageOfExecutiveRemunerationLinkedToClimate", cm.remuneration.share_pct, given=True)
    if any(o.revenue is not None for o in filing.low_carbon):
        money(f, "LowCarbonProductRevenue", fin.low_carbon_revenue_10k)
        ratio(f, "PercentageOfRevenueFromLowCarbonProducts", fin.low_carbon_revenue_share_pct)
    if any(o.rd_investment is not None for o in filing.low_carbon):
        money(f, "LowCarbonResearchAndDevelopmentExpense", fin.low_carbon_rd_10k)


def _targets(f: _Facts, filing: Filing) -> None:
    from disclosure.xbrl.facts import gas_member

    for t in filing.targets:
        dim = (("TargetAxis", t.id),)
        if t.gross_or_net is not None:
            f.text("TargetIsNetTarget", t.gross_or_net == "net", typed=dim)
        if t.gases:
            members = sorted({gas_member(g) for g in t.gases})
            f.enum_members("TargetGasesCovered", ", ".join(t.gases), tuple(members), typed=dim)
        if t.third_party_validation is not None:
            f.text("TargetThirdPartyValidationDescription", t.third_party_validation.get(f.lang), typed=dim)


def _market(f: _Facts, filing: Filing) -> None:
    from disclosure.compute.finance import wan
    from disclosure.xbrl.facts import SCOPE_MEMBERS

    market = filing.carbon_market
    if market is None:
        return
    expected = [p.expected_annual_reductions for p in market.ccer_projects if p.expected_annual_reductions is not None]
    if expected:
        f.ghg("CCERProjectExpectedAnnualReductions", sum(expected, Decimal(0)))
    by_scope: dict[str, Decimal] = {}
    for red in market.reductions:
        value = wan(red.investment)
        if value is not None:
            by_scope[red.scope.value] = by_scope.get(red.scope.value, Decimal(0)) + value
    if by_scope:
        money(f, "GHGReductionInvestment", sum(by_scope.values(), Decimal(0)))
        for scope, value in by_scope.items():
            money(f, "GHGReductionInvestment", value, explicit=(("GHGScopeAxis", SCOPE_MEMBERS[scope]),))
