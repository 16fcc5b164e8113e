"""Scope 3, comparatives, targets and carbon-market figures."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model, Percent
from disclosure.model.energy import Money
from disclosure.model.statements import Enforcement
from disclosure.model.wording import Wording


class DataQuality(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Scope3Category(Model):
    """One of the 15 GHG Protocol Scope 3 categories."""

    category: int = Field(ge=1, le=15)
    """Category number 1–15 (GHG Protocol Scope 3 Standard, 2011)."""
    emissions: Amount
    """Emissions, tCO2e."""
    method: LocalText
    """Calculation method (spend-based, average-data, supplier-specific...)."""
    data_quality: DataQuality
    """Overall data quality."""


class Scope3Exclusion(Model):
    """A category not reported, with the reason."""

    category: int = Field(ge=1, le=15)
    reason: LocalText


class Scope3(Model):
    """Scope 3 emissions (encouraged by Art. 24, required by IFRS S2 §29(a)(vi))."""

    categories: list[Scope3Category] = Field(default_factory=list)
    excluded: list[Scope3Exclusion] = Field(default_factory=list)


class PriorProduct(Model):
    """An intensity per unit of product as reported for an earlier year, compared with this year's."""

    key: Identifier
    """Product key (as in facilities' products), e.g. aluminium, clinker, power."""
    value: Amount
    """The intensity reported for that year."""
    unit: str
    """Emissions or energy per unit of the product, e.g. tCO2e/t, tCO2e/MWh, kgce/t, tce/t, kWh/t."""
    measure: Literal["scope12_location", "scope1", "energy"] | None = None
    """What the figure covers: Scope 1 + 2 (location) or Scope 1 per unit, or energy per unit; by
    default the unit decides (emissions: scope12_location, the figure the report publishes)."""


class PriorYear(Model):
    """Figures reported for an earlier year, for comparatives and the base year."""

    year: int = Field(ge=1990, le=2100)
    scope1: Amount
    """tCO2e."""
    scope2_location: Amount
    """tCO2e."""
    scope2_market: Amount | None = None
    scope3: Amount | None = None
    energy_tce: Amount | None = None
    revenue_10k_cny: Amount | None = None
    """Revenue in 10^4 CNY (万元)."""
    restated: bool = False
    """Restated after a base-year recalculation."""
    products: list[PriorProduct] = Field(default_factory=list)
    """Intensities per unit of product reported for that year (checked against this year's)."""


class BaseYear(Model):
    """The base year and its recalculation policy (GHG Protocol ch. 5)."""

    year: int = Field(ge=1990, le=2100)
    recalculation_policy: LocalText
    significance_threshold_pct: Percent
    """Structural or method change above which the base year is recalculated."""


class TargetScope(StrEnum):
    SCOPE1 = "scope1"
    SCOPE2 = "scope2"
    SCOPE3 = "scope3"


class TargetMilestone(Model):
    """An interim milestone of a target."""

    year: int = Field(ge=1990, le=2100)
    reduction_pct: Percent
    """Reduction from the base value aimed at by ``year``."""


class Target(Model):
    """A GHG target: absolute or intensity, with base and target years (MT-01, MT-02)."""

    id: Identifier
    name: LocalText
    kind: Literal["absolute", "intensity-revenue", "intensity-product"]
    scopes: list[TargetScope] = Field(min_length=1)
    base_year: int
    base_value: Amount
    """Value in the base year (tCO2e, or tCO2e per 10^4 CNY / per product unit)."""
    target_year: int
    reduction_pct: Percent
    """Reduction from the base value aimed at by the target year."""
    product: Identifier | None = None
    """Product key for a product-intensity target."""
    milestones: LocalText | None = None
    gross_or_net: Literal["gross", "net"] | None = None
    """Gross emissions target, or net of carbon credits (IFRS S2 §36(c))."""
    gases: list[str] = Field(default_factory=list)
    """Greenhouse gases covered, e.g. CO2, CF4, C2F6 (IFRS S2 §36(a))."""
    planned_credits: LocalText | None = None
    """Planned use of carbon credits to meet a net target (IFRS S2 §36(e))."""
    interim: list[TargetMilestone] = Field(default_factory=list)
    """Interim milestones (阶段性目标)."""
    third_party_validation: LocalText | None = None
    """Whether, and by whom, the target and its method were validated (IFRS S2 §34(a))."""
    applies_to: LocalText | None = None
    """The part of the group the target applies to, when not the whole entity (Guide No. 2, 15)."""


class Compliance(Model):
    """One facility's compliance with the national ETS for a compliance period (MT-12)."""

    facility: Identifier
    compliance_year: int
    """Emissions year the surrender covers."""
    allocated: Amount
    """Allowances allocated, t."""
    obligation: Amount
    """Verified emissions to be covered by surrender, tCO2e."""
    surrendered_allowances: Amount
    """Allowances surrendered, t."""
    ccer_surrendered: Amount = Field(default=Decimal(0))
    """CCERs used to offset (at most 5% of the obligation), tCO2e."""
    surrender_completed: bool
    """Surrender (清缴) completed on time."""
    rectification: LocalText | None = None
    """Rectification, investigation or penalty, if any."""


class CreditType(StrEnum):
    CCER = "CCER"
    PHCER = "PHCER"
    """碳普惠 (local carbon inclusion credits)."""
    OTHER = "other"


class CarbonCredit(Model):
    """Carbon credits used in the year (MT-11): source and quantity."""

    type: CreditType
    project: Wording
    """The project's name (in each report language; a plain string is one language)."""
    quantity: Amount
    """tCO2e."""
    vintage: int | None = None
    purpose: Literal["ets-compliance", "voluntary"]


class CCERProject(Model):
    """A CCER project the group develops or trades (MT-13)."""

    name: LocalText
    methodology: str
    status: Literal["registered", "issued", "under-development"]
    issued: Amount = Field(default=Decimal(0))
    sold: Amount = Field(default=Decimal(0))
    project_type: LocalText | None = None
    """Project type, e.g. 并网海上风力发电 (Guide No. 2, requirement 21)."""
    expected_annual_reductions: Amount | None = None
    """Expected reductions a year, tCO2e."""


class Reduction(Model):
    """A reduction achieved by measures in the year, per scope (MT-10)."""

    scope: TargetScope
    quantity: Amount
    """tCO2e."""
    measure: LocalText
    investment: Money | None = None
    """Money invested in the measure (Art. 27: 资金投入)."""


class CarbonMarket(Model):
    """Carbon-market participation."""

    compliance: list[Compliance] = Field(default_factory=list)
    credits: list[CarbonCredit] = Field(default_factory=list)
    ccer_projects: list[CCERProject] = Field(default_factory=list)
    reductions: list[Reduction] = Field(default_factory=list)
    other_mechanisms: LocalText | None = None
    enforcement: Enforcement | None = None
    """Penalties, rectification orders and investigations concerning carbon emissions in the period;
    the report states each answer (e.g. 报告期内未因碳排放受到行政处罚)."""
