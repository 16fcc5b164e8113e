"""Energy use (exchange guideline Art. 35; compilation Guide No. 4 能源利用): energy not carried by an
emission source, clean energy by type and channel, energy-saving targets and measures, sector limits."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from disclosure.model.base import Amount, Identifier, LocalText, Model, NonNegative


class Money(Model):
    """An amount of money with its unit."""

    value: Amount
    """Amount in ``unit``."""
    unit: Literal["CNY", "10^4CNY", "10^8CNY", "元", "万元", "亿元"] = "10^4CNY"
    """Currency unit: CNY (元), 10^4CNY (万元) or 10^8CNY (亿元)."""


class EnergyUse(Model):
    """Energy consumed that no emission source carries (e.g. self-generated solar power consumed on
    site, purchased steam in tonnes, cooling), counted in total energy consumption."""

    id: Identifier
    """Id, unique among the additional energy uses."""
    type: str = Field(min_length=1)
    """Energy key: electricity, heat, steam, cooling or a fuel key of the factor library."""
    name: LocalText
    """What it is, e.g. 屋顶光伏自发自用电量."""
    quantity: NonNegative
    """Quantity consumed in the year."""
    unit: str
    """Unit: kWh, MWh, 10^4kWh, GJ, tce, t (with a coefficient) ..."""
    coefficient: NonNegative | None = None
    """tce per unit of ``unit`` where the unit is not an energy unit (e.g. steam, t); otherwise the
    reference coefficient of GB/T 2589-2020 in ``disclosure/data/energy.yaml`` is used."""
    coefficient_source: str | None = None
    """Where a coefficient given here comes from (measured enthalpy, supplier, standard)."""
    direct: bool = False
    """Direct energy (fuels used on site, own generation) rather than indirect (bought-in electricity,
    heat, steam)."""
    facility: Identifier | None = None
    """The facility that uses it, for energy per unit of product; group-level when left out."""
    evidence: str | None = None
    """Meter or settlement reference."""


class CleanEnergyType(StrEnum):
    """Kinds of clean energy named by Art. 35(二)."""

    WIND = "wind"
    SOLAR = "solar"
    HYDRO = "hydro"
    GEOTHERMAL = "geothermal"
    BIOMASS = "biomass"
    OCEAN = "ocean"
    NATURAL_GAS = "natural-gas"
    NUCLEAR = "nuclear"
    MIXED_RENEWABLE = "mixed-renewable"


class CleanEnergyChannel(StrEnum):
    """How the clean energy was obtained (Guide No. 4, disclosure point 2, note 2)."""

    SELF_GENERATED = "self-generated"
    GREEN_POWER_TRADE = "green-power-trade"
    GREEN_CERTIFICATE = "green-certificate"
    GRID_SHARE = "grid-share"
    DIRECT_USE = "direct-use"


class CleanEnergyUse(Model):
    """Clean energy used in the year: type, channel and amount, either as a quantity or as the energy
    of emission sources already reported (e.g. natural gas burnt in a facility)."""

    type: CleanEnergyType
    channel: CleanEnergyChannel
    quantity: NonNegative | None = None
    """Quantity, in an energy unit (kWh, MWh, 10^4kWh, GJ, tce); leave out when ``sources`` is given."""
    unit: str | None = None
    sources: list[str] = Field(default_factory=list)
    """Emission sources whose energy is this clean energy, as ``facility/source`` ids."""
    energy_use: Identifier | None = None
    """An additional energy use (``energy.additional``) that is this clean energy."""
    evidence: str | None = None
    """Certificate, contract or meter reference."""


class EnergyTargetKind(StrEnum):
    TOTAL = "total"
    """Total energy consumption, tce."""
    INTENSITY_REVENUE = "intensity-revenue"
    """Energy per 10^4 CNY of revenue, tce/万元."""
    INTENSITY_PRODUCT = "intensity-product"
    """Energy per unit of product, tce per product unit."""
    CLEAN_SHARE = "clean-share"
    """Clean energy share of total energy, %."""


class EnergyTarget(Model):
    """An energy-saving target with its baseline, target and progress (Guide No. 4, table 7)."""

    id: Identifier
    name: LocalText
    kind: EnergyTargetKind
    product: Identifier | None = None
    """Product key for an intensity-per-product target."""
    base_year: int = Field(ge=1990, le=2100)
    base_value: Amount
    """Value in the base year, in the kind's unit."""
    target_year: int = Field(ge=1990, le=2100)
    target_value: Amount
    """Value aimed at by the target year."""
    interim: LocalText | None = None
    """Stage targets (阶段性目标), if any."""


class EnergyMeasure(Model):
    """An energy-saving measure: what, the energy saved and the money spent (Art. 35(三))."""

    name: LocalText
    savings_tce: NonNegative | None = None
    """Energy saved in the year (or expected a year once in service), tce."""
    expected: bool = False
    """The savings are expected, not yet achieved."""
    investment: Money | None = None
    """Money invested in the measure."""


class EnergyLimit(Model):
    """A national energy-consumption limit for a product, shown beside the company's own figure."""

    product: Identifier
    """Product key (as in facilities' products)."""
    indicator: LocalText
    """The limited indicator, e.g. 铝液交流电耗."""
    actual: NonNegative
    """The company's value of that indicator for the year."""
    limit: NonNegative
    """The limit value."""
    unit: str
    """Unit of ``actual`` and ``limit``, e.g. kWh/t."""
    standard: str = Field(min_length=1)
    """The standard and grade, e.g. 'GB 21346—2022 《电解铝和氧化铝单位产品能源消耗限额》 3级'."""


class Energy(Model):
    """Energy use beyond what the emission sources carry (Art. 35; Guide No. 4)."""

    additional: list[EnergyUse] = Field(default_factory=list)
    """Energy consumed that no emission source carries."""
    clean: list[CleanEnergyUse] = Field(default_factory=list)
    """Clean energy used, by type and channel."""
    targets: list[EnergyTarget] = Field(default_factory=list)
    """Energy-saving targets."""
    measures: list[EnergyMeasure] = Field(default_factory=list)
    """Energy-saving measures."""
    difficulties: LocalText | None = None
    """Difficulties in energy use (supply, cost, technology, people, money), if any."""
    limits: list[EnergyLimit] = Field(default_factory=list)
    """Sector energy-consumption limits compared with the company's figures."""
    management: LocalText | None = None
    """Energy management system and responsibilities (Guide No. 4, ch. 3), when not integrated in
    the governance section."""
