"""Governance, strategy, risk management and assurance narratives, with structure."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model
from disclosure.model.finance import FinancialEffect
from disclosure.model.wording import Wording


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    AD_HOC = "ad-hoc"


class Body(Model):
    """A body or role responsible for climate matters (GOV-01)."""

    name: LocalText
    """e.g. 董事会战略与ESG委员会."""
    level: Literal["board", "committee", "management", "working-group"]
    responsibilities: LocalText
    competence: LocalText
    """Skills and competence, and how they are ensured (GOV-02)."""
    reporting_frequency: Frequency
    """How often it is informed of climate matters (GOV-03)."""
    composition: LocalText | None = None
    """Who sits on it (Guide No. 2, requirement 1: 人员构成)."""


class Governance(Model):
    """Governance (Art. 12): GOV-01 to GOV-05."""

    bodies: list[Body] = Field(min_length=1)
    information: LocalText
    """How the bodies are informed (GOV-03)."""
    target_oversight: LocalText
    """Oversight of targets and progress; controls and appraisal (GOV-04)."""
    decision_integration: LocalText
    """How climate matters enter strategy and major decisions (GOV-05)."""


class Horizon(StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class Level(StrEnum):
    """A three-step rating of likelihood or magnitude, as risk registers use."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RiskType(StrEnum):
    PHYSICAL_ACUTE = "physical-acute"
    PHYSICAL_CHRONIC = "physical-chronic"
    POLICY = "transition-policy"
    TECHNOLOGY = "transition-technology"
    MARKET = "transition-market"
    REPUTATION = "transition-reputation"
    RESOURCE_EFFICIENCY = "opportunity-resource-efficiency"
    ENERGY_SOURCE = "opportunity-energy-source"
    PRODUCTS = "opportunity-products"
    MARKETS = "opportunity-markets"
    RESILIENCE = "opportunity-resilience"


class RiskOrOpportunity(Model):
    """A climate risk or opportunity (STR-02, STR-06, STR-07)."""

    id: Identifier
    kind: Literal["risk", "opportunity"]
    type: RiskType
    horizon: Horizon
    likelihood: Level | None = None
    """How likely the risk materialises or the opportunity is realised over the horizon (可能性)."""
    magnitude: Level | None = None
    """How large its effect would be (影响程度)."""
    description: LocalText
    response: LocalText
    current_financial_effect: LocalText
    anticipated_financial_effect: LocalText | None = None
    financial_effect_cny: Amount | None = None
    """Quantified effect in CNY where it can be estimated."""
    current_effect: FinancialEffect | None = None
    """Current-period effect as a value or range, or why it is not quantified (STR-06, STR-11)."""
    anticipated_effect: FinancialEffect | None = None
    """Anticipated effect over the horizon, as a value or range, or why not quantified (STR-07)."""


class TransitionPlan(Model):
    """The five elements of the transition plan (Art. 23, STR-05)."""

    strategy_changes: LocalText
    """Changes to strategy, business model and resource allocation."""
    measures: LocalText
    """Direct and indirect mitigation and adaptation measures."""
    assumptions: LocalText
    """Plans, key assumptions and dependencies."""
    resources: LocalText
    """Resources for implementation."""
    progress: LocalText
    """Progress against the plan."""


class Scenario(Model):
    name: Wording
    warming: str
    """e.g. 1.5°C, below 2°C, 3°C+."""
    source: Wording
    """e.g. NGFS Phase V, IEA NZE 2050."""
    horizon: str | None = None
    """Time horizon analysed, e.g. 2030, 2030–2060."""
    parameters: LocalText | None = None
    """Key inputs (carbon price, demand, power mix, physical hazards...)."""
    assumptions: LocalText | None = None
    """Assumptions about the company's response, prices passed on, capital, policy (IFRS S2 22(b)(ii))."""
    results: LocalText | None = None
    """What the analysis found: effects on costs, revenue, assets over the horizon."""


