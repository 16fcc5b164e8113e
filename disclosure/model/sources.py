"""Facilities and their emission sources, with MEE activity data and parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from disclosure.model.base import Amount, Basis, Identifier, LocalText, Model
from disclosure.model.quality import Downtime, Meter, SecondSource
from disclosure.model.wording import Wording

_YES = {"是", "Y", "y", "yes", "true", "True", "TRUE", "1"}
_NO = {"否", "N", "n", "no", "false", "False", "FALSE", "0"}


def _zh_bool(value: Any) -> Any:
    if isinstance(value, str):
        if value in _YES:
            return True
        if value in _NO:
            return False
    return value


Flag = Annotated[bool, BeforeValidator(_zh_bool)]
"""A yes/no value; 是/否 are accepted in tables."""

Period = Annotated[str, Field(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$")]
"""A fiscal year ``2025`` or a month ``2025-03``."""


class Param(Model):
    """A calculation parameter: a measured value with its evidence, or a default with its source."""

    value: Amount | None = None
    """The value; for a default it may be left out to take the factor library's."""
    unit: str | None = None
    """Unit of ``value``: NCV GJ/t or GJ/10^4Nm3; carbon content tC/GJ or tC/t; oxidation % or 1."""
    basis: Basis
    """measured (实测) or default (缺省值)."""
    evidence: str | None = None
    """For a measured value: lab report or sample reference (检测报告编号)."""
    source: str | None = None
    """For a default value given here: the document and table row it comes from."""
    factor: str | None = None
    """For a default from the factor library: the entry id (otherwise chosen by fuel)."""
    compliant: Flag = True
    """False when the measurement does not meet the requirements and must be replaced by a default."""


class FuelRecord(Model):
    """Fuel consumed in one month or the whole year; blank parameters fall back to the source's."""

    period: Period
    """``2025`` for the year or ``2025-03`` for a month."""
    quantity: Amount
    """Fuel consumed (FC)."""
    unit: str
    """Unit of ``quantity``: t, 10^4t, kg, Nm3, 10^4Nm3."""
    ncv: Amount | None = None
    """Net calorific value (低位发热量) of this record."""
    ncv_unit: str | None = None
    ncv_basis: Basis | None = None
    ncv_evidence: str | None = None
    carbon_content: Amount | None = None
    """Carbon content per unit heat (tC/GJ) or per unit mass (元素碳含量, tC/t)."""
    carbon_content_unit: str | None = None
    carbon_content_basis: Basis | None = None
    carbon_content_evidence: str | None = None
    carbon_content_compliant: Flag | None = None
    """False when the carbon measurement does not meet requirements (default substitution)."""
    oxidation: Amount | None = None
    """Oxidation rate (碳氧化率)."""
    oxidation_unit: str | None = None
    oxidation_basis: Basis | None = None
    oxidation_evidence: str | None = None
    evidence_date: date | None = None
    """Date the month's data were deposited on the national platform (月度存证)."""
    meter: Identifier | None = None
    """The meter that measured ``quantity`` (from the facility's register); the source's by default."""


class ActivityRecord(Model):
    """Electricity or heat purchased in one month or the whole year."""

    period: Period
    """``2025`` or ``2025-03``."""
    quantity: Amount
    """Quantity consumed."""
    unit: str
    """Electricity: kWh, MWh, 10^4kWh. Heat: GJ, TJ, MJ."""
    evidence: str | None = None
    """Invoice, meter reading or settlement reference."""
    evidence_date: date | None = None
    """Date the month's data were deposited (月度存证), if applicable."""
    meter: Identifier | None = None
    """The meter that measured ``quantity`` (from the facility's register); the source's by default."""


class FuelParameters(Model):
    """Parameters that apply to every record of a source unless a record gives its own."""

    ncv: Param | None = None
    """Net calorific value (NCV)."""
    carbon_content: Param | None = None
    """Carbon content (CC) per unit heat or per unit mass."""
    oxidation: Param | None = None
    """Oxidation rate (OF)."""


class CombustionSource(Model):
    """Fossil fuel combustion: E = Σ FC × NCV × CC × OF × 44/12."""

    id: Identifier
    """Id, unique within the facility."""
    fuel: str
    """Fuel key from the factor library, e.g. bituminous_coal, natural_gas, diesel."""
    name: LocalText | None = None
    """Description, e.g. 自备电厂燃煤锅炉."""
    mobile: bool = False
    """Mobile combustion (vehicles) rather than stationary."""
    parameters: FuelParameters = Field(default_factory=FuelParameters)
    """Parameters for all records."""
    records: list[FuelRecord] = Field(min_length=1)
    """Monthly or annual records, inline or ``{file: table.csv, select: {...}}``."""
    declared_annual_quantity: Amount | None = None
    """The annual total from the energy statistics, checked against the records' sum."""
    meter: Identifier | None = None
    """The meter that measures this fuel (records may name their own)."""
    checks: list[SecondSource] = Field(default_factory=list)
    """The same consumption from other sources (weighbridge, stock balance, energy statistics)."""


