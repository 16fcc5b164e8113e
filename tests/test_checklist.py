"""The checklist: coverage of every requirement, its paths against the schema, the consumers that
derive from it (validate, the Word index, the mandatory concept list), the title rule, the four-pillar
gating, and the energy and financial figures the new items are met by."""

from __future__ import annotations

import re
import typing
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from disclosure import checklist, load, validate
from disclosure.checklist_doc import markdown
from disclosure.compute.energy import EnergyFigures
from disclosure.compute.finance import FinanceFigures
from disclosure.compute.quality import Quality
from disclosure.compute.results import Figures
from disclosure.model import Filing
from disclosure.taxonomy import definition
from disclosure.units import TCE_GJ
from disclosure.word import content, markup
from tests.conftest import BASE_FILING

SAMPLES = ["qinghai-aluminium", "central-soe-power", "szse-cement"]
LEGACY = ([f"RPT-{i:02d}" for i in range(1, 12)] + [f"GOV-{i:02d}" for i in range(1, 6)]
          + [f"STR-{i:02d}" for i in range(1, 9)] + ["IRO-01"] + [f"MT-{i:02d}" for i in range(1, 16)]
          + ["SOE-01", "SOE-02"])


# --- the data file --------------------------------------------------------------------------------

def test_docs_checklist_page_is_generated(request: pytest.FixtureRequest) -> None:
    page = Path(request.config.rootpath) / "docs" / "checklist.md"
    assert page.read_text(encoding="utf-8") == markdown(), "run: python -m disclosure.checklist_doc > docs/checklist.md"


def test_ids_are_unique_stable_and_well_formed() -> None:
    ids = [i.id for i in checklist.items()]
    assert len(ids) == len(set(ids))
    assert set(LEGACY) <= set(ids), "stable ids are never removed or renumbered"
    omission_pattern = Filing.model_fields["omissions"].annotation
    assert omission_pattern is not None
    for item_id in ids:
        assert re.fullmatch(r"(RPT|GOV|STR|IRO|MT|SOE|ENE|FIN|MEE)-[0-9]{2}", item_id), item_id


def test_every_requirement_is_met_or_out_of_scope_with_a_reason() -> None:
    """Coverage: each item is met by fields/figures/the report, or is out of scope with a reason; every
    reference names a known source, a reading status, and what was not found when it is NF."""
    srcs = checklist.sources()
    for it in checklist.items():
        assert it.refs, it.id
        assert it.met_paths or it.rendered or it.rule or it.out_of_scope, f"{it.id}: nothing meets it"
        if it.out_of_scope:
            assert len(it.out_of_scope) > 20 and not it.met_paths, it.id
        for r in it.refs:
            assert r.source in srcs, (it.id, r.source)
            assert r.status in ("V", "S", "NF"), (it.id, r.status)
            assert r.article or r.note, (it.id, r)
            if r.status == "NF":
                assert r.note or "未" in r.article, f"{it.id}: say what was not found"
        assert it.obligation, it.id
        for cls, level in it.obligation.items():
            assert cls in checklist.CLASSES and level in checklist.LEVELS, (it.id, cls, level)
        assert it.text["zh-CN"] and it.text["en"], it.id
        if it.rule:
            assert it.rule in checklist.RULES, it.id
    for key, s in srcs.items():
        assert s["read"] and s["short"]["zh-CN"] and s["short"]["en"], key


def test_sources_cover_the_issue_s_scope() -> None:
    cited: dict[str, set[str]] = {}
    for it in checklist.items():
        for r in it.refs:
            cited.setdefault(r.source, set()).add(r.article)
    exchange = " ".join(cited["exchange"])
    for article in ("第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第十四条", "第十五条", "第十六条",
                    "第二十二条", "第二十三条", "第二十四条", "第二十五条", "第二十六条", "第二十七条",
                    "第二十八条", "第三十五条"):
        assert article in exchange, article
    guide2 = " ".join(cited["guide2"])
    for n in range(1, 23):
        assert re.search(rf"准则披露要求{n}(\D|$)", guide2), n
    ifrs = " ".join(cited["ifrs-s2"])
    for para in ("6(a)", "10", "13", "14", "16", "22", "25", "29(a)", "29(b)", "29(c)", "29(d)", "29(e)", "29(f)",
                 "29(g)", "32", "33", "34", "35", "36"):
        assert para in ifrs, para
    assert {"guide1", "guide4", "mof-basic", "mof-climate", "mee", "sasac"} <= set(cited)