class Resilience(Model):
    """Climate resilience and scenario analysis (Art. 22, STR-08)."""

    assessment: LocalText
    scenario_analysis: bool
    scenarios: list[Scenario] = Field(default_factory=list)
    uncertainties: LocalText | None = None
    """Significant uncertainties considered (Art. 22(二))."""
    adaptive_capacity: LocalText | None = None
    """Capacity to adjust strategy and business model over the horizons (Art. 22(三))."""


class Strategy(Model):
    """Strategy (Arts. 13–17, 22, 23)."""

    horizons: LocalText
    """How short, medium and long term are defined (STR-02)."""
    impacts: LocalText
    """Material impacts and responses (STR-01)."""
    risks_opportunities: list[RiskOrOpportunity] = Field(min_length=1)
    business_model: LocalText | None = None
    """Effects on business model and value chain (STR-03)."""
    decisions: LocalText
    """Strategy and decisions, plans and progress metrics (STR-04)."""
    transition_plan: TransitionPlan
    resilience: Resilience


class RiskManagement(Model):
    """Impact, risk and opportunity management (Art. 18, IRO-01)."""

    process: LocalText
    integration: LocalText


class Assurance(Model):
    """Third-party verification or assurance of the GHG figures (MT-09)."""

    provider: Wording
    standard: Wording
    """e.g. ISO 14064-3, ISAE 3410."""
    level: Literal["limited", "reasonable", "verification"]
    scope: LocalText
    statement: LocalText
    """The conclusion, as the report quotes it."""
    date: date
    report_no: str | None = None
    """Number of the assurance or verification report."""
    full_text: LocalText | None = None
    """The assurance statement in full, printed as an appendix of the report."""


class OmissionReason(StrEnum):
    NOT_APPLICABLE = "not-applicable"
    CONFIDENTIAL = "confidential"
    NOT_AVAILABLE = "not-available"
    NOT_MATERIAL = "not-material"


class Omission(Model):
    """A checklist item not disclosed, and why (comply or explain)."""

    item: str = Field(pattern=r"^(RPT|GOV|STR|IRO|MT|SOE|ENE|FIN|MEE)-[0-9]{2}$")
    """Checklist id, e.g. MT-05."""
    reason: OmissionReason
    explanation: LocalText
    planned_year: int | None = None
    """When the item is expected to be disclosed."""


class Topic(StrEnum):
    """Environmental topics of the exchange guideline relevant to this report."""

    CLIMATE_CHANGE = "climate-change"
    ENERGY_USE = "energy-use"
    POLLUTANTS = "pollutants"
    WATER = "water"
    ECOSYSTEMS = "ecosystems"
    CIRCULAR_ECONOMY = "circular-economy"


class TopicMateriality(Model):
    """One topic's double-materiality result."""

    topic: Topic
    impact: bool
    """Material for its impact on the economy, environment and society."""
    financial: bool
    """Financially material: then the four-pillar disclosure (governance, strategy, IRO management,
    metrics and targets) applies to it (Art. 5)."""
    rationale: LocalText | None = None
    """Why, with the scores against the thresholds."""
    disclosed_in: LocalText | None = None
    """Where a material topic this report does not cover is disclosed, e.g. 公司《2025年度环境信息依法披露报告》
    (the disclosure index gives it; a material topic with neither this nor ``omission`` is a finding)."""
    omission: LocalText | None = None
    """Why a material topic is not disclosed (Art. 7: comply or explain)."""


class DoubleMateriality(Model):
    """The double-materiality assessment: process, thresholds and the result per topic (RPT-07)."""

    process: LocalText
    """Steps, stakeholders and experts involved."""
    thresholds: LocalText
    """The impact and financial thresholds applied."""
    topics: list[TopicMateriality] = Field(min_length=1)


class ForwardLooking(Model):
    """The caveat of forward-looking information: its assumptions and the risk warning (RPT-12)."""

    assumptions: LocalText
    caveat: LocalText
