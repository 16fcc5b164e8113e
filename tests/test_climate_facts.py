"""The issue-13 facts (disclosure/xbrl/climate_facts.py) where the samples do not exercise them: national
energy-consumption limits, money precision, gases of a target, figures absent from the filing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from disclosure import load, validate
from disclosure.compute import Figures, compute
from disclosure.model import Filing
from disclosure.model.energy import EnergyLimit, Money
from disclosure.model.finance import Exposure
from disclosure.xbrl.climate_facts import money, places
from disclosure.xbrl.facts import Fact, _Facts, facts


def _sample(samples: Path, name: str = "qinghai-aluminium") -> tuple[Filing, Figures]:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    return outcome.filing, outcome.figures


def _by(found: list[Fact], concept: str) -> list[Fact]:
    return [f for f in found if f.concept == concept]


def test_places_is_the_precision_a_value_states() -> None:
    assert [places(Decimal(v)) for v in ("100", "6.48", "2.2172", "1E+3", "13350.0")] == [0, 2, 4, 0, 0]


def test_money_keeps_the_precision_it_was_given() -> None:
    f = _Facts((date(2025, 1, 1), date(2025, 12, 31)), "zh-CN")
    money(f, "EnergySavingInvestment", Decimal(21500))  # 21,500 万元
    money(f, "GHGReductionInvestment", Decimal("0.12345"))  # 1,234.5 元
    money(f, "LowCarbonResearchAndDevelopmentExpense", Decimal("0.1234567"))  # 1,234.567 元: to the fen
    money(f, "LowCarbonProductRevenue", None)
    assert [(x.concept, x.value, x.decimals, x.unit, x.scale) for x in f.out] == [
        ("EnergySavingInvestment", Decimal(215000000), -4, "CNY", 4),
        ("GHGReductionInvestment", Decimal("1234.5"), 1, "CNY", 4),
        ("LowCarbonResearchAndDevelopmentExpense", Decimal("1234.57"), 2, "CNY", 4)]


def test_energy_limits_are_tagged_beside_the_figure_with_their_unit(samples: Path) -> None:
    filing, figures = _sample(samples)
    assert filing.energy is not None
    limits = [EnergyLimit.model_validate({
                  "product": "aluminium",
                  "indicator": {"zh-CN": "铝液交流电耗", "en": "AC power per tonne of liquid aluminium"},
                  "actual": Decimal("13020.5"), "limit": Decimal(13350), "unit": "kWh/t",
                  "standard": "GB 21346—2022《电解铝和氧化铝单位产品能源消耗限额》3级"}),
              EnergyLimit.model_validate({
                  "product": "anode", "indicator": {"zh-CN": "炭阳极综合能耗", "en": "Carbon anode energy"},
                  "actual": Decimal(330), "limit": Decimal(350), "unit": "kgce/t", "standard": "GB 38263—2019"})]
    changed = filing.model_copy(update={"energy": filing.energy.model_copy(update={"limits": limits})})
    found = facts(changed, figures)
    value = _by(found, "EnergyConsumptionLimitedIndicatorValue")
    limit = _by(found, "EnergyConsumptionLimit")
    assert [(x.value, x.unit, x.decimals, x.typed) for x in value] == [
        (Decimal("13020.5"), "kWh/t", 1, (("ProductAxis", "aluminium"),))]
    assert [(x.value, x.unit, x.decimals) for x in limit] == [(Decimal(13350), "kWh/t", 0)]
    # kgce is no unit we can tag: the anode's limit is text only (indicator and standard), never a number
    assert {x.typed for x in _by(found, "EnergyConsumptionLimitStandard")} == {
        (("ProductAxis", "aluminium"),), (("ProductAxis", "anode"),)}
    assert _by(found, "EnergyConsumptionLimitIndicator")[0].value == "铝液交流电耗"


def test_target_gases_are_members_of_the_gas_axis_domain(samples: Path) -> None:
    filing, figures = _sample(samples)
    gases = _by(facts(filing, figures), "TargetGasesCovered")
    assert [(g.typed, g.enum) for g in gases] == [
        ((("TargetAxis", "T1"),), ("CarbonDioxideMember", "HexafluoroethaneMember", "TetrafluoromethaneMember"))]


def test_nothing_is_tagged_where_the_filing_has_no_data(samples: Path) -> None:
    """No climate metrics, no low-carbon offerings, no clean energy: no fact of theirs (never a zero)."""
    filing, _ = _sample(samples)
    assert filing.energy is not None
    bare = filing.model_copy(update={"climate_metrics": None, "low_carbon": [],
                                     "energy": filing.energy.model_copy(update={"clean": [], "measures": []})})
    figures = compute(bare).figures
    concepts = {f.concept for f in facts(bare, figures)}
    for absent in ("CleanEnergyConsumption", "CleanEnergyShare", "EnergySavingsAchieved", "EnergySavingInvestment",
                   "InternalCarbonPrice", "EntityAppliesInternalCarbonPrice", "LowCarbonProductRevenue",
                   "AssetsOrBusinessActivitiesVulnerableToTransitionRisks",
                   "PercentageOfExecutiveRemunerationLinkedToClimate"):
        assert absent not in concepts, absent
    assert {"DirectEnergyConsumption", "IndirectEnergyConsumption", "EnergyIntensityPerRevenue"} <= concepts


def test_exposures_of_one_category_and_basis_add_up(samples: Path) -> None:
    filing, _ = _sample(samples)
    assert filing.climate_metrics is not None
    extra = Exposure.model_validate({"category": "physical-risk", "basis": "assets",
                                     "amount": Money(value=Decimal(8000)).model_dump(),
                                     "description": {"zh-CN": "沿河变电站。"}})
    cm = filing.climate_metrics.model_copy(update={"exposures": [*filing.climate_metrics.exposures, extra]})
    changed = filing.model_copy(update={"climate_metrics": cm})
    found = facts(changed, compute(changed).figures)
    physical = _by(found, "AssetsOrBusinessActivitiesVulnerableToPhysicalRisks")
    share = _by(found, "PercentageOfAssetsOrBusinessActivitiesVulnerableToPhysicalRisks")
    assert [(x.value, x.explicit) for x in physical] == [
        (Decimal(1200000000), (("ExposureBasisAxis", "AssetsBasisMember"),))]
    # (112,000 + 8,000) / 5,836,200 万元 = 2.06 %, a computed share: one decimal in % (docs/typesetting.md)
    assert [(x.value, x.decimals) for x in share] == [(Decimal("0.021"), 3)]


def test_ccer_projects_expected_reductions_are_summed(samples: Path) -> None:
    """Expected annual reductions of the CCER projects the entity develops: their sum, tCO2e; a project
    without the figure adds nothing, and no project with it means no fact."""
    from disclosure.model.metrics import CCERProject

    filing, figures = _sample(samples)
    assert filing.carbon_market is not None
    projects = [CCERProject.model_validate({"name": {"zh-CN": "共和光伏"}, "methodology": "CCER-01-001-V01",
                                            "status": "registered", "expected_annual_reductions": Decimal("93800.4")}),
                CCERProject.model_validate({"name": {"zh-CN": "格尔木风电"}, "methodology": "CCER-01-002-V01",
                                            "status": "registered", "expected_annual_reductions": Decimal(120500)}),
                CCERProject.model_validate({"name": {"zh-CN": "在建项目"}, "methodology": "CCER-01-001-V01",
                                            "status": "under-development"})]
    market = filing.carbon_market.model_copy(update={"ccer_projects": projects})
    found = _by(facts(filing.model_copy(update={"carbon_market": market}), figures),
                "CCERProjectExpectedAnnualReductions")
    assert [(x.value, x.unit, x.decimals, x.explicit, x.typed) for x in found] == [
        (Decimal(214300), "tCO2e", 0, (), ())]
    market = filing.carbon_market.model_copy(update={"ccer_projects": projects[2:]})
    assert not _by(facts(filing.model_copy(update={"carbon_market": market}), figures),
                   "CCERProjectExpectedAnnualReductions")
