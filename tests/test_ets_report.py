"""The ETS annual emission report of each covered facility: its figures are the disclosure's, its
supplementary workbook has the guideline's rows, and both are deterministic and open in their readers."""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from disclosure.build import BuildOptions, RenderInput
from disclosure.ets import names, render
from disclosure.ets.data import covered
from disclosure.intake.loader import load
from disclosure.validate import Outcome, validate
from disclosure.word.figures import number
from tests.wordtext import dump

POWER_ROWS = ["1", "2", "3", "4", "5", "6", "6.1", "6.1.1.1", "6.1.2.1", "6.1.3.1", "6.1.4.1", "6.1.1.2",
              "6.1.2.2", "6.1.3.2", "6.1.4.2", "6.2", "6.2.1", "6.2.2", "7", "8", "9", "10", "11", "12", "13", "14"]
"""The power template's numbered rows (1–14 of the 补充数据表), one 6.1.x block per fuel."""


def _outcome(samples: Path, name: str) -> tuple[Outcome, RenderInput]:
    loaded = load(samples / name / "filing.yaml")
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    return outcome, RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(Path("unused")))


def _q(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _cells(xlsx: bytes, sheet: str) -> dict[str, list[object]]:
    ws = openpyxl.load_workbook(io.BytesIO(xlsx))[sheet]
    return {str(row[0]): list(row[1:]) for row in ws.iter_rows(min_row=2, values_only=True)}


@pytest.mark.parametrize("sample, facility", [("central-soe-power", "DH"), ("qinghai-aluminium", "QHAL-SMELTER")])
def test_figures_are_the_disclosures(samples: Path, sample: str, facility: str) -> None:
    outcome, _ = _outcome(samples, sample)
    assert outcome.figures is not None and outcome.filing is not None
    trail = {e.id: e for e in outcome.figures.trail}
    result = next(f for f in outcome.figures.facilities if f.id == facility)
    report = next(r for r in covered(outcome.filing, outcome.figures) if r.facility.id == facility)
    assert report.direct == result.scope1 == trail[f"{facility}/scope1"].value
    assert report.indirect_ets == result.scope2_ets
    for block in report.sources:
        assert block.result.emissions == next(s.emissions for s in result.sources if s.source == block.result.source)
        if block.months:
            assert sum(m.emissions for m in block.months) == block.result.emissions
            for m in block.months:
                assert m.emissions == trail[f"{facility}/{block.result.source}/{m.period}"].value
    assert len(report.substitutions) == len([s for s in outcome.figures.substitutions if s.facility == facility])


def test_power_report_and_workbook(samples: Path) -> None:
    outcome, ctx = _outcome(samples, "central-soe-power")
    files = render(ctx)
    docx, xlsx = names("DH")
    assert set(files) == {docx, xlsx}
    report = covered(ctx.filing, ctx.figures)[0]
    rows = _cells(files[xlsx], "补充数据表")
    assert list(rows) == POWER_ROWS
    assert Decimal(str(rows["6"][1])) == _q(report.total_ets, 2)
    assert Decimal(str(rows["6.1"][1])) == _q(report.combustion, 2)
    assert Decimal(str(rows["6.2"][1])) == _q(report.indirect_ets or Decimal(0), 2)
    assert Decimal(str(rows["6.1.1.1"][1])) == Decimal("2989600.00")  # the coal ledger's twelve months
    assert Decimal(str(rows["6.2.2"][1])) == Decimal("0.5703")
    assert Decimal(str(rows["8"][1])) == Decimal("7286400")
    assert Decimal(str(rows["13"][1])) == _q(report.total_ets / Decimal(7286400), 4)
    assert rows["3"][1] == "未填报"  # capacity is not in the filing: said, not invented
    monthly = openpyxl.load_workbook(io.BytesIO(files[xlsx]))["月度数据"]
    coal = [r for r in monthly.iter_rows(min_row=2, values_only=True) if r[0] == "燃煤（入炉煤）"]
    assert [r[1] for r in coal] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert {r[1]: r[14] for r in coal if r[14]} == {"2025-04": "carbon_content", "2025-09": "carbon_content"}
    text = dump(files[docx])
    assert number(report.direct, 2) in text and number(report.total_ets, 2) in text
    assert "环办气候函〔2022〕485号" in text and "缺省值替代（未实测）" in text
    assert "缺省值替代（检测不符合要求）" in text
    assert "elec." not in text and "fuel." not in text  # no internal factor ids in the public text
    assert "0.5703 tCO2/MWh" in text  # the ETS grid factor, reconciled against the location-based one
    assert number(report.result.scope2_location, 2) in text


def test_aluminium_report_and_workbook(samples: Path) -> None:
    _, ctx = _outcome(samples, "qinghai-aluminium")
    files = render(ctx)
    docx, xlsx = names("QHAL-SMELTER")
    assert set(files) == {docx, xlsx}
    report = covered(ctx.filing, ctx.figures)[0]
    rows = _cells(files[xlsx], "补充数据表")
    assert Decimal(str(rows["1"][1])) == _q(report.process, 2)
    assert Decimal(str(rows["2"][1])) == _q(report.combustion, 2)
    assert Decimal(str(rows["4"][1])) == _q(report.direct, 2)
    # Purchased electricity on the ETS basis: metered MWh × the national ETS grid factor the filing names.
    assert report.indirect_ets is not None and report.electricity_mwh is not None
    assert report.indirect_ets == report.electricity_mwh * Decimal("0.5703")
    assert Decimal(str(rows["3"][1])) == _q(report.indirect_ets, 2)
    assert Decimal(str(rows["3.2"][1])) == Decimal("0.5703") and "环办气候函〔2023〕43号" in str(rows["3.2"][3])
    assert Decimal(str(rows["5"][1])) == _q(report.direct + report.indirect_ets, 2)
    assert Decimal(str(rows["8"][1])) == _q(report.process / Decimal(401250), 4)
    text = dump(files[docx])
    assert "CETS—AG—04.01—V01—2024" in text and "阳极效应全氟化碳排放" in text
    assert ".yaml" not in text and "default" not in text  # no filing locations or raw basis words in print
    assert number(report.direct, 2) in text and number(report.indirect_ets, 2) in text
    assert "0.5703 tCO2/MWh" in text and "申报未给出全国碳市场电网排放因子" not in text
    # Units and gases as printed, never the filing's ASCII; a difference rounding to zero has no sign.
    assert "10⁴Nm³" in text and "10^4Nm3" not in text and "C₂F₆" in text and "C2F6、" not in text
    assert "-0.00%" not in text


def test_cement_workbook_follows_the_cement_guideline(samples: Path) -> None:
    _, ctx = _outcome(samples, "szse-cement")
    files = render(ctx)
    reports = covered(ctx.filing, ctx.figures)
    assert [r.facility.id for r in reports] == ["YD-L1", "YD-L2"]
    report = reports[0]
    docx, xlsx = names("YD-L1")
    rows = _cells(files[xlsx], "补充数据表")
    # Clinker production unit (chapter 6): fuel combustion, carbonate decomposition, ETS-basis electricity.
    assert Decimal(str(rows["1.1"][1])) == _q(report.combustion, 2)
    assert Decimal(str(rows["1.2"][1])) == _q(report.process, 2) and rows["1.2"][0] == "熟料对应的碳酸盐分解排放量"
    assert rows["1.2.1"][0] == "熟料煅烧" and "1.4" not in rows
    assert Decimal(str(rows["1"][1])) == _q(report.total_ets, 2)
    assert rows["1.1.1.1"][0] == "消耗量" and rows["1.1.1.4"][0] == "碳氧化率"
    # Production (chapter 8) and intensity per tonne of clinker.
    assert Decimal(str(rows["2"][1])) == Decimal(1928400)
    assert Decimal(str(rows["4.1"][1])) == _q(report.direct / Decimal(1928400), 4)
    text = dump(files[docx])
    assert "《企业温室气体排放核算与报告指南 水泥行业》（CETS—AG—02.01—V01—2024）" in text
    assert "水泥熟料生产" not in text
    # Sources the filing leaves unnamed print by what they are; the province in Chinese.
    assert "外购电力：申报未给出全国碳市场电网排放因子" in text
    assert "购入电量见表5。" in text and "CAPTION 表5 外购电力" in text
    assert "kiln-coal" not in text and "| 烟煤 | 化石燃料燃烧 |" in text and "| 所在省份 | 广东 |" in text


def test_deterministic_and_covered_only(samples: Path, base_filing: Path) -> None:
    _, ctx = _outcome(samples, "central-soe-power")
    assert render(ctx) == render(ctx)
    loaded = load(base_filing)
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    assert render(RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(Path("x")))) == {}
