"""The MEE channel document (企业环境信息依法披露, carbon section): written for ETS key emitters from
the same filing, with each key emitter's emissions of the year and the prior year, surrender, emitting
facilities and method; not written for a filer without ETS facilities unless it asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure import load, validate
from disclosure.build import BuildOptions, RenderInput
from disclosure.mee import render
from disclosure.mee.document import DOCX
from disclosure.xbrl.facts import rounded
from tests.conftest import BASE_FILING
from tests.wordtext import dump, tables


def _ctx(path: Path) -> RenderInput:
    loaded = load(path)
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    return RenderInput(outcome.filing, outcome.figures, loaded, BuildOptions(output=Path("unused")))


def test_power_sample_mee_document_has_both_years_and_surrender(samples: Path) -> None:
    ctx = _ctx(samples / "central-soe-power" / "filing.yaml")
    data = render(ctx)[DOCX]
    found = tables(data)
    emissions = found["表1 重点排放单位年度碳实际排放量（吨二氧化碳当量）"]
    dh = next(r for r in ctx.figures.facilities if r.id == "DH")
    row = emissions[1]
    assert row[1] == "JS-POWER-0219"
    assert row[2] == f"{rounded(dh.scope1, 0):,}"
    assert dh.scope2_ets is not None and row[3] == f"{rounded(dh.scope2_ets, 0):,}"
    assert row[5:] == ["6,188,450", "核查值"]
    surrender = found["表2 配额清缴情况"][1]
    assert surrender[1:] == ["2024", "6,188,450", "5,890,000", "298,450", "是"]
    text = dump(data)
    assert "2026年3月15日前" in text and "环办气候函〔2022〕485号" in text
    assert render(ctx)[DOCX] == data  # deterministic


def test_cement_lists_only_key_emitters_and_their_sources(samples: Path) -> None:
    ctx = _ctx(samples / "szse-cement" / "filing.yaml")
    found = tables(render(ctx)[DOCX])
    names = {f.id: f.name.get("zh-CN") for f in ctx.filing.facilities}
    listed = [row[0] for row in found["表1 重点排放单位年度碳实际排放量（吨二氧化碳当量）"][1:]]
    assert listed == [names["YD-L1"], names["YD-L2"]]  # the associate's line is not an ETS key emitter
    sources = found["表3 排放设施（排放源）"][1:]
    assert {row[0] for row in sources} == {names["YD-L1"], names["YD-L2"]}


@pytest.mark.parametrize(("extra", "written"), [
    ("", False),
    ("mee:\n  report: true\n", True),
])
def test_written_only_for_key_emitters_or_on_request(tmp_path: Path, extra: str, written: bool) -> None:
    path = tmp_path / "filing.yaml"
    path.write_text(BASE_FILING + extra, encoding="utf-8")
    out = render(_ctx(path))
    assert (DOCX in out) is written
    if written:
        text = dump(out[DOCX])
        assert "未提供上一年度实际排放量的设施：工厂。" in text


def test_a_key_emitter_can_decline(samples: Path, tmp_path: Path) -> None:
    text = (samples / "central-soe-power" / "filing.yaml").read_text("utf-8").replace(
        "mee:\n  prior_year:", "mee:\n  report: false\n  prior_year:")
    folder = tmp_path / "p"
    folder.mkdir()
    for side in (samples / "central-soe-power").iterdir():
        (folder / side.name).write_bytes(side.read_bytes())
    (folder / "filing.yaml").write_text(text, encoding="utf-8")
    assert render(_ctx(folder / "filing.yaml")) == {}
