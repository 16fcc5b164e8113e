"""Property tests: unit conversion and consolidation invariants."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure import units
from disclosure.compute.aggregate import scope_totals, share
from disclosure.compute.results import FacilityResult, SourceResult
from disclosure.model.report import BoundaryEntity, ConsolidationApproach

settings.register_profile("ci", derandomize=True, max_examples=200)
settings.load_profile("ci")

ENERGY = ["kJ", "MJ", "GJ", "TJ", "kWh", "MWh", "10^4kWh", "GWh", "kgce", "tce", "10^4tce"]
MASS = ["t", "kg", "kt", "10^4t", "万吨"]
amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=6, allow_nan=False)


@given(amounts, st.sampled_from(ENERGY), st.sampled_from(ENERGY))
def test_energy_round_trip_is_exact(value: Decimal, a: str, b: str) -> None:
    back = units.convert(units.convert(value, a, b), b, a)
    assert abs(back - value) <= value.copy_abs() * Decimal("1e-40")


@given(amounts, st.sampled_from(MASS), st.sampled_from(MASS), st.sampled_from(MASS))
def test_mass_conversion_composes(value: Decimal, a: str, b: str, c: str) -> None:
    assert units.convert(units.convert(value, a, b), b, c) == units.convert(value, a, c)


@given(st.sampled_from(ENERGY), st.sampled_from(MASS))
def test_dimensions_never_mix(a: str, b: str) -> None:
    assert not units.same_dimension(a, b)


entities = st.builds(
    BoundaryEntity,
    id=st.from_regex(r"[A-Z]{3}", fullmatch=True),
    name=st.just({"zh-CN": "实体"}),
    ownership_pct=st.decimals(min_value=0, max_value=100, places=2),
    financial_control=st.booleans(),
    operational_control=st.booleans(),
    consolidated=st.booleans(),
)


@given(st.lists(st.tuples(entities, amounts, amounts), min_size=1, max_size=8),
       st.sampled_from(list(ConsolidationApproach)))
def test_consolidation_split_adds_up(rows: list[tuple[BoundaryEntity, Decimal, Decimal]],
                                     approach: ConsolidationApproach) -> None:
    facilities = []
    for n, (entity, s1, s2) in enumerate(rows):
        f = FacilityResult(f"F{n}", entity.id, "fujian", False, share(entity, approach),
                           entity.consolidated)
        f.sources = [SourceResult(f.id, "c", "combustion", "stationary-combustion", 1, s1),
                     SourceResult(f.id, "e", "electricity", "purchased-electricity", 2, s2, market=s2)]
        facilities.append(f)
    shares = {f.id: f.share for f in facilities}
    total = scope_totals(facilities, shares)
    group = scope_totals(facilities, {f.id: f.share if f.consolidated else Decimal(0) for f in facilities})
    other = scope_totals(facilities, {f.id: Decimal(0) if f.consolidated else f.share for f in facilities})
    assert group.scope1 + other.scope1 == total.scope1
    assert group.scope2_location + other.scope2_location == total.scope2_location
    full = sum((s1 for _, s1, _ in rows), Decimal(0))
    assert Decimal(0) <= total.scope1 <= full
    if approach is ConsolidationApproach.EQUITY_SHARE:
        assert total.scope1 == sum((e.ownership_pct / 100 * s1 for e, s1, _ in rows), Decimal(0))
