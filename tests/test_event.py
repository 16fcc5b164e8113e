"""Large-event carbon neutrality (``kind: event``): the Qinghai sample's figures by hand, its build, and a
corpus of the organiser's errors (each with its code and where it points)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from disclosure.build import BuildOptions, build
from disclosure.intake.loader import load
from disclosure.issues import Issue
from disclosure.validate import validate
from disclosure.word.document import Table
from tests.wordtext import dump

SAMPLE = "qinghai-event"


def _data(samples: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((samples / SAMPLE / "filing.yaml").read_text("utf-8"))
    return data


def _validate(tmp_path: Path, data: dict[str, Any]) -> tuple[list[Issue], list[str]]:
    path = tmp_path / "filing.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, "utf-8")
    return list(validate(load(path)).report.issues), text.splitlines()


def test_sample_figures_by_hand(samples: Path) -> None:
    outcome = validate(load(samples / SAMPLE / "filing.yaml"))
    # The only findings: the library's fuel defaults not checked against their text (warnings, as for a company).
    assert {(i.code, i.severity.value) for i in outcome.report.issues} == {("rule.factor.unverified", "warning")}
    assert sorted(i.context["factor"] for i in outcome.report.issues) == sorted(
        f"fuel.{fuel}.{p}" for fuel in ("diesel", "gasoline", "lpg") for p in ("ncv", "carbon_content", "oxidation"))
    assert outcome.event is not None and outcome.filing is None
    fig = outcome.event.figures
    by = {a.activity.id: a for a in fig.activities}
    # Diesel with the library's defaults: FC × NCV × CC × OF × 44/12 (the corporate engine's formula).
    expected = Decimal("18.6") * Decimal("43.33") * Decimal("0.02020") * Decimal("0.98") * 44 / 12
    assert by["prep-freight"].emissions == expected == Decimal("58.4992783760")
    # Electricity: MWh × the MEE/NBS 2023 Qinghai factor 0.1796 tCO2/MWh.
    assert by["prep-office-power"].emissions == Decimal("105.9") * Decimal("0.1796")
    # Library event factors by activity kind (mode): flights per person-km (UK government 2025, international,
    # with RF), road freight per tonne-km and aluminium per tonne (GB/T 51366-2019 Appendices E and D).
    assert by["hold-flights"].emissions == Decimal(3865000) * Decimal("0.14253") / 1000 == Decimal("550.87845")
    assert by["prep-team-freight"].emissions == Decimal(114600) * Decimal("0.078") / 1000
    assert by["prep-truss"].emissions == Decimal("1.2") * Decimal(28500) / 1000 == Decimal("34.2")
    assert by["hold-flights"].basis == "secondary" and by["prep-print"].basis == "user"
    # A supplier's factor in t per tonne of paper.
    assert by["prep-print"].emissions == Decimal("12.5") * Decimal("1.38")
    assert fig.total == sum(a.emissions for a in fig.activities)
    assert sum(fig.by_stage().values()) == fig.total == sum(fig.by_category().values())
    assert fig.offset_total == Decimal(1600) and fig.balance == Decimal(1600) - fig.total and fig.neutral
    trail = {e.id: e for e in fig.trail}
    assert all(trail[a.trail_id].value == a.emissions for a in fig.activities)
    # The trail names the library entry, its provenance and the official citation the report prints.
    ef = next(i for i in trail["hold-flights"].inputs if i.name == "EF")
    assert ef.source.startswith("event.air.passenger-international: ")
    assert "《温室气体报告：2025年转换因子》" in ef.source
    assert ef.basis == "secondary"
    assert trail["event/balance"].value == fig.balance


def test_build_documents(samples: Path, tmp_path: Path) -> None:
    options = BuildOptions(output=tmp_path / "a", verify=False)
    first = build(samples / SAMPLE / "filing.yaml", options)
    second = build(samples / SAMPLE / "filing.yaml", replace(options, output=tmp_path / "b"))
    assert second.written == first.written
    assert {i.severity.value for i in second.report.issues} == {"warning"}
    expected = {"event-figures.json", "event-trail.json", "validation.json", "manifest.json",
                *(f"event-{k}.{lang}.docx" for k in ("report", "statement") for lang in ("zh-CN", "en"))}
    assert set(first.written) == expected
    for name in expected:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    figures = json.loads((tmp_path / "a" / "event-figures.json").read_text("utf-8"))
    total = Decimal(figures["total"])
    assert figures["neutral"] is True and Decimal(figures["offsets_counted"]) == 1600
    assert figures["factors"]["event.freight.road-heavy-diesel"]["cite"] == "gbt-51366-2019"
    report = dump((tmp_path / "a" / "event-report.zh-CN.docx").read_bytes())
    assert f"{total.quantize(Decimal('0.01')):,}" in report and "1,600.00" in report
    assert "《大型活动碳中和实施指南（试行）》" in report and "注销证明 ZX-CCER-2025-091842" in report
    # The factor table cites each library factor by its official document, never by its library id.
    assert "GB/T 51366—2019《建筑碳排放计算标准》附录E 重型柴油货车运输（载重30t）" in report
    assert "《温室气体报告：2025年转换因子》" in report and "印刷服务商出具的产品碳足迹声明" in report
    assert "event.air" not in report and "出处待补（草稿）" in report  # uncited fuel defaults are marked
    statement = dump((tmp_path / "a" / "event-statement.en.docx").read_bytes())
    assert "is carbon neutral" in statement and f"{total.quantize(Decimal('0.01')):,}" in statement


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return apply


def _drop_stage(name: str) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        data["stages"] = [s for s in data["stages"] if s["stage"] != name]
    return apply


def _empty_wrap_up(data: dict[str, Any]) -> None:
    data["activities"] = [a for a in data["activities"] if a["stage"] != "wrap-up"]
    data["exclusions"] = []


def _no_waste(data: dict[str, Any]) -> None:
    data["activities"] = [a for a in data["activities"] if a["category"] != "waste"]


def _same_serial(data: dict[str, Any]) -> None:
    data["offsets"][1]["serial"] = data["offsets"][0]["serial"]


def _two_sources(data: dict[str, Any]) -> None:
    data["activities"][0]["quantity"] = 10
    data["activities"][0]["unit"] = "t"


def _no_factor(data: dict[str, Any]) -> None:
    del data["activities"][2]["factor"]


def _mode_typo(data: dict[str, Any]) -> None:
    data["activities"][7]["mode"] = "air-pasenger"


TRAPS: list[tuple[str, Callable[[dict[str, Any]], None], str, str, str]] = [
    # name, mutation, code, dotted path of the finding, text of the line it must point to (a list or a field
    # left out points to the list's first item or the entry that lacks it)
    ("offset not retired", _set(("offsets", 0, "retired"), False), "rule.event.not-retired", "offsets[0].retired",
     "retired:"),
    ("retired without certificate", _set(("offsets", 0, "evidence"), ""), "rule.event.retirement-evidence",
     "offsets[0].evidence", "evidence:"),
    ("offsets short", _set(("offsets", 0, "quantity"), 900), "rule.event.shortfall", "offsets",
     "- id: ccer-gonghe-pv"),
    ("vintage after retirement", _set(("offsets", 1, "vintage"), 2026), "rule.event.vintage", "offsets[1].vintage",
     "vintage: 2026"),
    ("stale vintage", _set(("offsets", 0, "vintage"), 2017), "rule.event.vintage", "offsets[0].vintage",
     "vintage: 2017"),
    ("retired too late", _set(("offsets", 0, "retired_on"), "2026-08-01"), "rule.event.timing",
     "offsets[0].retired_on", "2026-08-01"),
    ("missing stage", _drop_stage("wrap-up"), "rule.event.stage-missing", "stages", "- stage: preparation"),
    ("double-counted with ETS compliance", _set(("offsets", 1, "purpose"), "ets-compliance"),
     "rule.event.double-counted", "offsets[1].purpose", "ets-compliance"),
    ("serial used twice", _same_serial, "rule.event.duplicate-serial", "offsets[1].serial", "serial:"),
    ("other credit without basis", _set(("offsets", 1, "type"), "other"), "rule.event.offset-basis",
     "offsets[1].basis", "- id: cea-2024"),
    ("preparation overlaps the event", _set(("stages", 0, "end"), "2025-07-08"), "rule.event.stage-dates",
     "stages[0].end", "2025-07-08"),
    ("stage without data", _empty_wrap_up, "rule.event.stage-empty", "stages[2]", "stage: wrap-up"),
    ("category left out", _no_waste, "rule.event.category-missing", "activities",
     "- id: prep-office-power"),
    ("unknown venue", _set(("activities", 0, "venue"), "HQ2"), "rule.event.venue-unknown", "activities[0].venue",
     "venue: HQ2"),
    ("duplicate activity id", _set(("activities", 1, "id"), "prep-office-power"), "rule.event.duplicate-id",
     "activities[1].id", "id: prep-office-power"),
    ("two sources in one activity", _two_sources, "rule.event.activity-source", "activities[0]", "- id:"),
    ("factor per kg, activity in tonnes", _set(("activities", 2, "factor", "unit"), "tCO2e/kg"),
     "rule.event.factor-unit", "activities[2].factor.unit", "tCO2e/kg"),
    ("quantity without factor", _no_factor, "rule.event.factor-missing", "activities[2].quantity", "quantity:"),
    ("activity kind misspelt", _mode_typo, "rule.event.mode-unknown", "activities[7].mode", "air-pasenger"),
    ("library factor of another kind", _set(("activities", 2, "factor"), {"id": "fuel.diesel.ncv"}),
     "rule.factor.not-found", "activities[2].factor", "fuel.diesel.ncv"),
    ("statement before the event ends", _set(("neutrality", "statement_date"), "2025-07-10"),
     "rule.event.statement-early", "neutrality.statement_date", "2025-07-10"),
    ("kind misspelt", _set(("kind",), "evnt"), "schema.invalid-choice", "kind", "kind: evnt"),
    ("credit type misspelt", _set(("offsets", 0, "type"), "cer"), "schema.invalid-choice", "offsets[0].type",
     "type: cer"),
    ("electricity unit typo", _set(("activities", 0, "electricity", "records", 0, "unit"), "MWH"),
     "rule.units.unknown", "activities[0].electricity.records[0].unit", "MWH"),
]


@pytest.mark.parametrize("name, mutate, code, path, line_text", TRAPS, ids=[t[0] for t in TRAPS])
def test_trap(samples: Path, tmp_path: Path, name: str, mutate: Callable[[dict[str, Any]], None], code: str,
              path: str, line_text: str) -> None:
    data = _data(samples)
    mutate(data)
    issues, lines = _validate(tmp_path, data)
    found = [i for i in issues if i.code == code and i.location.to_dict()["path"] == path]
    assert found, (name, [(i.code, i.location.to_dict()["path"]) for i in issues])
    issue = found[0]
    assert issue.severity.value == "error"
    assert issue.location.file is not None and issue.location.line is not None
    assert line_text in lines[issue.location.line - 1], (lines[issue.location.line - 1], line_text)
    for lang in ("zh-CN", "en"):
        assert "{" not in issue.message(lang)


def test_traps_count_and_sample_clean(samples: Path, tmp_path: Path) -> None:
    assert len({t[2] for t in TRAPS if t[2].startswith("rule.event.")}) >= 15
    issues, _ = _validate(tmp_path, _data(samples))
    assert [i for i in issues if i.code != "rule.factor.unverified"] == []


def test_unverified_library_factor_is_a_located_warning(samples: Path, tmp_path: Path) -> None:
    data = _data(samples)
    data["activities"][-2]["mode"] = "road-freight-medium-diesel"  # one transcription only: unverified
    issues, lines = _validate(tmp_path, data)
    found = [i for i in issues if i.code == "rule.factor.unverified"
             and i.context["factor"] == "event.freight.road-medium-diesel"]
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "road-freight-medium-diesel" in lines[found[0].location.line - 1]  # type: ignore[operator]
    assert not [i for i in issues if i.severity.value == "error"]


def test_every_event_factor_is_cited_with_an_honest_status() -> None:
    from disclosure.event.compute import event_factors

    found = event_factors()
    assert {"air-passenger", "road-freight-heavy-diesel", "hotel-china", "material-aluminium"} <= set(found)
    for mode, factor in found.items():
        assert factor.cite is not None and factor.citation("zh-CN") and factor.citation("en"), mode
        assert factor.status in ("secondary", "unverified"), mode  # none of them was read in the original
        assert factor.unit.startswith(("kgCO2e/", "tCO2e/")) and factor.note, mode


def test_kind_dispatch_keeps_the_corporate_path(base_filing: Path) -> None:
    text = base_filing.read_text("utf-8").replace('schema_version: "1.0"\n', 'schema_version: "1.0"\nkind: corporate\n')
    base_filing.write_text(text, "utf-8")
    outcome = validate(load(base_filing))
    assert outcome.filing is not None and outcome.event is None
    assert not [i for i in outcome.report.issues if i.severity.value == "error"]


def test_report_tables_read_well_in_english(samples: Path) -> None:
    from disclosure.event.render import activity_table, report_tables

    outcome = validate(load(samples / SAMPLE / "filing.yaml"))
    assert outcome.event is not None
    table = activity_table(outcome.event, "en")
    # Grouped by stage in the guideline's order (the sample lists two preparation activities last).
    order = ["Preparation", "Holding", "Wrap-up"]
    stages = [row[0] for row in table.rows]
    assert stages == sorted(stages, key=order.index) and stages[-1] == "Wrap-up"
    assert table.headers == ("Stage", "Category", "Source", "Quantity", "Unit", "Factor", "tCO₂e")
    assert table.keep == frozenset({0, 4}) and "Factor: official" in table.note
    assert {row[4] for row in table.rows} >= {"10⁴ Nm³", "person-km", "tonne-km", "MWh", "t"}
    offsets = report_tables(outcome.event, "en")["offsets"]
    assert isinstance(offsets, Table) and len(offsets.headers) == 6
    assert "Registry of CCER: 全国温室气体自愿减排注册登记系统." in offsets.note
