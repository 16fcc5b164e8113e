"""Report metadata and the reporting entity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from disclosure.model.base import Identifier, LocalText, Model, NonNegative, Percent
from disclosure.model.narrative import DoubleMateriality, ForwardLooking
from disclosure.model.statements import BoardStatement, Contact
from disclosure.model.wording import Wording

Language = Literal["zh-CN", "en"]


def _primary_language() -> list[Language]:
    return ["zh-CN"]


class PreparationBasis(StrEnum):
    """The rule set the report is prepared under (编制依据)."""

    SSE = "sse-no14"
    """上海证券交易所上市公司自律监管指引第14号——可持续发展报告（试行）"""
    SZSE = "szse-no17"
    """深圳证券交易所上市公司自律监管指引第17号——可持续发展报告（试行）"""
    BSE = "bse-no11"
    """北京证券交易所上市公司持续监管指引第11号——可持续发展报告（试行）"""
    MOF = "mof-climate"
    """企业可持续披露准则第1号——气候（试行） 财会〔2025〕34号"""
    IFRS_S2 = "ifrs-s2"
    """IFRS S2 Climate-related Disclosures"""
    SASAC = "sasac-esg"
    """国资委 央企控股上市公司ESG专项报告参考指标体系"""


EXCHANGE_BASES = frozenset({PreparationBasis.SSE, PreparationBasis.SZSE, PreparationBasis.BSE})


class GWPSet(StrEnum):
    """The IPCC assessment report whose 100-year GWPs convert gases to CO2e (SAR is AR2)."""

    AR2 = "AR2"
    """Second Assessment Report (SAR, 1995), used by the 2013–15 NDRC guidelines."""
    AR4 = "AR4"
    AR5 = "AR5"
    AR6 = "AR6"


def _gwp_set(value: Any) -> Any:
    return "AR2" if isinstance(value, str) and value.strip().upper() == "SAR" else value


class Person(Model):
    """Someone who prepared or approved the report."""

    name: Wording
    """Name (a string, or {zh-CN, en} when the report is published in both)."""
    role: Wording
    """Position, e.g. 董事会秘书 or Head of Sustainability."""
    date: date
    """Date of preparation or approval."""


class Revenue(Model):
    """Operating revenue of the consolidated entity, the denominator of intensity per revenue."""

    value: NonNegative
    """Amount in ``unit``."""
    unit: Literal["CNY", "10^4CNY", "10^8CNY", "元", "万元", "亿元"] = "10^4CNY"
    """Currency unit: CNY (元), 10^4CNY (万元) or 10^8CNY (亿元)."""


class GWPValue(Model):
    """One gas's global warming potential, with where it was taken from."""

    gas: str = Field(min_length=1)
    """Gas formula, e.g. CH4, N2O, CF4, C2F6, SF6, HFC-134a."""
    value: NonNegative
    """100-year GWP (dimensionless)."""
    source: str = Field(min_length=1)
    """Document and table the value is taken from."""


class GWPChoice(Model):
    """The GWP set used for every CO2e figure, recorded in the outputs."""

    set: Annotated[GWPSet, BeforeValidator(_gwp_set)] = GWPSet.AR6
    """The assessment report: AR6 (default), AR5, AR4 or SAR/AR2."""
    values: list[GWPValue] = Field(default_factory=list)
    """Values supplied by the preparer, used before the factor library's."""


class Report(Model):
    """The report itself: period, basis of preparation, dates and people."""

    title: LocalText
    """Report title; under the exchange guidelines it contains 可持续发展报告 or 环境、社会和公司治理报告."""
    fiscal_year: int = Field(ge=2000, le=2100)
    """The fiscal year reported (a full year, the same as the annual report)."""
    period_start: date
    """First day of the reporting period."""
    period_end: date
    """Last day of the reporting period."""
    bases: list[PreparationBasis] = Field(min_length=1)
    """Bases of preparation (编制依据)."""
    languages: list[Language] = Field(default_factory=_primary_language, min_length=1)
    """Languages the report is published in; the first is the primary one."""
    ghg_standard: Wording
    """GHG accounting standards and methods, e.g. 'GHG Protocol Corporate Standard; MEE guidelines'."""
    gwp: GWPChoice = Field(default_factory=GWPChoice)
    """The GWP set."""
    annual_report_date: date | None = None
    """Publication date of the annual report of the same year."""
    board_approval_date: date | None = None
    """Date the board approved this report (董事会审议通过日期)."""
    publication_date: date | None = None
    """Planned or actual publication date."""
    prepared_by: Person
    """Preparer."""
    approved_by: Person | None = None
    """Approver."""
    revenue: Revenue | None = None
    """Operating revenue (营业收入) for intensity per revenue."""
    verification_tolerance_pct: Percent = Decimal(0)
    """Relative gap between computed and verified totals accepted without a reconciling explanation,
    in percent (default 0: every gap above ``verification_tolerance_t`` must be explained)."""
    verification_tolerance_t: NonNegative = Decimal(1)
    """Absolute gap accepted without explanation, tCO2e (default 1 t: rounding to whole tonnes)."""
    materiality: LocalText | None = None
    """Double-materiality assessment: process and results (RPT-07)."""
    double_materiality: DoubleMateriality | None = None
    """The assessment's process, thresholds and result per topic (RPT-07, RPT-16)."""
    forward_looking: ForwardLooking | None = None
    """Assumptions and risk warning of the forward-looking information (RPT-12)."""
    judgements: LocalText | None = None
    """Significant judgements, estimates and measurement uncertainty (RPT-17)."""
    board_statement: BoardStatement | None = None
    """The board's statement on the report (董事会声明) and the meeting that approved it."""
    contact: Contact | None = None
    """Where readers send questions and feedback (联系方式与意见反馈)."""


