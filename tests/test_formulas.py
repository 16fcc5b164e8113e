"""Formulas against hand-worked values (docs/domain.md oracles, marked with their status)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from disclosure import load, validate
from disclosure.compute import Figures
from disclosure.units import TCE_GJ


def _figures(path: Path) -> Figures:
    outcome = validate(load(path))
    assert outcome.report.valid, outcome.report.flatten()
    assert outcome.figures is not None
    return outcome.figures


def test_natural_gas_default_oracle(base_filing: Path) -> None:
    """389.31 × 0.0153 × 0.99 × 44/12 = 21.62 tCO2/10^4 Nm3 (defaults [S], GB/T 32151.34—2024)."""
    fig = _figures(base_filing)
    gas = next(s for s in fig.facilities[0].sources if s.source == "gas")
    exact = Decimal("389.31") * Decimal("0.0153") * Decimal("0.99") * 44 / 12 * 100
    assert gas.emissions == pytest.approx(exact, abs=Decimal("1e-30"))
    assert round(gas.emissions / 100, 2) == Decimal("21.62")
    assert round(gas.emissions, 6) == Decimal("2162.188809")
    status = {fig.factors_used[f].status for f in ("fuel.natural_gas.ncv", "fuel.natural_gas.oxidation")}
    assert status == {"secondary"}
    assert gas.energy_gj == Decimal("38931.00")
    assert fig.energy_tce["natural_gas"] == Decimal("38931.00") / TCE_GJ


@pytest.mark.parametrize(
    ("region", "expected"),
    [("hebei", "725.2"), ("yunnan", "107.3"), ("national", "536.6")],
)
def test_grid_factor_oracle_2022(base_filing: Path, region: str, expected: str) -> None:
    """1,000 MWh in 2022: Hebei 725.2 t, Yunnan 107.3 t, national 536.6 t (domain.md §3.9)."""
    text = base_filing.read_text(encoding="utf-8").replace(
        "year: 2023, region: fujian", f"year: 2022, region: {region}")
    base_filing.write_text(text, encoding="utf-8")
    fig = _figures(base_filing)
    assert fig.totals.scope2_location == Decimal(expected)


def test_kwh_and_mwh_give_the_same_result(base_filing: Path) -> None:
    text = base_filing.read_text(encoding="utf-8")
    base_filing.write_text(text.replace("quantity: 1000, unit: MWh", "quantity: 1000000, unit: kWh"),
                           encoding="utf-8")
    in_kwh = _figures(base_filing).totals.scope2_location
    base_filing.write_text(text.replace("quantity: 1000, unit: MWh", "quantity: 100, unit: 10^4kWh"),
                           encoding="utf-8")
    assert in_kwh == _figures(base_filing).totals.scope2_location == Decimal("1000") * Decimal("0.4211")


def test_samples_process_formulas(samples: Path) -> None:
    fig = _figures(samples / "qinghai-aluminium" / "filing.yaml")
    smelter = fig.facilities[0]
    anode = next(s for s in smelter.sources if s.source == "anode")
    # E = P × NC × (1 − S − A) × 44/12
    assert anode.emissions == Decimal(401250) * Decimal("0.412") * (1 - Decimal("0.021") - Decimal("0.004")) * 44 / 12
    pfc = next(s for s in smelter.sources if s.source == "pfc")
    cf4_t = Decimal(401250) * Decimal("0.143") * Decimal("0.048") / 1000
    assert pfc.by_gas["CF4"] == cf4_t * 7380
    assert pfc.by_gas["C2F6"] == cf4_t * Decimal("0.121") * 12400
    cement = _figures(samples / "szse-cement" / "filing.yaml")
    clinker = next(s for s in cement.facilities[0].sources if s.source == "clinker")
    q = Decimal(1928400) + Decimal(1240)
    assert clinker.emissions == q * ((Decimal("0.6542") - Decimal("0.0086")) * 44 / 56 + Decimal("0.0218") * 44 / 40)


def test_market_based_scope2_uses_instruments(samples: Path) -> None:
    fig = _figures(samples / "qinghai-aluminium" / "filing.yaml")
    grid = next(s for s in fig.facilities[0].sources if s.source == "grid")
    assert grid.emissions == Decimal(3576000) * Decimal("0.1796")
    assert grid.market == Decimal(3576000 - 600000) * Decimal("0.1796")


def test_default_substitution_recorded(samples: Path) -> None:
    fig = _figures(samples / "central-soe-power" / "filing.yaml")
    subs = {(s.period, s.reason) for s in fig.substitutions}
    assert subs == {("2025-04", "missing"), ("2025-09", "non-compliant")}
    sep = next(s for s in fig.substitutions if s.period == "2025-09")
    assert sep.original == Decimal("0.5547") and sep.value == Decimal("0.02618")
    assert sep.status == "unverified"
    record = next(e for e in fig.trail if e.id == "DH/coal/2025-09")
    assert "unverified" in record.flags
    # substituted month: FC × NCV × CC(default, tC/GJ) × OF × 44/12
    assert record.value == Decimal(247650) * Decimal("21.64") * Decimal("0.02618") * Decimal("0.992") * 44 / 12
    assert fig.parameter_basis["carbon_content"] == {"measured": 11, "default": 2, "substituted": 2}


def test_equity_share_and_investee_split(samples: Path) -> None:
    fig = _figures(samples / "szse-cement" / "filing.yaml")
    assoc = next(f for f in fig.facilities if f.id == "XJ-1")
    assert assoc.share == Decimal("0.35") and not assoc.consolidated
    assert fig.other_investees.scope1 == assoc.scope1 * Decimal("0.35")
    assert fig.consolidated_group.scope1 + fig.other_investees.scope1 == fig.totals.scope1
    assert fig.by_approach["operational-control"].scope1 == fig.consolidated_group.scope1


def test_trail_ties_group_total_to_records(samples: Path) -> None:
    fig = _figures(samples / "central-soe-power" / "filing.yaml")
    by_id = {e.id: e for e in fig.trail}
    group = by_id["group/scope1"]
    assert group.value == fig.totals.scope1
    facility = by_id[group.parts[0]]
    source_sum = sum((by_id[p].value for p in facility.parts), Decimal(0))
    assert source_sum == facility.value
    coal = by_id["DH/coal"]
    assert sum((by_id[p].value for p in coal.parts), Decimal(0)) == coal.value
    assert len(coal.parts) == 12
