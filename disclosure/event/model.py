"""The ``kind: event`` filing: a large event's carbon neutrality under the MEE 《大型活动碳中和实施指南（试行）》.

The organiser states the event, its stages (preparation, holding, wrap-up), the activity data of every
emission source by stage and category, the reduction measures, the offsets with their registry retirement,
and the neutrality statement. Fuel, electricity and heat reuse the corporate schema's sources (the same
parameters, factors and units); other activities give a quantity and a factor with its source.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model
from disclosure.model.report import GWPChoice, Person
from disclosure.model.sources import CombustionSource, ElectricitySource, FactorRef, HeatSource


class Stage(StrEnum):
    PREPARATION = "preparation"
    """筹备阶段."""
    HOLDING = "holding"
    """举办阶段."""
    WRAP_UP = "wrap-up"
    """收尾阶段."""


class Category(StrEnum):
    VENUE_ENERGY = "venue-energy"
    """Energy of venues, offices and temporary facilities (场馆及设施能源)."""
    TRANSPORT_PARTICIPANTS = "transport-participants"
    """Transport of participants (人员交通)."""
    TRANSPORT_GOODS = "transport-goods"
    """Transport of equipment and goods (物资运输)."""
    ACCOMMODATION = "accommodation"
    """Accommodation (住宿)."""
    CATERING = "catering"
    """Catering (餐饮)."""
    MATERIALS = "materials"
    """Materials and printing (物料与印刷品)."""
    WASTE = "waste"
    """Waste treatment (废弃物处理)."""


class EventType(StrEnum):
    SPORTS = "sports"
    CONFERENCE = "conference"
    EXHIBITION = "exhibition"
    PERFORMANCE = "performance"
    OTHER = "other"


class Organiser(Model):
    name: LocalText
    uscc: str | None = Field(default=None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")
    """Unified social credit code (统一社会信用代码)."""


class Venue(Model):
    id: Identifier
    name: LocalText
    province: str
    city: str | None = None


class Attendance(Model):
    group: LocalText
    """Who: athletes and teams, officials, staff, spectators, media."""
    count: int = Field(ge=0)
    person_days: int | None = Field(default=None, ge=0)


class EventInfo(Model):
    name: LocalText
    type: EventType
    organiser: Organiser
    start: date
    """First day the event is held."""
    end: date
    """Last day the event is held."""
    venues: list[Venue] = Field(min_length=1)
    attendance: list[Attendance] = Field(min_length=1)


class StagePeriod(Model):
    stage: Stage
    start: date
    end: date
    description: LocalText | None = None


class Activity(Model):
    """One emission source of one stage: a fuel, electricity or heat source (as in the corporate filing),
    or a quantity with a factor (person-km, room-nights, meals, tonnes of material or waste)."""

    id: Identifier
    stage: Stage
    category: Category
    name: LocalText
    venue: Identifier | None = None
    combustion: CombustionSource | None = None
    electricity: ElectricitySource | None = None
    heat: HeatSource | None = None
    quantity: Amount | None = None
    unit: str | None = None
    """t, kg, pkm (person-km), tkm (tonne-km), room-night, meal."""
    factor: FactorRef | None = None
    """For ``quantity``: a library entry (``id``) or a value in tCO2e or kgCO2e per ``unit`` with its source."""
    mode: str | None = None
    """For ``quantity`` without ``factor``: the activity's kind in the factor library (kind ``event``, its
    ``parameter``: air-passenger, road-freight-heavy-diesel, hotel-china, material-aluminium …), whose
    library factor is used (``disclosure factors --kind event`` lists them)."""
    evidence: str | None = None


class Exclusion(Model):
    """A stage and category left out of the boundary, with the reason (the boundary must be complete)."""

    stage: Stage
    category: Category
    reason: LocalText


class Reduction(Model):
    measure: LocalText
    stage: Stage
    category: Category
    estimated_t: Amount | None = None
    """Estimated avoided emissions, tCO2e (shown, never subtracted from the emissions)."""
    evidence: str | None = None


class OffsetType(StrEnum):
    ALLOWANCE = "allowance"
    """全国碳排放权交易市场碳排放配额."""
    CCER = "ccer"
    """国家核证自愿减排量."""
    INCLUSIVE = "inclusive"
    """省级碳普惠减排量 (with the province's approval)."""
    FORESTRY = "forestry-sink"
    """新建林业项目产生的碳汇量."""
    OTHER = "other"
    """Another credit the competent authority accepts; ``basis`` names the document."""


class Offset(Model):
    id: Identifier
    type: OffsetType
    project: str | None = None
    registry: str = Field(min_length=1)
    """The registry or platform where it was retired (e.g. 全国碳排放权注册登记系统)."""
    serial: str = Field(min_length=1)
    """Serial numbers (or range) of the retired units."""
    vintage: int = Field(ge=2000, le=2100)
    quantity: Amount
    """tCO2e."""
    retired: bool
    retired_on: date | None = None
    evidence: str | None = None
    """Retirement certificate (注销证明) reference."""
    purpose: Literal["event-neutrality", "ets-compliance", "other"] = "event-neutrality"
    """The use recorded at retirement; units surrendered for ETS compliance cannot offset an event."""
    basis: str | None = None
    """For type ``other``: the document by which the authority accepts it."""


class Evaluation(Model):
    body: str = Field(min_length=1)
    report_no: str = Field(min_length=1)
    date: date


class Neutrality(Model):
    statement_date: date
    signed_by: Person
    evaluation: Evaluation | None = None
    """Third-party evaluation of the neutrality (碳中和评价), if any."""


class EventReport(Model):
    title: LocalText
    languages: list[Literal["zh-CN", "en"]] = Field(default=["zh-CN"], min_length=1)
    gwp: GWPChoice = Field(default_factory=GWPChoice)
    prepared_by: Person
    guideline: str = "《大型活动碳中和实施指南（试行）》（生态环境部，2019年）"


class EventFiling(Model):
    """A large event's carbon-neutrality filing (filing.yaml with ``kind: event``)."""

    schema_version: Literal["1.0"]
    kind: Literal["event"]
    report: EventReport
    event: EventInfo
    stages: list[StagePeriod] = Field(default_factory=list)
    activities: list[Activity] = Field(min_length=1)
    exclusions: list[Exclusion] = Field(default_factory=list)
    reductions: list[Reduction] = Field(default_factory=list)
    offsets: list[Offset] = Field(default_factory=list)
    neutrality: Neutrality