class Exchange(StrEnum):
    SSE = "SSE"
    SZSE = "SZSE"
    BSE = "BSE"
    HKEX = "HKEX"
    OTHER = "other"


class IndexMembership(StrEnum):
    """Index memberships that make the sustainability report mandatory (whole-period members)."""

    SSE180 = "SSE180"
    STAR50 = "STAR50"
    SZSE100 = "SZSE100"
    CHINEXT = "ChiNext"


MANDATORY_INDICES = frozenset(IndexMembership)


class Listing(Model):
    """One listing of the entity's shares."""

    exchange: Exchange
    """Exchange."""
    stock_code: str = Field(pattern=r"^[0-9A-Z]{4,6}$")
    """Stock code, e.g. 600000."""
    short_name: Wording | None = None
    """Stock short name (证券简称), e.g. 青海铝业; printed on the cover with the code."""


class Ownership(StrEnum):
    CENTRAL_SOE = "central-soe"
    PROVINCIAL_SOE = "provincial-soe"
    LOCAL_SOE = "local-soe"
    PRIVATE = "private"
    FOREIGN = "foreign"
    OTHER = "other"


class Entity(Model):
    """The reporting entity: the same as the financial statements' consolidation scope."""

    name: LocalText
    """Registered name."""
    uscc: str = Field(min_length=1)
    """统一社会信用代码 (18 characters, GB 32100-2015 check character)."""
    lei: str | None = None
    """Legal Entity Identifier (ISO 17442), if the entity has one."""
    listings: list[Listing] = Field(default_factory=list)
    """Listings; an entity listed in China and abroad is a mandatory discloser."""
    indices: list[IndexMembership] = Field(default_factory=list)
    """Whole-period index memberships during the year."""
    ownership: Ownership
    """Ownership type (central SOE, provincial SOE, private...)."""
    industry: Wording
    """Industry, e.g. CSRC or GB/T 4754 code and name: 'C3216 铝冶炼'."""
    province: str
    """Province of registration (pinyin key or Chinese name)."""
    consolidation_scope: LocalText
    """Statement that the reporting scope equals the financial statements' consolidation scope (RPT-02)."""

    @property
    def mandatory(self) -> bool:
        """A mandatory discloser under the 2024 exchange guidelines."""
        domestic = {Exchange.SSE, Exchange.SZSE, Exchange.BSE}
        exchanges = {listing.exchange for listing in self.listings}
        dual = bool(exchanges & domestic) and bool(exchanges - domestic)
        return dual or bool(set(self.indices) & MANDATORY_INDICES)


class ConsolidationApproach(StrEnum):
    EQUITY_SHARE = "equity-share"
    FINANCIAL_CONTROL = "financial-control"
    OPERATIONAL_CONTROL = "operational-control"


class BoundaryEntity(Model):
    """A subsidiary, joint venture or associate inside the organisational boundary."""

    id: Identifier
    """Short id used by facilities."""
    name: LocalText
    """Name."""
    ownership_pct: Percent
    """Equity share held by the reporting entity, in percent."""
    financial_control: bool
    """The group has financial control."""
    operational_control: bool
    """The group has operational control."""
    consolidated: bool
    """Part of the consolidated accounting group (IFRS S2 §29(a)(iv)); false for other investees."""


class Boundary(Model):
    """Organisational boundary and consolidation approach (Art. 26; GHG Protocol ch. 3)."""

    approach: ConsolidationApproach
    """Consolidation approach used for the reported figures."""
    entities: list[BoundaryEntity] = Field(min_length=1)
    """Entities whose facilities are reported."""
    changes: LocalText | None = None
    """Changes to the boundary or methods during the year and their effect."""