def test_sections_name_the_report_s_sections() -> None:
    for lang in ("zh-CN", "en"):
        texts = markup.texts(lang)
        for it in checklist.items():
            top, _, sub = it.section.partition(".")
            assert top in texts["sections"], it.id
            assert not sub or sub in texts["subsections"], it.id


def _unwrap(tp: Any) -> Any:
    """The model or dataclass a field holds (through Optional, list, dict values and Annotated)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (list, tuple):
        return _unwrap(typing.get_args(tp)[0])
    if origin is dict:
        return _unwrap(typing.get_args(tp)[1])
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else tp
    return tp


def _is_list(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union,) or str(origin) == "<class 'types.UnionType'>":
        return any(_is_list(a) for a in typing.get_args(tp))
    return origin in (list, tuple) or (origin is typing.Annotated and _is_list(typing.get_args(tp)[0]))


def _field_type(owner: Any, name: str) -> Any:
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        assert name in owner.model_fields, f"{owner.__name__} has no field {name}"
        return owner.model_fields[name].annotation
    assert is_dataclass(owner), owner
    names = {"EnergyFigures": EnergyFigures, "FinanceFigures": FinanceFigures, "Quality": Quality}
    hints = typing.get_type_hints(owner, localns=names)
    assert name in {f.name for f in fields(owner)} or name in dir(owner), f"{owner.__name__} has no field {name}"
    return hints.get(name, Any)


@pytest.mark.parametrize("it", checklist.items(), ids=lambda i: i.id)
def test_every_path_names_a_field_of_the_schema_or_the_figures(it: checklist.Item) -> None:
    for expr in (*it.met_paths, *it.applies_if):
        for alt in expr.split("|"):
            root, parts = checklist.parse(alt.lstrip("!"))
            owner: Any = Filing if root == "filing" else Figures
            for name, sel, key in parts:
                tp = _field_type(owner, name)
                if sel is not None:
                    assert _is_list(tp), f"{it.id}: {name} is not a list"
                owner = _unwrap(tp)
                if key is not None:
                    _field_type(owner, key[0])


def test_concepts_exist_in_the_taxonomy_and_proposed_ones_are_names() -> None:
    concepts = definition().concepts
    for it in checklist.items():
        for name in it.concepts:
            assert name in concepts, (it.id, name)
        assert set(it.mandatory_concepts) <= set(it.concepts), it.id
        for name in it.proposed:
            assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", name), (it.id, name)


# --- the mandatory concept list for the taxonomy, VR-RPT-001 and the checker --------------------------

def test_the_taxonomy_and_checker_list_is_the_checklist_s() -> None:
    """disclosure.taxonomy.obligations (read by VR-RPT-001, the checker, the reference linkbases and
    docs/filing-rules.md) is the checklist's mandatory concepts plus the filing's identity, nothing else."""
    from disclosure.taxonomy import obligations

    ours: dict[str, set[str]] = {}
    for item, names in checklist.mandatory_concepts("mandatory").items():
        for c in names:
            ours.setdefault(c, set()).add(item)
    theirs = {o.concept: o.item for o in obligations.mandatory_items("mandatory")}
    assert set(theirs) == set(ours) | set(obligations.IDENTITY)
    assert all(theirs[c] in items for c, items in ours.items())  # a concept two items require: the first
    assert all(theirs[c] == "" for c in obligations.IDENTITY)  # the filing's identity cannot be omitted
    # the concepts the issue found checked by formula or checker but not marked mandatory are all in
    assert {"EnergyConsumption", "TransitionPlanExplanatory", "Scope1GHGEmissions", "DocumentTitle"} <= set(theirs)
    # every concept an exchange-guideline item names gets an item and level in the taxonomy's references
    for it in checklist.items():
        if "mandatory" not in it.obligation or it.out_of_scope:
            continue
        for concept in it.concepts:
            assert obligations.obligation(concept) is not None, (it.id, concept)


def _variant(items: tuple[checklist.Item, ...]) -> tuple[checklist.Item, ...]:
    """The checklist with Scope 3 (MT-05) made required of mandatory disclosers and the reductions item
    (MT-10) made encouraged: what a regulator's change of the guideline would look like."""
    from dataclasses import replace as swap

    out = []
    for it in items:
        if it.id == "MT-05":
            it = swap(it, obligation={**it.obligation, "mandatory": "R"}, mandatory_concepts=("Scope3GHGEmissions",))
        elif it.id == "MT-10":
            it = swap(it, obligation={**it.obligation, "mandatory": "E"})
        out.append(it)
    return tuple(out)


