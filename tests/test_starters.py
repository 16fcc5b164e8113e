"""Sector starters (`disclosure init --sector …`): each has heat, diesel, products and a governance
skeleton with realistic placeholders; untouched it fails on its placeholders only, with the
placeholders replaced it validates and computes figures in a plausible range for its sector."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure.convert import convert, read_model
from disclosure.intake.loader import load
from disclosure.intake.starter import SECTORS, starter_data, starter_text
from disclosure.validate import validate

PLACEHOLDERS = {"rule.placeholder.text", "rule.placeholder.uscc"}
# Scope 1 + 2 (location) per unit of the sector's main product, tCO2e/t: wide bands around published
# sector figures (BF-BOF crude steel ≈ 1.5–2.5; PVC by the carbide route ≈ 3–8 (carbide, lime, power);
# FeSi75 ≈ 5–12 and silicon metal ≈ 8–30, mostly furnace power and reductant carbon). The starters are
# placeholders; the check is that their orders of magnitude teach the right thing.
BANDS = {"steel": ("crude_steel", "1.2", "2.8"), "chemicals": ("pvc", "3", "8"),
         "ferroalloy": ("ferrosilicon", "5", "12")}


def _filled(sector: str, tmp_path: Path) -> Path:
    """The starter with every placeholder replaced, as a preparer would."""
    text = starter_text(sector).replace("91350100M000100Y43", "91630000MA7512345E").replace('"示例 EXAMPLE"', '"王芳"')
    text = text.replace("示例股份有限公司", "昆仑化工股份有限公司")
    text = text.replace("Example Co., Ltd.", "Kunlun Chemicals Co., Ltd.")
    text = re.sub(r"示例：?\s?|EXAMPLE:?\s?", "", text).replace("Example ", "Kunlun ")
    path = tmp_path / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("sector", SECTORS)
def test_starter_has_heat_diesel_products_and_governance(sector: str) -> None:
    data = starter_data(sector)
    facilities = data["facilities"]
    assert data["governance"]["bodies"] and data["governance"]["target_oversight"]
    if sector in ("steel", "chemicals", "ferroalloy"):
        assert all(f["heat"] for f in facilities), sector
        assert all(f["products"] for f in facilities), sector
        fuels = [c["fuel"] for f in facilities for c in f["combustion"]]
        assert "diesel" in fuels


@pytest.mark.parametrize("sector", SECTORS)
def test_untouched_starter_fails_on_its_placeholders_only(sector: str, tmp_path: Path) -> None:
    path = tmp_path / "filing.yaml"
    path.write_text(starter_text(sector), encoding="utf-8")
    report = validate(load(path)).report
    codes = {i.code for i in report.errors}
    assert codes and codes <= PLACEHOLDERS, report.flatten()[:5]
    assert "rule.placeholder.uscc" in codes and "rule.placeholder.text" in codes


@pytest.mark.parametrize("sector", SECTORS)
def test_replaced_starter_validates_with_plausible_figures(sector: str, tmp_path: Path) -> None:
    outcome = validate(load(_filled(sector, tmp_path)))
    assert outcome.report.valid, outcome.report.flatten()[:5]
    figures = outcome.figures
    assert figures is not None and figures.totals.scope1 > 0 and figures.totals.scope2_location > 0
    if sector in BANDS:
        product, low, high = BANDS[sector]
        intensity = figures.intensity_product[product]["intensity_scope12_location"]
        assert Decimal(low) <= intensity <= Decimal(high), (sector, intensity)


@pytest.mark.parametrize("sector", ["steel", "chemicals", "ferroalloy"])
def test_replaced_starter_round_trips_through_the_workbook(sector: str, tmp_path: Path) -> None:
    """Direct process emissions carry a bilingual ``method`` beside the PFC source's coded ``method``
    column: both survive YAML → XLSX → model."""
    source = _filled(sector, tmp_path)
    result = convert(source, tmp_path / "filing.xlsx")
    assert result.content is not None, result.report.flatten()[:3]
    (tmp_path / "filing.xlsx").write_bytes(result.content)
    before, _ = read_model(source)
    after, report = read_model(tmp_path / "filing.xlsx")
    assert after is not None, report.flatten()[:3]
    assert before is not None and after.model_dump() == before.model_dump()  # an explicit [] reads as absent