class FactorRef(Model):
    """An emission factor: a library entry by id, by series/year/region, or a value with its source."""

    id: str | None = None
    """Factor library id."""
    series: Literal["mee-nbs", "ets-national", "supplier", "residual-mix"] | None = None
    """Electricity factor series (never mixed: mee-nbs for disclosure, ets-national for ETS)."""
    year: int | None = None
    """Data year of the factor."""
    region: str | None = None
    """Region key: national, a grid region or a province."""
    value: Amount | None = None
    """A factor given here (e.g. a heat supplier's), with ``unit`` and ``source``."""
    unit: str | None = None
    """Unit, e.g. tCO2/MWh, tCO2/GJ."""
    source: str | None = None
    """Document the value comes from."""
    justification: LocalText | None = None
    """Why this factor is used where its year or region differs from the facility's (shown in the
    methodology; a stated justification replaces the warning)."""


class InstrumentType(StrEnum):
    GEC = "green-certificate"
    """绿色电力证书 (GEC)."""
    GREEN_POWER = "green-power-trade"
    """绿电交易 with certificates."""
    PPA = "ppa"
    """Direct contract with a generator."""
    ONSITE = "onsite"
    """Refused (``rule.elec.onsite-not-instrument``): power generated and used on site is not purchased, so
    it is no contractual instrument and is not deducted from the grid purchase (GHG Protocol Scope 2
    Guidance); it is energy data (``energy.additional``, ``direct``) and a reduction measure."""


class Instrument(Model):
    """A contractual instrument for market-based Scope 2."""

    type: InstrumentType
    """Instrument kind."""
    quantity: Amount
    """Electricity covered."""
    unit: str = "MWh"
    """kWh, MWh or 10^4kWh."""
    factor: Amount = Decimal(0)
    """Emission factor of the contracted generation, tCO2/MWh (0 for wind, solar and hydro)."""
    evidence: str | None = None
    """Certificate or contract reference."""


class ElectricitySource(Model):
    """Purchased electricity: location-based and market-based Scope 2."""

    id: Identifier
    name: LocalText | None = None
    records: list[ActivityRecord] = Field(min_length=1)
    """Monthly or annual consumption."""
    location_factor: FactorRef
    """Grid factor for location-based Scope 2 (MEE/NBS series)."""
    ets_factor: FactorRef | None = None
    """ETS national grid factor, for the figure reported under the ETS only."""
    instruments: list[Instrument] = Field(default_factory=list)
    """Green certificates and contracts for market-based Scope 2."""
    residual_factor: FactorRef | None = None
    """Factor for consumption not covered by instruments; the location factor when absent."""
    declared_annual_quantity: Amount | None = None
    """Annual total from the electricity bills, checked against the records' sum."""
    meter: Identifier | None = None
    """The meter that measures this supply (records may name their own)."""
    checks: list[SecondSource] = Field(default_factory=list)
    """The same consumption from other sources (grid bills, meter readings, energy statistics)."""


class HeatSource(Model):
    """Purchased heat or steam."""

    id: Identifier
    name: LocalText | None = None
    records: list[ActivityRecord] = Field(min_length=1)
    factor: FactorRef | None = None
    """Supplier factor; the library default (GB/T 32150—2025) when absent."""
    meter: Identifier | None = None
    """The meter that measures this supply (records may name their own)."""
    checks: list[SecondSource] = Field(default_factory=list)
    """The same consumption from other sources."""


class Quantity(Model):
    """A production or material quantity with its unit."""

    value: Amount
    unit: str = "t"
    evidence: str | None = None


class CementClinker(Model):
    """Clinker calcination: E = (Q_cli + Q_ckd + Q_bypass) × [(CaO − CaO_nc)×44/56 + (MgO − MgO_nc)×44/40]."""

    type: Literal["cement-clinker"]
    id: Identifier
    clinker: Quantity
    """Clinker produced."""
    kiln_dust: Quantity | None = None
    """Cement kiln dust discarded (窑头粉尘)."""
    bypass_dust: Quantity | None = None
    """Bypass dust discarded (旁路放风粉尘)."""
    cao: Param
    """CaO content of clinker, %."""
    mgo: Param
    """MgO content of clinker, %."""
    cao_non_carbonate: Param | None = None
    """CaO from non-carbonate sources, % of clinker."""
    mgo_non_carbonate: Param | None = None
    """MgO from non-carbonate sources, % of clinker."""


class AluminiumAnode(Model):
    """Anode consumption in electrolysis: E = P × NC × (1 − S − A) × 44/12, or P × default factor."""

    type: Literal["aluminium-anode"]
    id: Identifier
    aluminium: Quantity
    """Primary aluminium produced (P)."""
    net_anode_consumption: Param | None = None
    """Net carbon anode consumption per tonne of aluminium (NC), t/t."""
    sulfur: Param | None = None
    """Sulfur content of the anode (S), %."""
    ash: Param | None = None
    """Ash content of the anode (A), %."""
    default_factor: FactorRef | None = None
    """A default tCO2/t Al used when NC, S and A are not given."""


