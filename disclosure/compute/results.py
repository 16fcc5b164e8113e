"""Typed results of the calculation, shared by rules and renderers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING, Any

from disclosure.compute.trail import Substitution, TrailEntry
from disclosure.factors import Factor
from disclosure.units import CONTEXT, TCE_GJ

if TYPE_CHECKING:
    from disclosure.compute.energy import EnergyFigures
    from disclosure.compute.finance import FinanceFigures
    from disclosure.compute.quality import Quality

ZERO = Decimal(0)


def total(values: Iterable[Decimal]) -> Decimal:
    """An exact sum at the calculation precision, whatever the caller's decimal context."""
    return reduce(CONTEXT.add, values, ZERO)


@dataclass
class SourceResult:
    """Emissions and energy of one source of one facility (100 %, before consolidation)."""

    facility: str
    source: str
    kind: str
    """combustion, electricity, heat, process."""
    source_type: str
    """stationary-combustion, mobile-combustion, process, fugitive, purchased-electricity, purchased-heat."""
    scope: int
    emissions: Decimal
    """tCO2e; for electricity the location-based figure."""
    by_gas: dict[str, Decimal] = field(default_factory=dict)
    energy_gj: Decimal | None = None
    energy_type: str = ""
    market: Decimal | None = None
    ets: Decimal | None = None
    quantity: Decimal | None = None
    quantity_unit: str = ""
    monthly_quantity: dict[str, Decimal] = field(default_factory=dict)
    declared_annual: Decimal | None = None
    trail_id: str = ""


@dataclass
class FacilityResult:
    """One facility's figures at 100 % and its share under the consolidation approach."""

    id: str
    entity: str
    province: str
    ets_covered: bool
    share: Decimal
    consolidated: bool
    sources: list[SourceResult] = field(default_factory=list)
    products: dict[str, tuple[Decimal, str]] = field(default_factory=dict)

    def total(self, scope: int) -> Decimal:
        return total(s.emissions for s in self.sources if s.scope == scope)

    @property
    def scope1(self) -> Decimal:
        return self.total(1)

    @property
    def scope2_location(self) -> Decimal:
        return self.total(2)

    @property
    def scope2_market(self) -> Decimal:
        return total(
            s.market if s.market is not None else s.emissions for s in self.sources if s.scope == 2)

    @property
    def scope2_ets(self) -> Decimal | None:
        if not any(s.kind == "electricity" and s.ets is not None for s in self.sources):
            return None
        return total(s.ets for s in self.sources if s.scope == 2 and s.ets is not None)


@dataclass
class ScopeTotals:
    """Scope 1 and 2 (tCO2e) for one slice of the group."""

    scope1: Decimal = ZERO
    scope2_location: Decimal = ZERO
    scope2_market: Decimal = ZERO

    def add(self, other: ScopeTotals) -> None:
        self.scope1 += other.scope1
        self.scope2_location += other.scope2_location
        self.scope2_market += other.scope2_market

    def to_dict(self) -> dict[str, str]:
        return {"scope1": str(self.scope1), "scope2_location": str(self.scope2_location),
                "scope2_market": str(self.scope2_market)}


@dataclass
class Figures:
    """Everything the renderers report, as exact decimals with their trail."""

    approach: str
    gwp_set: str
    facilities: list[FacilityResult]
    totals: ScopeTotals
    by_approach: dict[str, ScopeTotals]
    consolidated_group: ScopeTotals
    other_investees: ScopeTotals
    by_source_type: dict[str, Decimal]
    by_gas: dict[str, Decimal]
    energy_gj: dict[str, Decimal]
    scope3: Decimal | None
    scope3_by_category: dict[int, Decimal]
    intensity_revenue: dict[str, Decimal]
    intensity_product: dict[str, dict[str, Any]]
    trail: list[TrailEntry]
    substitutions: list[Substitution]
    factors_used: dict[str, Factor]
    factor_uses: dict[str, int]
    parameter_basis: dict[str, dict[str, int]]
    energy: EnergyFigures | None = None
    """Energy figures (Art. 35; Guide No. 4): direct/indirect, clean share, intensities, targets."""
    finance: FinanceFigures | None = None
    """Climate-related financial figures: exposures, capital, effects, restatements."""
    quality: Quality | None = None
    """Cross-checks, meter coverage and reconciliations (data quality)."""
    acknowledged: list[Any] = field(default_factory=list)
    """Findings acknowledged in the filing (set by validation; shown in the report and trail)."""

    @property
    def total_location(self) -> Decimal:
        return total((self.totals.scope1, self.totals.scope2_location))

    @property
    def total_market(self) -> Decimal:
        return total((self.totals.scope1, self.totals.scope2_market))

    @property
    def energy_tce(self) -> dict[str, Decimal]:
        return {k: CONTEXT.divide(v, TCE_GJ) for k, v in self.energy_gj.items()}

    @property
    def energy_total_tce(self) -> Decimal:
        return total(self.energy_tce.values())

    @property
    def flagged_factors(self) -> list[Factor]:
        """Factors used whose value is not verified: the report must say so."""
        return [f for f in self.factors_used.values() if f.status != "verified"]