def test_a_change_in_the_checklist_reaches_all_four_consumers(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    """Change one requirement in the checklist and every consumer follows: validate's checklist rule, the
    Word disclosure index, the taxonomy (VR-RPT-001 and the references' obligation levels) and the
    regulator checker's mandatory list. Nothing else holds a list of its own."""
    from disclosure.check import Limits, check_file
    from disclosure.taxonomy import obligations, package_bytes
    from disclosure.taxonomy.formula import formula_linkbase
    from tests.conformance.filings import mandatory

    filing = mandatory()
    filing.drop("GHGEmissionReductionsAchieved")
    path = tmp_path / "filing.xbrl"
    path.write_bytes(filing.xml())
    package = tmp_path / "cn-ghg.zip"
    package.write_bytes(package_bytes())

    def consumers() -> dict[str, Any]:
        obligations._checklist.cache_clear()
        obligations.obligations.cache_clear()
        outcome, issues = _validate(tmp_path, MANDATORY_BASE)
        assert outcome.filing is not None and outcome.figures is not None
        built = content.build(outcome.filing, outcome.figures, [], "zh-CN", markup.texts("zh-CN"), "t")
        index = built.tables["index"]
        levels = {key: row[2] for key, row in zip(index.keys, index.rows, strict=True)}
        linkbase = formula_linkbase(definition())
        names = linkbase.xpath("//*[@*[local-name()='label']='VR-RPT-001_names']/@select")[0]
        checked = {f.concept.split(":")[1] for f in check_file(path, package, Limits()).findings
                   if f.code == "check.mandatory-missing"}
        return {"validate": _missing(issues), "index": levels, "formula": names, "checker": checked,
                "reference": obligations.obligation("Scope3GHGEmissions")}

    before = consumers()
    changed = _variant(checklist.items())
    monkeypatch.setattr(checklist, "items", lambda: changed)
    after = consumers()
    monkeypatch.undo()
    obligations._checklist.cache_clear()
    obligations.obligations.cache_clear()

    required = markup.texts("zh-CN")["levels"]["R"]
    # validate: Scope 3 becomes a missing required item, the reductions item an encouraged one
    assert "MT-05" not in before["validate"] and after["validate"]["MT-05"] == "rule.checklist.missing"
    assert before["validate"]["MT-10"] == "rule.checklist.missing" and after["validate"].get("MT-10") != before[
        "validate"]["MT-10"]
    # the Word index prints the new obligation levels
    assert before["index"]["MT-05"] != required and after["index"]["MT-05"] == required
    assert before["index"]["MT-10"] == required and after["index"]["MT-10"] != required
    # the taxonomy: VR-RPT-001 tests Scope 3 and no longer the reductions; the references' level follows
    assert "'Scope3GHGEmissions|total'" not in before["formula"] and "'Scope3GHGEmissions|total'" in after["formula"]
    assert "GHGEmissionReductionsAchieved" in before["formula"] and "GHGEmissionReductionsAchieved" not in after[
        "formula"]
    assert before["reference"].level == "E" and after["reference"].level == "M"
    # the checker, on a filing without the reductions and without a Scope 3 total: before, the reductions
    # are missing; after, Scope 3 is
    assert before["checker"] == {"GHGEmissionReductionsAchieved"}
    assert after["checker"] == {"Scope3GHGEmissions"}


def test_mandatory_items_are_the_required_unconditional_items() -> None:
    ids = [i.id for i in checklist.mandatory_items("mandatory")]
    assert "MT-03" in ids and "MT-15" in ids and "ENE-03" in ids
    assert "MT-05" not in ids  # Scope 3 is encouraged under the exchange guideline
    assert "MT-12" not in ids  # conditional on taking part in the ETS
    assert "FIN-05" not in ids and "FIN-05" in [i.id for i in checklist.mandatory_items("ifrs")]
    refs = checklist.concept_references()
    assert {r.source for _, r in refs["Scope1GHGEmissions"]} >= {"exchange", "guide2", "ifrs-s2", "mof-climate"}


# --- consumers: validate and the Word index -------------------------------------------------------

def _validate(tmp_path: Path, text: str) -> tuple[Any, list[Any]]:
    path = tmp_path / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = validate(load(path))
    return outcome, list(outcome.report.issues)


def _missing(issues: list[Any]) -> dict[str, str]:
    return {i.context["item"]: i.code for i in issues if i.code.startswith("rule.checklist.missing")}


MANDATORY_BASE = BASE_FILING.replace("  ownership: private\n", "  indices: [SSE180]\n  ownership: private\n")


def test_validate_reports_exactly_the_missing_items_the_checklist_finds(tmp_path: Path) -> None:
    outcome, issues = _validate(tmp_path, MANDATORY_BASE)
    found = _missing(issues)
    expected = {i.id for i in checklist.items()
                if checklist.status(i, outcome.filing, outcome.figures) == "missing"}
    assert set(found) == expected
    assert {"GOV-01", "STR-05", "IRO-01", "MT-10", "ENE-05", "ENE-07", "RPT-16"} <= set(found)
    assert all(code == "rule.checklist.missing" for item, code in found.items()
               if checklist.obligation(checklist.item(item), outcome.filing) == "R")
    assert "MT-05" not in found  # encouraged only


def test_a_voluntary_discloser_gets_warnings(tmp_path: Path) -> None:
    _, issues = _validate(tmp_path, BASE_FILING)
    found = _missing(issues)
    assert found and set(found.values()) == {"rule.checklist.missing-voluntary"}


def test_an_explained_omission_is_not_missing(tmp_path: Path) -> None:
    text = MANDATORY_BASE + """omissions:
  - item: ENE-07
    reason: not-available
    explanation: {zh-CN: "节能目标正在制定，2026年发布。", en: "Energy targets are being set; published in 2026."}
    planned_year: 2026
"""
    _, issues = _validate(tmp_path, text)
    assert "ENE-07" not in _missing(issues)
    assert "ENE-05" in _missing(issues)


def test_removing_governance_shows_in_validate_and_the_index_alike(samples: Path, tmp_path: Path) -> None:
    """The same items are missing for validate and 'not disclosed' in the Word index (one checklist)."""
    text = (samples / "qinghai-aluminium" / "filing.yaml").read_text("utf-8")
    start = text.index("\ngovernance:")
    end = text.index("\nstrategy:")
    folder = tmp_path / "q"
    folder.mkdir()
    for side in (samples / "qinghai-aluminium").iterdir():
        if side.name != "filing.yaml":
            (folder / side.name).write_bytes(side.read_bytes())
    outcome, issues = _validate(folder, text[:start] + text[end:])
    found = set(_missing(issues))
    assert {"GOV-01", "GOV-02", "GOV-03", "GOV-04", "GOV-05", "GOV-06"} <= found
    assert outcome.filing is not None and outcome.figures is not None
    built = content.build(outcome.filing, outcome.figures, [], "zh-CN", markup.texts("zh-CN"), "t")
    index = built.tables["index"]
    rows = {key: row[3] for key, row in zip(index.keys, index.rows, strict=True)}
    not_disclosed = {k for k, v in rows.items() if v == markup.texts("zh-CN")["index_status"]["missing"]}
    assert not_disclosed == found


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_meet_every_required_item(samples: Path, name: str) -> None:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None
    assert not [i for i in outcome.report.issues if i.severity == "error"]
    states = {i.id: checklist.status(i, outcome.filing, outcome.figures) for i in checklist.items()}
    assert "missing" not in states.values()
    for item_id in ("ENE-01", "ENE-03", "ENE-05", "ENE-07", "ENE-08", "STR-11", "RPT-16", "MT-19"):
        assert states[item_id] == "met", (name, item_id)


def test_filer_classes_of_the_samples(samples: Path) -> None:
    def classes(name: str) -> frozenset[str]:
        outcome = validate(load(samples / name / "filing.yaml"))
        assert outcome.filing is not None
        return checklist.filer_classes(outcome.filing)

    assert classes("central-soe-power") == {"mandatory", "ifrs", "central-soe", "ets"}
    assert classes("qinghai-aluminium") == {"mandatory", "mof", "ifrs", "provincial-soe", "ets"}
    assert classes("szse-cement") == {"mandatory", "mof", "ets"}


def test_four_pillar_items_follow_the_climate_materiality_result(tmp_path: Path) -> None:
    """Art. 5: the four-pillar items apply to a topic that is financially material."""
    def with_result(financial: str) -> set[str]:
        text = MANDATORY_BASE.replace("  revenue: {value: 100000", f"""  double_materiality:
    process: {{zh-CN: "问卷与专家评分。", en: "Survey and expert scoring."}}
    thresholds: {{zh-CN: "3分以上为重要。", en: "3 or more is material."}}
    topics:
      - {{topic: climate-change, impact: true, financial: {financial}}}
  revenue: {{value: 100000""")
        return set(_missing(_validate(tmp_path, text)[1]))

    material, not_material = with_result("true"), with_result("false")
    assert {"GOV-01", "STR-02", "IRO-01", "MT-01"} <= material
    assert not {"GOV-01", "STR-02", "IRO-01", "MT-01"} & not_material
    assert "MT-03" not in not_material and "ENE-05" in not_material  # topic articles still apply


# --- the title rule (RPT-01, Guide No. 1 ch. 1 五) ----------------------------------------------------

@pytest.mark.parametrize(("title", "ok"), [
    ("测试股份有限公司2025年度可持续发展报告", True),
    ("测试股份有限公司2025年度环境、社会和公司治理报告", True),
    ("测试股份有限公司2025年度ESG报告", False),
    ("测试股份有限公司2025年度温室气体排放信息披露报告", False),
])
def test_title_rule_allows_only_the_guide_s_words(tmp_path: Path, title: str, ok: bool) -> None:
    _, issues = _validate(tmp_path, BASE_FILING.replace("测试股份有限公司2025年度可持续发展报告", title))
    assert ("rule.report.title" not in {i.code for i in issues}) is ok
    assert checklist.title_ok(title) is ok


def test_the_checklist_no_longer_cites_article_5_for_the_title() -> None:
    refs = checklist.item("RPT-01").refs
    assert [(r.source, r.article) for r in refs] == [("guide1", "第一章 五、报告名称和发布方式")]


# --- energy figures (Art. 35; Guide No. 4) -------------------------------------------------------------

ENERGY = """energy:
  additional:
    - {id: pv, type: electricity, name: {zh-CN: "屋顶光伏", en: "Rooftop PV"}, quantity: 100, unit: MWh,
       direct: true}
    - {id: steam, type: heat, name: {zh-CN: "外购蒸汽", en: "Steam"}, quantity: 50, unit: t, coefficient: 0.1286,
       coefficient_source: "supplier enthalpy"}
  clean:
    - {type: solar, channel: self-generated, energy_use: pv}
    - {type: natural-gas, channel: direct-use, sources: [F1/gas]}
  targets:
    - {id: E1, name: {zh-CN: "总量", en: "Total"}, kind: total, base_year: 2022, base_value: 1600,
       target_year: 2030, target_value: 1400}
    - {id: E2, name: {zh-CN: "清洁", en: "Clean"}, kind: clean-share, base_year: 2022, base_value: 50,
       target_year: 2030, target_value: 100}
  measures:
    - {name: {zh-CN: "电机", en: "Motors"}, savings_tce: 12, investment: {value: 35, unit: "10^4CNY"}}
    - {name: {zh-CN: "余热", en: "Waste heat"}, savings_tce: 30, expected: true,
       investment: {value: 1500000, unit: CNY}}
  limits:
    - {product: widget, indicator: {zh-CN: "单位产品电耗", en: "Power per unit"}, actual: 95, limit: 100,
       unit: kWh/t, standard: "TEST STANDARD grade 3"}
"""


def test_energy_figures_by_hand(tmp_path: Path) -> None:
    outcome, issues = _validate(tmp_path, BASE_FILING + ENERGY)
    assert not [i for i in issues if i.code.startswith(("rule.energy", "rule.units"))]
    e = outcome.figures.energy
    gas_gj = Decimal("100") * Decimal("389.31")            # 100 × 10^4 Nm3 at the default NCV
    grid_gj = Decimal("1000") * Decimal("3.6")             # 1,000 MWh at 3.6 GJ/MWh
    pv_gj = Decimal("100") * Decimal("3.6")
    steam_gj = Decimal("50") * Decimal("0.1286") * TCE_GJ  # 6.43 tce
    total_gj = gas_gj + grid_gj + pv_gj + steam_gj
    assert e.total_tce == total_gj / TCE_GJ
    assert e.direct_tce == (gas_gj + pv_gj) / TCE_GJ
    assert e.indirect_tce == (grid_gj + steam_gj) / TCE_GJ
    assert outcome.figures.energy_gj["heat"] == steam_gj  # additional energy is in the reported total
    assert e.intensity_revenue == e.total_tce / Decimal(100000)
    assert e.clean_tce == (gas_gj + pv_gj) / TCE_GJ
    assert e.clean_share_pct == (gas_gj + pv_gj) * 100 / total_gj
    e1, e2 = e.targets
    assert e1.progress_pct == (e.total_tce - 1600) * 100 / (1400 - 1600)
    assert e2.progress_pct == (e.clean_share_pct - 50) * 100 / 50
    assert e.savings_tce == 12 and e.savings_expected_tce == 30
    assert e.investment_10k_cny == 185
    assert e.limits[0].within is True
    trail = {t.id for t in outcome.figures.trail}
    assert {"group/energy_total_tce", "group/energy_intensity_revenue", "group/clean_energy_share",
            "energy/pv", "energy/steam"} <= trail


@pytest.mark.parametrize(("change", "code"), [
    (("coefficient: 0.1286,", ""), "rule.energy.coefficient-missing"),
    (("type: heat", "type: steam"), "rule.energy.unknown-type"),
    (("sources: [F1/gas]", "sources: [F1/oil]"), "rule.energy.clean-source-unknown"),
    (("kind: clean-share,", "kind: intensity-product, product: widget,"), "rule.energy.target-product"),
])
def test_energy_input_errors_are_coded(tmp_path: Path, change: tuple[str, str], code: str) -> None:
    _, issues = _validate(tmp_path, BASE_FILING + ENERGY.replace(*change))
    hits = [i for i in issues if i.code == code]
    assert hits and hits[0].location.line is not None


def test_word_shows_energy_tables_with_the_limit_beside_the_figure(tmp_path: Path) -> None:
    outcome, _ = _validate(tmp_path, BASE_FILING + ENERGY)
    built = content.build(outcome.filing, outcome.figures, [], "zh-CN", markup.texts("zh-CN"), "t")
    limit = built.tables["energy_limits"].rows[0]
    assert limit[2:4] == ("95 kWh/t", "100 kWh/t") and limit[5] == "是"
    clean = built.tables["clean_energy"].rows
    assert clean[-1][3] == f"{(outcome.figures.energy.clean_share_pct).quantize(Decimal('0.1'))}%"
    measures = built.tables["energy_measures"].rows
    assert measures[-1][1:] == ("12", "185")  # achieved savings only; investment of all measures


# --- financial effects, exposures, restatements ---------------------------------------------------------

FINANCE = """climate_metrics:
  total_assets: {value: 8, unit: "10^8CNY"}
  exposures:
    - {category: transition-risk, basis: assets, amount: {value: 2000, unit: "10^4CNY"},
       description: {zh-CN: "甲", en: "A"}}
    - {category: opportunity, basis: revenue, amount: {value: 5000, unit: "10^4CNY"}, percentage: 4,
       description: {zh-CN: "乙", en: "B"}}
  capital:
    - {purpose: mitigation, amount: {value: 300, unit: "10^4CNY"}, description: {zh-CN: "丙", en: "C"}}
  internal_carbon_price: {applied: true, price: 90, application: {zh-CN: "投资决策。", en: "Investment decisions."}}
  remuneration: {linked: true, share_pct: 6, description: {zh-CN: "考核。", en: "Appraisal."}}
"""
STRATEGY = """strategy:
  horizons: {zh-CN: "短中长期。", en: "Horizons."}
  impacts: {zh-CN: "影响。", en: "Impacts."}
  risks_opportunities:
    - id: R1
      kind: risk
      type: transition-policy
      horizon: short
      description: {zh-CN: "配额。", en: "Allowances."}
      response: {zh-CN: "减排。", en: "Reduce."}
      current_financial_effect: {zh-CN: "成本。", en: "Cost."}
      current_effect: {amount: {low: 100, high: 200, unit: "10^4CNY"}, next_year_material: true}
  decisions: {zh-CN: "决策。", en: "Decisions."}
  transition_plan:
    strategy_changes: {zh-CN: "调整。", en: "Changes."}
    measures: {zh-CN: "措施。", en: "Measures."}
    assumptions: {zh-CN: "假设。", en: "Assumptions."}
    resources: {zh-CN: "资源。", en: "Resources."}
    progress: {zh-CN: "进展。", en: "Progress."}
  resilience: {assessment: {zh-CN: "韧性。", en: "Resilience."}, scenario_analysis: false}
"""


def test_exposure_percentages_and_effect_ranges(tmp_path: Path) -> None:
    outcome, issues = _validate(tmp_path, BASE_FILING + FINANCE + STRATEGY)
    assert not [i for i in issues if i.code.startswith("rule.finance")]
    fin = outcome.figures.finance
    transition, opportunity = fin.exposures
    assert transition.percentage == Decimal(2000) * 100 / Decimal(80000) and transition.computed
    assert opportunity.percentage == 4 and not opportunity.computed  # the filer's own figure is kept
    assert fin.capital_10k == {"mitigation": 300}
    assert (fin.effects[0].low_10k, fin.effects[0].high_10k) == (100, 200)
    built = content.build(outcome.filing, outcome.figures, [], "en", markup.texts("en"), "t")
    assert built.tables["financial_effects"].rows[0][2] == "100–200"
    assert built.tables["exposures"].rows[0][3] == "2.5%"


@pytest.mark.parametrize(("effect", "code"), [
    ("{next_year_material: true}", "rule.finance.effect-empty"),
    ('{amount: {low: 300, high: 200, unit: "10^4CNY"}}', "rule.finance.range"),
    ('{amount: {value: 5, low: 1, high: 9, unit: "10^4CNY"}}', "rule.finance.range"),
    ('{amount: {low: 1, unit: "10^4CNY"}}', "rule.finance.range"),
])
def test_financial_effect_errors(tmp_path: Path, effect: str, code: str) -> None:
    text = STRATEGY.replace('{amount: {low: 100, high: 200, unit: "10^4CNY"}, next_year_material: true}', effect)
    _, issues = _validate(tmp_path, BASE_FILING + text)
    assert code in {i.code for i in issues}


def test_restatement_must_match_history_and_is_explained(tmp_path: Path) -> None:
    history = """history:
  - {year: 2024, scope1: 1000, scope2_location: 500, restated: true}
"""
    outcome, issues = _validate(tmp_path, MANDATORY_BASE + history)
    assert "RPT-13" in _missing(issues)
    good = history + """restatements:
  - {year: 2024, figure: scope1, previous: 1100, restated: 1000, reason: {zh-CN: "方法变化。", en: "Method change."}}
"""
    outcome, issues = _validate(tmp_path, MANDATORY_BASE + good)
    assert "RPT-13" not in _missing(issues)
    r = outcome.figures.finance.restatements[0]
    assert (r.change, r.change_pct) == (-100, Decimal(-100) * 100 / 1100)
    _, issues = _validate(tmp_path, MANDATORY_BASE + good.replace("restated: 1000,", "restated: 990,"))
    assert "rule.finance.restatement-mismatch" in {i.code for i in issues}


def test_checklist_yaml_parses_with_the_safe_loader() -> None:
    """The data file has no anchors the C loader and the pure-Python loader would read differently."""
    from disclosure.resources import data_file

    raw = yaml.safe_load(data_file("checklist.yaml").read_text("utf-8"))
    assert [i["id"] for i in raw["items"]] == [i.id for i in checklist.items()]