class AluminiumPFC(Model):
    """Anode-effect PFCs: CF4 = P × SEF × AEM (slope method), C2F6 = CF4 × ratio; or factors per tonne."""

    type: Literal["aluminium-pfc"]
    id: Identifier
    aluminium: Quantity
    """Primary aluminium produced (P)."""
    method: Literal["slope", "emission-factor", "default"]
    """slope: slope × anode-effect minutes; emission-factor: kg gas per t Al; default: tCO2e/t Al."""
    slope_cf4: Param | None = None
    """Slope coefficient, (kg CF4/t Al)/(AE-min/cell-day)."""
    anode_effect_minutes: Param | None = None
    """Anode effect minutes per cell-day (AEM)."""
    c2f6_ratio: Param | None = None
    """C2F6/CF4 weight fraction."""
    ef_cf4: Param | None = None
    """kg CF4 per t Al."""
    ef_c2f6: Param | None = None
    """kg C2F6 per t Al."""
    default_factor: FactorRef | None = None
    """tCO2e per t Al, for method 'default'."""


class SourceType(StrEnum):
    STATIONARY = "stationary-combustion"
    MOBILE = "mobile-combustion"
    PROCESS = "process"
    FUGITIVE = "fugitive"


class DirectEmission(Model):
    """Another direct emission, as a mass of one gas, with the method stated."""

    type: Literal["direct"]
    id: Identifier
    gas: str = Field(min_length=1)
    """CO2, CH4, N2O, SF6, CF4, C2F6, NF3 or an HFC such as HFC-134a."""
    quantity: Amount
    """Mass of the gas emitted."""
    unit: str = "t"
    source_type: Literal["process", "fugitive"] = "fugitive"
    method: LocalText
    """How the quantity was determined."""
    evidence: str | None = None


ProcessSource = Annotated[
    CementClinker | AluminiumAnode | AluminiumPFC | DirectEmission, Field(discriminator="type")
]


class ETSSector(StrEnum):
    POWER = "power"
    ALUMINIUM = "aluminium"
    CEMENT = "cement"
    STEEL = "steel"
    OTHER = "other"


class ETSStatus(Model):
    """The facility's place in the national carbon market."""

    covered: bool
    """A key emitter (重点排放单位) under the national ETS."""
    sector: ETSSector | None = None
    """ETS sector."""
    registration: str | None = None
    """Registration or account number."""
    note: LocalText | None = None
    """Why the facility is or is not the company's key emitter, for the reader (e.g. an associate's line whose
    operator is the key emitter and surrenders): printed under the facility table."""


class Product(Model):
    """A product, for intensity per unit of product."""

    name: LocalText
    quantity: Amount
    unit: str = "t"
    key: Identifier
    """Key used to aggregate intensities across facilities, e.g. aluminium, clinker, power."""
    records: list[ActivityRecord] = Field(default_factory=list)
    """Monthly production (生产报表), checked against ``quantity`` and for magnitude slips."""
    checks: list[SecondSource] = Field(default_factory=list)
    """The same production from other sources (e.g. the ETS supplementary data table)."""


class Verification(Model):
    """Totals from the facility's verification report (核查报告)."""

    verifier: Wording
    report_no: str = Field(min_length=1)
    date: date
    scope1: Amount | None = None
    """Verified direct emissions, tCO2e."""
    scope2: Amount | None = None
    """Verified indirect emissions from purchased electricity and heat, tCO2e."""
    scope2_basis: Literal["ets", "location"] = "ets"
    """Which computed Scope 2 the verified figure is compared with."""
    reconciliation: LocalText | None = None
    """Reconciling explanation of any gap between the computed and the verified figures."""


class Facility(Model):
    """A site or installation and its emission sources."""

    id: Identifier
    """Id, unique in the filing."""
    name: LocalText
    entity: Identifier
    """The boundary entity that owns it."""
    province: str
    """Province (pinyin key or Chinese name)."""
    ets: ETSStatus = Field(default_factory=lambda: ETSStatus(covered=False))
    products: list[Product] = Field(default_factory=list)
    combustion: list[CombustionSource] = Field(default_factory=list)
    electricity: list[ElectricitySource] = Field(default_factory=list)
    heat: list[HeatSource] = Field(default_factory=list)
    process: list[ProcessSource] = Field(default_factory=list)
    verification: Verification | None = None
    meters: list[Meter] = Field(default_factory=list)
    """Register of measuring instruments (计量器具台账) with their calibrations."""
    downtime: list[Downtime] = Field(default_factory=list)
    """Months without operation (停产、检修) that explain missing monthly records."""
