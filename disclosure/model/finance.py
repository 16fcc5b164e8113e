"""Financial effects and climate-related financial metrics (Art. 16; MoF climate standard ch. 5;
IFRS S2 §§15–21, 29(b)–(g)), low-carbon offerings (Art. 28) and restatements (Art. 26)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from disclosure.model.base import Amount, LocalText, Model, Percent
from disclosure.model.energy import Money


class EffectRange(Model):
    """A financial effect as a value or a range (Guide No. 2, requirement 11)."""

    value: Amount | None = None
    """A single estimate."""
    low: Amount | None = None
    """Lower end of the range."""
    high: Amount | None = None
    """Upper end of the range."""
    unit: Literal["CNY", "10^4CNY", "10^8CNY", "元", "万元", "亿元"] = "10^4CNY"
    """Currency unit."""
    line_items: LocalText | None = None
    """Financial-statement lines affected (revenue, costs, assets, cash flows)."""


class UnquantifiedReason(StrEnum):
    """Why a financial effect is not quantified (Guide No. 2, requirements 11(3) and 12(4))."""

    NO_CAPABILITY = "no-capability"
    NOT_SEPARABLE = "not-separable"
    TOO_UNCERTAIN = "too-uncertain"


class NotQuantified(Model):
    """A financial effect given qualitatively: why, and the plan to quantify it."""

    reason: UnquantifiedReason
    explanation: LocalText
    plan: LocalText
    """Work plan towards quantitative disclosure, with progress and timetable."""
    planned_year: int | None = Field(default=None, ge=2000, le=2100)


class FinancialEffect(Model):
    """A current or anticipated financial effect: an amount or range, or why not quantified."""

    amount: EffectRange | None = None
    not_quantified: NotQuantified | None = None
    next_year_material: bool | None = None
    """The risk or opportunity could materially affect next year's financial position (current
    effects, requirement 11(2))."""


class ExposureCategory(StrEnum):
    TRANSITION_RISK = "transition-risk"
    PHYSICAL_RISK = "physical-risk"
    OPPORTUNITY = "opportunity"


class ExposureBasis(StrEnum):
    ASSETS = "assets"
    REVENUE = "revenue"
    BUSINESS_ACTIVITIES = "business-activities"


class Exposure(Model):
    """Assets, revenue or activities exposed to climate risks or aligned with opportunities
    (IFRS S2 §29(b)–(d); MoF climate standard, metrics)."""

    category: ExposureCategory
    basis: ExposureBasis
    amount: Money
    percentage: Percent | None = None
    """Share of the total; computed from total assets or revenue when left out."""
    description: LocalText


class CapitalPurpose(StrEnum):
    MITIGATION = "mitigation"
    ADAPTATION = "adaptation"
    OPPORTUNITY = "opportunity"


class CapitalDeployment(Model):
    """Capital expenditure, financing or investment deployed towards climate risks and opportunities
    (IFRS S2 §29(e))."""

    purpose: CapitalPurpose
    amount: Money
    description: LocalText


class InternalCarbonPrice(Model):
    """Whether and how an internal carbon price is used (IFRS S2 §29(f))."""

    applied: bool
    price: Amount | None = None
    """CNY per tCO2e."""
    application: LocalText
    """How it is applied in decisions (investment, transfer pricing, scenario analysis)."""


class Remuneration(Model):
    """Executive remuneration linked to climate (IFRS S2 §29(g))."""

    linked: bool
    share_pct: Percent | None = None
    """Percentage of executive remuneration recognised in the year linked to climate."""
    description: LocalText


class ClimateMetrics(Model):
    """Cross-industry climate metrics of the MoF climate standard and IFRS S2 §29(b)–(g)."""

    total_assets: Money | None = None
    """Total assets at year-end, the denominator of asset exposure percentages."""
    exposures: list[Exposure] = Field(default_factory=list)
    capital: list[CapitalDeployment] = Field(default_factory=list)
    internal_carbon_price: InternalCarbonPrice | None = None
    remuneration: Remuneration | None = None


class OfferingKind(StrEnum):
    TECHNOLOGY = "technology"
    PRODUCT = "product"
    SERVICE = "service"


class LowCarbonOffering(Model):
    """A technology, product or service that reduces emissions (Art. 28): stated prudently, with
    R&D, approvals, capacity and orders."""

    name: LocalText
    kind: OfferingKind
    description: LocalText
    rd_investment: Money | None = None
    """R&D spending on it in the year."""
    progress: LocalText | None = None
    """R&D progress."""
    approvals: LocalText | None = None
    """Approvals and certifications obtained."""
    patents: int | None = Field(default=None, ge=0)
    """Patents granted."""
    capacity: LocalText | None = None
    """Production capacity reached."""
    orders: LocalText | None = None
    """Orders obtained."""
    revenue: Money | None = None
    """Revenue from it in the year."""
    financial_effect: LocalText | None = None
    """Effect on current and future financial position and results (encouraged)."""
    uncertainties: LocalText | None = None
    """Uncertainties and risks (encouraged)."""


class RestatedFigure(StrEnum):
    SCOPE1 = "scope1"
    SCOPE2_LOCATION = "scope2_location"
    SCOPE2_MARKET = "scope2_market"
    SCOPE3 = "scope3"
    ENERGY_TCE = "energy_tce"


class Restatement(Model):
    """A prior-year figure restated: previous and restated values and the reason (Art. 26)."""

    year: int = Field(ge=1990, le=2100)
    figure: RestatedFigure
    previous: Amount
    """The value as first reported."""
    restated: Amount
    """The value now reported (as in ``history``)."""
    reason: LocalText
